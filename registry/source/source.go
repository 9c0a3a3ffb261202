// Package source resolves and fetches dependencies of each kind akua.toml
// declares (SPEC §6): path directories, git repositories (go-git, never a
// git binary), classic Helm repositories (index.yaml + .tgz) and OCI
// artifacts (Helm charts, kpm KCL packages, akua packages, manifest
// bundles, through registry/oci).
//
// Every source does two things: Resolve picks a concrete version for a
// declaration and pins it by digest (a lock.Entry), and Fetch returns a
// directory holding exactly what an entry pins, from the cache when it
// is there and verifies, else from the network unless Options.Offline.
package source

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/oci"
)

// Options configure the sources. PkgDir and Cache are required; the zero
// value of the rest is the default.
type Options struct {
	PkgDir     string          // the package directory: path deps and local git URLs are relative to it
	Cache      *registry.Cache // where fetched content lives
	Offline    bool            // no network: content must be cached (or local)
	Progress   registry.Progress
	HTTPClient *http.Client    // Helm repositories; nil means http.DefaultClient
	OCI        *oci.Client     // nil means oci.New with default options
	Limits     registry.Limits // caps for unpacking fetched archives
}

// A Source resolves and fetches one kind of dependency.
type Source interface {
	// Resolve chooses the version d asks for (the highest match of a
	// range) and returns its lock entry: name, version, source, digest.
	// The content is left in the cache, so a Fetch that follows is local.
	Resolve(ctx context.Context, d lock.Dependency) (lock.Entry, error)
	// Fetch returns the directory holding the content e pins, verified
	// against e.Digest.
	Fetch(ctx context.Context, e lock.Entry) (string, error)
}

// For returns the source of a kind of dependency.
func For(kind lock.Kind, opts Options) Source {
	switch kind {
	case lock.KindOCI:
		return &OCI{opts}
	case lock.KindGit:
		return &Git{opts}
	case lock.KindHelm:
		return &Helm{opts}
	}
	return &Path{opts}
}

// ForEntry returns the source that fetches e, from its source string.
func ForEntry(e lock.Entry, opts Options) (Source, error) {
	src, err := lock.ParseSource(e.Source)
	if err != nil {
		return nil, registry.Wrap(registry.CodeLockStale, err, "akua.lock entry %q", e.Name)
	}
	return For(src.Kind, opts), nil
}

// offline is the error for content that is neither cached nor local.
func offline(name, what string) error {
	return registry.Errorf(registry.CodeOffline, "%s is not in the cache and --offline forbids fetching %s", name, what).
		WithHelp("run once without --offline (or 'akua vendor') to fill the cache")
}

// fromCache returns the cached tree for digest. ok is false when it must
// be fetched (absent, or corrupt and removed); a corrupt entry under
// --offline is an error, since it cannot be fetched again.
func fromCache(c *registry.Cache, digest string, offlineMode bool) (dir string, ok bool, err error) {
	dir, err = c.Tree(digest)
	switch {
	case err == nil:
		return dir, true, nil
	case registry.CodeOf(err) == registry.CodeCacheCorrupt && !offlineMode:
		return "", false, nil // refetch
	case os.IsNotExist(err):
		return "", false, nil
	}
	return "", false, err
}

// flatten moves the content of dir's only entry up when that entry is a
// directory: archives often wrap their files in one top-level folder.
func flatten(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 || !entries[0].IsDir() {
		return err
	}
	tmp := dir + ".flatten"
	if err := os.Rename(filepath.Join(dir, entries[0].Name()), tmp); err != nil {
		return err
	}
	if err := os.Remove(dir); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

func httpClient(o Options) *http.Client {
	if o.HTTPClient != nil {
		return o.HTTPClient
	}
	return http.DefaultClient
}

func label(e lock.Entry) string {
	if e.Version != "" {
		return fmt.Sprintf("%s %s", e.Name, e.Version)
	}
	return e.Name
}
