package artifact

// This file holds the checks a package must pass before it is
// published: what is published must be exactly what its lock says, and
// usable by someone who has only the artifact.

import (
	"errors"
	"fmt"
	"strings"

	"akua.dev/akua/lock"
)

// Errors of the publish checks; each is wrapped with the details.
var (
	// ErrReplace: a dependency has a replace directive, which points at
	// a directory on the publisher's machine.
	ErrReplace = errors.New("replace directives cannot be published")
	// ErrDirtyLock: akua.lock is missing or does not match akua.toml.
	ErrDirtyLock = errors.New("akua.lock is not up to date with akua.toml")
	// ErrOutsidePath: a path dependency points outside the package, so
	// it would not be in the published archive.
	ErrOutsidePath = errors.New("path dependency outside the package")
)

// CheckPublishable reports why the package (manifest m, lock l, l nil
// when there is no akua.lock) cannot be published, or nil:
//   - a replace directive, in akua.toml or in force in the lock;
//   - a path dependency leaving the package directory;
//   - a lock that is missing while dependencies are declared, lacks a
//     declared dependency, pins one that no longer satisfies its
//     declaration, or holds entries nothing needs (what `akua lock
//     --check` reports; content digests are `akua verify`'s job).
func CheckPublishable(m *lock.Manifest, l *lock.Lock) error {
	var problems []string
	for _, d := range m.Dependencies {
		if d.Replace != "" {
			return fmt.Errorf("%w: dependency %q is replaced by %s; remove the replace directive and run `akua lock`", ErrReplace, d.Name, d.Replace)
		}
		if d.Kind() == lock.KindPath {
			if p := lock.CleanPath(d.Path); p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
				return fmt.Errorf("%w: dependency %q is %s; publish it separately and depend on it by oci", ErrOutsidePath, d.Name, d.Path)
			}
		}
	}
	if len(m.Dependencies) == 0 && (l == nil || len(l.Packages) == 0) {
		return nil
	}
	if l == nil {
		return fmt.Errorf("%w: akua.lock is missing; run `akua lock`", ErrDirtyLock)
	}
	for _, e := range l.Packages {
		if e.Replaced != "" {
			return fmt.Errorf("%w: lock entry %q is replaced (%s); remove the replace directive and run `akua lock`", ErrReplace, e.Name, e.Replaced)
		}
	}
	needed := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		if needed[name] {
			return
		}
		needed[name] = true
		if e, ok := l.Entry(name); ok {
			for _, dep := range e.Dependencies {
				visit(dep)
			}
		}
	}
	for _, d := range m.Dependencies {
		e, ok := l.Entry(d.Name)
		if !ok {
			problems = append(problems, fmt.Sprintf("%q is not locked", d.Name))
			continue
		}
		if why := lock.Stale(d, e); why != "" {
			problems = append(problems, fmt.Sprintf("%q: %s", d.Name, why))
		}
		visit(d.Name)
	}
	for _, e := range l.Packages {
		if !needed[e.Name] {
			problems = append(problems, fmt.Sprintf("%q is locked but not needed", e.Name))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s; run `akua lock`", ErrDirtyLock, strings.Join(problems, "; "))
	}
	return nil
}
