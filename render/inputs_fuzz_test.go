package render

import (
	"os"
	"path/filepath"
	"testing"

	"akua.dev/akua/kcl/eval"
)

// FuzzInputs feeds arbitrary inputs files and --set strings to the
// inputs reader: it may refuse them, never panic, and what it accepts
// converts to KCL values (the form render passes as the input option).
func FuzzInputs(f *testing.F) {
	f.Add([]byte("appName: demo\nrouting:\n  hostname: a.example.com\n"), "replicas=3")
	f.Add([]byte(`{"a": [1, 2, {"b": null}]}`), `labels.app\.kubernetes\.io/name=web`)
	f.Add([]byte("a: &x {b: 1}\nc: *x\n<<: *x\n"), "flow=[a, {b: c}]")
	f.Add([]byte("- 1\n"), "=")
	f.Add([]byte("a: !!binary aGVsbG8=\nb: 2001-12-14\n"), "a.b.c=")
	f.Fuzz(func(t *testing.T, data []byte, set string) {
		dir := t.TempDir()
		p := filepath.Join(dir, "in.yaml")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		m, _, err := LoadInputs(dir, []string{p}, []string{set})
		if err != nil {
			return
		}
		if _, err := eval.FromGo(m); err != nil {
			t.Fatalf("accepted inputs do not convert: %v", err)
		}
	})
}
