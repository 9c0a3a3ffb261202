package render

import (
	"akua.dev/akua/internal/testfs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func listDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

func res(files ...string) []Resource {
	var rs []Resource
	for _, f := range files {
		rs = append(rs, Resource{File: f, YAML: []byte("kind: " + f + "\n")})
	}
	return rs
}

func TestWriteReplacesOwnFilesOnly(t *testing.T) {
	out := filepath.Join(t.TempDir(), "deploy")
	if _, err := Write(out, res("000-a-x.yaml", "001-b-y.yaml")); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, out); got != ".akua-rendered 000-a-x.yaml 001-b-y.yaml" {
		t.Fatalf("first write: %s", got)
	}
	// A second render that no longer produces 001 removes it.
	st, err := Write(out, res("000-a-x.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, out); got != ".akua-rendered 000-a-x.yaml" || strings.Join(st.Removed, ",") != "001-b-y.yaml" {
		t.Fatalf("second write: %s removed %v", got, st.Removed)
	}
	// Files akua did not write survive, even ones shaped like its own.
	for _, f := range []string{"README.md", "005-keep-me.yaml"} {
		if err := os.WriteFile(filepath.Join(out, f), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Write(out, res("000-c-z.yaml")); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, out); got != ".akua-rendered 000-c-z.yaml 005-keep-me.yaml README.md" {
		t.Fatalf("with foreign files: %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "README.md")); string(b) != "mine" {
		t.Error("foreign file changed")
	}
	// No temp directories are left beside the output.
	if got := listDir(t, filepath.Dir(out)); got != "deploy" {
		t.Errorf("parent holds %s", got)
	}
}

func TestWriteManifestCannotEscape(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "deploy")
	victim := filepath.Join(base, "victim.txt")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, ManifestFile), []byte("../victim.txt\n/etc/passwd\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(out, res("000-a-x.yaml")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(victim); err != nil {
		t.Errorf("a tampered manifest deleted a file outside the output: %v", err)
	}
}

func TestFailedRenderLeavesOutputIntact(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": basicPkg,
		"inputs.yaml": "appName: a\nrouting:\n  hostname: h\n"})
	r, err := renderDir(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "deploy")
	if _, err := Write(out, r.Resources); err != nil {
		t.Fatal(err)
	}
	before := listDir(t, out)
	if _, err := renderDir(t, dir, Options{Set: []string{"replicas=many"}}); err == nil {
		t.Fatal("bad input rendered")
	}
	if after := listDir(t, out); after != before {
		t.Errorf("output changed by a failed render: %s -> %s", before, after)
	}
}
