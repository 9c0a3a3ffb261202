package syntax

import "testing"

func TestParseExprShapes(t *testing.T) {
	tests := []struct{ src, want string }{
		// Literals.
		{`1`, `1`},
		{`0x1F`, `0x1F`},
		{`1_000`, `1_000`},
		{`1.5e3`, `1.5e3`},
		{`2Ki`, `2Ki`},
		{`True`, `True`},
		{`None`, `None`},
		{`Undefined`, `Undefined`},
		{`"a\tb"`, `"a\tb"`},
		{`'it''s'`, `"its"`},
		{`"a" "b" 'c'`, `"abc"`},
		{`r"a\nb"`, `"a\\nb"`},
		{`"""x
y"""`, `"x\ny"`},
		{"\"\"\"\nx\n\"\"\"", `"x\n"`},
		{"'''\n\nx'''", `"\nx"`},
		{"r'''\n\\x'''", `"\\x"`},
		{"\"\"\"\n${a}\"\"\"", `(interp (fmt a))`},
		{`$schema`, `schema`},
		{`protocol`, `protocol`},

		// Precedence.
		{`1 + 2 * 3`, `(+ 1 (* 2 3))`},
		{`(1 + 2) * 3`, `(* (paren (+ 1 2)) 3)`},
		{`1 - 2 - 3`, `(- (- 1 2) 3)`},
		{`2 ** 3 ** 2`, `(** 2 (** 3 2))`},
		{`-2 ** 2`, `(- (** 2 2))`},
		{`2 ** -1`, `(** 2 (- 1))`},
		{`~a + b`, `(+ (~ a) b)`},
		{`a | b ^ c & d << 1 + 2`, `(| a (^ b (& c (<< d (+ 1 2)))))`},
		{`a // b % c`, `(% (// a b) c)`},
		{`not a == b`, `(not (cmp a == b))`},
		{`not not a`, `(not (not a))`},
		{`a and b or c and d`, `(or (and a b) (and c d))`},
		{`a or not b and c`, `(or a (and (not b) c))`},
		{`a < b <= c`, `(cmp a < b <= c)`},
		{`a in b`, `(cmp a in b)`},
		{`a not in b`, `(cmp a not in b)`},
		{`a is not None`, `(cmp a is not None)`},
		{`a is b == c`, `(cmp a is b == c)`},
		{`a + 1 > b | c`, `(cmp (+ a 1) > (| b c))`},
		{`a if b else c`, `(if b a c)`},
		{`a if b else c if d else e`, `(if b a (if d c e))`},
		{`a or b if c or d else e`, `(if (or c d) (or a b) e)`},
		{`x as int`, `(as x int)`},
		{`a + b as pkg.T == c`, `(cmp (as (+ a b) (. pkg T)) == c)`},

		// Primary expressions.
		{`a.b.c`, `(. (. a b) c)`},
		{`a?.b`, `(?. a b)`},
		{`a?[0]`, `(?index a 0)`},
		{`a[1:2]`, `(slice a 1 2 _)`},
		{`a[::2]`, `(slice a _ _ 2)`},
		{`a[:]`, `(slice a _ _ _)`},
		{`a[i][j]`, `(index (index a i) j)`},
		{`f(1, x, k=2)`, `(call f 1 x k=2)`},
		{`f(*a, **b)`, `(call f (* a) (** b))`},
		{`f()()`, `(call (call f))`},
		{`a.b(1).c`, `(. (call (. a b) 1) c)`},
		{`x.if`, `(. x if)`},

		// Lists and comprehensions.
		{`[]`, `[]`},
		{`[1, 2, *a,]`, `[1 2 (* a)]`},
		{"[\n  1\n  2\n]", `[1 2]`},
		{"[\n  a\n  -1\n]", `[a (- 1)]`},
		{"[\n  a\n  (b)\n]", `[a (paren b)]`},
		{"[\n  'a'\n  'b'\n]", `["a" "b"]`},
		{"(\n  'a'\n  'b'\n)", `(paren "ab")`},
		{"[a +\n  b]", `[(+ a b)]`},
		{`[x for x in y]`, `(listcomp x (for (x) y))`},
		{`[x * y for x in a for y in b if x if y > 1]`, `(listcomp (* x y) (for (x) a) (for (y) b if x if (cmp y > 1)))`},
		{`[k for k, v in d]`, `(listcomp k (for (k v) d))`},
		{`[a if b else c for a in d]`, `(listcomp (if b a c) (for (a) d))`},
		{`[if a: 1]`, `[(if-item (branch a 1))]`},
		{`[if a: 1 elif b: 2 else: 3, 4]`, `[(if-item (branch a 1) (branch b 2) (branch _ 3)) 4]`},
		{"[\n  if a:\n    1\n    2\n  else:\n    3\n  4\n]", `[(if-item (branch a 1 2) (branch _ 3)) 4]`},
		{"[\n  if a:\n    if b:\n      1\n    2\n  3\n]", `[(if-item (branch a (if-item (branch b 1)) 2)) 3]`},
		{"[if a: [1,\n 2]\n 3]", `[(if-item (branch a [1 2])) 3]`},

		// Configs.
		{`{}`, `{}`},
		{`{a: 1, b = 2, c += [3]}`, `{(: a 1) (= b 2) (+= c [3])}`},
		{`{"a": 1, **b}`, `{(: "a" 1) (** b)}`},
		{`{a.b.c: 1}`, `{(: (. (. a b) c) 1)}`},
		{"{\n  a = 1\n  **b\n  c = 2\n}", `{(= a 1) (** b) (= c 2)}`},
		{`{k: v for k, v in d if v}`, `(dictcomp (: k v) (for (k v) d if v))`},
		{`{if a: b = 1}`, `{(if-entry (branch a (= b 1)))}`},
		{"{\n  if a:\n    b = 1\n    c = 2\n  elif d:\n    b = 2\n  else:\n    **e\n  f = 3\n}", `{(if-entry (branch a (= b 1) (= c 2)) (branch d (= b 2)) (branch _ (** e))) (= f 3)}`},
		{"{\n  if a: b = 1\n  else: b = 2\n  c = 3\n}", `{(if-entry (branch a (= b 1)) (branch _ (= b 2))) (= c 3)}`},
		{"{\n  if a:\n    b = {\n      if c:\n        d = 1\n    }\n  e = 2\n}", `{(if-entry (branch a (= b {(if-entry (branch c (= d 1)))}))) (= e 2)}`},
		{"{if a:\n    b = 1}", `{(if-entry (branch a (= b 1)))}`},

		// Schema expressions.
		{`A {}`, `(schema A {})`},
		{`A {a = 1}`, `(schema A {(= a 1)})`},
		{`pkg.A {a: 1}`, `(schema (. pkg A) {(: a 1)})`},
		{`A(1, n=2) {}`, `(schema A(args 1 n=2) {})`},
		{`[A {}, B{}]`, `[(schema A {}) (schema B {})]`},
		{"[\n  a\n  {b = 1}\n]", `[a {(= b 1)}]`},
		{`a.b() {}`, `(schema (. a b)(args) {})`},

		// Quantifiers.
		{`all x in a { x > 0 }`, `(all (x) a (cmp x > 0))`},
		{`any k, v in d { v if k }`, `(any (k v) d v if k)`},
		{`map x in a.b() { x * 2 }`, `(map (x) (call (. a b)) (* x 2))`},
		{"filter x in [1, 2] {\n    x > 1\n}", `(filter (x) [1 2] (cmp x > 1))`},

		// Lambdas.
		{`lambda x, y { x + y }`, `(lambda (params x y) (expr (+ x y)))`},
		{`lambda x: int = 1 -> int { x }`, `(lambda (params x:int=1) -> int (expr x))`},
		{`lambda {}`, `(lambda (params))`},
		{"lambda x {\n    y = x + 1\n    if y > 2:\n        y = 2\n    y\n}", `(lambda (params x) (assign (targets y) (+ x 1)) (if (branch (cmp y > 2) (assign (targets y) 2))) (expr y))`},
		{"lambda x {\n  x\n}(1)", `(call (lambda (params x) (expr x)) 1)`},
		{"[lambda x {\n    x\n  }, 2]", `[(lambda (params x) (expr x)) 2]`},
		{"f(lambda x {\n        x + 1\n    }, y)", `(call f (lambda (params x) (expr (+ x 1))) y)`},
		{"lambda x: (int, str) -> str -> str { x }", `(lambda (params x:(func (params int str) str)) -> str (expr x))`},

		// String interpolation.
		{`"a${b}c"`, `(interp "a" (fmt b) "c")`},
		{`"${a: #json} ${b:#yaml}"`, `(interp (fmt a #json) " " (fmt b #yaml))`},
		{`"${e['key']}"`, `(interp (fmt (index e "key")))`},
		{`"${e[\"key\"]}"`, `(interp (fmt (index e "key")))`},
		{`"${ {'a': 1}['a'] }"`, `(interp (fmt (index {(: "a" 1)} "a")))`},
		{`"\${a}"`, `"${a}"`},
		{`"$$${a}$$"`, `(interp "$$" (fmt a) "$$")`},
		{`r"${a}"`, `"${a}"`},
		{`"${a}" "b"`, `(interp (fmt a) "b")`},
		{`"${'${a}'}"`, `(interp (fmt (interp (fmt a))))`},
	}
	for _, tt := range tests {
		x, err := ParseExpr("test.k", []byte(tt.src))
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.src, err)
			continue
		}
		if got := dump(x); got != tt.want {
			t.Errorf("ParseExpr(%q)\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestStringValues(t *testing.T) {
	tests := []struct{ src, want string }{
		{`"\n\t\\\'\""`, "\n\t\\'\""},
		{`"\x41\u00e9\U0001F600"`, "A\u00e9\U0001F600"},
		{`"\101\0\7"`, "A\x00\x07"},
		{`"\0A"`, "\x00A"},
		{`"\q\A"`, `\q\A`},
		{`"a\
b"`, "ab"},
		{`r"\n\""`, `\n\"`},
		{`'''a"b'''`, `a"b`},
		{`"$"`, `$`},
		{`"a$b"`, `a$b`},
	}
	for _, tt := range tests {
		x, err := ParseExpr("test.k", []byte(tt.src))
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.src, err)
			continue
		}
		lit, ok := x.(*StringLit)
		if !ok {
			t.Errorf("ParseExpr(%q) = %s, want a string", tt.src, dump(x))
			continue
		}
		if lit.Value != tt.want {
			t.Errorf("ParseExpr(%q) = %q, want %q", tt.src, lit.Value, tt.want)
		}
		if lit.Raw != tt.src {
			t.Errorf("ParseExpr(%q).Raw = %q", tt.src, lit.Raw)
		}
	}
}

func TestNumberValues(t *testing.T) {
	tests := []struct {
		src     string
		isFloat bool
		i       int64
		f       float64
		suffix  string
	}{
		{"0", false, 0, 0, ""},
		{"42", false, 42, 0, ""},
		{"1_000_000", false, 1000000, 0, ""},
		{"0x1f", false, 31, 0, ""},
		{"0o17", false, 15, 0, ""},
		{"010", false, 8, 0, ""},
		{"0b101", false, 5, 0, ""},
		{"9223372036854775807", false, 9223372036854775807, 0, ""},
		{"1.5", true, 0, 1.5, ""},
		{"1.", true, 0, 1, ""},
		{".5", true, 0, .5, ""},
		{"1e3", true, 0, 1000, ""},
		{"2.5E-1", true, 0, .25, ""},
		{"1Ki", false, 1, 0, "Ki"},
		{"5m", false, 5, 0, "m"},
		{"3P", false, 3, 0, "P"},
	}
	for _, tt := range tests {
		x, err := ParseExpr("test.k", []byte(tt.src))
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.src, err)
			continue
		}
		n, ok := x.(*NumberLit)
		if !ok {
			t.Errorf("ParseExpr(%q) = %s, want a number", tt.src, dump(x))
			continue
		}
		if n.IsFloat != tt.isFloat || n.Int != tt.i || n.Float != tt.f || n.Suffix != tt.suffix || n.Raw != tt.src {
			t.Errorf("ParseExpr(%q) = %+v", tt.src, *n)
		}
	}
}
