// This file holds the source strings of akua.lock and the check that a
// lock entry still satisfies its akua.toml declaration.

package lock

import (
	"fmt"
	"path"
	"strings"
)

// A Source is a parsed akua.lock source string. The forms, modelled on
// Cargo.lock's, are:
//
//	oci://host/repo                     OCI
//	git+<url>#<commit>                  git (the commit is the pin)
//	path+<dir>                          path, relative to the package, with /
//	repo+<url>?chart=<chart>            classic Helm repository
type Source struct {
	Kind   Kind
	URL    string // OCI reference, git URL or Helm repository URL
	Path   string // path deps
	Chart  string // Helm deps
	Commit string // git deps: the full commit hash ("" in a declaration)
}

// String returns the source string.
func (s Source) String() string {
	switch s.Kind {
	case KindOCI:
		return s.URL
	case KindGit:
		if s.Commit != "" {
			return "git+" + s.URL + "#" + s.Commit
		}
		return "git+" + s.URL
	case KindHelm:
		return "repo+" + s.URL + "?chart=" + s.Chart
	}
	return "path+" + s.Path
}

// SourceOf returns the source d declares, without a git commit.
func SourceOf(d Dependency) Source {
	switch d.Kind() {
	case KindOCI:
		return Source{Kind: KindOCI, URL: d.OCI}
	case KindGit:
		return Source{Kind: KindGit, URL: d.Git}
	case KindHelm:
		return Source{Kind: KindHelm, URL: strings.TrimSuffix(d.Repo, "/"), Chart: d.Chart}
	}
	return Source{Kind: KindPath, Path: CleanPath(d.Path)}
}

// CleanPath cleans a relative path and writes it with /.
func CleanPath(p string) string {
	return path.Clean(strings.ReplaceAll(p, `\`, "/"))
}

// ParseSource parses an akua.lock source string.
func ParseSource(s string) (Source, error) {
	switch {
	case strings.HasPrefix(s, "oci://"):
		if err := checkOCIRef(s); err != "" {
			return Source{}, fmt.Errorf("%s", err)
		}
		return Source{Kind: KindOCI, URL: s}, nil
	case strings.HasPrefix(s, "git+"):
		url, commit, _ := strings.Cut(strings.TrimPrefix(s, "git+"), "#")
		if url == "" {
			return Source{}, fmt.Errorf("git source %q has no URL", s)
		}
		if commit != "" && !isHex(commit) {
			return Source{}, fmt.Errorf("git source %q: %q is not a commit hash", s, commit)
		}
		return Source{Kind: KindGit, URL: url, Commit: commit}, nil
	case strings.HasPrefix(s, "path+"):
		p := strings.TrimPrefix(s, "path+")
		if p == "" {
			return Source{}, fmt.Errorf("path source %q has no path", s)
		}
		return Source{Kind: KindPath, Path: p}, nil
	case strings.HasPrefix(s, "repo+"):
		rest := strings.TrimPrefix(s, "repo+")
		i := strings.LastIndex(rest, "?chart=")
		if i <= 0 || i+len("?chart=") == len(rest) {
			return Source{}, fmt.Errorf("helm repository source %q must end in ?chart=<name>", s)
		}
		return Source{Kind: KindHelm, URL: rest[:i], Chart: rest[i+len("?chart="):]}, nil
	}
	return Source{}, fmt.Errorf("unknown source %q (want oci://, git+, path+ or repo+)", s)
}

func isHex(s string) bool {
	if len(s) < 7 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Stale returns why e no longer satisfies d, or "" when it does: the
// source moved, the locked version is outside the declared range, or the
// replace directive changed. Content (digests) is not checked here.
func Stale(d Dependency, e Entry) string {
	want := SourceOf(d)
	got, err := ParseSource(e.Source)
	if err != nil {
		return err.Error()
	}
	commit := got.Commit
	got.Commit = ""
	if got != want {
		return fmt.Sprintf("source changed from %s to %s", got, want)
	}
	if d.Kind() == KindGit && commit == "" {
		return "the git source has no commit"
	}
	replaced := ""
	if d.Replace != "" {
		replaced = "path+" + CleanPath(d.Replace)
	}
	if e.Replaced != replaced {
		switch {
		case replaced == "":
			return "replace was removed"
		case e.Replaced == "":
			return "replace was added"
		}
		return fmt.Sprintf("replace changed from %s to %s", e.Replaced, replaced)
	}
	switch {
	case d.Kind() == KindPath:
		return ""
	case d.Replace != "" || d.Rev != "":
		// Replaced deps record the declared version as written, and a rev
		// is pinned as written: both must be unchanged.
		if e.Version != d.Constraint() {
			return fmt.Sprintf("version changed from %s to %s", e.Version, d.Constraint())
		}
	case !Match(d.Constraint(), e.Version):
		return fmt.Sprintf("locked version %s does not satisfy %s", e.Version, d.Constraint())
	}
	return ""
}
