package registry

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv("AKUA_CACHE_DIR", "/x/akua-cache")
	t.Setenv("XDG_CACHE_HOME", "/y")
	if d, _ := DefaultCacheDir(); d != "/x/akua-cache" {
		t.Errorf("with AKUA_CACHE_DIR: %s", d)
	}
	t.Setenv("AKUA_CACHE_DIR", "")
	if d, _ := DefaultCacheDir(); d != filepath.Join("/y", "akua") {
		t.Errorf("with XDG_CACHE_HOME: %s", d)
	}
}

func TestCacheBlob(t *testing.T) {
	c, _ := OpenCache(t.TempDir())
	data := []byte("chart bytes")
	want := SHA256(data)
	if _, _, err := c.PutBlob(SHA256([]byte("other")), bytes.NewReader(data)); CodeOf(err) != CodeDigestMismatch {
		t.Fatalf("PutBlob with a wrong digest: %v", err)
	}
	if _, err := c.Blob(want); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a refused blob was stored: %v", err)
	}
	got, p, err := c.PutBlob(want, bytes.NewReader(data))
	if err != nil || got != want {
		t.Fatal(got, err)
	}
	if q, err := c.Blob(want); err != nil || q != p {
		t.Fatal(q, err)
	}
	// Corrupt it: the next read notices and removes it.
	os.WriteFile(p, []byte("tampered"), 0o644)
	if _, err := c.Blob(want); CodeOf(err) != CodeCacheCorrupt {
		t.Fatalf("corrupt blob: %v", err)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Error("corrupt blob not removed")
	}
}

func TestCacheTree(t *testing.T) {
	c, _ := OpenCache(t.TempDir())
	key := SHA256([]byte("key"))
	fill := func(dir string) error {
		os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
		return os.WriteFile(filepath.Join(dir, "sub", "f.txt"), []byte("hello"), 0o644)
	}
	// Concurrent writers of the same entry all succeed with one result.
	var wg sync.WaitGroup
	dirs := make([]string, 8)
	errs := make([]error, 8)
	for i := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dirs[i], _, errs[i] = c.PutTree(key, TreeInfo{Source: "path+x"}, fill)
		}()
	}
	wg.Wait()
	for i := range dirs {
		if errs[i] != nil || dirs[i] != dirs[0] {
			t.Fatalf("writer %d: %s, %v", i, dirs[i], errs[i])
		}
	}
	dir, err := c.Tree(key)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := c.List()
	if len(list) != 1 || list[0].Source != "path+x" || list[0].Kind != "tree" {
		t.Errorf("List = %+v", list)
	}
	leftovers, _ := os.ReadDir(filepath.Join(c.Dir(), "tmp"))
	if len(leftovers) != 0 {
		t.Errorf("tmp not cleaned: %v", leftovers)
	}
	os.WriteFile(filepath.Join(dir, "sub", "f.txt"), []byte("HELLO"), 0o644)
	if _, err := c.Tree(key); CodeOf(err) != CodeCacheCorrupt {
		t.Fatalf("tampered tree: %v", err)
	}
	if _, err := c.Tree(key); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("tampered tree not removed: %v", err)
	}
	if err := c.Clear(); err != nil {
		t.Fatal(err)
	}
}

func TestDirDigest(t *testing.T) {
	mk := func(files map[string]string) string {
		dir := t.TempDir()
		for name, body := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(body), 0o644)
		}
		return dir
	}
	a := mk(map[string]string{"a": "x", "b/c": "y", ".git/HEAD": "ref", "b/.git/x": "1"})
	b := mk(map[string]string{"b/c": "y", "a": "x"})
	da, err := DirDigest(a)
	if err != nil {
		t.Fatal(err)
	}
	if db, _ := DirDigest(b); db != da {
		t.Errorf("digest depends on .git or creation order: %s vs %s", da, db)
	}
	// Content moving between files must change the digest.
	c := mk(map[string]string{"a": "x\x00b/c\x001\x00y"})
	if dc, _ := DirDigest(c); dc == da {
		t.Error("collision")
	}
	if !strings.HasPrefix(da, "sha256:") || len(da) != 71 {
		t.Errorf("digest %q", da)
	}
	os.Symlink("/etc/passwd", filepath.Join(a, "link"))
	if _, err := DirDigest(a); CodeOf(err) != CodeSymlink {
		t.Errorf("symlink: %v", err)
	}
}
