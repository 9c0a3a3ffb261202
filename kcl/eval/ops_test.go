package eval

import (
	"math"
	"strings"
	"testing"

	"akua.dev/akua/kcl/syntax"
)

func list(vs ...Value) *List { return NewList(vs) }

func dict(kv ...any) *Dict {
	d := NewDict(len(kv) / 2)
	for i := 0; i+1 < len(kv); i += 2 {
		d.Set(kv[i].(string), kv[i+1].(Value))
	}
	return d
}

func mustUnit(t *testing.T, raw int64, suffix string) Value {
	t.Helper()
	u, err := NewUnit(raw, suffix)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestBinary(t *testing.T) {
	strictTh := &Thread{StrictRangeCheck: true}
	tests := []struct {
		th      *Thread
		op      syntax.Token
		x, y    Value
		want    Value
		wantErr string
	}{
		{nil, syntax.PLUS, Int(1), Int(2), Int(3), ""},
		{nil, syntax.PLUS, Int(10), Float(1.1), Float(11.1), ""},
		{nil, syntax.PLUS, Float(1.1), Int(10), Float(11.1), ""},
		{nil, syntax.PLUS, Str("a"), Str("b"), Str("ab"), ""},
		{nil, syntax.PLUS, list(Int(1)), list(Int(2)), list(Int(1), Int(2)), ""},
		{nil, syntax.PLUS, list(Int(1)), Int(2), nil, `can only concatenate list (not "int") to list`},
		{nil, syntax.PLUS, Int(1), None, nil, "unsupported operand type(s) for +: 'int' and 'NoneType'"},
		{nil, syntax.PLUS, Int(1), Undefined, nil, "unsupported operand type(s) for +: 'int' and 'UndefinedType'"},
		{nil, syntax.PLUS, True, Int(1), nil, "unsupported operand type(s) for +: 'bool' and 'int'"},
		{nil, syntax.PLUS, Int(math.MaxInt64), Int(1), nil, "9223372036854775808: A 64 bit integer overflow"},
		{strictTh, syntax.PLUS, Int(2147483647), Int(1), nil, "2147483648: A 32 bit integer overflow"},
		{strictTh, syntax.PLUS, Int(1), Int(1), Int(2), ""},
		{nil, syntax.MINUS, Int(math.MinInt64), Int(1), nil, "-9223372036854775809: A 64 bit integer overflow"},
		{nil, syntax.MINUS, Float(1.5), Int(1), Float(0.5), ""},
		{nil, syntax.STAR, Int(1 << 60), Int(1 << 60), nil, "1329227995784915872903807060280344576: A 64 bit integer overflow"},
		{nil, syntax.STAR, Int(-3), Int(4), Int(-12), ""},
		{nil, syntax.STAR, Str("ab"), Int(3), Str("ababab"), ""},
		{nil, syntax.STAR, Int(2), Str("x"), Str("xx"), ""},
		{nil, syntax.STAR, list(Int(1)), Int(2), list(Int(1), Int(1)), ""},
		{nil, syntax.STAR, list(Int(1)), Int(-1), list(), ""},
		{nil, syntax.SLASH, Int(4), Int(2), Float(2), ""},
		{nil, syntax.SLASH, Int(1), Int(0), nil, "division by zero"},
		{nil, syntax.SLASHSLASH, Int(-7), Int(2), Int(-4), ""},
		{nil, syntax.SLASHSLASH, Int(7), Int(-2), Int(-4), ""},
		{nil, syntax.SLASHSLASH, Float(7), Int(2), Float(3), ""},
		{nil, syntax.SLASHSLASH, Int(1), Int(0), nil, "integer division or modulo by zero"},
		{nil, syntax.PERCENT, Int(-2), Int(5), Int(3), ""},
		{nil, syntax.PERCENT, Int(7), Int(-3), Int(-2), ""},
		{nil, syntax.PERCENT, Float(5.5), Int(2), Float(1.5), ""},
		{nil, syntax.STARSTAR, Int(2), Int(10), Int(1024), ""},
		{nil, syntax.STARSTAR, Int(2), Int(-1), Float(0.5), ""},
		{nil, syntax.STARSTAR, Int(2), Float(0.5), Float(math.Sqrt2), ""},
		{nil, syntax.STARSTAR, Int(2), Int(64), nil, "18446744073709551616: A 64 bit integer overflow"},
		{nil, syntax.LTLT, Int(3), Int(2), Int(12), ""},
		{nil, syntax.LTLT, Int(1), Int(63), nil, "9223372036854775808: A 64 bit integer overflow"},
		{nil, syntax.GTGT, Int(-8), Int(1), Int(-4), ""},
		{nil, syntax.AMP, Int(5), Int(9), Int(1), ""},
		{nil, syntax.CIRCUMFLEX, Int(7), Int(11), Int(12), ""},
		{nil, syntax.PIPE, Int(5), Int(10), Int(15), ""},
		{nil, syntax.PIPE, None, dict("a", Int(1)), dict("a", Int(1)), ""},
		{nil, syntax.PIPE, dict("a", Int(1)), Undefined, dict("a", Int(1)), ""},
		{nil, syntax.PIPE, Str("a"), Str("b"), nil, "unsupported operand type(s) for |: 'str' and 'str'"},
		{nil, syntax.AMP, Float(1), Int(1), nil, "unsupported operand type(s) for &: 'float' and 'int'"},
		{strictTh, syntax.STAR, Float(3.4e38), Float(100), nil, "3.4e+40: A 32-bit floating point number overflow"},
	}
	for _, tt := range tests {
		got, err := Binary(tt.th, tt.op, tt.x, tt.y)
		name := ToStr(tt.x) + " " + tt.op.String() + " " + ToStr(tt.y)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s: err = %v, want %q", name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !Equal(got, tt.want) || got.Type() != tt.want.Type() {
			t.Errorf("%s = %s (%s), want %s (%s)", name, ToStr(got), got.Type(), ToStr(tt.want), tt.want.Type())
		}
	}
}

func TestBinaryUnits(t *testing.T) {
	got, err := Binary(nil, syntax.STAR, Int(2), mustUnit(t, 1, "Ki"))
	if err != nil || got != Int(2048) {
		t.Errorf("2 * 1Ki = %v, %v", got, err)
	}
	got, err = Binary(nil, syntax.PLUS, mustUnit(t, 1, "m"), Float(1))
	if err != nil || got != Float(1.001) {
		t.Errorf("1m + 1.0 = %v, %v", got, err)
	}
}

func TestUnary(t *testing.T) {
	tests := []struct {
		op      syntax.Token
		x, want Value
		wantErr bool
	}{
		{syntax.MINUS, Int(3), Int(-3), false},
		{syntax.PLUS, Float(1.5), Float(1.5), false},
		{syntax.TILDE, Int(5), Int(-6), false},
		{syntax.NOT, list(), True, false},
		{syntax.NOT, Str("a"), False, false},
		{syntax.MINUS, mustUnit(t, 2, "K"), Int(-2000), false},
		{syntax.MINUS, Str("a"), nil, true},
		{syntax.TILDE, Float(1), nil, true},
		{syntax.MINUS, Int(math.MinInt64), nil, true},
	}
	for _, tt := range tests {
		got, err := Unary(tt.op, tt.x)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s%s: err = %v", tt.op, ToStr(tt.x), err)
			continue
		}
		if err == nil && got != tt.want {
			t.Errorf("%s%s = %v, want %v", tt.op, ToStr(tt.x), got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	s := &Schema{T: &SchemaType{Name: "S"}, Attrs: dict("k", Int(1))}
	tests := []struct {
		op      syntax.CompareOp
		x, y    Value
		want    bool
		wantErr string
	}{
		{syntax.CmpEq, Int(1), Float(1), true, ""},
		{syntax.CmpEq, True, Int(1), false, ""},
		{syntax.CmpEq, None, Undefined, false, ""},
		{syntax.CmpEq, list(Int(1), Str("a")), list(Float(1), Str("a")), true, ""},
		{syntax.CmpEq, dict("a", Int(1), "b", Int(2)), dict("b", Int(2), "a", Int(1)), true, ""},
		{syntax.CmpEq, dict("k", Int(1)), s, true, ""},
		{syntax.CmpNe, Str("a"), Str("b"), true, ""},
		{syntax.CmpLt, Int(1), Float(1.5), true, ""},
		{syntax.CmpLt, False, Int(1), true, ""},
		{syntax.CmpLe, Str("abc"), Str("abd"), true, ""},
		{syntax.CmpGt, list(Int(1), Int(2)), list(Int(1)), true, ""},
		{syntax.CmpGe, list(Int(1)), list(Int(1)), true, ""},
		{syntax.CmpLt, list(Int(1), Int(3)), list(Int(2)), true, ""},
		{syntax.CmpLt, Float(math.NaN()), Int(1), false, ""},
		{syntax.CmpGe, Float(math.NaN()), Int(1), false, ""},
		{syntax.CmpLt, Str("a"), Int(1), false, "'<' not supported between instances of 'str' and 'int'"},
		{syntax.CmpLt, dict(), dict(), false, "'<' not supported between instances of 'dict' and 'dict'"},
		{syntax.CmpIn, Str("gg"), Str("eggs"), true, ""},
		{syntax.CmpIn, Int(1), list(Float(1)), true, ""},
		{syntax.CmpIn, Str("k"), s, true, ""},
		{syntax.CmpIn, Str("x"), dict("k", Int(1)), false, ""},
		{syntax.CmpNotIn, Str("x"), dict("k", Int(1)), true, ""},
		{syntax.CmpIn, Int(1), Int(1), false, "argument of type 'int' is not iterable"},
		{syntax.CmpIs, None, None, true, ""},
		{syntax.CmpIs, Undefined, None, false, ""},
		{syntax.CmpIsNot, Undefined, None, true, ""},
		{syntax.CmpIs, Int(1), Int(1), true, ""},
	}
	for _, tt := range tests {
		got, err := Compare(nil, tt.op, tt.x, tt.y)
		name := Repr(tt.x) + " " + tt.op.String() + " " + Repr(tt.y)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s: err = %v, want %q", name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s = %v, %v; want %v", name, got, err, tt.want)
		}
	}
}

func TestReprAndStr(t *testing.T) {
	tests := []struct {
		v         Value
		str, repr string
	}{
		{Str("a"), "a", "'a'"},
		{Str(`say "hi"`), `say "hi"`, `"say "hi""`}, // upstream's quoted_string
		{Str(`it's "x"`), `it's "x"`, `"it's \"x\""`},
		{Int(-3), "-3", "-3"},
		{Float(1), "1.0", "1.0"},
		{Float(1.5), "1.5", "1.5"},
		{Float(1e-9), "0.000000001", "0.000000001"},
		{Float(1e20), "100000000000000000000.0", "100000000000000000000.0"},
		{Float(math.Inf(1)), "inf.0", "inf.0"},
		{True, "True", "True"},
		{None, "None", "None"},
		{Undefined, "Undefined", "Undefined"},
		{list(Int(1), Str("a"), True), "[1, a, True]", "[1, a, True]"},
		{dict("key", Str("value"), "n", list(Str("x")), "d", dict("k", Str("v"))), "{'key': 'value', 'n': [x], 'd': {'k': 'v'}}", "{'key': 'value', 'n': [x], 'd': {'k': 'v'}}"},
		{&Schema{T: &SchemaType{Name: "P"}, Attrs: dict("name", Str("a"))}, "{'name': 'a'}", "{'name': 'a'}"},
		{NewBuiltin("f", nil), "function", "function"},
	}
	for _, tt := range tests {
		if got := ToStr(tt.v); got != tt.str {
			t.Errorf("ToStr(%#v) = %q, want %q", tt.v, got, tt.str)
		}
		if got := Repr(tt.v); got != tt.repr {
			t.Errorf("Repr(%#v) = %q, want %q", tt.v, got, tt.repr)
		}
	}
	u := mustUnit(t, 1024, "u")
	if got := ToStr(u); got != "1024u" {
		t.Errorf("ToStr(1024u) = %q", got)
	}
	if !strings.Contains(ToStr(list(u)), "1024u") {
		t.Errorf("ToStr([1024u]) = %q", ToStr(list(u)))
	}
}
