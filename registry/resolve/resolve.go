// Package resolve is the dependency workflow of a package: it turns
// akua.toml into akua.lock (Lock, Update), checks the two against each
// other and against the content (Verify), hands the render pipeline the
// verified directory of every locked dependency (Locked), copies them
// for air-gapped renders (Vendor) and shows the graph (Tree).
//
// It is the library under `akua add/remove/lock/update/verify/tree/
// vendor`; the sources it drives live in registry/source.
package resolve

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/source"
)

// Options configure resolution. The zero value uses the default cache,
// the network, and no progress output.
type Options struct {
	Offline    bool            // no network: everything must be cached, vendored or local
	Cache      *registry.Cache // nil opens CacheDir
	CacheDir   string          // "" means registry.DefaultCacheDir
	Progress   registry.Progress
	HTTPClient *http.Client // for Helm repositories
	OCI        *oci.Client  // nil means a default client (docker config.json credentials)
	Limits     registry.Limits
}

// sources returns the source options for a package in dir.
func (o Options) sources(dir string) (source.Options, error) {
	c := o.Cache
	if c == nil {
		var err error
		if c, err = registry.OpenCache(o.CacheDir); err != nil {
			return source.Options{}, err
		}
	}
	return source.Options{PkgDir: dir, Cache: c, Offline: o.Offline, Progress: o.Progress,
		HTTPClient: o.HTTPClient, OCI: o.OCI, Limits: o.Limits}, nil
}

// A Project is a package directory with its two dependency files.
type Project struct {
	Dir      string
	Manifest *lock.Manifest
	Lock     *lock.Lock // nil when akua.lock does not exist
}

// Load reads dir/akua.toml (required) and dir/akua.lock (optional).
// Either file failing to parse is an error (a diag.List with positions).
func Load(dir string) (*Project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	m, err := lock.LoadManifest(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, registry.Errorf(registry.CodeNotFound, "%s has no akua.toml", dir).
				WithHelp("run 'akua init' to create a package, or pass the package directory")
		}
		return nil, err
	}
	p := &Project{Dir: abs, Manifest: m}
	l, err := lock.LoadLock(dir)
	switch {
	case err == nil:
		p.Lock = l
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	return p, nil
}

// entrySource returns the source and entry that fetch e: a replaced
// dependency is fetched from its replacement directory.
func entrySource(e lock.Entry, so source.Options) (source.Source, lock.Entry, error) {
	if e.Replaced != "" {
		return source.For(lock.KindPath, so), lock.Entry{Name: e.Name, Source: e.Replaced, Digest: e.Digest}, nil
	}
	s, err := source.ForEntry(e, so)
	return s, e, err
}

// exists reports whether name exists.
func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
