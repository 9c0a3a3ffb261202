// This file holds the dependency cache: content-addressed, verified on
// every read, and safe for concurrent writers.
//
// Layout under the cache directory:
//
//	blobs/sha256/<hex>          fetched bytes (chart .tgz, OCI layers)
//	trees/sha256-<hex>/         an unpacked dependency, keyed by its lock digest
//	    tree/                   the content
//	    tree.digest             TreeDigest of tree/ when it was written
//	    info.json               source and version, for `akua cache list`
//	tmp/                        work in progress, renamed into place
//
// A tree directory appears by one rename of a complete directory, so a
// reader sees all of it or none; two processes filling the same entry
// both succeed and one copy wins.

package registry

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A Cache is the on-disk dependency cache.
type Cache struct {
	dir string
}

// DefaultCacheDir returns $AKUA_CACHE_DIR, else $XDG_CACHE_HOME/akua,
// else the OS user cache directory + /akua.
func DefaultCacheDir() (string, error) {
	if d := os.Getenv("AKUA_CACHE_DIR"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "akua"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", Wrap(CodeIO, err, "finding the cache directory").WithHelp("set AKUA_CACHE_DIR")
	}
	return filepath.Join(d, "akua"), nil
}

// OpenCache returns the cache in dir ("" means DefaultCacheDir). The
// directory is created on first write.
func OpenCache(dir string) (*Cache, error) {
	if dir == "" {
		var err error
		if dir, err = DefaultCacheDir(); err != nil {
			return nil, err
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, Wrap(CodeIO, err, "cache directory %s", dir)
	}
	return &Cache{dir: abs}, nil
}

// Dir returns the cache directory.
func (c *Cache) Dir() string { return c.dir }

func hexOf(digest string) (string, bool) {
	h, ok := strings.CutPrefix(digest, "sha256:")
	if !ok || len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
		return "", false
	}
	return h, true
}

func badDigest(d string) error {
	return Errorf(CodeDigestMismatch, "%q is not a sha256 digest", d)
}

func (c *Cache) blobPath(digest string) string {
	h, _ := hexOf(digest)
	return filepath.Join(c.dir, "blobs", "sha256", h)
}

func (c *Cache) tmpDir() (string, error) {
	d := filepath.Join(c.dir, "tmp")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", Wrap(CodeIO, err, "creating the cache directory")
	}
	return d, nil
}

// Blob returns the path of the cached blob with digest, after checking
// its content still hashes to it. A blob that does not is removed and
// reported as CodeCacheCorrupt; an absent one as fs.ErrNotExist.
func (c *Cache) Blob(digest string) (string, error) {
	if _, ok := hexOf(digest); !ok {
		return "", badDigest(digest)
	}
	p := c.blobPath(digest)
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	d := NewDigester()
	_, err = io.Copy(d, f)
	f.Close()
	if err != nil {
		return "", Wrap(CodeIO, err, "reading %s", p)
	}
	if d.Digest() != digest {
		os.Remove(p)
		return "", Errorf(CodeCacheCorrupt, "the cached blob %s is corrupt (its content hashes to %s); it was removed", digest, d.Digest())
	}
	return p, nil
}

// PutBlob stores what r yields and returns its digest and path. When want
// is not "" the content must hash to it (CodeDigestMismatch otherwise,
// and nothing is stored).
func (c *Cache) PutBlob(want string, r io.Reader) (digest, path string, err error) {
	tmpd, err := c.tmpDir()
	if err != nil {
		return "", "", err
	}
	f, err := os.CreateTemp(tmpd, "blob-*")
	if err != nil {
		return "", "", Wrap(CodeIO, err, "writing the cache")
	}
	defer func() {
		f.Close()
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	d := NewDigester()
	if _, err = io.Copy(io.MultiWriter(f, d), r); err != nil {
		if CodeOf(err) == "" {
			err = Wrap(CodeFetch, err, "downloading")
		}
		return "", "", err
	}
	digest = d.Digest()
	if want != "" && digest != want {
		return "", "", Errorf(CodeDigestMismatch, "content hashes to %s, but %s was expected", digest, want)
	}
	if err = f.Close(); err != nil {
		return "", "", Wrap(CodeIO, err, "writing the cache")
	}
	path = c.blobPath(digest)
	if err = os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", "", Wrap(CodeIO, err, "writing the cache")
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return "", "", Wrap(CodeIO, err, "writing the cache")
	}
	return digest, path, nil
}

// TreeInfo describes a cached tree for `akua cache list`.
type TreeInfo struct {
	Source  string `json:"source"`
	Version string `json:"version,omitempty"`
}

func (c *Cache) treeEntry(key string) string {
	h, _ := hexOf(key)
	return filepath.Join(c.dir, "trees", "sha256-"+h)
}

// Tree returns the content directory of the tree cached under key (a
// lock digest) after re-hashing it: a tree whose content no longer
// matches what was written is removed and reported as CodeCacheCorrupt,
// an absent one as fs.ErrNotExist.
func (c *Cache) Tree(key string) (string, error) {
	if _, ok := hexOf(key); !ok {
		return "", badDigest(key)
	}
	entry := c.treeEntry(key)
	want, err := os.ReadFile(filepath.Join(entry, "tree.digest"))
	if err != nil {
		return "", err
	}
	dir := filepath.Join(entry, "tree")
	got, err := DirDigest(dir)
	if err != nil || got != strings.TrimSpace(string(want)) {
		os.RemoveAll(entry)
		return "", Errorf(CodeCacheCorrupt, "the cached dependency %s was modified; it was removed", key)
	}
	return dir, nil
}

// PutTree fills a new tree for key with fill (which receives a directory
// that does not exist yet, as Untar wants) and moves it into the cache.
// It returns the content directory and its TreeDigest.
func (c *Cache) PutTree(key string, info TreeInfo, fill func(dir string) error) (dir, treeDigest string, err error) {
	if _, ok := hexOf(key); !ok {
		return "", "", badDigest(key)
	}
	tmpd, err := c.tmpDir()
	if err != nil {
		return "", "", err
	}
	work, err := os.MkdirTemp(tmpd, "tree-*")
	if err != nil {
		return "", "", Wrap(CodeIO, err, "writing the cache")
	}
	defer os.RemoveAll(work)
	if err := fill(filepath.Join(work, "tree")); err != nil {
		return "", "", err
	}
	treeDigest, err = DirDigest(filepath.Join(work, "tree"))
	if err != nil {
		return "", "", err
	}
	meta, _ := json.Marshal(info)
	if err := os.WriteFile(filepath.Join(work, "info.json"), append(meta, '\n'), 0o644); err != nil {
		return "", "", Wrap(CodeIO, err, "writing the cache")
	}
	if err := os.WriteFile(filepath.Join(work, "tree.digest"), []byte(treeDigest+"\n"), 0o644); err != nil {
		return "", "", Wrap(CodeIO, err, "writing the cache")
	}
	entry := c.treeEntry(key)
	if err := os.MkdirAll(filepath.Dir(entry), 0o755); err != nil {
		return "", "", Wrap(CodeIO, err, "writing the cache")
	}
	if err := os.Rename(work, entry); err != nil {
		// Another writer won the race (or a corrupt entry is in the
		// way): use what is there if it verifies.
		if d, terr := c.Tree(key); terr == nil {
			return d, treeDigest, nil
		}
		if err := os.Rename(work, entry); err != nil {
			return "", "", Wrap(CodeIO, err, "writing the cache")
		}
	}
	return filepath.Join(entry, "tree"), treeDigest, nil
}

// A CacheEntry is one item of the cache, for `akua cache list`.
type CacheEntry struct {
	Kind    string `json:"kind"` // "tree" or "blob"
	Digest  string `json:"digest"`
	Source  string `json:"source,omitempty"`
	Version string `json:"version,omitempty"`
	Size    int64  `json:"size"`
	Path    string `json:"path"`
}

// List returns the cache's entries, trees first, each sorted by digest.
func (c *Cache) List() ([]CacheEntry, error) {
	var out []CacheEntry
	trees, err := os.ReadDir(filepath.Join(c.dir, "trees"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, Wrap(CodeIO, err, "reading the cache")
	}
	for _, t := range trees {
		h, ok := strings.CutPrefix(t.Name(), "sha256-")
		if !ok || !t.IsDir() {
			continue
		}
		p := filepath.Join(c.dir, "trees", t.Name())
		e := CacheEntry{Kind: "tree", Digest: "sha256:" + h, Path: filepath.Join(p, "tree"), Size: dirSize(p)}
		var info TreeInfo
		if data, err := os.ReadFile(filepath.Join(p, "info.json")); err == nil && json.Unmarshal(data, &info) == nil {
			e.Source, e.Version = info.Source, info.Version
		}
		out = append(out, e)
	}
	blobs, err := os.ReadDir(filepath.Join(c.dir, "blobs", "sha256"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, Wrap(CodeIO, err, "reading the cache")
	}
	for _, b := range blobs {
		if info, err := b.Info(); err == nil && info.Mode().IsRegular() {
			out = append(out, CacheEntry{Kind: "blob", Digest: "sha256:" + b.Name(), Size: info.Size(),
				Path: filepath.Join(c.dir, "blobs", "sha256", b.Name())})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind == "tree"
		}
		return out[i].Digest < out[j].Digest
	})
	return out, nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// Clear removes everything in the cache.
func (c *Cache) Clear() error {
	for _, sub := range []string{"trees", "blobs", "tmp"} {
		if err := os.RemoveAll(filepath.Join(c.dir, sub)); err != nil {
			return Wrap(CodeIO, err, "clearing the cache")
		}
	}
	return nil
}
