// This file holds version matching: exact pins and semver ranges (`^`,
// `~`, `>=`, `1.x`, ...) resolved to the highest match.

package lock

import (
	"regexp"
	"strings"
	"sync"

	"github.com/Masterminds/semver/v3"
)

// tagRE is an OCI tag (distribution spec); exact versions that are not
// semver, such as "latest" or "stable", must at least be one.
var tagRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$`) })

// IsSemver reports whether v is a semantic version (a leading "v" allowed).
func IsSemver(v string) bool {
	_, err := semver.NewVersion(v)
	return err == nil
}

// ValidVersion reports whether v is acceptable as a declared version: a
// semver range or an exact tag.
func ValidVersion(v string) bool {
	if v == "" {
		return false
	}
	if _, err := semver.NewConstraint(v); err == nil {
		return true
	}
	return tagRE().MatchString(v)
}

// IsRange reports whether v is a range rather than one exact version, so
// `akua update` may move the pin.
func IsRange(v string) bool {
	if IsSemver(v) && !strings.ContainsAny(v, "xX*") {
		return false
	}
	_, err := semver.NewConstraint(v)
	return err == nil
}

// Match reports whether the concrete version got satisfies the declared
// version want: the same string, or a semver version inside the range.
func Match(want, got string) bool {
	if want == got {
		return true
	}
	c, err := semver.NewConstraint(want)
	if err != nil {
		return false
	}
	v, err := semver.NewVersion(got)
	if err != nil {
		return false
	}
	return c.Check(v)
}

// Highest returns the candidate that best satisfies want: a candidate
// equal to want, else the highest semver candidate inside the range
// (prereleases only when the range names one, as semver ranges do). Ties
// between spellings of one version ("v1.2.0", "1.2.0") go to the
// lexically smaller, so the choice never depends on input order.
func Highest(want string, candidates []string) (string, bool) {
	for _, c := range candidates {
		if c == want {
			return c, true
		}
	}
	con, err := semver.NewConstraint(want)
	if err != nil {
		return "", false
	}
	var best string
	var bestV *semver.Version
	for _, c := range candidates {
		v, err := semver.NewVersion(c)
		if err != nil || !con.Check(v) {
			continue
		}
		if bestV == nil || v.GreaterThan(bestV) || v.Equal(bestV) && c < best {
			best, bestV = c, v
		}
	}
	return best, bestV != nil
}
