package testrunner

import (
	"akua.dev/akua/internal/testfs"
	"path/filepath"
	"strings"
	"testing"
)

// pkgSrc is a small package whose Input needs a value, so importing it
// works only with the package's inputs.yaml.
const pkgSrc = `import akua.ctx

schema Input:
    name: str
    replicas: int = 2

input: Input = ctx.input()

resources = [{apiVersion = "v1", kind = "ConfigMap", metadata.name = input.name, data.replicas = str(input.replicas)}]
`

func TestKCLTests(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{
		"package.k":   pkgSrc,
		"inputs.yaml": "name: demo\n",
		"test_a.k": `import akua.test
import package as pkg

test_pass = lambda {
    assert test.render(pkg, {name = "x"})[0].metadata.name == "x"
}

test_fail = lambda {
    _r = test.render(pkg, {name = "x", replicas = 3})
    assert _r[0].data.replicas == "4", "replicas should be 4"
}

test_error = lambda {
    print("about to fail")
    _d = {a = 1}
    _d.a.b.c
}

helper = lambda { 1 }
`,
		// Bare asserts; `import package` from a subdirectory still
		// means the package root's package.k.
		"sub/defaults_test.k": `import package as pkg
assert pkg.Input {name = "n"}.replicas == 2
`,
		"sub/test_bad.k":     "import package as pkg\nassert pkg.Input {name = \"n\"}.replicas == 5, \"wrong default\"\n",
		"test_syntax.k":      "a = (\n",
		"rendered/test_x.k":  "assert False\n",
		".hidden/test_x.k":   "assert False\n",
		"inner/package.k":    "resources = []\n",
		"inner/test_inner.k": "assert False\n",
		"lib/helpers.k":      "x = 1\n",
		// Imports resolve from the package root, wherever the test is.
		"tests/test_lib.k":  "import lib.helpers\nimport package as pkg\nassert helpers.x == 1\nassert pkg.Input {name = \"n\"}.replicas == 2\n",
		"tests/case/README": "not a golden case\n",
	})
	rep := run(t, Options{Dir: dir})
	want := map[string]int{"kcl/pass": 3, "kcl/fail": 2, "kcl/error": 2}
	if got := counts(rep); !equalCounts(got, want) {
		for _, tt := range rep.Tests {
			t.Logf("%s %s %s %+v", tt.Name, tt.Status, tt.Location(), tt.Failure)
		}
		t.Fatalf("counts = %v, want %v", got, want)
	}
	if rep.Failed != 4 || rep.Passed != 3 {
		t.Errorf("summary %d passed %d failed", rep.Passed, rep.Failed)
	}
	at := func(name, loc, msg string) *Test {
		t.Helper()
		tt := find(rep, name)
		if tt == nil {
			t.Fatalf("no test %s", name)
		}
		if loc != "" && tt.Location() != filepath.Join(dir, loc) {
			t.Errorf("%s at %s, want %s", name, tt.Location(), loc)
		}
		if msg != "" && (tt.Failure == nil || !strings.Contains(tt.Failure.Message, msg)) {
			t.Errorf("%s failure %+v, want %q", name, tt.Failure, msg)
		}
		return tt
	}
	at("test_a.k::test_fail", "test_a.k:10:12", "replicas should be 4")
	if tt := at("test_a.k::test_error", "test_a.k:16:5", ""); tt.Status != Error || tt.Output != "about to fail\n" {
		t.Errorf("test_error: status %s, output %q", tt.Status, tt.Output)
	}
	if tt := at("test_a.k::test_pass", "test_a.k:4:1", ""); tt.Line != 4 {
		t.Errorf("test_pass line %d", tt.Line)
	}
	at("sub/defaults_test.k", "sub/defaults_test.k", "")
	at("sub/test_bad.k", "sub/test_bad.k:2:8", "wrong default")
	if tt := at("test_syntax.k", "", ""); tt.Status != Error || !strings.HasPrefix(tt.Location(), filepath.Join(dir, "test_syntax.k")+":") {
		t.Errorf("syntax error: %s at %s", tt.Status, tt.Location())
	}

	// The filter selects single lambdas.
	rep = run(t, Options{Dir: dir, Filter: "test_fail$"})
	if len(rep.Tests) != 1 || rep.Tests[0].Name != "test_a.k::test_fail" {
		t.Errorf("filter: %+v", rep.Tests)
	}
}

// Without inputs, package.k cannot be evaluated for `import package`:
// the failure says where and why.
func TestKCLImportPackageNeedsInputs(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{
		"package.k": pkgSrc,
		"test_a.k":  "import package as pkg\nassert pkg.Input {name = \"n\"}.replicas == 2\n",
	})
	rep := run(t, Options{Dir: dir})
	if len(rep.Tests) != 1 || !rep.Tests[0].Failed() {
		t.Fatalf("tests = %+v", rep.Tests)
	}
	f := rep.Tests[0].Failure
	if f.File != filepath.Join(dir, "package.k") || !strings.Contains(f.Message, "name") || !strings.Contains(f.Message, "inputs.yaml") {
		t.Errorf("failure = %+v", f)
	}
}
