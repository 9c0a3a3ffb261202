package syntax

import (
	"strings"
	"testing"
)

func TestParseFileShapes(t *testing.T) {
	tests := []struct{ src, want string }{
		// Simple statements.
		{"a = 1", `(assign (targets a) 1)`},
		{"a = b = 1", `(assign (targets a b) 1)`},
		{"a: int = 1", `(assign (targets a) :int 1)`},
		{"a.b[0] = 1", `(assign (targets (index (. a b) 0)) 1)`},
		{"a += 1\nb |= {}", `(aug+= a 1) (aug|= b {})`},
		{"a: A {x = 1}", `(unify a (schema A {(= x 1)}))`},
		{"a: pkg.A(1) {}", `(unify a (schema (. pkg A)(args 1) {}))`},
		{"a = A {}", `(assign (targets a) (schema A {}))`},
		{"print(1), 2", `(expr (call print 1) 2)`},
		{"a = 1; b = 2", `(assign (targets a) 1) (assign (targets b) 2)`},
		{"x = \\\n  1", `(assign (targets x) 1)`},
		{"assert a", `(assert a _ _)`},
		{"assert a > 1 if b, \"msg\"", `(assert (cmp a > 1) b "msg")`},
		{"import a.b.c\nimport .d as e\nimport ..f\nimport ...g", `(import a.b.c) (import .d as e) (import ..f) (import ...g)`},
		{"type T = int | \"a\" | [str] | {str:any}", `(type T (| int (lit "a") [str] {str:any}))`},
		{"type = 1", `(assign (targets type) 1)`},
		{"protocol = \"TCP\"", `(assign (targets protocol) "TCP")`},
		{"\"\"\"doc\"\"\"\na = 1", `(doc "doc") (assign (targets a) 1)`},

		// If statements.
		{"if a: b = 1", `(if (branch a (assign (targets b) 1)))`},
		{"if a:\n    b = 1\nelif c:\n    b = 2\nelse:\n    b = 3\nd = 4",
			`(if (branch a (assign (targets b) 1)) (branch c (assign (targets b) 2)) (branch _ (assign (targets b) 3))) (assign (targets d) 4)`},
		{"if a:\n    if b:\n        c = 1\n    d = 2\ne = 3",
			`(if (branch a (if (branch b (assign (targets c) 1))) (assign (targets d) 2))) (assign (targets e) 3)`},
		{"if a:\n\n    # comment\n    b = 1\n\n# x\nc = 1", `(if (branch a (assign (targets b) 1))) (assign (targets c) 1)`},

		// Schemas.
		{"schema A:\n    a: int", `(schema A (attr a int))`},
		{"schema A:\n    \"\"\"Doc.\"\"\"\n    a?: str = \"x\"\n    \"b-c\": int\n    d: [int] |= [1]",
			`(schema A (doc "Doc.") (attr a? str = "x") (attr b-c int) (attr d [int] |= [1]))`},
		{"schema A[x: int, y = 1](pkg.B) for P:\n    a = x",
			`(schema A (params x:int y=1) (parent (. pkg B)) (for P) (assign (targets a) x))`},
		{"mixin M:\n    a: int\nprotocol P:\n    b: str",
			`(mixin M (attr a int)) (protocol P (attr b str))`},
		{"schema A:\n    mixin [M1, pkg.M2]\n    a: int",
			`(schema A (mixins M1 (. pkg M2)) (attr a int))`},
		{"schema A:\n    mixin [\n        M1,\n        M2\n    ]",
			`(schema A (mixins M1 M2))`},
		{"@deprecated\n@info(version=\"1\")\nschema A:\n    @deprecated(strict=False)\n    a: int",
			`(schema A @deprecated @info(args version="1") (attr @deprecated(args strict=False) a int))`},
		{"schema A:\n    [str]: int",
			`(schema A (index-sig str int))`},
		{"schema A:\n    [k: str]: int = 0\n    a: int",
			`(schema A (attr a int) (index-sig k str int = 0))`},
		{"schema A:\n    [...str]: int",
			`(schema A (index-sig ...str int))`},
		{"schema A:\n    [k: ...str]: int",
			`(schema A (index-sig k ...str int))`},
		{"schema A:\n    [1, 2]",
			`(schema A (expr [1 2]))`},
		{"schema A:\n    a: int\n    if a > 1:\n        b = 1\n    check:\n        a > 0, \"positive\"\n        b if a\n        len(x) < 3",
			`(schema A (attr a int) (if (branch (cmp a > 1) (assign (targets b) 1))) (check (c (cmp a > 0) _ "positive") (c b a _) (c (cmp (call len x) < 3) _ _)))`},
		{"schema A:\n    check:\n        a not None, \"m\"",
			`(schema A (check (c a _ _) (c (not None) _ "m")))`},
		{"schema A:\n    rule: Rule\n    if rule:\n        schema = 1",
			`(schema A (attr rule Rule) (if (branch rule (assign (targets schema) 1))))`},
		{"schema A:\n    b: B {x = 1}",
			`(schema A (unify b (schema B {(= x 1)})))`},
		{"schema A:", `(schema A)`},
		{"schema A:\n\nb = 1", `(schema A) (assign (targets b) 1)`},

		// Rules.
		{"rule R:\n    a > 0\n    b",
			`(rule R (c (cmp a > 0) _ _) (c b _ _))`},
		{"@d\nrule R[x](P1, P2) for Proto:\n    \"\"\"Doc.\"\"\"\n    x > 0, \"m\"",
			`(rule R @d (params x) (parents P1 P2) (for Proto) (doc "Doc.") (c (cmp x > 0) _ "m"))`},

		// Lambdas as statements' values.
		{"f = lambda x {\n    x + 1\n}\ny = f(1)",
			`(assign (targets f) (lambda (params x) (expr (+ x 1)))) (assign (targets y) (call f 1))`},
		{"x = [\n    lambda {\n        a = 1\n        a\n    }\n]\ny = 1",
			`(assign (targets x) [(lambda (params) (assign (targets a) 1) (expr a))]) (assign (targets y) 1)`},
		{"f = lambda x {\n    if x:\n        y = {\n            if x: a = 1\n        }\n    y\n}",
			`(assign (targets f) (lambda (params x) (if (branch x (assign (targets y) {(if-entry (branch x (= a 1)))}))) (expr y)))`},

		// Configs spanning lines.
		{"a = {\n    b: 1\n    c = [\n        1\n    ]\n}\nd = 2",
			`(assign (targets a) {(: b 1) (= c [1])}) (assign (targets d) 2)`},
		{"a = {\n    if x:\n        b = 1\n}\nc = 2",
			`(assign (targets a) {(if-entry (branch x (= b 1)))}) (assign (targets c) 2)`},
		{"schema A:\n    a = {\n        if x:\n            b = 1\n    }\n    c: int",
			`(schema A (assign (targets a) {(if-entry (branch x (= b 1)))}) (attr c int))`},
	}
	for _, tt := range tests {
		f, err := ParseFile("test.k", []byte(tt.src))
		if err != nil {
			t.Errorf("ParseFile(%q): %v", tt.src, err)
			continue
		}
		if got := dump(f); got != tt.want {
			t.Errorf("ParseFile(%q)\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestTypes(t *testing.T) {
	tests := []struct{ src, want string }{
		{"int", "int"},
		{"pkg.Schema", "pkg.Schema"},
		{"[]", "[]"},
		{"[[str]]", "[[str]]"},
		{"{:}", "{:}"},
		{"{str:}", "{str:}"},
		{"{str:[int]}", "{str:[int]}"},
		{"int|str|None", "(| int str (lit None))"},
		{"\"a\"|'b'", `(| (lit "a") (lit "b"))`},
		{"1|-2|2.5|True", "(| (lit 1) (lit -2) (lit 2.5) (lit True))"},
		{"() -> ()", "(func (params) (func (params) _))"},
		{"(int, str) -> bool", "(func (params int str) bool)"},
		{"any", "any"},
	}
	for _, tt := range tests {
		f, err := ParseFile("test.k", []byte("a: "+tt.src+" = 1"))
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		got := dump(f.Stmts[0].(*AssignStmt).Type)
		if got != tt.want {
			t.Errorf("type %s: got %s, want %s", tt.src, got, tt.want)
		}
	}
	// A negative literal type is one NumberLit.
	f, _ := ParseFile("t.k", []byte("a: -3 = 1"))
	n := f.Stmts[0].(*AssignStmt).Type.(*LiteralType).Value.(*NumberLit)
	if n.Raw != "-3" || n.Int != -3 || n.Start.Col != 4 {
		t.Errorf("negative literal type: %+v", *n)
	}
}

func TestFileComments(t *testing.T) {
	src := "# head\na = 1  # tail\nb = [\n    1, # in list\n]\n"
	f, err := ParseFile("t.k", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, c := range f.Comments {
		texts = append(texts, c.Text)
	}
	if got := strings.Join(texts, "|"); got != "# head|# tail|# in list" {
		t.Errorf("comments = %q", got)
	}
	if c := f.Comments[1]; c.Start != (Pos{2, 8}) || c.End != (Pos{2, 14}) {
		t.Errorf("comment span = %v-%v", c.Start, c.End)
	}
}
