// This file holds what the render pipeline calls (SPEC §4 step 3): every
// declared dependency, resolved from akua.lock by digest only, verified,
// from .akua/vendor first, else the cache, else the network.

package resolve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
)

// A Dep is a locked dependency ready to use.
type Dep struct {
	Name     string
	Kind     lock.Kind // how it is declared: oci, git, path, repo
	Content  Content   // what it holds
	Dir      string    // the verified content directory (read only)
	Version  string
	Source   string
	Digest   string
	Vendored bool // Dir is under .akua/vendor
}

// Content says what a dependency directory holds, which decides how a
// package imports it (SPEC §3).
type Content string

// The kinds of dependency content.
const (
	ContentChart     Content = "chart"     // a Helm chart: import charts.<name>
	ContentAkua      Content = "akua"      // an akua package: import pkgs.<name>
	ContentKCL       Content = "kcl"       // a KCL package (kcl.mod): import <name>...
	ContentManifests Content = "manifests" // plain YAML: oci.fetch_manifests
)

// DetectContent tells what dir holds: a Chart.yaml makes a chart, an
// akua.toml or package.k an akua package, a kcl.mod a KCL package; the
// rest is plain manifests.
func DetectContent(dir string) Content {
	switch {
	case exists(filepath.Join(dir, "Chart.yaml")):
		return ContentChart
	case exists(filepath.Join(dir, lock.ManifestFile)), exists(filepath.Join(dir, "package.k")):
		return ContentAkua
	case exists(filepath.Join(dir, "kcl.mod")):
		return ContentKCL
	}
	return ContentManifests
}

// Locked returns the dependencies of the package in pkgDir by name, each
// verified against akua.lock. It never resolves a version: a dependency
// missing from the lock, a lock that no longer matches akua.toml, or an
// unparsable or absent lock while dependencies are declared are errors,
// never a silent pass. A package without akua.toml has no dependencies.
//
// Each dependency comes from .akua/vendor/<name> when the vendor
// manifest pins the same digest and the tree verifies, else the cache,
// else (unless opts.Offline) the network, by digest.
func Locked(ctx context.Context, pkgDir string, opts Options) (map[string]Dep, error) {
	if _, err := os.Stat(filepath.Join(pkgDir, lock.ManifestFile)); errors.Is(err, fs.ErrNotExist) {
		return map[string]Dep{}, nil
	}
	p, err := Load(pkgDir)
	if err != nil {
		return nil, err
	}
	return p.Locked(ctx, opts)
}

// Locked is the package-level Locked for an already loaded project.
func (p *Project) Locked(ctx context.Context, opts Options) (map[string]Dep, error) {
	out := map[string]Dep{}
	if len(p.Manifest.Dependencies) == 0 {
		return out, nil
	}
	if p.Lock == nil {
		return nil, registry.Errorf(registry.CodeLockAbsent, "akua.toml declares dependencies but %s does not exist",
			filepath.Join(p.Dir, lock.LockFile)).WithHelp("run 'akua lock' and commit akua.lock")
	}
	if err := p.checkLock(); err != nil {
		return nil, err
	}
	so, err := opts.sources(p.Dir)
	if err != nil {
		return nil, err
	}
	vendor, _ := ReadVendorManifest(p.Dir)
	for _, d := range p.Manifest.Dependencies {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, _ := p.Lock.Entry(d.Name)
		dep := Dep{Name: d.Name, Kind: d.Kind(), Version: e.Version, Source: e.Source, Digest: e.Digest}
		if dir, ok := vendor.verified(p.Dir, e); ok {
			dep.Dir, dep.Vendored = dir, true
		} else {
			s, fe, err := entrySource(e, so)
			if err != nil {
				return nil, err
			}
			if dep.Dir, err = s.Fetch(ctx, fe); err != nil {
				return nil, withDep(d.Name, err)
			}
		}
		dep.Content = DetectContent(dep.Dir)
		out[d.Name] = dep
	}
	return out, nil
}

// checkLock reports the first declared dependency the lock does not
// satisfy.
func (p *Project) checkLock() error {
	for _, d := range p.Manifest.Dependencies {
		e, ok := p.Lock.Entry(d.Name)
		if !ok {
			return registry.Errorf(registry.CodeLockStale, "dependency %q is declared in akua.toml but not locked", d.Name).
				WithHelp("run 'akua lock'")
		}
		if why := lock.Stale(d, e); why != "" {
			return registry.Errorf(registry.CodeLockStale, "akua.lock is out of date for %q: %s", d.Name, why).
				WithHelp("run 'akua lock'")
		}
	}
	return nil
}
