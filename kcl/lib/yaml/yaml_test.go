package yaml

import (
	"os"
	"path/filepath"
	"testing"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libtest"
)

const prelude = `import yaml

schema Person:
    name?: str
    age?: int
    _secret?: str = "s"
    data?: [int] = [1, 2, None]

_person = Person {name = "Alice", age = 18}
`

func TestEncode(t *testing.T) {
	libtest.Check(t, prelude, []libtest.Case{
		{Expr: `yaml.encode({"key": "value"}) == "key: value\n"`},
		{Expr: `yaml.encode([1, 2, 3]) == "- 1\n- 2\n- 3\n"`},
		{Expr: `yaml.encode({key1 = "value1", data = [1, 2]}) == "key1: value1\ndata:\n- 1\n- 2\n"`},
		{Expr: `yaml.encode(_person) == "name: Alice\nage: 18\n_secret: s\ndata:\n- 1\n- 2\n- null\n"`},
		{Expr: `yaml.encode(_person, ignore_private=True, ignore_none=True) == "name: Alice\nage: 18\ndata:\n- 1\n- 2\n"`},
		{Expr: `yaml.encode({b = 1, a = 2}, sort_keys=True) == "a: 2\nb: 1\n"`},
		{Expr: `yaml.encode({a = "1", b = "true", c = ""}) == "a: '1'\nb: 'true'\nc: ''\n"`},
		{Expr: `yaml.encode({s = "a\nb"}) == "s: |-\n  a\n  b\n"`},
		{Expr: `yaml.encode(2Mi) == "2097152.0\n"`},
		{Expr: `yaml.encode_all([{"key": [1, 2, 3]}, [1, 2, 3]]) == "key:\n- 1\n- 2\n- 3\n\n---\n- 1\n- 2\n- 3\n"`},
		{Expr: `yaml.encode_all([1, 2, 3]) == "1\n\n---\n2\n\n---\n3\n"`},
		{Expr: `yaml.encode_all([]) == ""`},
		{Expr: `yaml.encode_all(1)`, Err: "expected list"},
	}, nil)
}

func TestDecode(t *testing.T) {
	libtest.Check(t, "import yaml", []libtest.Case{
		{Expr: `[yaml.decode(s) for s in ["key: value", "- 1\n- 2\n- 3", "1", "1.1", "null", "true"]] == [{key = "value"}, [1, 2, 3], 1, 1.1, None, True]`},
		{Expr: `list(yaml.decode("b: 1\na: 2")) == ["b", "a"]`},
		{Expr: `yaml.decode("") == None and yaml.decode("a: yes") == {a = "yes"}`},
		{Expr: `yaml.decode("base: &b {x: 1}\nd:\n  <<: *b\n  y: 2") == {base = {x = 1}, d = {y = 2, x = 1}}`},
		{Expr: `yaml.decode("a: 1\n---\nb: 2")`, Err: "more than one document"},
		{Expr: `yaml.decode("a: 1\n  b: 2\nc: 3")`, Err: "line 2"},
		{Expr: `yaml.decode_all("key: value") == [{key = "value"}]`},
		{Expr: `yaml.decode_all("key1: value2\n---\nkey2: [1, 2, 3]") == [{key1 = "value2"}, {key2 = [1, 2, 3]}]`},
		{Expr: `yaml.decode_all("1.1\n---\nnull\n---\ntrue\n---\nfalse") == [1.1, None, True, False]`},
		{Expr: `yaml.decode_all("") == []`},
	}, nil)
}

func TestValidate(t *testing.T) {
	libtest.Check(t, "import yaml", []libtest.Case{
		{Expr: `all s in ["1", "true", "1.20", "null", "[0, 1, 2]", '{"key": "value"}', "a:1\n---\nb:2"] { yaml.validate(s) }`},
		{Expr: `all s in ["a:\n1", "a:\n1\n  - 2", "a:\n-1", "1a   : \n1", "a:\n- 1\n-----\na:\n- 1", "{\"key\" + 'value'}", "a:1\n-----\nb:\n-2"] { not yaml.validate(s) }`},
	}, nil)
}

func TestDump(t *testing.T) {
	dir := t.TempDir()
	libtest.Check(t, prelude, []libtest.Case{
		{Expr: `yaml.dump_to_file(_person, "out.yaml", ignore_private=True, ignore_none=True) == Undefined`},
		{Expr: `yaml.dump_to_file("key: value", filename="s.yaml") == Undefined`},
		{Expr: `yaml.dump_all_to_file(["key: value", 1], "all.yaml") == Undefined`},
		{Expr: `yaml.dump_to_file(1, "../x.yaml")`, Err: "outside the package root"},
	}, func() *eval.Thread { return &eval.Thread{FileRoot: dir} })
	for name, want := range map[string]string{
		"out.yaml": "name: Alice\nage: 18\ndata:\n- 1\n- 2\n",
		"s.yaml":   "'key: value'\n",
		"all.yaml": "'key: value'\n\n---\n1\n",
	} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
		} else if string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	libtest.Check(t, prelude, []libtest.Case{
		{Expr: `yaml.dump_all_to_file([1], "x.yaml")`, Err: "must be deterministic"},
	}, func() *eval.Thread { return &eval.Thread{FileRoot: dir, Deterministic: true} })
}
