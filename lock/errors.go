// This file holds the diagnostic codes of akua.toml and akua.lock and the
// error list the parsers collect.

package lock

import (
	"fmt"
	"sort"
	"strings"

	"akua.dev/akua/kcl/diag"
)

// Codes of akua.toml (manifest) diagnostics. They are stable: tools match
// on them in --json output.
var (
	ManifestParse   = diag.Code{ID: "E_MANIFEST_PARSE", Title: "ManifestSyntaxError"}    // not valid TOML
	ManifestKey     = diag.Code{ID: "E_MANIFEST_KEY", Title: "UnknownKey"}               // unknown or misplaced key
	ManifestType    = diag.Code{ID: "E_MANIFEST_TYPE", Title: "TypeError"}               // a value of the wrong TOML type
	ManifestValue   = diag.Code{ID: "E_MANIFEST_VALUE", Title: "InvalidValue"}           // right type, invalid value
	ManifestSource  = diag.Code{ID: "E_MANIFEST_SOURCE", Title: "DependencySourceError"} // zero or several sources
	ManifestMissing = diag.Code{ID: "E_MANIFEST_MISSING", Title: "MissingKey"}           // a required key is absent
)

// Codes of akua.lock diagnostics.
var (
	LockParse     = diag.Code{ID: "E_LOCK_PARSE", Title: "LockSyntaxError"}
	LockKey       = diag.Code{ID: "E_LOCK_KEY", Title: "UnknownKey"}
	LockType      = diag.Code{ID: "E_LOCK_TYPE", Title: "TypeError"}
	LockValue     = diag.Code{ID: "E_LOCK_VALUE", Title: "InvalidValue"}
	LockMissing   = diag.Code{ID: "E_LOCK_MISSING", Title: "MissingKey"}
	LockVersion   = diag.Code{ID: "E_LOCK_VERSION", Title: "UnsupportedLockVersion"}
	LockDuplicate = diag.Code{ID: "E_LOCK_DUPLICATE", Title: "DuplicateEntry"}
)

// maxErrors bounds the diagnostics one file reports, as go/parser does:
// past ten, more errors rarely help.
const maxErrors = 10

// errorList collects positioned diagnostics for one file.
type errorList struct {
	file string
	l    diag.List
}

func (e *errorList) add(code diag.Code, pos diag.Pos, suggestion, format string, args ...any) {
	if len(e.l) >= maxErrors {
		return
	}
	if pos.File == "" {
		pos.File = e.file
	}
	d := diag.New(code, pos, format, args...)
	d.Suggestion = suggestion
	e.l = append(e.l, d)
}

// err returns the collected diagnostics sorted by position, dropping a
// second error on a line that already has one (the first is the cause).
func (e *errorList) err() error {
	if len(e.l) == 0 {
		return nil
	}
	sort.SliceStable(e.l, func(i, j int) bool {
		a, b := e.l[i].Pos, e.l[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	out := e.l[:0]
	for i, d := range e.l {
		if i > 0 && d.Pos.Line > 0 && d.Pos.Line == e.l[i-1].Pos.Line && d.Code == e.l[i-1].Code {
			continue
		}
		out = append(out, d)
	}
	return out
}

// didYouMean returns a "did you mean ..." suggestion naming the known
// word closest to got, or "" when none is close.
func didYouMean(got string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(got), k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return fmt.Sprintf("known keys: %s", strings.Join(known, ", "))
	}
	return fmt.Sprintf("did you mean %q?", best)
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
