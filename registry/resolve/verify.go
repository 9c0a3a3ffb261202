// This file holds `akua verify`: akua.toml and akua.lock agree, and the
// content of every locked dependency still has its pinned digest.

package resolve

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
)

// CodeUnsigned is the problem of an OCI dependency without a verified
// signature in a package that sets strict_signing.
const CodeUnsigned = "E_UNSIGNED"

// A Report is the outcome of Verify.
type Report struct {
	OK       bool      `json:"ok"`
	Checked  []Checked `json:"checked"`
	Problems []Problem `json:"problems"`
}

// Checked is one dependency whose content was verified.
type Checked struct {
	Name   string `json:"name"`
	Digest string `json:"digest"`
	From   string `json:"from"` // "vendor", "cache", "registry" or "path"
}

// A Problem is one thing Verify found wrong.
type Problem struct {
	Name    string `json:"name,omitempty"` // the dependency, "" for the whole lock
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Verify checks that every declared dependency is locked and satisfied
// by its entry, that no entry is an orphan, that every entry's content
// (vendored copy, cache, registry by digest, or path directory) hashes
// to its digest, and, under strict_signing, that OCI entries carry a
// verified signature. Problems are reported, not returned as the error;
// the error is for failures to check at all.
func Verify(ctx context.Context, p *Project, opts Options) (*Report, error) {
	r := &Report{Checked: []Checked{}, Problems: []Problem{}}
	add := func(name, code, format string, args ...any) {
		r.Problems = append(r.Problems, Problem{Name: name, Code: code, Message: fmt.Sprintf(format, args...)})
	}
	if p.Lock == nil {
		if len(p.Manifest.Dependencies) > 0 {
			add("", registry.CodeLockAbsent, "akua.toml declares dependencies but %s does not exist", filepath.Join(p.Dir, lock.LockFile))
		}
		r.OK = len(r.Problems) == 0
		return r, nil
	}
	so, err := opts.sources(p.Dir)
	if err != nil {
		return nil, err
	}
	vendor, _ := ReadVendorManifest(p.Dir)
	for _, d := range p.Manifest.Dependencies {
		e, ok := p.Lock.Entry(d.Name)
		if !ok {
			add(d.Name, registry.CodeLockStale, "declared in akua.toml but not locked")
			continue
		}
		if why := lock.Stale(d, e); why != "" {
			add(d.Name, registry.CodeLockStale, "%s", why)
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		from := "path"
		if _, ok := vendor.verified(p.Dir, e); ok {
			from = "vendor"
		} else {
			s, fe, err := entrySource(e, so)
			if err == nil {
				if d.Kind() != lock.KindPath && d.Replace == "" {
					from = "cache"
					if _, err := so.Cache.Tree(e.Digest); err != nil {
						from = "registry"
					}
				}
				_, err = s.Fetch(ctx, fe)
			}
			if err != nil {
				var re *registry.Error
				if !errors.As(err, &re) {
					return nil, err
				}
				add(d.Name, re.Code, "%s", re.Error())
				continue
			}
		}
		r.Checked = append(r.Checked, Checked{Name: d.Name, Digest: e.Digest, From: from})
		if p.Manifest.Package.StrictSigning && d.Kind() == lock.KindOCI && d.Replace == "" && e.Signature == "" {
			add(d.Name, CodeUnsigned, "strict_signing is on but akua.lock records no verified signature for it")
		}
	}
	for _, e := range p.Lock.Packages {
		if _, ok := p.Manifest.Dependency(e.Name); !ok {
			add(e.Name, registry.CodeLockStale, "locked but not declared in akua.toml (an orphan)")
		}
		for _, dep := range e.Dependencies {
			if _, ok := p.Lock.Entry(dep); !ok {
				add(e.Name, registry.CodeLockStale, "needs %q, which is not locked", dep)
			}
		}
	}
	r.OK = len(r.Problems) == 0
	return r, nil
}
