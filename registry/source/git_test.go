package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/source/sourcetest"
)

func TestGitTagsAndRevs(t *testing.T) {
	g := sourcetest.NewGitRepo(t)
	g.Commit(map[string]string{"main.k": "a = 1\n"}, "v1.0.0")
	c12 := g.Commit(map[string]string{"main.k": "a = 2\n"}, "v1.2.0")
	c13 := g.Commit(map[string]string{"main.k": "a = 3\n", "lib/x.k": "x = 1\n"}, "v1.3.0", "v1.3.0-extra")
	g.Commit(map[string]string{"main.k": "a = 4\n"}, "v2.0.0")
	head := g.Commit(map[string]string{"main.k": "a = 5\n"})

	opts := testOptions(t)
	src := For(lock.KindGit, opts)
	ctx := context.Background()
	tests := []struct {
		d       lock.Dependency
		version string
		commit  string
		main    string
	}{
		{lock.Dependency{Name: "lib", Git: g.URL, Tag: "^1.2.0"}, "v1.3.0", c13, "a = 3\n"},
		{lock.Dependency{Name: "lib", Git: g.URL, Tag: "v1.2.0"}, "v1.2.0", c12, "a = 2\n"},
		{lock.Dependency{Name: "lib", Git: g.URL, Rev: c12[:10]}, c12[:10], c12, "a = 2\n"},
		{lock.Dependency{Name: "lib", Git: g.URL, Rev: "master"}, "master", head, "a = 5\n"},
	}
	for _, tc := range tests {
		e, err := src.Resolve(ctx, tc.d)
		if err != nil {
			t.Fatalf("%+v: %v", tc.d, err)
		}
		if e.Version != tc.version || e.Source != "git+"+g.URL+"#"+tc.commit {
			t.Errorf("%+v: entry %+v", tc.d, e)
		}
		dir, err := src.Fetch(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		if data, _ := os.ReadFile(filepath.Join(dir, "main.k")); string(data) != tc.main {
			t.Errorf("%+v: main.k = %q", tc.d, data)
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			t.Error(".git was copied")
		}
		// The digest is the tree digest of exactly the checked-out files.
		if got, _ := registry.DirDigest(dir); got != e.Digest {
			t.Errorf("tree digest %s != locked %s", got, e.Digest)
		}
	}
	if _, err := src.Resolve(ctx, lock.Dependency{Name: "lib", Git: g.URL, Tag: "^3"}); registry.CodeOf(err) != registry.CodeNoMatch {
		t.Errorf("^3: %v", err)
	}
	if _, err := src.Resolve(ctx, lock.Dependency{Name: "lib", Git: g.URL, Rev: "nope"}); registry.CodeOf(err) != registry.CodeNotFound {
		t.Errorf("rev nope: %v", err)
	}
}

func TestGitDigestMismatch(t *testing.T) {
	g := sourcetest.NewGitRepo(t)
	g.Commit(map[string]string{"main.k": "a = 1\n"}, "v1.0.0")
	opts := testOptions(t)
	ctx := context.Background()
	e, err := For(lock.KindGit, opts).Resolve(ctx, lock.Dependency{Name: "lib", Git: g.URL, Tag: "v1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	// A lock edited by hand: another digest for the same commit.
	e.Digest = "sha256:" + strings.Repeat("0", 64)
	if _, err := For(lock.KindGit, testOptions(t)).Fetch(ctx, e); registry.CodeOf(err) != registry.CodeDigestMismatch {
		t.Fatalf("edited digest: %v", err)
	}
	// A symlink committed to the repository is refused.
	g.Commit(map[string]string{"link": "symlink:/etc/passwd"}, "v1.1.0")
	_, err = For(lock.KindGit, opts).Resolve(ctx, lock.Dependency{Name: "lib", Git: g.URL, Tag: "v1.1.0"})
	if registry.CodeOf(err) != registry.CodeSymlink {
		t.Fatalf("symlink: %v", err)
	}
}

func TestGitRemoteOffline(t *testing.T) {
	opts := testOptions(t)
	opts.Offline = true
	_, err := For(lock.KindGit, opts).Resolve(context.Background(), lock.Dependency{Name: "x", Git: "https://example.invalid/x.git", Tag: "v1"})
	if registry.CodeOf(err) != registry.CodeOffline {
		t.Fatalf("err = %v", err)
	}
}

func TestPath(t *testing.T) {
	opts := testOptions(t)
	dir := filepath.Join(opts.PkgDir, "vendor", "lib")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "Chart.yaml"), []byte("name: lib\nversion: 0.3.0\n"), 0o644)
	src := For(lock.KindPath, opts)
	ctx := context.Background()
	e, err := src.Resolve(ctx, lock.Dependency{Name: "lib", Path: "./vendor/lib/"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Source != "path+vendor/lib" || e.Version != "0.3.0" {
		t.Errorf("entry %+v", e)
	}
	if got, err := src.Fetch(ctx, e); err != nil || got != dir {
		t.Errorf("Fetch = %s, %v", got, err)
	}
	os.WriteFile(filepath.Join(dir, "values.yaml"), []byte("x: 1\n"), 0o644)
	if _, err := src.Fetch(ctx, e); registry.CodeOf(err) != registry.CodeDigestMismatch {
		t.Errorf("changed path dep: %v", err)
	}
	os.Symlink("../../..", filepath.Join(dir, "escape"))
	if _, err := src.Resolve(ctx, lock.Dependency{Name: "lib", Path: "vendor/lib"}); registry.CodeOf(err) != registry.CodeSymlink {
		t.Errorf("symlink: %v", err)
	}
	if _, err := src.Resolve(ctx, lock.Dependency{Name: "x", Path: "nope"}); registry.CodeOf(err) != registry.CodeNotFound {
		t.Errorf("missing: %v", err)
	}
}
