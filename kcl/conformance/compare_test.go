package conformance

import (
	"strings"
	"testing"
)

func TestCompareYAMLEqual(t *testing.T) {
	tests := []struct{ got, want string }{
		{"", ""},
		{"a: 1\n", "a: 1"},
		{"a: 1\n", "\n\na: 1 # comment\n"},
		// Quoting and layout do not matter.
		{"a: 'x'\nb: \"y\"\nc: z\n", "a: x\nb: 'y'\nc: \"z\"\n"},
		{"id: '000123'\n", "id: \"000123\"\n"},
		{"l:\n- 1\n- 2\n", "l:\n  - 1\n  - 2\n"},
		{"l: [1, 2]\nm: {a: 1}\n", "l:\n- 1\n- 2\nm:\n  a: 1\n"},
		{"s: |-\n  line1\n  line2\n", "s: \"line1\\nline2\"\n"},
		// Scalars compare by value.
		{"f: 1.0\n", "f: 1.00\n"},
		{"f: 1e3\n", "f: 1000.0\n"},
		{"i: 0x10\n", "i: 16\n"},
		{"n: null\nm: ~\n", "n: ~\nm: null\n"},
		{"b: true\n", "b: True\n"},
		{"x: .nan\n", "x: .NaN\n"},
		// Timestamps are strings.
		{"d: 2021-01-01\n", "d: '2021-01-01'\n"},
		// Aliases are followed.
		{"a: &x {k: 1}\nb: *x\n", "a: {k: 1}\nb: {k: 1}\n"},
		// Multi-document streams; a trailing --- adds nothing.
		{"a: 1\n---\nb: 2\n", "a: 1\n---\nb: 2\n---\n"},
		{"1\n---\nnull\n---\nx\n", "1\n---\n~\n---\n'x'\n"},
	}
	for _, tt := range tests {
		if err := CompareYAML([]byte(tt.got), []byte(tt.want)); err != nil {
			t.Errorf("CompareYAML(%q, %q) = %v, want equal", tt.got, tt.want, err)
		}
	}
}

func TestCompareYAMLDifferent(t *testing.T) {
	tests := []struct{ got, want, msg string }{
		{"a: 1\n", "", "got 1 documents, want 0"},
		{"", "null\n", "got 0 documents, want 1"},
		// Types matter.
		{"a: 1\n", "a: 1.0\n", `$.a: got int "1", want float "1.0"`},
		{"a: '1'\n", "a: 1\n", `$.a: got str "1", want int "1"`},
		{"a: 'true'\n", "a: true\n", "want bool"},
		{"a: null\n", "a: 'null'\n", "want str"},
		{"a: 1\n", "a: [1]\n", "$.a: got int \"1\", want a list"},
		// Key order matters.
		{"a: 1\nb: 2\n", "b: 2\na: 1\n", "key 1 is str \"a\", want str \"b\""},
		{"a: 1\n", "a: 1\nb: 2\n", "got 1 keys, want 2"},
		{"l: [1, 2]\n", "l: [1, 2, 3]\n", "$.l: got 2 items, want 3"},
		{"l: [1, 2]\n", "l: [1, 3]\n", "$.l[1]"},
		{"a: {b: {c: x}}\n", "a: {b: {c: y}}\n", "$.a.b.c"},
		{"s: |\n  x\n", "s: |-\n  x\n", "$.s"},
		{"a: 1\n---\nb: 2\n", "a: 1\n---\nb: 3\n", "document 2: $.b"},
		{"a: [\n", "a: 1\n", "output is not YAML"},
		{"a: 1\n", "a: [\n", "golden is not YAML"},
	}
	for _, tt := range tests {
		err := CompareYAML([]byte(tt.got), []byte(tt.want))
		if err == nil {
			t.Errorf("CompareYAML(%q, %q) = nil, want a difference", tt.got, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("CompareYAML(%q, %q) = %q, want it to mention %q", tt.got, tt.want, err, tt.msg)
		}
	}
}
