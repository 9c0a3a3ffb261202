package kustomize

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl/diag"
)

// build runs Build on dir (slash-separated, relative to root).
func build(t testing.TB, root, dir string) ([][]byte, error) {
	t.Helper()
	return Build(context.Background(), Options{Root: root, Path: filepath.Join(root, filepath.FromSlash(dir))})
}

// mustBuild is build that fails the test on error.
func mustBuild(t testing.TB, root, dir string) [][]byte {
	t.Helper()
	docs, err := build(t, root, dir)
	if err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	return docs
}

// mustFail runs build, expects a diagnostic of code, and returns it.
func mustFail(t testing.TB, root, dir string, code diag.Code) *diag.Diagnostic {
	t.Helper()
	docs, err := build(t, root, dir)
	if err == nil {
		t.Fatalf("build %s: want %s, got %d documents", dir, code.ID, len(docs))
	}
	var d *diag.Diagnostic
	if !errors.As(err, &d) {
		t.Fatalf("build %s: error %T is not a *diag.Diagnostic: %v", dir, err, err)
	}
	if d.Code != code {
		t.Fatalf("build %s: code %s, want %s: %v", dir, d.Code.ID, code.ID, d)
	}
	if d.Suggestion == "" {
		t.Errorf("build %s: %s has no suggestion", dir, d.Code.ID)
	}
	if d.Message == "" || d.Message[:1] != strings.ToLower(d.Message[:1]) {
		t.Errorf("build %s: message should start lowercase: %q", dir, d.Message)
	}
	return d
}

// join is what `kustomize build` prints for docs.
func join(docs [][]byte) []byte {
	return bytes.Join(docs, []byte("---\n"))
}

// kinds lists "Kind/name" of each document, in order.
func kinds(docs [][]byte) []string {
	var out []string
	for _, d := range docs {
		var kind, name string
		for _, l := range strings.Split(string(d), "\n") {
			if v, ok := strings.CutPrefix(l, "kind: "); ok {
				kind = v
			}
			if v, ok := strings.CutPrefix(l, "  name: "); ok && name == "" {
				name = v
			}
		}
		out = append(out, kind+"/"+name)
	}
	return out
}

// examplesDir is the kustomize-hello example package.
func examplesDir(t testing.TB) string {
	t.Helper()
	root, err := pathguard.Root(filepath.Join("..", "..", "examples", "kustomize-hello"))
	if err != nil {
		t.Skipf("examples/kustomize-hello: %v", err)
	}
	return root
}

const cmYAML = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  a: "1"
`

const deployYAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`
