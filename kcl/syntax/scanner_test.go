package syntax

import (
	"fmt"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
)

// scanAll returns the tokens of src as text: names and literals as
// written, other tokens by kind, separated by spaces; and the errors.
func scanAll(src string) (string, []string) {
	var s scanner
	var errs []string
	s.init(src, Pos{Line: 1, Col: 1}, false, func(code diag.Code, pos, end Pos, suggestion, msg string) {
		errs = append(errs, fmt.Sprintf("%d:%d: %s", pos.Line, pos.Col, msg))
	})
	var out []string
	for {
		t := s.next()
		switch t.kind {
		case EOF:
			return strings.Join(out, " "), errs
		case NEWLINE:
			out = append(out, "NL")
		case INDENT:
			out = append(out, "IN")
		case DEDENT:
			out = append(out, "DE")
		default:
			out = append(out, t.lit)
		}
	}
}

func TestScanLines(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a", "a NL"},
		{"a = 1\nb = 2\n", "a = 1 NL b = 2 NL"},
		{"\n\n  # c\na\n\n", "a NL"},
		{"if a:\n    b\n    c\nd", "if a : NL IN b NL c NL DE d NL"},
		{"if a:\n  if b:\n    c\nd", "if a : NL IN if b : NL IN c NL DE DE d NL"},
		{"if a:\n    b\n", "if a : NL IN b NL DE"},
		{"if a:\n    b\n\n    # comment\n    c\n", "if a : NL IN b NL c NL DE"},
		{"a = [1,\n  2,\n    3]\nb", "a = [ 1 , 2 , 3 ] NL b NL"},
		{"a = (1 +\n\n# c\n2)", "a = ( 1 + 2 ) NL"},
		{"a = 1 + \\\n  2\nb", "a = 1 + 2 NL b NL"},
		{"a = 1\r\nb = 2\r\n", "a = 1 NL b = 2 NL"},
		{"a = 1\rb = 2", "a = 1 NL b = 2 NL"},
		{"\xEF\xBB\xBFa", "a NL"},
		{"if a:\n\tb\n\tc", "if a : NL IN b NL c NL DE"},
	}
	for _, tt := range tests {
		got, errs := scanAll(tt.src)
		if got != tt.want || len(errs) > 0 {
			t.Errorf("scan %q:\n got %s %v\nwant %s", tt.src, got, errs, tt.want)
		}
	}
}

func TestScanBlocksInBrackets(t *testing.T) {
	// Lambda bodies and arms become blocks only when the parser asks;
	// drive the scanner the way the parser does.
	tests := []struct {
		src  string
		want string
	}{
		// A lambda body `{` is turned into a block.
		{"f = lambda x {\n    a = x\n    a\n}\ny", "f = lambda x { NL IN a = x NL a NL DE } NL y NL"},
		{"f = lambda x { x }", "f = lambda x { x NL } NL"},
		{"g(lambda {\n        1\n    }, 2)", "g ( lambda { NL IN 1 NL DE } , 2 ) NL"},
		// An arm after `:` inside brackets.
		{"{\n  if a:\n    b = 1\n    c = 2\n  d = 3\n}", "{ if a : NL IN b = 1 NL c = 2 NL DE d = 3 } NL"},
		{"{\n  if a:\n    b = 1}", "{ if a : NL IN b = 1 NL DE } NL"},
		{"[if a: 1\n  2]", "[ if a : 1 2 ] NL"},
	}
	for _, tt := range tests {
		var s scanner
		var errs []string
		s.init(tt.src, Pos{Line: 1, Col: 1}, false, func(code diag.Code, pos, end Pos, suggestion, msg string) {
			errs = append(errs, msg)
		})
		var out []string
		var ifLine token
		for {
			t := s.next()
			if t.kind == EOF {
				break
			}
			switch t.kind {
			case NEWLINE:
				out = append(out, "NL")
			case INDENT:
				out = append(out, "IN")
			case DEDENT:
				out = append(out, "DE")
			default:
				out = append(out, t.lit)
			}
			switch {
			case t.kind == LBRACE && len(out) > 1 && (out[len(out)-2] == "x" || out[len(out)-2] == "lambda"):
				s.blockify(t.off, indent{})
			case t.kind == IF:
				ifLine = t
			case t.kind == COLON && ifLine.kind == IF && t.brk != 0:
				s.pushArm(t.pos, ifLine.ind)
				if n := s.next(); n.kind != NEWLINE {
					s.dropArm()
					out = append(out, n.lit)
				} else {
					out = append(out, "NL")
				}
			}
		}
		if got := strings.Join(out, " "); got != tt.want || len(errs) > 0 {
			t.Errorf("scan %q:\n got %s %v\nwant %s", tt.src, got, errs, tt.want)
		}
	}
}

func TestScanTokens(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a.b?.c?[0]", "a . b ? . c ? [ 0 ] NL"},
		{"** **= // //= << <<= >> >>= -> ... != == <= >= @ ~", "** **= // //= << <<= >> >>= -> ... != == <= >= @ ~ NL"},
		{"+= -= *= /= %= &= |= ^=", "+= -= *= /= %= &= |= ^= NL"},
		{"import ..a", "import . . a NL"},
		{"$if $schema x", "if schema x NL"},
		{`r"a\"b" R'c' "x" '''y'''`, `r"a\"b" R'c' "x" '''y''' NL`},
		{"1 1.5 .5 1e3 1E+3 0x_1f 0o7 0b1 1_0 1Ki 2n", "1 1.5 .5 1e3 1E+3 0x_1f 0o7 0b1 1_0 1Ki 2n NL"},
		{"名字 = 1", "名字 = 1 NL"},
	}
	for _, tt := range tests {
		got, errs := scanAll(tt.src)
		if got != tt.want || len(errs) > 0 {
			t.Errorf("scan %q:\n got %s %v\nwant %s", tt.src, got, errs, tt.want)
		}
	}
}

func TestScanPositions(t *testing.T) {
	var s scanner
	s.init("a = \"\"\"x\ny\"\"\" + b\n  # c\nc", Pos{Line: 1, Col: 1}, false, nil)
	var got []string
	for t := s.next(); t.kind != EOF; t = s.next() {
		got = append(got, fmt.Sprintf("%s@%d:%d-%d:%d", t.kind, t.pos.Line, t.pos.Col, t.end.Line, t.end.Col))
	}
	want := "identifier@1:1-1:2 =@1:3-1:4 string literal@1:5-2:5 +@2:6-2:7 identifier@2:8-2:9 newline@2:9-2:10 identifier@4:1-4:2 newline@4:2-4:2"
	if strings.Join(got, " ") != want {
		t.Errorf("positions:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestScanErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a = 1ni", "1:5: invalid int binary suffix"},
		{"a = 1ui", "1:5: invalid int binary suffix"},
		{"a = 1.5Ki", "1:5: invalid suffix 'Ki' on float literal"},
		{"a = 0b102", "1:5: invalid digit '2' in binary literal"},
		{"a = 09", "1:5: invalid digit '9' in octal literal"},
		{"a = 0x", "1:5: no valid digits found for number"},
		{"a = 1e+", "1:5: expected at least one digit in exponent"},
		{"a = \"abc\nb = 1", "1:5: unterminated string"},
		{"a = '''abc", "1:5: unterminated string"},
		{"a = !b", "1:5: invalid token '!', consider using 'not'"},
		{"a = `b`", "1:5: unknown start of token '`'"},
		{"a = 1 \\ b", "1:7: unexpected character after line continuation character"},
		{"a = (1,\n[2)", "2:3: closing ')' does not match opening '['"},
		{"a = 1)", "1:6: unmatched ')'"},
		{"a = [1,\n2", "1:5: '[' was never closed"},
		{"if a:\n        b\n    c", "3:5: unindent does not match any outer indentation level"},
		{"if a:\n    b\n\tc", "3:2: inconsistent use of tabs and spaces in indentation"},
		{"a = $", "1:5: '$' must be followed by an identifier"},
	}
	for _, tt := range tests {
		_, errs := scanAll(tt.src)
		if len(errs) == 0 || errs[0] != tt.want {
			t.Errorf("scan %q: errors %q, want %q", tt.src, errs, tt.want)
		}
	}
}
