package regex

import (
	"strings"
	"testing"

	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestRegex(t *testing.T) {
	libtest.Check(t, "import regex\n_ident = r\"^[A-Za-z_][A-Za-z0-9_]*$\"\n_label = \"^(?!-)[a-z0-9-]{1,63}(?<!-)$\"", []libtest.Case{
		{Expr: `all s in ["x", "x1", "_x2", "__X3__", "x_4"] { regex.match(s, _ident) }`},
		{Expr: `not any s in ["$", "6x", "x-7"] { regex.match(s, _ident) }`},
		{Expr: `all s in ["x", "x1", "6x", "x-7"] { regex.match(s, _label) }`},
		{Expr: `not any s in ["$", "x" * 64, "_x2", "__X3__", "x_4", "-x", "x-"] { regex.match(s, _label) }`},
		{Expr: `regex.match("192.168.0.1", "^(1\\d{2}|2[0-4]\\d|25[0-5]|[1-9]\\d|[1-9])\\.(1\\d{2}|2[0-4]\\d|25[0-5]|[1-9]\\d|\\d)\\.(1\\d{2}|2[0-4]\\d|25[0-5]|[1-9]\\d|\\d)\\.(1\\d{2}|2[0-4]\\d|25[0-5]|[1-9]\\d|\\d)$")`},
		{Expr: `regex.match("abc", "b") and regex.search("aaaa", "a") and not regex.search("aaaa", "b")`},
		{Expr: `regex.match(string="ab", pattern="(?i)AB")`},
		{Expr: `regex.findall("4Gi", r"^(\d{0,63})(E|P|T|G|M|K|Ei|Pi|Ti|Gi|Mi|Ki)$") == [["4", "Gi"]]`},
		{Expr: `regex.findall("aaaa", "a") == ["a", "a", "a", "a"] and regex.findall("a1b22", r"(\d+)") == ["1", "22"]`},
		{Expr: `regex.findall("a1", r"(x)?(\d)") == [["", "1"]]`},
		{Expr: `regex.findall("foo bar", r"(?<=o )\w+") == ["bar"]`},
		{Expr: `regex.replace("a,b,c", ",", "|") == "a|b|c" and regex.replace("a,b,c", ",", "|", 1) == "a|b,c"`},
		{Expr: `regex.replace("John Smith", r"(?P<first>\w+) (?P<last>\w+)", "$last, $" + "{first}") == "Smith, John"`},
		{Expr: `regex.replace("ab", "(a)(b)", "$2$1$$") == "ba$"`},
		{Expr: `regex.replace("aXbX", "X(?=b)", "-") == "a-bX"`},
		{Expr: `regex.split("a,b,,c", ",") == ["a", "b", "", "c"] and regex.split("a1b2c", r"\d", 1) == ["a", "b2c"]`},
		{Expr: `regex.split("abc", "x") == ["abc"] and regex.split("", ",") == [""]`},
		{Expr: `regex.compile("$^") and regex.compile("(?<!a)b") and not regex.compile("(") and not regex.compile("a{2,1}")`},
		{Expr: `regex.match("abab", r"^(ab)\1$") and not regex.match("abba", r"^(ab)\1$")`},
		{Expr: `regex.match("x", "(")`, Err: "invalid regular expression"},
		{Expr: `regex.match(1, "a")`, Err: "expected str"},
	}, nil)
}

func TestBacktrack(t *testing.T) {
	tests := []struct {
		pattern, input string
		want           []int // match positions, nil for no match
	}{
		{`a(?=b)`, "cab", []int{1, 2}},
		{`a(?!b)`, "abac", []int{2, 3}},
		{`(?<=\$)\d+`, "cost $42", []int{6, 8}},
		{`(?<!\$)\b\d+`, "$42 17", []int{4, 6}},
		{`(\w)\1`, "abccd", []int{2, 4, 2, 3}},
		{`(?i)(a)\1`, "xaA", []int{1, 3, 1, 2}},
		{`(?<x>o)\k<x>`, "foo", []int{1, 3, 1, 2}},
		{`(?>a+)b`, "aaab", []int{0, 4}},
		{`(?>a*)a`, "aaa", nil},
		{`a*+a`, "aaa", nil},
		{`a{2,3}?(?=a)`, "aaaa", []int{0, 2}},
		{`^(?!-)[a-z-]+$`, "ab-c", []int{0, 4}},
		{`(?m)^b$(?!x)`, "a\nb\nc", []int{2, 3}},
		{`(?s)a.c(?=!)`, "a\nc!", []int{0, 3}},
		{`[[:digit:]]+(?=x)`, "12x", []int{0, 2}},
		{`[^\d\s]+(?=1)`, "ab 1 cd1", []int{5, 7}},
		{`\p{Greek}+(?=!)`, "αβ!", []int{0, 4}},
		{`é(?=x)`, "éx", []int{0, 2}},
		{`(a|ab)(c|bcd)(?=$)`, "abcd", []int{0, 4, 0, 1, 1, 4}},
	}
	for _, tc := range tests {
		b, err := compileBacktrack(tc.pattern)
		if err != nil {
			t.Errorf("%s: %v", tc.pattern, err)
			continue
		}
		got, err := b.findAt(tc.input, 0)
		if err != nil {
			t.Errorf("%s on %q: %v", tc.pattern, tc.input, err)
			continue
		}
		if tc.want == nil {
			if got != nil {
				t.Errorf("%s on %q: got %v, want no match", tc.pattern, tc.input, got)
			}
			continue
		}
		if len(got) < len(tc.want) {
			t.Errorf("%s on %q: got %v, want %v", tc.pattern, tc.input, got, tc.want)
			continue
		}
		for i, w := range tc.want {
			if got[i] != w {
				t.Errorf("%s on %q: got %v, want %v", tc.pattern, tc.input, got, tc.want)
				break
			}
		}
	}
}

func TestBacktrackErrors(t *testing.T) {
	for _, p := range []string{`(?<=a`, `(?=a`, `\k<nope>`, `[a`, `(?P<>a)`, `\q`, `(?<a>x)(?<a>y)`} {
		if _, err := compileBacktrack(p); err == nil {
			t.Errorf("%s: compiled, want an error", p)
		}
	}
}

// A catastrophic pattern stops at the step budget instead of hanging.
func TestBacktrackLimit(t *testing.T) {
	b, err := compileBacktrack(`^(a+)+(?!x)b$`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.findAt(strings.Repeat("a", 40), 0); err != errLimit {
		t.Fatalf("got %v, want the backtracking limit", err)
	}
	libtest.Check(t, "import regex", []libtest.Case{
		{Expr: `regex.match("a" * 40, r"^(a+)+(?!x)b$") == False`},
		{Expr: `regex.findall("a" * 40, r"^(a+)+(?!x)b$")`, Err: "backtracking limit exceeded"},
		{Expr: `len(regex.findall("a" * 20000, r"a(?!b)")) == 20000`},
		{Expr: `len(regex.findall("ab" * 10000, r"(?<=a)b")) == 10000`},
		{Expr: `regex.findall("xaab", r"(?<=a+)b") == ["b"]`},
	}, nil)
}
