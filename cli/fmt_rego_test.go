package cli

import (
	"context"
	"strings"
	"testing"
)

func TestFormatRego(t *testing.T) {
	got, err := formatSource("p.rego", []byte("package p\ndeny contains \"x\" if { true }\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "package p\n\ndeny contains \"x\"\n"; string(got) != want {
		t.Errorf("formatSource(.rego) = %q, want %q", got, want)
	}
	_, err = formatRego("bad.rego", []byte("package p\nx := \n"))
	if l := hasDiagnostics(err); len(l) == 0 || l[0].Code.ID != "E_REGO_PARSE" || l[0].Pos.File != "bad.rego" {
		t.Errorf("syntax error: %v", err)
	}
	if got, err := formatSource("a.k", []byte(unformatted)); err != nil || string(got) != formatted {
		t.Errorf("formatSource(.k) = %q, %v", got, err)
	}
	for name, want := range map[string]bool{"a.rego": true, "a_test.rego": true, "a.k": true, "a.yaml": false, "rego": false} {
		if isFormattable(name) != want {
			t.Errorf("isFormattable(%q) = %v", name, !want)
		}
	}
}

func TestLintRego(t *testing.T) {
	ctx := context.Background()
	if err := lintRego(ctx, t.TempDir()); err != nil {
		t.Errorf("no policies: %v", err)
	}
	dir := writeTree(t, map[string]string{
		"policies/ok.rego":      "package ok\n\ndeny contains \"x\" if input.resource.kind == \"A\"\n",
		"policies/ok_test.rego": "package ok_test\n\nimport data.ok\n\ntest_x if ok.deny\n",
	})
	if err := lintRego(ctx, dir); err != nil {
		t.Errorf("clean policies: %v", err)
	}
	dir = writeTree(t, map[string]string{
		"policies/p.rego":      "package p\n\nx := time.now_ns()\n",
		"policies/p_test.rego": "package p_test\n\ntest_y if undefined_fn(1)\n",
	})
	l := hasDiagnostics(lintRego(ctx, dir))
	var got []string
	for _, d := range l {
		got = append(got, d.Code.ID+" "+strings.TrimPrefix(d.Pos.String(), dir+"/"))
	}
	want := []string{"E_REGO_CAPABILITY policies/p.rego:3:6", "E_REGO_COMPILE policies/p_test.rego:3:11"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lint = %q, want %q", got, want)
	}
}
