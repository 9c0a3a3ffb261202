package typecheck

import (
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

var testBuiltins = map[string]bool{"print": true, "len": true, "str": true, "int": true,
	"range": true, "option": true, "typeof": true, "sorted": true}

// checkSrc parses src as main.k and checks it, with pkgs importable by
// their path.
func checkSrc(t *testing.T, src string, pkgs map[string]*Package) diag.List {
	t.Helper()
	f, err := syntax.ParseFile("main.k", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	_, errs := Check("__main__", []*syntax.File{f}, Config{
		Builtin: func(n string) bool { return testBuiltins[n] },
		Import: func(_ string, s *syntax.ImportStmt) *Package {
			if p, ok := pkgs[s.Path]; ok {
				return p
			}
			if s.Path == "regex" {
				return SystemPackage("regex", []string{"match"})
			}
			return nil
		},
	})
	return errs
}

const person = `schema Person:
    name: str
    age?: int
`

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
		msg       string
		path      string
		sugg      string
		noteLine  int
	}{
		{"attr str for int", person + `p = Person {name = "a", age = "1"}`, 4, 31, "expected int, got str", "p.age", "remove the quotes: 1", 3},
		{"annotated dict to schema", person + `p: Person = {name = "a", age: "x"}`, 4, 31, "expected int, got str", "p.age", "give p.age a value of type int", 3},
		{"unknown attribute", person + `p = Person {nmae = "a"}`, 4, 13, "cannot add member 'nmae' to schema 'Person'", "p.nmae", "did you mean 'name'?", 1},
		{"top-level annotation", `x: int = "s"`, 1, 10, "expected int, got str", "x", "give x a value of type int", 1},
		{"undefined name", "value = 1\nb = valeu\n", 2, 5, "name 'valeu' is not defined", "", "did you mean 'value'?", 0},
		{"missing attribute access", person + "p = Person {name = \"a\"}\nq = p.nam\n", 5, 7, "attribute 'nam' not found in schema 'Person'", "", "did you mean 'name'?", 1},
		{"lambda argument type", "f = lambda a: int, b: str = \"x\" { b }\nr = f(\"1\")\n", 2, 7, "expected int, got str", "a", "remove the quotes: 1", 1},
		{"lambda too many arguments", "f = lambda a: int { a }\nr = f(1, 2)\n", 2, 10, "f() takes 1 positional argument but 2 were given", "", "remove the extra arguments", 0},
		{"lambda missing argument", "f = lambda a, b { a }\nr = f(1)\n", 2, 5, "f() missing 1 required argument: 'b'", "", "pass 'b'", 0},
		{"lambda unknown keyword", "f = lambda name { name }\nr = f(nme = 1)\n", 2, 7, "f() got an unexpected keyword argument 'nme'", "", "did you mean 'name'?", 0},
		{"lambda return type", "f = lambda x -> int {\n    \"s\"\n}\n", 2, 5, "expected int, got str", "", "use a value of type int", 1},
		{"literal union", "schema S:\n    proto: \"TCP\" | \"UDP\"\ns = S {proto = \"HTTP\"}\n", 3, 16, `expected "TCP" | "UDP", got str`, "s.proto", `use one of "TCP", "UDP"`, 2},
		{"list element", `x: [int] = [1, "a"]`, 1, 16, "expected int, got str", "x[1]", "give x[1] a value of type int", 1},
		{"dict value", `x: {str:int} = {a = "b"}`, 1, 21, "expected int, got str", "x.a", "give x.a a value of type int", 1},
		{"changed type", "_a = 1\n_a = \"s\"\n", 2, 6, "expected int, got str", "_a", "give _a a value of type int", 1},
		{"annotated then reassigned", "_a: int | str = 1\n_a = [1]\n", 2, 6, "expected int | str, got [int]", "_a", "give _a a value of type int | str", 1},
		{"index signature key", "schema S:\n    [k: \"a\" | \"b\"]: int\ns = S {c = 1}\n", 3, 8, `expected key of type "a" | "b", got "c"`, "s.c", "did you mean 'a'?", 2},
		{"index signature value path", "schema T:\n    n?: int\nschema S:\n    [str]: T\ns = S {x.n = \"1\"}\n", 5, 14, "expected int, got str", "s.x.n", "remove the quotes: 1", 2},
		{"changed annotation", "_a: {str:str} = {}\n_a: {str:int} = {}\n", 2, 1, "can not change the type of '_a' to {str:int}", "", "keep the type {str:str}, or use another variable", 1},
		{"nested path", "schema A:\n    b: B\nschema B:\n    c: int\na = A {b.c = \"x\"}\n", 5, 14, "expected int, got str", "a.b.c", "give a.b.c a value of type int", 4},
		{"nested config", "schema A:\n    b: B\nschema B:\n    c: int\na = A {b = {c = 1.5}}\n", 5, 17, "expected int, got float", "a.b.c", "give a.b.c a value of type int", 4},
		{"schema argument", "schema P[n: int]:\n    x: int = n\np = P(\"a\") {}\n", 3, 7, "expected int, got str", "n", "give n a value of type int", 1},
		{"undefined type", `x: Persn = None`, 1, 4, "name 'Persn' is not defined", "", "", 0},
		{"attribute default", "schema S:\n    n: int = \"1\"\n", 2, 14, "expected int, got str", "n", "remove the quotes: 1", 2},
		{"if branch", "x: str = 1 if True else \"a\"\n", 1, 10, "expected str, got int", "x", `quote the value: "1"`, 1},
		{"undefined in check", "schema S:\n    a: int\n    check:\n        aa > 1\n", 4, 9, "name 'aa' is not defined", "", "did you mean 'a'?", 0},
		{"config if entry", person + "p = Person {\n    if True: nam = \"a\"\n}\n", 5, 14, "cannot add member 'nam' to schema 'Person'", "p.nam", "did you mean 'name'?", 1},
		{"module member", "import regex\nr = regex.mach(\"a\", \"b\")\n", 2, 11, "module 'regex' has no attribute 'mach'", "", "did you mean 'match'?", 0},
		{"union of schemas", "schema A:\n    a?: int\nschema B:\n    b?: int\nx: A | B = {cc = 1}\n", 5, 13, "cannot add member 'cc' to schemas 'A', 'B'", "x.cc", "remove the entry, or declare 'cc' in schemas 'A', 'B'", 1},
		{"union with config", person + "a = Person {name = \"a\"}\nb: Person = a | {age = \"x\"}\n", 5, 24, "expected int, got str", "b.age", "give b.age a value of type int", 3},
		{"dict union unknown key", person + "a = {name = \"a\"}\nb: Person = a | {agee = 1}\n", 5, 18, "cannot add member 'agee' to schema 'Person'", "b.agee", "did you mean 'age'?", 1},
		{"changed field type", person + "schema Child(Person):\n    age?: str\n", 5, 5, "can't change schema field type of 'age' from int to str", "", "declare 'age' with the type int or a narrower one", 3},
		{"mixin as parent", "schema NameMixin:\n    n = 1\nschema S(NameMixin):\n    a?: int\n", 3, 10, "invalid schema inherit object type, expect schema, got 'NameMixin'", "", "mix it in with `mixin [NameMixin]` instead", 0},
		{"unknown parent", "import regex\nschema S(regex.Base):\n    a?: int\n", 2, 16, "module 'regex' has no attribute 'Base'", "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := checkSrc(t, tc.src, nil)
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			d := errs[0]
			for _, e := range errs {
				if e.Message == tc.msg {
					d = e
				}
			}
			if d.Message != tc.msg || d.Pos.Line != tc.line || d.Pos.Col != tc.col {
				t.Errorf("got %d:%d %q, want %d:%d %q", d.Pos.Line, d.Pos.Col, d.Message, tc.line, tc.col, tc.msg)
			}
			if d.Path != tc.path || d.Suggestion != tc.sugg {
				t.Errorf("path %q suggestion %q, want %q %q", d.Path, d.Suggestion, tc.path, tc.sugg)
			}
			if tc.noteLine > 0 && (len(d.Notes) == 0 || d.Notes[0].Pos.Line != tc.noteLine) {
				t.Errorf("notes %+v, want one at line %d", d.Notes, tc.noteLine)
			}
		})
	}
}

// TestValid holds programs that run: the checker must accept them all.
func TestValid(t *testing.T) {
	for _, src := range []string{
		person + "p = Person {name = \"a\", age = None}\nq = p.name.upper()\nn = len(p.name)\n",
		"c = {name = \"x\", label = name + \"!\"}\n",
		"schema Person:\n    firstName: str\n    fullName: str\nschema FullnameMixin:\n    fullName = firstName + \"!\"\nschema S(Person):\n    mixin [FullnameMixin]\n",
		"schema M:\n    [str]: int\n    a: int = 1\nm = M {b = 2, c = 3}\n",
		"schema M:\n    [...str]: str\nm = M {b = \"x\"}\n",
		"x: float = 1\ny: int = 1Ki\nz: int | str = \"a\"\nw: int = None\nv: str = Undefined\n",
		"f = lambda x, y = 2 { z = x * y\n z + 1 }\nr = f(3, y = 4)\n",
		"schema B:\n    a: int = 1\nschema C(B):\n    b: str = \"x\"\nc = C {a = 2, b = \"y\"}\n",
		person + "d: {str:} = Person {name = \"a\"}\n",
		person + "c = {name = \"a\", age = 1}\np: Person = c\n",
		"r = {k: 1 for k in [\"a\"]}\ns = [{k = 1} for k in [\"a\"]]\n",
		"f = lambda x: int { x = \"s\"\n x }\n",
		"import regex\nschema S:\n    image: str\n    check:\n        regex.match(image, \"^a\"), \"bad\"\n",
		"rule R:\n    a > 1\n",
		"a = 1\nb = a if a > 0 else 2\nc = typeof(b)\n",
		person + "p = Person {\n    name = \"a\"\n    if True:\n        age = 1\n}\n",
		"schema P[n: int = 1]:\n    x: int = n\np = P() {}\nq = P(2) {}\nr = P(n = 3) {}\n",
		"schema S:\n    items: [str] = []\n    labels: {str:str} = {}\ns = S {items += [\"a\"], labels.app = \"x\"}\n",
		"x: \"a\" | \"b\" = \"a\"\ny: 1 | 2 = 2\nz: True = True\n",
		"schema Data:\n    kind: \"Pod\"\nd = Data {}\n",
		"_a = 1\n_a = 2\n_b = []\n_b = [1]\n_c = None\n_c = \"x\"\n_d: int | str = 1\n_d = \"s\"\n",
		"schema S:\n    a: int\n    b = a + 1\ns = S {a = 1}\nt = s.b\n",
		"schema S:\n    [key: str]: str\n    check:\n        key.islower()\n",
		"l = [1, 2]\nx: int = l[0]\n",
		"import pkg\np = pkg.Anything {a = 1}\nq = pkg.x.y\n",
		"lambda_ = lambda d: {str:} { d.a }\n",
		"schema Base:\n    name: str\nschema Child(Base):\n    extra: int\nc: Base = Child {name = \"a\", extra = 1}\n",
		"type Proto = \"TCP\" | \"UDP\"\nschema S:\n    p: Proto = \"TCP\"\n",
		"schema A:\n    x?: int\na = A {x = 1}\nb = a | {x = 2}\n",
		"schema S:\n    a: int = 1\n    if a > 0:\n        b = 2\ns = S {}\nv = s.b\n",
		"x = [i for i in range(3)]\ny: [int] = x\n",
		"schema S:\n    name: str\nf = lambda s: S { s.name }\n",
		person + "a = Person {name = \"a\"}\nb = a | {extra = 1}\nc: Person = a | {name = \"b\"}\n",
		person + "schema Child(Person):\n    age?: 1 | 2\n    name: \"x\"\n",
	} {
		if errs := checkSrc(t, src, nil); len(errs) > 0 {
			t.Errorf("%s\nerror: %v", src, errs)
		}
	}
}

func TestImportedPackage(t *testing.T) {
	f, err := syntax.ParseFile("pkg/p.k", []byte(person+"x = 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	pkg, errs := Check("pkg", []*syntax.File{f}, Config{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	pkgs := map[string]*Package{"pkg": pkg}
	errs = checkSrc(t, "import pkg\np = pkg.Person {name = \"a\", agee = 1}\n", pkgs)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "cannot add member 'agee'") ||
		errs[0].Notes[0].Pos.File != "pkg/p.k" {
		t.Errorf("errs = %v", errs)
	}
	errs = checkSrc(t, "import pkg\ny = pkg.z\nz: str = pkg.x\n", pkgs)
	if len(errs) != 2 || !strings.Contains(errs[0].Message, "module 'pkg' has no attribute 'z'") ||
		errs[1].Message != "expected str, got int" {
		t.Errorf("errs = %v", errs)
	}
	if errs := checkSrc(t, "import pkg\np: pkg.Person = {name = \"a\"}\nn: str = p.name\n", pkgs); len(errs) > 0 {
		t.Errorf("errs = %v", errs)
	}
}
