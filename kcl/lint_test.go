package kcl

import (
	"os"
	"path/filepath"
	"testing"

	"akua.dev/akua/kcl/diag"
)

// TestLintTypes checks that Lint runs the static type checker, file by
// file, without reporting names another file of the package may define.
func TestLintTypes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	a := write("a.k", "schema P:\n    n: int\n")
	b := write("b.k", "p = P {n = 1}\nq: str = other\nr: int = \"x\"\n")
	l := Lint([]string{a, b}, nil)
	if len(l) != 1 || l[0].Code != diag.TypeError || l[0].Pos.Line != 3 || l[0].Message != "expected int, got str" {
		t.Errorf("lint = %v", l)
	}
}
