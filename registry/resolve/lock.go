// This file computes akua.lock from akua.toml (`akua lock`, `akua
// update`) and the difference between two locks (`akua lock --check`).

package resolve

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/source"
)

// Lock returns the lock akua.toml needs now. Like Cargo, it moves as
// little as it can: an entry that still satisfies its declaration is
// kept as it is, so locking an unchanged tree changes nothing. New and
// changed declarations are resolved, entries nobody declares are
// dropped, and path (and replaced) dependencies are re-digested, since
// their content is local and may have changed.
func Lock(ctx context.Context, p *Project, opts Options) (*lock.Lock, error) {
	return relock(ctx, p, opts, func(string) bool { return false })
}

// Update re-resolves the named dependencies (every one when names is
// empty) to the newest versions their declarations allow, and locks the
// rest as Lock does. Naming an undeclared dependency is an error.
func Update(ctx context.Context, p *Project, names []string, opts Options) (*lock.Lock, error) {
	want := map[string]bool{}
	for _, n := range names {
		if _, ok := p.Manifest.Dependency(n); !ok {
			return nil, registry.Errorf(registry.CodeNotFound, "akua.toml declares no dependency %q", n)
		}
		want[n] = true
	}
	return relock(ctx, p, opts, func(n string) bool { return len(names) == 0 || want[n] })
}

func relock(ctx context.Context, p *Project, opts Options, refresh func(string) bool) (*lock.Lock, error) {
	so, err := opts.sources(p.Dir)
	if err != nil {
		return nil, err
	}
	out := &lock.Lock{Version: lock.FormatVersion}
	for _, d := range p.Manifest.Dependencies {
		old, locked := p.Lock.Entry(d.Name)
		if locked && !refresh(d.Name) && lock.Stale(d, old) == "" && d.Kind() != lock.KindPath && d.Replace == "" {
			old.Pos = lock.Entry{}.Pos
			out.Set(old)
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, err := resolveDep(ctx, d, so)
		if err != nil {
			return nil, err
		}
		out.Set(e)
	}
	return out, nil
}

// resolveDep pins one declaration.
func resolveDep(ctx context.Context, d lock.Dependency, so source.Options) (lock.Entry, error) {
	if d.Replace != "" {
		// The replacement is what gets used; the upstream is recorded as
		// declared and not contacted (it may not be published yet).
		e, err := source.For(lock.KindPath, so).Resolve(ctx, lock.Dependency{Name: d.Name, Path: d.Replace})
		if err != nil {
			return e, err
		}
		return lock.Entry{Name: d.Name, Version: d.Constraint(), Source: lock.SourceOf(d).String(),
			Digest: e.Digest, Replaced: e.Source}, nil
	}
	e, err := source.For(d.Kind(), so).Resolve(ctx, d)
	return e, withDep(d.Name, err)
}

// withDep prefixes err's message with the dependency it is about.
func withDep(name string, err error) error {
	var re *registry.Error
	if errors.As(err, &re) {
		c := *re
		c.Msg = fmt.Sprintf("dependency %q: %s", name, re.Msg)
		return &c
	}
	if err != nil {
		return fmt.Errorf("dependency %q: %w", name, err)
	}
	return nil
}

// A Change is one difference between two locks.
type Change struct {
	Name string     `json:"name"`
	Kind string     `json:"change"` // "added", "removed" or "changed"
	Old  *EntryJSON `json:"old,omitempty"`
	New  *EntryJSON `json:"new,omitempty"`
}

// EntryJSON is a lock entry in --json output.
type EntryJSON struct {
	Name         string   `json:"name"`
	Version      string   `json:"version,omitempty"`
	Source       string   `json:"source"`
	Digest       string   `json:"digest"`
	Signature    string   `json:"signature,omitempty"`
	Dependencies []string `json:"dependencies,omitempty"`
	Attestation  string   `json:"attestation,omitempty"`
	Replaced     string   `json:"replaced,omitempty"`
}

// JSON returns e for --json output.
func JSON(e lock.Entry) *EntryJSON {
	return &EntryJSON{Name: e.Name, Version: e.Version, Source: e.Source, Digest: e.Digest,
		Signature: e.Signature, Dependencies: e.Dependencies, Attestation: e.Attestation, Replaced: e.Replaced}
}

// Diff returns what changes from old (nil for no lock) to new, by name.
func Diff(old, new *lock.Lock) []Change {
	var out []Change
	seen := map[string]bool{}
	if old != nil {
		for _, o := range old.Packages {
			seen[o.Name] = true
			n, ok := new.Entry(o.Name)
			switch {
			case !ok:
				out = append(out, Change{Name: o.Name, Kind: "removed", Old: JSON(o)})
			case string(one(o)) != string(one(n)):
				out = append(out, Change{Name: o.Name, Kind: "changed", Old: JSON(o), New: JSON(n)})
			}
		}
	}
	for _, n := range new.Packages {
		if !seen[n.Name] {
			out = append(out, Change{Name: n.Name, Kind: "added", New: JSON(n)})
		}
	}
	sortChanges(out)
	return out
}

// one returns the canonical text of a single entry, to compare entries.
func one(e lock.Entry) []byte {
	e.Pos = lock.Entry{}.Pos
	return (&lock.Lock{Packages: []lock.Entry{e}}).Format()
}

func sortChanges(c []Change) {
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j].Name < c[j-1].Name; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
}

// String describes a change in one line, for text output.
func (c Change) String() string {
	switch c.Kind {
	case "added":
		return strings.Join(strings.Fields(fmt.Sprintf("+ %s %s (%s)", c.Name, c.New.Version, c.New.Source)), " ")
	case "removed":
		return strings.TrimSpace(fmt.Sprintf("- %s %s", c.Name, c.Old.Version))
	}
	s := fmt.Sprintf("~ %s", c.Name)
	if c.Old.Version != c.New.Version {
		s += fmt.Sprintf(" %s -> %s", c.Old.Version, c.New.Version)
	}
	if c.Old.Source != c.New.Source {
		s += fmt.Sprintf(" source %s -> %s", c.Old.Source, c.New.Source)
	}
	if c.Old.Digest != c.New.Digest {
		s += fmt.Sprintf(" digest %s -> %s", short(c.Old.Digest), short(c.New.Digest))
	}
	return s
}

func short(d string) string {
	if len(d) > 19 {
		return d[:19]
	}
	return d
}
