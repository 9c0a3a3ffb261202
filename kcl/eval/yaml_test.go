package eval

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The expected outputs below were checked against libyaml 0.2.5 (the
// emitter serde_yaml uses) fed with the scalar styles serde_yaml asks
// for.

func TestEncodeYAMLScalars(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{Str("a"), "a"},
		{Str(""), "''"},
		{Str(" "), "' '"},
		{Str("a b"), "a b"},
		{Str(" a"), "' a'"},
		{Str("a "), "'a '"},
		{Str("true"), "'true'"},
		{Str("True"), "'True'"},
		{Str("yes"), "yes"},
		{Str("null"), "'null'"},
		{Str("~"), "'~'"},
		{Str("1"), "'1'"},
		{Str("-1"), "'-1'"},
		{Str("0123"), "'0123'"},
		{Str("1.5"), "'1.5'"},
		{Str("1e5"), "'1e5'"},
		{Str(".inf"), "'.inf'"},
		{Str("inf"), "inf"},
		{Str("0x1F"), "'0x1F'"},
		{Str("0X1F"), "0X1F"},
		{Str("1_000"), "1_000"},
		{Str("123456789012345678901234567890"), "123456789012345678901234567890"},
		{Str("2001-01-01"), "2001-01-01"},
		{Str("-"), "'-'"},
		{Str("-a"), "-a"},
		{Str("- a"), "'- a'"},
		{Str("---"), "'---'"},
		{Str(":"), "':'"},
		{Str("a:b"), "a:b"},
		{Str("a: b"), "'a: b'"},
		{Str("a:"), "'a:'"},
		{Str("?a"), "?a"},
		{Str("#a"), "'#a'"},
		{Str("a#b"), "a#b"},
		{Str("a #b"), "'a #b'"},
		{Str(","), "','"},
		{Str("a,b"), "a,b"},
		{Str("!"), "'!'"},
		{Str("*a"), "'*a'"},
		{Str("@a"), "'@a'"},
		{Str("'a'"), "'''a'''"},
		{Str(`"a"`), `'"a"'`},
		{Str("it's"), "it's"},
		{Str("/var/www/html"), "/var/www/html"},
		{Str("app.kubernetes.io/name"), "app.kubernetes.io/name"},
		{Str("你好"), "你好"},
		{Str("a\tb"), `"a\tb"`},
		{Str("a\rb"), `"a\rb"`},
		{Str("\x00"), `"\0"`},
		{Str("\x7f"), `"\x7F"`},
		{Str("😀"), `"\U0001F600"`},
		{Str("\ufeff"), `"\uFEFF"`},
		{Str("a\u2028b"), "'a\u2028  b'"},
		{Str("a\nb"), "|-\n  a\n  b"},
		{Str("a\nb\n"), "|\n  a\n  b"},
		{Str("a\n\n"), "|+\n  a\n\n..."},
		{Str("\n"), "|2+\n\n..."},
		{Str(" a\nb"), "|2-\n   a\n  b"},
		{Str("a \nb"), `"a \nb"`},
		{Str("a\nb "), `"a\nb "`},
		{Str("a\n\tb"), `"a\n\tb"`},
		{Int(-3), "-3"},
		{Float(1), "1.0"},
		{Float(-0.5), "-0.5"},
		{Float(1e-9), "1e-9"},
		{Float(1.024e-6), "1.024e-6"},
		{Float(0.001024), "0.001024"},
		{Float(3.4e38), "3.4e38"},
		{Float(1e16), "1e16"},
		{Float(1e15), "1000000000000000.0"},
		{Float(34028234660), "34028234660.0"},
		{Float(1.1754943510000001e-36), "1.1754943510000001e-36"},
		{Float(math.NaN()), "null"},
		{Float(math.Inf(1)), "null"},
		{True, "true"},
		{None, "null"},
		{Undefined, "null"},
		{list(), "[]"},
		{dict(), "{}"},
	}
	for _, tt := range tests {
		got, err := EncodeYAML(tt.v, PlanOptions{})
		if err != nil {
			t.Errorf("EncodeYAML(%q): %v", ToStr(tt.v), err)
			continue
		}
		if string(got) != tt.want+"\n" {
			t.Errorf("EncodeYAML(%q) = %q, want %q", ToStr(tt.v), got, tt.want+"\n")
		}
	}
}

func TestEncodeYAMLDocuments(t *testing.T) {
	person := &Schema{T: &SchemaType{Name: "P"}, Attrs: dict("name", Str("kcl"), "_hidden", Int(1), "age", Undefined, "f", NewBuiltin("f", nil))}
	doc := dict(
		"a", Int(1),
		"list", list(Int(1), list(Int(2), Int(3)), dict("x", Int(1), "y", list(Str("a"))), list(), dict()),
		"nested", dict("m", dict("k", Str("v")), "l", list(dict("p", Int(1), "q", list(Int(1))))),
		"person", person,
		"none", None,
		"undef", Undefined,
		"_hidden", Int(2),
		"text", Str("line1\nline2\n"),
		"items", list(Str("a\nb"), dict("k", Str("x\ny"))),
		strings.Repeat("k", 129), Int(1),
		"multi\nkey", Int(2),
	)
	want := `a: 1
list:
- 1
- - 2
  - 3
- x: 1
  y:
  - a
- []
- {}
nested:
  m:
    k: v
  l:
  - p: 1
    q:
    - 1
person:
  name: kcl
none: null
text: |
  line1
  line2
items:
- |-
  a
  b
- k: |-
    x
    y
? ` + strings.Repeat("k", 129) + `
: 1
? |-
  multi
  key
: 2
`
	got, err := EncodeYAML(doc, PlanOptions{})
	if err != nil || string(got) != want {
		t.Errorf("EncodeYAML = %v\n%s\nwant\n%s", err, got, want)
	}
	checkRoundTrip(t, got, doc, PlanOptions{})

	got, _ = EncodeYAML(dict("b", Int(1), "a", dict("d", None, "c", Int(2)), "_h", Int(3)), PlanOptions{SortKeys: true, DisableNone: true, ShowHidden: true})
	if want := "_h: 3\na:\n  c: 2\nb: 1\n"; string(got) != want {
		t.Errorf("EncodeYAML with options = %q, want %q", got, want)
	}
}

// checkRoundTrip decodes out with yaml.v3 and compares it with the
// planned value.
func checkRoundTrip(t *testing.T, out []byte, v Value, opt PlanOptions) {
	t.Helper()
	var node yaml.Node
	if err := yaml.Unmarshal(out, &node); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, out)
	}
	back, err := FromGo(&node)
	if err != nil {
		t.Fatal(err)
	}
	if !Equal(back, Plan(v, opt)) {
		t.Errorf("round trip: got %s, want %s", Repr(back), Repr(Plan(v, opt)))
	}
}

func TestEncodeYAMLRoundTrip(t *testing.T) {
	strs := []string{"a", "", " x ", "true", "1", "0123", "-", ": x", "a\nb", "a\n\n", "\n", " a\n b\n", "a\tb", "it's \"q\"", "#c", "0x10", "1e3", "日本", "a\u2028b", "x\\y", "- - x", "[a]", "{a}", "&a", "|", ">", "%", "@", "`"}
	for _, s := range strs {
		doc := dict("k", Str(s), s, list(Str(s), dict(s, Str(s))))
		out, err := EncodeYAML(doc, PlanOptions{})
		if err != nil {
			t.Fatal(err)
		}
		checkRoundTrip(t, out, doc, PlanOptions{})
	}
}

func TestEncodeYAMLStream(t *testing.T) {
	got, err := EncodeYAMLStream([]Value{Int(1), Undefined, dict("k", list(Int(1))), Str("literal")}, PlanOptions{})
	want := "1\n---\nnull\n---\nk:\n- 1\n---\nliteral\n"
	if err != nil || string(got) != want {
		t.Errorf("EncodeYAMLStream = %q, %v; want %q", got, err, want)
	}
}

func TestPlan(t *testing.T) {
	u, _ := NewUnit(2, "Mi")
	s := &Schema{T: &SchemaType{Name: "S"}, Attrs: dict("a", Int(1), "_b", Int(2))}
	v := dict("s", s, "u", u, "l", list(Undefined, None, NewBuiltin("f", nil), s), "_x", Int(1), "n", None)
	got := Plan(v, PlanOptions{})
	want := dict("s", dict("a", Int(1)), "u", Int(2097152), "l", list(None, dict("a", Int(1))), "n", None)
	if !Equal(got, want) || !reflect.DeepEqual(got.(*Dict).Keys(), want.Keys()) {
		t.Errorf("Plan = %s, want %s", Repr(got), Repr(want))
	}
	got = Plan(v, PlanOptions{DisableNone: true, ShowHidden: true})
	want = dict("s", dict("a", Int(1), "_b", Int(2)), "u", Int(2097152), "l", list(dict("a", Int(1), "_b", Int(2))), "_x", Int(1))
	if !Equal(got, want) {
		t.Errorf("Plan(-n, hidden) = %s, want %s", Repr(got), Repr(want))
	}
	if Plan(Undefined, PlanOptions{}) != None {
		t.Error("Plan(Undefined) is not None")
	}
}

func TestEncodeJSON(t *testing.T) {
	doc := dict("key1", Str("value1"), "data", list(Int(1), Float(1.5), Float(2)), "e", dict(), "l", list(), "n", None, "s", Str("q\"\\\n\t\x01é/<"))
	got, err := EncodeJSON(doc, PlanOptions{}, "")
	want := `{"key1": "value1", "data": [1, 1.5, 2.0], "e": {}, "l": [], "n": null, "s": "q\"\\\n\t\u0001é/<"}`
	if err != nil || string(got) != want {
		t.Errorf("EncodeJSON = %s, want %s", got, want)
	}
	got, _ = EncodeJSON(dict("a", list(Int(1), dict("b", True)), "c", dict()), PlanOptions{}, "  ")
	want = "{\n  \"a\": [\n    1,\n    {\n      \"b\": true\n    }\n  ],\n  \"c\": {}\n}"
	if string(got) != want {
		t.Errorf("EncodeJSON indented = %s, want %s", got, want)
	}
	for v, want := range map[Value]string{Int(1): "1", Float(1e-9): "1e-9", None: "null", True: "true", Str("x"): `"x"`, Float(math.NaN()): "null"} {
		if got, _ := EncodeJSON(v, PlanOptions{}, ""); string(got) != want {
			t.Errorf("EncodeJSON(%v) = %s, want %s", v, got, want)
		}
	}
}

func TestQuoteYAML11(t *testing.T) {
	d := NewDict(0)
	for _, s := range []string{"yes", "No", "on", "OFF", "y", "0o17", "0b101", "1_000", "1_0.5", "yes please", "2.3.1", "8080:80", "x"} {
		d.Set(s, Str(s))
	}
	got, _ := EncodeYAML(d, PlanOptions{QuoteYAML11: true})
	want := "'yes': 'yes'\n'No': 'No'\n'on': 'on'\n'OFF': 'OFF'\n'y': 'y'\n'0o17': '0o17'\n'0b101': '0b101'\n'1_000': '1_000'\n'1_0.5': '1_0.5'\nyes please: yes please\n2.3.1: 2.3.1\n8080:80: 8080:80\nx: x\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	plain, _ := EncodeYAML(d, PlanOptions{})
	if !strings.Contains(string(plain), "yes: yes\n") {
		t.Errorf("upstream output changed without the option:\n%s", plain)
	}
}
