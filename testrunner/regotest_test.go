package testrunner

import (
	"akua.dev/akua/internal/testfs"
	"path/filepath"
	"strings"
	"testing"
)

const okPolicy = `package p

deny contains "no" if input.resource.kind == "Secret"
`

const okPolicyTest = `package p_test

import data.p

test_secret_denied if {
	count(p.deny) == 1 with input as {"resource": {"kind": "Secret"}}
}

test_wrong if {
	count(p.deny) == 1 with input as {"resource": {"kind": "ConfigMap"}}
}

todo_test_later if false
`

func TestRegoTests(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{
		"package.k":               "resources = []\n",
		"policies/p.rego":         okPolicy,
		"policies/p_test.rego":    okPolicyTest,
		"extra/q.rego":            "package q\n\nwarn contains \"w\" if false\n",
		"extra/q_test.rego":       "package q_test\n\ntest_q if true\n",
		"policies/.hidden/x.rego": "this is not rego",
	})
	rep := run(t, Options{Dir: dir, Policies: []string{filepath.Join(dir, "extra")}})
	want := map[string]int{"rego/pass": 2, "rego/fail": 1, "rego/skip": 1}
	if got := counts(rep); !equalCounts(got, want) {
		t.Fatalf("counts = %v, want %v", got, want)
	}
	tt := find(rep, "p_test.test_wrong")
	if tt == nil || tt.Location() != filepath.Join(dir, "policies", "p_test.rego")+":9:1" {
		t.Errorf("failing Rego test: %+v", tt)
	}
}

// A syntax error and a policy calling http.send each fail with their
// file:line and count as one failed test per file.
func TestRegoBrokenPolicies(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{
		"package.k":            "resources = []\n",
		"policies/p.rego":      okPolicy,
		"policies/p_test.rego": okPolicyTest,
		"policies/syntax.rego": "package s\n\ndeny contains msg if {\n\tmsg := \n}\n",
	})
	rep := run(t, Options{Dir: dir})
	if rep.Failed != 1 || len(rep.Tests) != 1 {
		t.Fatalf("tests = %+v", rep.Tests)
	}
	tt := rep.Tests[0]
	if tt.Status != Error || !strings.HasPrefix(tt.Location(), filepath.Join(dir, "policies", "syntax.rego")+":") || tt.Line == 0 {
		t.Errorf("syntax error: %s at %s: %+v", tt.Status, tt.Location(), tt.Failure)
	}

	dir = testfs.Tree(t, map[string]string{
		"package.k":          "resources = []\n",
		"policies/http.rego": "package h\n\ndeny contains \"x\" if {\n\thttp.send({\"method\": \"GET\", \"url\": \"http://x\"})\n}\n",
	})
	rep = run(t, Options{Dir: dir})
	if rep.Failed != 1 || rep.Tests[0].Location() != filepath.Join(dir, "policies", "http.rego")+":4:2" ||
		!strings.Contains(rep.Tests[0].Failure.Message, "http.send") {
		t.Errorf("http.send: %+v %+v", rep.Tests, rep.Tests[0].Failure)
	}
}
