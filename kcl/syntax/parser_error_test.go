package syntax

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"akua.dev/akua/kcl/diag"
)

// errorLines renders the diagnostics of err as "line:col: message".
func errorLines(err error) []string {
	var out []string
	for _, d := range diag.From(err) {
		out = append(out, fmt.Sprintf("%d:%d: %s", d.Pos.Line, d.Pos.Col, d.Message))
	}
	return out
}

func TestSeveralErrors(t *testing.T) {
	src := `a = 1 +
b = 2
c = 1ni
if d
    e = 1
f = "abc
g = h.
schema S(A, B):
    x: int
k = [1, 2
`
	f, err := ParseFile("t.k", []byte(src))
	want := []string{
		"1:8: expected expression, got newline",
		"3:5: invalid int binary suffix",
		"4:5: expected ':', got newline",
		"6:5: unterminated string",
		"7:7: expected identifier, got newline",
		"8:11: expected ')', got ','",
		"10:5: '[' was never closed",
	}
	got := errorLines(err)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The tree is still there.
	if f == nil || len(f.Stmts) < 8 {
		t.Fatalf("partial tree has %d statements", len(f.Stmts))
	}
	if s, ok := f.Stmts[1].(*AssignStmt); !ok || dump(s) != "(assign (targets b) 2)" {
		t.Errorf("statement 2 = %s", dump(f.Stmts[1]))
	}
	for _, d := range diag.From(err) {
		if d.Code != diag.InvalidSyntax || d.Pos.File != "t.k" {
			t.Errorf("diagnostic %v has code %v", d, d.Code)
		}
	}
}

func TestErrorLimits(t *testing.T) {
	// One error per line, at most ten, sorted by position.
	var b strings.Builder
	for i := 0; i < 30; i++ {
		b.WriteString("a = ) ) )\n")
	}
	_, err := ParseFile("t.k", []byte(b.String()))
	list := diag.From(err)
	if len(list) != maxErrors {
		t.Fatalf("got %d errors, want %d", len(list), maxErrors)
	}
	for i, d := range list {
		if d.Pos.Line != i+1 {
			t.Errorf("error %d at line %d", i, d.Pos.Line)
		}
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		src  string
		code diag.Code
		want string
	}{
		{"a = 1, 2", diag.InvalidSyntax, "1:6: expected newline, got ','"},
		{"a==", diag.InvalidSyntax, "1:4: expected expression, got newline"},
		{"if True:\n    a = 1\nelse if False:\n    b = 1", diag.InvalidSyntax, "3:1: 'else if' here is invalid in KCL, consider using the 'elif' keyword"},
		{"a = 1\nif a == 1:\n    b = 2\n\tc = 3", diag.TabError, "4:2: inconsistent use of tabs and spaces in indentation"},
		{"if a:\n   b = 2\n  c = 3", diag.IndentationError, "3:3: unindent does not match any outer indentation level"},
		{"  a = 1", diag.IndentationError, "1:3: unexpected indent"},
		{"if a:\nb = 1", diag.IndentationError, "2:1: expected an indented block"},
		{"schema A:\n    [str]: str\n    [str]: int", diag.InvalidSyntax, "3:5: duplicate schema index signature definitions, only one is allowed in the schema"},
		{"a = f(k=1, 2)", diag.InvalidSyntax, "1:12: positional argument follows keyword argument"},
		{"x = [i for i() in d]", diag.InvalidSyntax, "1:13: expected 'in', got '('"},
		{"x = [i for i.j in d]", diag.CompileError, "1:12: loop variables can only be ordinary identifiers"},
		{"import .a..b", diag.InvalidSyntax, "1:11: expected identifier, got '.'"},
		{"a = (b not None)", diag.InvalidSyntax, "1:8: expected ')', got 'not'"},
		{"a = b if c", diag.InvalidSyntax, "1:11: expected 'else', got newline"},
		{"a = {b}", diag.InvalidSyntax, "1:7: expected ':', '=' or '+=', got '}'"},
		{"a = x[]", diag.InvalidSyntax, "1:8: expected an index expression"},
		{"a = \"${}\"", diag.InvalidSyntax, "1:8: string interpolation expression can not be empty"},
		{"a = \"${b\"", diag.InvalidSyntax, "1:6: unterminated string interpolation: missing '}'"},
		{"a = \"${b c}\"", diag.InvalidSyntax, "1:10: invalid string interpolation expression: unexpected identifier 'c'"},
		{"a = \"${b: json}\"", diag.InvalidSyntax, "1:9: invalid string interpolation format spec \"json\": it must start with '#'"},
		{"a = \"\\x4\"", diag.InvalidSyntax, "1:6: invalid escape sequence \"\\\\x4\""},
		{"a = (1, 2)", diag.InvalidSyntax, "1:7: tuples are not supported"},
		{"a: int", diag.InvalidSyntax, "1:7: expected '=' after the type annotation, got newline"},
		{"1 = a", diag.InvalidSyntax, "1:1: cannot assign to this expression"},
		{"a = lambda x x", diag.InvalidSyntax, "1:14: expected '{', got identifier 'x'"},
		{"@d\na = 1", diag.InvalidSyntax, "2:1: expected schema or rule after decorators, got identifier 'a'"},
		{"schema A:\n    schema B:\n        x: int", diag.InvalidSyntax, "2:5: schema statement is only allowed at the top level"},
		{"a = 99999999999999999999", diag.InvalidSyntax, "1:5: number literal 99999999999999999999 is out of range"},
		{"a = [\n  if b:\n  c\n]", diag.InvalidSyntax, "3:3: expected an indented block, got identifier 'c'"},
	}
	for _, tt := range tests {
		_, err := ParseFile("t.k", []byte(tt.src))
		list := diag.From(err)
		if len(list) == 0 {
			t.Errorf("ParseFile(%q): no error, want %s", tt.src, tt.want)
			continue
		}
		d := list[0]
		got := fmt.Sprintf("%d:%d: %s", d.Pos.Line, d.Pos.Col, d.Message)
		if got != tt.want || d.Code != tt.code {
			t.Errorf("ParseFile(%q):\n got %s %s\nwant %s %s", tt.src, d.Code.Title, got, tt.code.Title, tt.want)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("[", 5000),
		"a = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000),
		"a = " + strings.Repeat("-", 5000) + "1",
		"a = " + strings.Repeat("not ", 5000) + "1",
		"a: " + strings.Repeat("[", 5000) + "int" + strings.Repeat("]", 5000) + " = 1",
		"a = " + strings.Repeat("lambda {", 3000),
		"a = " + strings.Repeat("{if a: ", 3000),
		"a = \"${" + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + "}\"",
		deepIfs(2000),
	} {
		_, err := ParseFile("t.k", []byte(src))
		if err == nil || !strings.Contains(err.Error(), "maximum depth") {
			t.Errorf("deep input %.20q...: %v", src, err)
		}
	}
	// Deep but legal nesting is fine.
	src := "a = " + strings.Repeat("[", 200) + strings.Repeat("]", 200)
	if _, err := ParseFile("t.k", []byte(src)); err != nil {
		t.Errorf("nesting 200: %v", err)
	}
}

func TestParseExprErrors(t *testing.T) {
	if _, err := ParseExpr("o", []byte("1 2")); err == nil || !strings.Contains(err.Error(), "unexpected int literal after expression") {
		t.Errorf("ParseExpr(1 2): %v", err)
	}
	x, err := ParseExpr("o", []byte("  {a: [1, 2]}\n"))
	if err != nil || dump(x) != "{(: a [1 2])}" {
		t.Errorf("ParseExpr = %s, %v", dump(x), err)
	}
	x, err = ParseExpr("o", []byte(")"))
	if err == nil || x == nil {
		t.Errorf("ParseExpr()) = %v, %v", x, err)
	}
}

// deepIfs returns n nested if statements.
func deepIfs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i))
		b.WriteString("if a:\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "b = 1\n")
	return b.String()
}

// TestLargeInputs guards against quadratic behaviour on big or
// pathological inputs.
func TestLargeInputs(t *testing.T) {
	const n = 50000
	inputs := map[string]string{
		"long name":                   strings.Repeat("a", 20*n),
		"many statements":             strings.Repeat("a = b.c(1, [2], {d: 3})\n", n),
		"many interpolations":         "x = \"" + strings.Repeat("${a}", n) + "\"",
		"unterminated interpolations": "x = \"" + strings.Repeat("${", n) + "\"",
		"long call":                   "f(" + strings.Repeat("a, ", n) + ")",
		"long selector":               "x = a" + strings.Repeat(".b", n),
		"long sum":                    "x = 1" + strings.Repeat(" + 1", n),
		"closers":                     strings.Repeat(")", n),
		"openers":                     strings.Repeat("(", n) + strings.Repeat("]", n),
		"comments":                    strings.Repeat("# comment\n", n),
		"if items":                    "x = [" + strings.Repeat("if a: 1, ", n) + "]",
		"unterminated long":           "x = '''" + strings.Repeat("a\n", n),
		"backslashes":                 "x = \"" + strings.Repeat("\\\\", n) + "\"",
		"blank lines in arm":          "x = {\n    if a:\n" + strings.Repeat("\n", n) + "        b = 1\n}\n",
	}
	for name, src := range inputs {
		start := time.Now()
		ParseFile("t.k", []byte(src))
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: parsing %d bytes took %v", name, len(src), d)
		}
	}
}
