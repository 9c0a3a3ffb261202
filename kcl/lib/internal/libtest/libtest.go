// Package libtest runs KCL snippets for the tests of the system modules.
package libtest

import (
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
)

// Eval evaluates src as the file main.k in dir on th and returns its
// globals by name.
func Eval(th *eval.Thread, dir, src string) (map[string]eval.Value, error) {
	f, err := syntax.ParseFile(filepath.Join(dir, "main.k"), []byte(src))
	if err != nil {
		return nil, err
	}
	out, err := eval.EvalFiles(th, []*syntax.File{f})
	if err != nil {
		return nil, err
	}
	m := map[string]eval.Value{}
	for _, g := range out.Globals {
		m[g.Name] = g.Value
	}
	return m, nil
}

// A Case is a KCL expression that must evaluate to True, or fail with
// an error containing Err.
type Case struct {
	Expr string
	Err  string
}

// Check evaluates each case after the given import lines on a thread
// that newThread makes (nil: a plain one).
func Check(t *testing.T, imports string, cases []Case, newThread func() *eval.Thread) {
	t.Helper()
	for _, c := range cases {
		th := &eval.Thread{}
		if newThread != nil {
			th = newThread()
		}
		dir := th.FileRoot
		if dir == "" {
			dir = t.TempDir()
		}
		src := imports + "\n_result = (" + c.Expr + ")\n"
		g, err := Eval(th, dir, src)
		switch {
		case c.Err != "":
			if err == nil {
				t.Errorf("%s: got %s, want error containing %q", c.Expr, eval.Repr(g["_result"]), c.Err)
			} else if !strings.Contains(err.Error(), c.Err) {
				t.Errorf("%s: got error %q, want one containing %q", c.Expr, err, c.Err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.Expr, err)
		case g["_result"] != eval.True:
			t.Errorf("%s: got %s, want True", c.Expr, eval.Repr(g["_result"]))
		}
	}
}
