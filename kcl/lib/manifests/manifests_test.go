package manifests

import (
	"strings"
	"testing"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestYAMLStream(t *testing.T) {
	const schemas = `import manifests

schema Person:
    name: str = "kcl"
    age?: int = 1
    _hidden: int = 0
`
	tests := []struct {
		name, src, want, err string
	}{
		{"list", `manifests.yaml_stream([{k1 = [1, 2]}, {k3 = 3}])`, "k1:\n- 1\n- 2\n---\nk3: 3\n", ""},
		{"literals", `manifests.yaml_stream([1, Undefined, 2Mi, 3.0, "literal", True, None])`,
			"1\n---\nnull\n---\n2097152.0\n---\n3.0\n---\nliteral\n---\ntrue\n---\nnull\n", ""},
		{"ignore_none", `manifests.yaml_stream([Person {}, Person {age = None}], opts = {ignore_none = True})`,
			"name: kcl\nage: 1\n_hidden: 0\n---\nname: kcl\n_hidden: 0\n", ""},
		{"ignore_private", `manifests.yaml_stream([{_a = 1, b = {_c = 2}, d = None}], opts = {ignore_private = True})`,
			"b: {}\nd: null\n", ""},
		{"sort_keys", `manifests.yaml_stream([{b = 1, a = 2}], {sort_keys = True})`, "a: 2\nb: 1\n", ""},
		{"sep", `manifests.yaml_stream([{a = 1}, {a = 2}], {sep = "\n---\n"})`, "a: 1\n\n---\n\na: 2\n", ""},
		{"empty", `manifests.yaml_stream([])`, "", ""},
		{"last wins", "manifests.yaml_stream([1])\nmanifests.yaml_stream([2])", "2\n", ""},
		{"not a list", `manifests.yaml_stream({a = 1})`, "", "expected list"},
		{"bad opts", `manifests.yaml_stream([1], opts = 1)`, "", "expect config, got int"},
	}
	for _, tc := range tests {
		th := &eval.Thread{}
		_, err := libtest.Eval(th, t.TempDir(), schemas+tc.src+"\n")
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: got error %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		got, ok := th.ManifestsOutput()
		if !ok {
			t.Errorf("%s: no manifests output", tc.name)
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestNoStream(t *testing.T) {
	th := &eval.Thread{}
	if _, err := libtest.Eval(th, t.TempDir(), "import manifests\na = 1\n"); err != nil {
		t.Fatal(err)
	}
	if _, ok := th.ManifestsOutput(); ok {
		t.Error("ManifestsOutput set without a yaml_stream call")
	}
}
