package json

import (
	"os"
	"path/filepath"
	"testing"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libtest"
)

const prelude = `import json

schema Person:
    name?: str
    age?: int
    _secret?: str = "s"
    data?: [int] = [1, 2, None]

_person = Person {name = "Alice", age = 18}
`

func TestEncode(t *testing.T) {
	libtest.Check(t, prelude, []libtest.Case{
		{Expr: `json.encode({"key": "value"}) == '{"key": "value"}'`},
		{Expr: `json.encode([1, 2, 3]) == "[1, 2, 3]" and json.encode(1) == "1" and json.encode(1.1) == "1.1"`},
		{Expr: `json.encode(None) == "null" and json.encode(True) == "true" and json.encode("a\"b") == '"a\\"b"'`},
		{Expr: `json.encode({b = 1, a = {d = 1, c = 2}}, sort_keys=True) == '{"a": {"c": 2, "d": 1}, "b": 1}'`},
		{Expr: `json.encode({a = [1]}, indent=2) == '{\n  "a": [\n    1\n  ]\n}'`},
		{Expr: `json.encode({a = 1, b = {}}, indent=4) == '{\n    "a": 1,\n    "b": {}\n}'`},
		{Expr: `json.encode(_person) == '{"name": "Alice", "age": 18, "_secret": "s", "data": [1, 2, null]}'`},
		{Expr: `json.encode(_person, ignore_private=True) == '{"name": "Alice", "age": 18, "data": [1, 2, null]}'`},
		{Expr: `json.encode(_person, ignore_private=True, ignore_none=True) == '{"name": "Alice", "age": 18, "data": [1, 2]}'`},
		{Expr: `json.encode(_person, False, 0, True, True) == '{"name": "Alice", "age": 18, "data": [1, 2]}'`},
		{Expr: `json.encode({a = 1Ki, b = 1.5, c = 1e-7}) == '{"a": 1024.0, "b": 1.5, "c": 1e-7}'`},
		{Expr: `json.encode({f = lambda x { x }, u = Undefined, n = "é"}) == '{"n": "é"}'`},
		{Expr: `json.encode()`, Err: "missing required argument 'data'"},
		{Expr: `json.encode(1, indent="x")`, Err: "expected int"},
	}, nil)
}

func TestDecode(t *testing.T) {
	libtest.Check(t, "import json", []libtest.Case{
		{Expr: `json.decode('{"key": "value"}') == {key = "value"}`},
		{Expr: `json.decode('{"b": 1, "a": 2}') == {b = 1, a = 2} and list(json.decode('{"b": 1, "a": 2}')) == ["b", "a"]`},
		{Expr: `json.decode('[1, 2, 3]') == [1, 2, 3] and json.decode("1") == 1 and typeof(json.decode("1")) == "int"`},
		{Expr: `json.decode("1.1") == 1.1 and typeof(json.decode("1.0")) == "float" and typeof(json.decode("1e2")) == "float"`},
		{Expr: `json.decode("18446744073709551615") == 18446744073709551615.0`},
		{Expr: `json.decode("null") == None and json.decode("true") == True`},
		{Expr: `json.decode(' {"a": {"b": [null, "x\\u00e9"]}} ') == {a = {b = [None, "xé"]}}`},
		{Expr: `json.decode('{"a": 1, "a": 2}') == {a = 2}`},
		{Expr: `json.decode('{"a": 1,}')`, Err: "line 1 column"},
		{Expr: `json.decode("[1] [2]")`, Err: "line 1"},
		{Expr: `json.decode("")`, Err: "unexpected end of input"},
		{Expr: `json.decode(1)`, Err: "expected str"},
	}, nil)
}

func TestValidate(t *testing.T) {
	libtest.Check(t, "import json", []libtest.Case{
		{Expr: `all s in ["1", "true", "1.20", "null", "[0, 1, 2]", '{"key": "value"}'] { json.validate(s) }`},
		{Expr: `all s in ["1@", "True", "1.20.23+1", "None", "[0, 1, 2,]", "{\"key\": 'value'}", ""] { not json.validate(s) }`},
	}, nil)
}

func TestDumpToFile(t *testing.T) {
	dir := t.TempDir()
	newThread := func() *eval.Thread { return &eval.Thread{FileRoot: dir} }
	libtest.Check(t, prelude, []libtest.Case{
		{Expr: `json.dump_to_file(_person, "out.json", indent=4, ignore_private=True, ignore_none=True) == Undefined`},
		{Expr: `json.dump_to_file({a = 1}, filename="sub/x.json")`, Err: "Unable to write file 'sub/x.json'"},
		{Expr: `json.dump_to_file({a = 1}, "../escape.json")`, Err: "outside the package root"},
		{Expr: `json.dump_to_file({a = 1}, "/etc/escape.json")`, Err: "outside the package root"},
	}, newThread)
	got, err := os.ReadFile(filepath.Join(dir, "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n    \"name\": \"Alice\",\n    \"age\": 18,\n    \"data\": [\n        1,\n        2\n    ]\n}"
	if string(got) != want {
		t.Errorf("out.json = %q, want %q", got, want)
	}
	// Without a file root, and in deterministic mode, nothing is written.
	libtest.Check(t, prelude, []libtest.Case{
		{Expr: `json.dump_to_file({a = 1}, "x.json")`, Err: "no file root"},
	}, nil)
	libtest.Check(t, prelude, []libtest.Case{
		{Expr: `json.dump_to_file({a = 1}, "x.json")`, Err: "must be deterministic"},
	}, func() *eval.Thread { return &eval.Thread{FileRoot: dir, Deterministic: true} })
	if _, err := os.Stat(filepath.Join(dir, "x.json")); err == nil {
		t.Error("x.json was written")
	}
}
