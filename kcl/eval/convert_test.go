package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestToGo(t *testing.T) {
	u, _ := NewUnit(1, "Ki")
	s := &Schema{T: &SchemaType{Name: "S"}, Attrs: dict("z", Int(1), "a", list(Str("x"), None))}
	got := ToGo(dict("b", True, "a", Float(1.5), "u", u, "s", s, "f", NewBuiltin("f", nil)))
	m, ok := got.(*OrderedMap)
	if !ok {
		t.Fatalf("ToGo(dict) = %T", got)
	}
	if !reflect.DeepEqual(m.Keys, []string{"b", "a", "u", "s", "f"}) {
		t.Errorf("keys = %v", m.Keys)
	}
	if v, _ := m.Get("u"); v != int64(1024) {
		t.Errorf("u = %#v", v)
	}
	if v, _ := m.Get("f"); v != nil {
		t.Errorf("f = %#v", v)
	}
	b, err := json.Marshal(m)
	if want := `{"b":true,"a":1.5,"u":1024,"s":{"z":1,"a":["x",null]},"f":null}`; err != nil || string(b) != want {
		t.Errorf("json = %s, %v; want %s", b, err, want)
	}
	y, err := yaml.Marshal(m)
	if want := "b: true\na: 1.5\nu: 1024\ns:\n    z: 1\n    a:\n        - x\n        - null\nf: null\n"; err != nil || string(y) != want {
		t.Errorf("yaml = %q, %v; want %q", y, err, want)
	}
}

func TestFromGo(t *testing.T) {
	tests := []struct {
		in   any
		want Value
	}{
		{nil, None},
		{true, True},
		{42, Int(42)},
		{uint64(math.MaxUint64), Float(math.MaxUint64)},
		{int32(-1), Int(-1)},
		{1.5, Float(1.5)},
		{"s", Str("s")},
		{json.Number("12"), Int(12)},
		{json.Number("1.5"), Float(1.5)},
		{[]any{1, "a", nil}, list(Int(1), Str("a"), None)},
		{[]string{"a", "b"}, list(Str("a"), Str("b"))},
		{map[string]any{"b": 1, "a": []any{true}}, dict("a", list(True), "b", Int(1))},
		{map[string]int{"y": 1, "x": 2}, dict("x", Int(2), "y", Int(1))},
		{Int(7), Int(7)},
	}
	for _, tt := range tests {
		got, err := FromGo(tt.in)
		if err != nil || !Equal(got, tt.want) || got.Type() != tt.want.Type() {
			t.Errorf("FromGo(%#v) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if d, _ := FromGo(map[string]any{"b": 1, "a": 2}); !reflect.DeepEqual(d.(*Dict).Keys(), []string{"a", "b"}) {
		t.Errorf("map keys not sorted: %v", d.(*Dict).Keys())
	}
	om := NewOrderedMap(2)
	om.Set("z", 1)
	om.Set("a", 2)
	if d, _ := FromGo(om); !reflect.DeepEqual(d.(*Dict).Keys(), []string{"z", "a"}) {
		t.Errorf("ordered map keys: %v", d.(*Dict).Keys())
	}
	if _, err := FromGo(struct{}{}); err == nil {
		t.Error("FromGo(struct) did not fail")
	}
}

func TestFromGoYAML(t *testing.T) {
	src := `
z: 1
a: [1, 2.5, "3", true, null, ~, 0x10, yes, 2001-01-01]
base: &b {x: 1, y: 2}
m:
  <<: *b
  y: 3
ref: *b
big: 18446744073709551615
`
	var node yaml.Node
	if err := yaml.Unmarshal([]byte(src), &node); err != nil {
		t.Fatal(err)
	}
	got, err := FromGo(&node)
	if err != nil {
		t.Fatal(err)
	}
	want := dict(
		"z", Int(1),
		"a", list(Int(1), Float(2.5), Str("3"), True, None, None, Int(16), Str("yes"), Str("2001-01-01")),
		"base", dict("x", Int(1), "y", Int(2)),
		"m", dict("y", Int(3), "x", Int(1)),
		"ref", dict("x", Int(1), "y", Int(2)),
		"big", Float(math.MaxUint64),
	)
	if !Equal(got, want) || !reflect.DeepEqual(got.(*Dict).Keys(), want.Keys()) {
		t.Errorf("FromGo(yaml) = %s, want %s", Repr(got), Repr(want))
	}
	var empty yaml.Node
	if v, err := FromGo(&empty); err != nil || v != None {
		t.Errorf("FromGo(empty node) = %v, %v", v, err)
	}
}

// A "billion laughs" document is refused quickly instead of expanding
// to billions of values; ordinary aliases still expand.
func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		fmt.Fprintf(&b, "%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", name, name, prev, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = name
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(b.String()), &n); err != nil {
		t.Fatal(err)
	}
	if _, err := FromGo(&n); err == nil || !strings.Contains(err.Error(), "aliases expand") {
		t.Fatalf("alias bomb: %v", err)
	}
	if err := yaml.Unmarshal([]byte("base: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n"), &n); err != nil {
		t.Fatal(err)
	}
	v, err := FromGo(&n)
	if err != nil || Repr(v) != "{'base': {'x': 1}, 'use': {'x': 1}, 'merged': {'y': 2, 'x': 1}}" {
		t.Fatalf("aliases: %v %v", Repr(v), err)
	}
}
