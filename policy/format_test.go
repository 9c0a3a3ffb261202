package policy

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestFormat(t *testing.T) {
	src := "package p\nimport rego.v1\ndeny contains msg if { input.resource.kind == \"Pod\"; msg := \"x\" }\n"
	want := `package p

import rego.v1

deny contains msg if {
	input.resource.kind == "Pod"
	msg := "x"
}
`
	got, err := Format("p.rego", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("Format:\n%s\nwant:\n%s", got, want)
	}
	again, err := Format("p.rego", got)
	if err != nil || string(again) != string(got) {
		t.Errorf("not idempotent: %q, %v", again, err)
	}
	// The example policies are formatted already.
	files, _ := filepath.Glob(filepath.Join(examplePolicies, "*.rego"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if out, err := Format(f, src); err != nil || string(out) != string(src) {
			t.Errorf("%s is not formatted (%v):\n%s", f, err, out)
		}
	}
	// Formatting is not the sandbox: http.send formats.
	if _, err := Format("h.rego", []byte("package h\n\nx := http.send({})\n")); err != nil {
		t.Errorf("http.send: %v", err)
	}
	_, err = Format("bad.rego", []byte("package p\n\nx := \n"))
	checkDiag(t, err, CodeParse, "bad.rego:4", "unexpected eof")
}

func TestLint(t *testing.T) {
	if err := Lint(context.Background(), []string{examplePolicies}); err != nil {
		t.Errorf("example policies: %v", err)
	}
	err := Lint(context.Background(), []string{"testdata/bad/http"})
	checkDiag(t, err, CodeCapability, "testdata/bad/http/http.rego:4:10", "http.send")
}
