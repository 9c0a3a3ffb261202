// This file holds path dependencies: a directory next to the package,
// pinned by its tree digest and used in place.

package source

import (
	"context"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
)

// Path is the source of path dependencies. Their content is not copied
// into the cache: the directory is used where it is, after its digest is
// checked against the lock.
type Path struct{ opts Options }

// dir returns the absolute directory of a path relative to the package.
func (p *Path) dir(rel string) (string, error) {
	dir := filepath.Join(p.opts.PkgDir, filepath.FromSlash(rel))
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return "", registry.Errorf(registry.CodeNotFound, "path dependency %s is not a directory", rel).
			WithHelp("paths are relative to the package directory (%s)", p.opts.PkgDir)
	}
	return dir, nil
}

// Resolve pins the directory d.Path by its tree digest; the version is
// what the directory says about itself (akua.toml or Chart.yaml), if
// anything.
func (p *Path) Resolve(ctx context.Context, d lock.Dependency) (lock.Entry, error) {
	src := lock.SourceOf(d)
	dir, err := p.dir(src.Path)
	if err != nil {
		return lock.Entry{}, err
	}
	digest, err := registry.DirDigest(dir)
	if err != nil {
		return lock.Entry{}, err
	}
	return lock.Entry{Name: d.Name, Version: LocalVersion(dir), Source: src.String(), Digest: digest}, nil
}

// Fetch returns the directory e names once its digest matches the lock.
func (p *Path) Fetch(ctx context.Context, e lock.Entry) (string, error) {
	src, err := lock.ParseSource(e.Source)
	if err != nil {
		return "", err
	}
	dir, err := p.dir(src.Path)
	if err != nil {
		return "", err
	}
	digest, err := registry.DirDigest(dir)
	if err != nil {
		return "", err
	}
	if digest != e.Digest {
		return "", registry.Errorf(registry.CodeDigestMismatch, "the content of %s changed since it was locked (%s, locked %s)", src.Path, digest, e.Digest).
			WithHelp("run 'akua lock' to pin the new content")
	}
	return dir, nil
}

// LocalVersion returns the version a dependency directory declares: its
// akua.toml [package] version, else its Chart.yaml version, else "".
func LocalVersion(dir string) string {
	if m, err := lock.LoadManifest(dir); err == nil && m.Package.Version != "" {
		return m.Package.Version
	}
	data, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return ""
	}
	var chart struct {
		Version string `yaml:"version"`
	}
	if yaml.Unmarshal(data, &chart) != nil {
		return ""
	}
	return chart.Version
}
