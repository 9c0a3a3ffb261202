package resolve

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func testOpts(t *testing.T) Options {
	c, err := registry.OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return Options{Cache: c}
}

func lockProject(t *testing.T, dir string, opts Options) *Project {
	t.Helper()
	p, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Lock(context.Background(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := lock.WriteLock(dir, l); err != nil {
		t.Fatal(err)
	}
	p.Lock = l
	return p
}

// A replaced dependency uses the local directory and never contacts its
// upstream (here an unreachable registry).
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"akua.toml":         "[package]\nname = \"app\"\n[dependencies.k8s]\noci = \"oci://127.0.0.1:1/k8s\"\nversion = \"^1.31\"\nreplace = { path = \"local/k8s\" }\n",
		"local/k8s/kcl.mod": "[package]\nname = \"k8s\"\n",
	})
	opts := testOpts(t)
	p := lockProject(t, dir, opts)
	e, _ := p.Lock.Entry("k8s")
	if e.Replaced != "path+local/k8s" || e.Source != "oci://127.0.0.1:1/k8s" || e.Version != "^1.31" {
		t.Fatalf("entry %+v", e)
	}
	opts.Offline = true
	deps, err := Locked(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if d := deps["k8s"]; d.Dir != filepath.Join(dir, "local", "k8s") || d.Content != ContentKCL {
		t.Errorf("dep %+v", d)
	}
	// Editing the replacement without relocking is caught.
	write(t, dir, map[string]string{"local/k8s/extra.k": "x = 1\n"})
	if _, err := Locked(context.Background(), dir, opts); registry.CodeOf(err) != registry.CodeDigestMismatch {
		t.Errorf("changed replacement: %v", err)
	}
}

// Tree descends into dependencies that are akua packages, using their
// own lock, and reports a lock that no longer matches akua.toml.
func TestTreeAndStaleLock(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"app/akua.toml":    "[package]\nname = \"app\"\nversion = \"1.0.0\"\n[dependencies]\nmid = { path = \"../mid\" }\n",
		"mid/akua.toml":    "[package]\nname = \"mid\"\nversion = \"0.2.0\"\n[dependencies]\nleaf = { path = \"../leaf\" }\n",
		"mid/package.k":    "resources = []\n",
		"leaf/Chart.yaml":  "name: leaf\nversion: 3.0.0\n",
		"leaf/values.yaml": "x: 1\n",
	})
	opts := testOpts(t)
	lockProject(t, filepath.Join(root, "mid"), opts)
	p := lockProject(t, filepath.Join(root, "app"), opts)
	n, err := Tree(context.Background(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n.Print(&b)
	want := "app 1.0.0\n└── mid 0.2.0 (path+../mid) akua\n    └── leaf 3.0.0 (path+../leaf) chart\n"
	if b.String() != want {
		t.Errorf("tree:\n%s\nwant:\n%s", b.String(), want)
	}

	// Declaring a dependency without locking it: render refuses.
	write(t, filepath.Join(root, "app"), map[string]string{
		"akua.toml": "[package]\nname = \"app\"\n[dependencies]\nmid = { path = \"../mid\" }\nleaf = { path = \"../leaf\" }\n",
	})
	_, err = Locked(context.Background(), filepath.Join(root, "app"), opts)
	if registry.CodeOf(err) != registry.CodeLockStale || !strings.Contains(err.Error(), "leaf") {
		t.Errorf("unlocked dependency: %v", err)
	}
	p, _ = Load(filepath.Join(root, "app"))
	r, err := Verify(context.Background(), p, opts)
	if err != nil || r.OK || len(r.Problems) != 1 || r.Problems[0].Code != registry.CodeLockStale {
		t.Errorf("verify: %+v %v", r, err)
	}
}

func TestDiff(t *testing.T) {
	d := "sha256:" + strings.Repeat("a", 64)
	old := &lock.Lock{Packages: []lock.Entry{{Name: "a", Version: "1", Source: "path+a", Digest: d}, {Name: "b", Source: "path+b", Digest: d}}}
	new := &lock.Lock{Packages: []lock.Entry{{Name: "a", Version: "2", Source: "path+a", Digest: d}, {Name: "c", Source: "path+c", Digest: d}}}
	var got []string
	for _, c := range Diff(old, new) {
		got = append(got, c.String())
	}
	want := "~ a 1 -> 2|- b|+ c (path+c)"
	if strings.Join(got, "|") != want {
		t.Errorf("Diff = %q, want %q", strings.Join(got, "|"), want)
	}
	if len(Diff(new, new)) != 0 {
		t.Error("a lock differs from itself")
	}
}
