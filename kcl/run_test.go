package kcl

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"akua.dev/akua/kcl/diag"
)

// runSource evaluates src as main.k in a temp dir.
func runSource(t *testing.T, src string, opt RunOptions) (string, error) {
	t.Helper()
	res, err := Run(context.Background(), []string{writeProgram(t, src)}, opt)
	if err != nil {
		return "", err
	}
	return string(res.YAML), nil
}

func TestRunOutputs(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"order independent globals", "a = b + 1\nb = 1\n", "a: 2\nb: 1\n"},
		{"reassigned hidden read resolves to final value", "_v = 1\nr = _v\n_v = 2\n", "r: 2\n"},
		{"self reference sees the value so far", "_d = {a = 1}\n_d = _d | {b = 2}\nd = _d\n", "d:\n  a: 1\n  b: 2\n"},
		{"config entries refer to earlier ones", "c = {name = \"x\", label = name + \"!\"}\n", "c:\n  name: x\n  label: x!\n"},
		{"nested config does not rebind outer names", "c = {n = \"a\", s = {n = \"b\"}, m = n}\n", "c:\n  n: a\n  s:\n    n: b\n  m: a\n"},
		{"if entry rebinds the enclosing name", "c = {e = \"dev\", if True:\n    e = \"prod\"\n, x = e}\n", "c:\n  e: prod\n  x: prod\n"},
		{"dotted keys nest", "c = {a.b.c = 1}\n", "c:\n  a:\n    b:\n      c: 1\n"},
		{"insert and override by index", "c = {l = [1, 2, 3], l[0] = 9, l[-1] += [7]}\n", "c:\n  l:\n  - 9\n  - 2\n  - 7\n  - 3\n"},
		{"union of configs", "x = {a: 1, b: {c: 1}} | {b: {d: 2}}\n", "x:\n  a: 1\n  b:\n    c: 1\n    d: 2\n"},
		{"override entries replace on union", "x = {b = {c = 1}} | {b = {d = 2}}\n", "x:\n  b:\n    d: 2\n"},
		{"lambda closure and default", "f = lambda x, y = 2 { z = x * y\n z + 1 }\nr = f(3)\n", "r: 7\n"},
		{"comprehension with two clauses", "r = [x * y for x in [1, 2] for y in [10, 20] if x * y != 20]\n", "r:\n- 10\n- 40\n"},
		{"quantifiers", "a = all x in [1, 2] { x > 0 }\nb = filter x in [1, 2, 3] { x % 2 == 1 }\nc = map x in [1, 2] { x * 2 }\n", "a: true\nb:\n- 1\n- 3\nc:\n- 2\n- 4\n"},
		{"schema defaults, config and computed attributes", "schema P:\n    name: str\n    greeting: str = \"hi \" + name\np = P {name = \"a\"}\n", "p:\n  name: a\n  greeting: hi a\n"},
		{"unification statements merge", "schema P:\n    a?: int\n    b?: int\np: P {a = 1}\np: P {b = 2}\n", "p:\n  a: 1\n  b: 2\n"},
		{"optional chain short-circuits", "d = None\nr = d?.a?.b\n", "d: null\nr: null\n"},
		{"hidden and functions are not printed", "_h = 1\nf = lambda { 1 }\nv = _h\n", "v: 1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := runSource(t, tc.src, RunOptions{})
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		code      diag.Code
		line, col int
		msg       string
	}{
		{"syntax error", "a = )\n", diag.InvalidSyntax, 1, 5, ""},
		// The static checker reports these before evaluation, at the use.
		{"undefined name suggests", "value = 1\nb = valeu\n", diag.CompileError, 2, 5, "name 'valeu' is not defined"},
		{"type error names the path", "schema R:\n    tls: bool\nschema I:\n    r: R\ni: I = {r = {tls = \"yes\"}}\n", diag.TypeError, 5, 20, "i.r.tls: expected bool, got str"},
		{"check names schema and message", "schema P:\n    n: int\n    check:\n        n > 1, \"n too small\"\np = P {n = 1}\n", diag.SchemaCheckFailure, 4, 9, "n too small"},
		{"assert message", "assert 1 == 2, \"nope\"\n", diag.AssertionError, 1, 8, "nope"},
		{"conflicting union", "c = {a: 1, a: 2}\n", diag.EvaluationError, 1, 12, "conflicting values on the attribute 'a'"},
		{"immutable public variable", "a = 1\na = 2\n", diag.ImmutableError, 2, 1, "declared immutable"},
		{"unknown attribute suggests", "schema P:\n    replicas: int = 1\np = P {replica = 2}\n", diag.CompileError, 3, 8, "cannot add member 'replica' to schema 'P'"},
		{"required attribute", "schema P:\n    n: int\np = P {}\n", diag.EvaluationError, 3, 5, "is required"},
		{"recursion is capped", "f = lambda n { f(n + 1) }\nr = f(0)\n", diag.RecursionError, 1, 16, "maximum recursion depth"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runSource(t, tc.src, RunOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			d := diag.From(err)[0]
			if d.Code != tc.code {
				t.Errorf("code = %v, want %v (%v)", d.Code, tc.code, d)
			}
			if d.Pos.Line != tc.line || d.Pos.Col != tc.col {
				t.Errorf("position = %d:%d, want %d:%d (%v)", d.Pos.Line, d.Pos.Col, tc.line, tc.col, d)
			}
			if !strings.Contains(d.Error(), tc.msg) {
				t.Errorf("message %q does not contain %q", d.Error(), tc.msg)
			}
			if !strings.HasSuffix(d.Pos.File, "main.k") {
				t.Errorf("file = %q", d.Pos.File)
			}
		})
	}
}

func TestRunSuggestions(t *testing.T) {
	_, err := runSource(t, "schema P:\n    replicas: int = 1\np = P {replica = 2}\n", RunOptions{})
	if d := diag.From(err)[0]; d.Suggestion != "did you mean 'replicas'?" {
		t.Errorf("suggestion = %q", d.Suggestion)
	}
}

func TestRunCancel(t *testing.T) {
	path := writeProgram(t, "r = [i for i in range(100000) for j in range(100000)]\n")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := Run(ctx, []string{path}, RunOptions{})
	if err == nil {
		t.Fatal("a runaway program was not stopped")
	}
	if d := diag.From(err)[0]; d.Code != diag.Canceled {
		t.Errorf("code = %v (%v)", d.Code, d)
	}
}

func TestRunDeterministic(t *testing.T) {
	src := "import datetime\nt = datetime.now()\n"
	if _, err := runSource(t, src, RunOptions{}); err != nil {
		t.Fatalf("kcl run allows the clock: %v", err)
	}
	_, err := runSource(t, src, RunOptions{Deterministic: true})
	if err == nil || !strings.Contains(err.Error(), "deterministic") {
		t.Fatalf("deterministic run: err = %v", err)
	}
}

func TestRunOptionsAndOverrides(t *testing.T) {
	src := "env = option(\"env\", default=\"dev\")\nschema P:\n    name: str\n    full: str = name + \"!\"\np = P {name = \"a\"}\n"
	got, err := runSource(t, src, RunOptions{Options: []string{"env=prod"}, Overrides: []string{"p.name=b"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "env: prod\np:\n  name: b\n  full: b!\n"; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestLimits runs the runaway programs SPEC §12 names; each must stop
// with its own error code.
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		code      diag.Code
	}{
		{"huge list", "r = [i for i in range(100000000)]\n", diag.MemoryLimit},
		{"string doubled 64 times", doubling(64), diag.MemoryLimit},
		{"lambda recursion", "f = lambda n { f(n + 1) }\nr = f(0)\n", diag.RecursionError},
		{"schema recursion", "schema A:\n    a: A = A {}\nx = A {}\n", diag.RecursionError},
		{"output size", "r = [\"x\" * 1000 for _ in range(5000)]\n", diag.OutputLimit},
		{"step budget", "r = [i for i in range(10000) for j in range(10000)]\n", diag.StepLimit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := runSource(t, tc.src, RunOptions{MaxOutput: 1 << 20, MaxMemory: 256 << 20, MaxSteps: 1e5})
			if err == nil {
				t.Fatal("not stopped")
			}
			if d := diag.From(err)[0]; d.Code != tc.code {
				t.Errorf("code = %v, want %v (%v)", d.Code, tc.code, d)
			}
			// Timing is reported, not asserted: tests must not depend on
			// the machine's speed (the race detector alone is 10x slower).
			t.Logf("stopped after %v", time.Since(start))
		})
	}
}

// doubling returns a program that doubles a string n times.
func doubling(n int) string {
	var b strings.Builder
	b.WriteString("_s0 = \"ab\"\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "_s%d = _s%d + _s%d\n", i, i-1, i-1)
	}
	fmt.Fprintf(&b, "r = len(_s%d)\n", n)
	return b.String()
}

func TestImportWarnings(t *testing.T) {
	path := writeProgram(t, "import math\nimport json\nimport math\nx = json.encode({a = 1})\n")
	res, err := Run(context.Background(), []string{path}, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, fmt.Sprintf("%d:%s:%s", w.Pos.Line, w.Code.Title, w.Message))
	}
	want := []string{"1:UnusedImport:module 'math' imported but unused", "3:DuplicateImport:module 'math' is imported twice"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("warnings = %q, want %q", got, want)
	}
}

func TestListOptions(t *testing.T) {
	path := writeProgram(t, "env = option(\"env\", type=\"str\", required=True, help=\"where\")\nn = option(\"n\", default=2)\n")
	res, err := Run(context.Background(), []string{path}, RunOptions{ListOptions: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Options) != 2 || res.Options[0].Name != "env" || !res.Options[0].Required ||
		res.Options[0].Type != "str" || res.Options[1].Default != "2" {
		t.Errorf("options = %+v", res.Options)
	}
	if len(res.YAML) != 0 {
		t.Errorf("-l ran the program: %s", res.YAML)
	}
}

// A type alias of an imported package types attributes at run time.
func TestImportedTypeAlias(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "models"), 0o755)
	os.WriteFile(filepath.Join(dir, "models", "size.k"), []byte("type Size = \"S\" | \"M\" | \"L\"\n"), 0o644)
	main := filepath.Join(dir, "main.k")
	os.WriteFile(main, []byte("import models\n\nschema A:\n    size: models.Size = \"M\"\n\na = A {}\nb: A = option(\"b\")\n"), 0o644)
	res, err := Run(context.Background(), []string{main}, RunOptions{Options: []string{`b={"size": "L"}`}})
	if err != nil || string(res.YAML) != "a:\n  size: M\nb:\n  size: L\n" {
		t.Fatalf("got %v, %v", res, err)
	}
	if _, err := Run(context.Background(), []string{main}, RunOptions{Options: []string{`b={"size": "XL"}`}}); err == nil {
		t.Error("a value outside the imported alias was accepted")
	}
}

// Evaluation.Call runs a global lambda later, on a fresh thread with the
// run's options, its print output its own.
func TestEvaluationCall(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.k")
	os.WriteFile(main, []byte("n = option(\"n\")\nf = lambda {\n    print(\"called\")\n    n * 2\n}\ng = lambda {\n    assert n > 100, \"n is small\"\n}\n"), 0o644)
	ev, err := Eval(context.Background(), []string{main}, RunOptions{Options: []string{"n=21"}})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := ev.Global("f")
	v, printed, err := ev.Call(context.Background(), f)
	if err != nil || v.String() != "42" || string(printed) != "called\n" {
		t.Errorf("Call(f) = %v, %q, %v", v, printed, err)
	}
	g, _ := ev.Global("g")
	if _, _, err := ev.Call(context.Background(), g); err == nil || !strings.Contains(err.Error(), "n is small") {
		t.Errorf("Call(g) = %v, want the assertion", err)
	}
}

// An error raised inside a virtual package is reported at the line of
// the user's file that called into it.
func TestVirtualPackageErrorAtCaller(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.k")
	os.WriteFile(main, []byte("import lib.m\n\nx = 1\ny = m.f(x)\n"), 0o644)
	pkgs := map[string]fs.FS{"lib": fstest.MapFS{"m.k": {Data: []byte("f = lambda n {\n    assert n > 5, \"n too small\"\n}\n")}}}
	_, err := Run(context.Background(), []string{main}, RunOptions{Packages: pkgs})
	d := diag.From(err)
	if len(d) == 0 || d[0].Pos.File != main || d[0].Pos.Line != 4 {
		t.Fatalf("error %v, want it at main.k:4", err)
	}
}
