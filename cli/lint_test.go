package cli

import (
	"strings"
	"testing"
)

func TestLint(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"package.k":        "import math\n\nschema Input:\n    @ui(order=1)\n    name: str\n\nx = 1\n",
		"lib/bad.k":        "a = )\n",
		"lib/params.k":     "f = lambda a = 1, b { a + b }\n",
		"policies/ok.rego": "package main\n\ndeny contains msg if {\n\tinput.resource.kind == \"Pod\"\n\tmsg := \"no pods\"\n}\n",
	})
	code, _, stderr := akua(t, "lint", dir)
	if code != ExitUser {
		t.Fatalf("exit %d, want %d\n%s", code, ExitUser, stderr)
	}
	for _, want := range []string{"bad.k:1:5", "non-default argument follows default argument", "module 'math' imported but unused"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "unknown decorator") {
		t.Errorf("@ui was refused:\n%s", stderr)
	}

	clean := writeTree(t, map[string]string{"main.k": "x = 1\n"})
	if code, _, stderr := akua(t, "lint", clean); code != 0 {
		t.Errorf("clean package: exit %d\n%s", code, stderr)
	}
}
