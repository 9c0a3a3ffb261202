// This file runs KCL tests: files test_*.k and *_test.k under the
// package, each evaluated with the akua stdlib bound (render.Bind), so
// `import akua.test` renders the package and `import package as pkg`
// gives its schemas.

package testrunner

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"akua.dev/akua/kcl"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
	"akua.dev/akua/render"
)

// isKCLTest reports whether a file name is a KCL test file.
func isKCLTest(name string) bool {
	return strings.HasSuffix(name, ".k") && (strings.HasPrefix(name, "test_") || strings.HasSuffix(name, "_test.k"))
}

// skipDir reports whether a directory under the package holds no tests
// of this package: hidden directories (.git, .akua), render outputs
// (rendered/, deploy/, or any directory akua wrote manifests into), and
// packages of their own (a package.k), whose tests run from there.
func skipDir(path, name string) bool {
	if strings.HasPrefix(name, ".") || name == "rendered" || name == "deploy" {
		return true
	}
	for _, f := range []string{render.ManifestFile, "package.k"} {
		if _, err := os.Stat(filepath.Join(path, f)); err == nil {
			return true
		}
	}
	return false
}

// kclFiles lists the package's KCL test files, sorted.
func (r *runner) kclFiles() ([]string, error) {
	var files []string
	err := filepath.WalkDir(r.abs, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != r.abs && skipDir(path, d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && isKCLTest(d.Name()) {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// A kclCase is one test_* lambda of a file.
type kclCase struct {
	name      string
	line, col int
}

// kclCases lists the top-level `test_* = lambda ...` assignments of a
// parsed file, in source order.
func kclCases(f *syntax.File) []kclCase {
	var out []kclCase
	for _, s := range f.Stmts {
		a, ok := s.(*syntax.AssignStmt)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		id, ok := a.Targets[0].(*syntax.Ident)
		if !ok || !strings.HasPrefix(id.Name, "test_") {
			continue
		}
		if _, ok := a.Value.(*syntax.LambdaExpr); ok {
			out = append(out, kclCase{id.Name, int(id.Start.Line), int(id.Start.Col)})
		}
	}
	return out
}

// rootImports maps the first name of a non-relative import to the
// package directory's entries: its directories and its .k files
// (package.k is `import package`). The loader resolves such imports
// from the nearest kcl.mod, else from the main file's directory, which
// for a test in tests/ is not the package; this makes the package
// directory the root wherever the test file is. (A root option in
// kcl.RunOptions would say it directly.) Dependencies Bind adds later
// take precedence.
func (r *runner) rootImports() map[string]string {
	m := map[string]string{}
	entries, _ := os.ReadDir(r.abs)
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"):
		case e.IsDir():
			m[name] = filepath.Join(r.abs, name)
		case strings.HasSuffix(name, ".k") && !isKCLTest(name):
			stem := strings.TrimSuffix(name, ".k")
			m[stem] = filepath.Join(r.abs, stem)
		}
	}
	return m
}

// kclTests runs every KCL test file.
func (r *runner) kclTests(ctx context.Context) ([]Test, error) {
	files, err := r.kclFiles()
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, nil
	}
	// `import package` evaluates package.k, whose `ctx.input()` needs
	// the package's inputs: tests see the ones a plain `akua render`
	// would use (inputs.yaml, else inputs.example.yaml).
	inputs, used, inErr := render.LoadInputs(r.abs, nil, nil)
	hint := ""
	switch {
	case inErr != nil:
		inputs, hint = eval.NewOrderedMap(0), " (the package's inputs could not be read: "+inErr.Error()+")"
	case len(used) == 0:
		hint = " (tests evaluate package.k with the package's inputs.yaml or inputs.example.yaml: add one)"
	}
	pkgFile := r.show(filepath.Join(r.abs, "package.k"))
	var out []Test
	for _, f := range files {
		ts, err := r.kclFile(ctx, f, inputs)
		if err != nil {
			return nil, err
		}
		for i := range ts {
			// Only a file's own evaluation imports the package; a
			// lambda's failure in package.k comes from test.render.
			if ts[i].Failed() && ts[i].Failure.File == pkgFile && !strings.Contains(ts[i].Name, "::") {
				ts[i].Failure.Message += hint
			}
		}
		out = append(out, ts...)
	}
	return out, nil
}

// kclFile runs one test file: it is evaluated once (its bare asserts
// are its own test when it defines no test_* lambda), then each
// selected test_* lambda is called with no arguments on a fresh thread.
func (r *runner) kclFile(ctx context.Context, file string, inputs *eval.OrderedMap) ([]Test, error) {
	rel := r.rel(file)
	fileTest := Test{Kind: KindKCL, Name: rel, File: r.show(file), Status: Pass}
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	parsed, perr := syntax.ParseFile(file, src)
	var cases []kclCase
	if perr == nil {
		for _, c := range kclCases(parsed) {
			if r.wanted(rel + "::" + c.name) {
				cases = append(cases, c)
			}
		}
	}
	if len(cases) == 0 && !r.wanted(rel) {
		return nil, nil
	}
	if perr != nil {
		fileTest.Status, fileTest.Failure = Error, r.failure(perr)
		return []Test{fileTest}, nil
	}

	ctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
	defer cancel()
	ro := kcl.RunOptions{
		Deterministic: true,
		OptionValues:  map[string]any{"input": inputs},
		Externals:     r.rootImports(),
	}
	// Bind fails when the package's dependencies cannot be resolved:
	// that fails this file's tests, not the whole run.
	err = render.Bind(ctx, &ro, r.abs, render.Options{Timeout: r.opts.Timeout})
	var ev *kcl.Evaluation
	if err == nil {
		ev, err = kcl.Eval(ctx, []string{file}, ro)
	}
	if err != nil {
		fileTest.Status, fileTest.Failure = statusOf(err), r.failure(err)
		return []Test{fileTest}, nil
	}
	if len(kclCases(parsed)) == 0 {
		fileTest.Output = string(ev.Printed)
		return []Test{fileTest}, nil
	}
	var out []Test
	for _, c := range cases {
		t := Test{Kind: KindKCL, Name: rel + "::" + c.name, File: r.show(file), Line: c.line, Column: c.col, Status: Pass}
		fn, _ := ev.Global(c.name)
		// Each test runs on a fresh thread of the file's evaluation: its
		// step and memory budgets, and its print() output, are its own.
		_, printed, err := ev.Call(ctx, fn)
		if err != nil {
			t.Status, t.Failure = statusOf(err), r.failure(err)
		}
		t.Output = string(printed)
		out = append(out, t)
	}
	return out, nil
}

// statusOf tells a failed expectation (an assert, a schema check) from
// an error that stopped the test.
func statusOf(err error) Status {
	switch diag.From(err)[0].Code {
	case diag.AssertionError, diag.SchemaCheckFailure:
		return Fail
	}
	return Error
}
