package eval

import (
	"bytes"
	"strings"
	"testing"

	"akua.dev/akua/kcl/syntax"
)

func kw(name string, v Value) Kwarg { return Kwarg{Name: name, Value: v} }

// callBuiltin calls the universe function name.
func callBuiltin(th *Thread, name string, pos []Value, kws ...Kwarg) (Value, error) {
	fn, ok := Universe()[name]
	if !ok {
		panic("no builtin " + name)
	}
	return Call(th, fn, &Args{Pos: pos, Kw: kws})
}

func TestBuiltins(t *testing.T) {
	s := &Schema{T: &SchemaType{Name: "Person", PkgPath: "sub"}, Attrs: dict("name", Str("a"))}
	mainS := &Schema{T: &SchemaType{Name: "Person", PkgPath: "__main__"}, Attrs: dict()}
	tests := []struct {
		name    string
		pos     []Value
		kw      []Kwarg
		want    Value
		wantErr string
	}{
		{"len", []Value{Str("hello")}, nil, Int(5), ""},
		{"len", []Value{list(Int(1), Int(2))}, nil, Int(2), ""},
		{"len", []Value{dict("a", Int(1))}, nil, Int(1), ""},
		{"len", []Value{s}, nil, Int(1), ""},
		{"len", []Value{Int(1), Int(2)}, nil, nil, "len() takes exactly one argument (2 given)"},
		{"len", nil, nil, nil, "len() takes exactly one argument (0 given)"},
		{"len", []Value{Int(1)}, nil, nil, "object of type 'int' has no len()"},
		{"int", []Value{Str("10")}, nil, Int(10), ""},
		{"int", []Value{Str("0xe4")}, []Kwarg{kw("base", Int(16))}, Int(228), ""},
		{"int", []Value{Str("0XFF")}, []Kwarg{kw("base", Int(16))}, Int(255), ""},
		{"int", []Value{Str("e4")}, []Kwarg{kw("base", Int(16))}, Int(228), ""},
		{"int", []Value{Str("0o755")}, []Kwarg{kw("base", Int(8))}, Int(493), ""},
		{"int", []Value{Str("0b1010")}, []Kwarg{kw("base", Int(2))}, Int(10), ""},
		{"int", []Value{Str("-0x10")}, []Kwarg{kw("base", Int(16))}, Int(-16), ""},
		{"int", []Value{Str("10"), Int(2)}, nil, Int(2), ""},
		{"int", []Value{Str("1024Mi")}, nil, Int(1073741824), ""},
		{"int", []Value{Str("1K")}, nil, Int(1000), ""},
		{"int", []Value{Str("abc")}, nil, nil, "invalid literal for int() with base 10: 'abc'"},
		{"int", []Value{Str("99999999999999999999")}, nil, nil, "99999999999999999999: A 64 bit integer overflow"},
		{"int", []Value{Float(-3.9)}, nil, Int(-3), ""},
		{"int", []Value{True}, nil, Int(1), ""},
		{"int", []Value{list()}, nil, nil, "int() argument must be a string or a number, not 'list'"},
		{"float", []Value{Str("112")}, nil, Float(112), ""},
		{"float", []Value{Int(10)}, nil, Float(10), ""},
		{"float", []Value{Str("inf")}, nil, nil, "inf: A 64-bit floating point number overflow"},
		{"float", []Value{Str("1x")}, nil, nil, "invalid literal for float() with base 10: '1x'"},
		{"str", []Value{Int(123)}, nil, Str("123"), ""},
		{"str", []Value{Float(1.234)}, nil, Str("1.234"), ""},
		{"str", []Value{True}, nil, Str("True"), ""},
		{"str", []Value{Undefined}, nil, Str("Undefined"), ""},
		{"str", nil, nil, Str(""), ""},
		{"bool", []Value{Float(0)}, nil, False, ""},
		{"bool", []Value{Str("")}, nil, False, ""},
		{"bool", []Value{dict("a", Int(1))}, nil, True, ""},
		{"list", []Value{Str("ab")}, nil, list(Str("a"), Str("b")), ""},
		{"list", []Value{dict("k", Int(1))}, nil, list(Str("k")), ""},
		{"list", nil, nil, list(), ""},
		{"dict", []Value{list(list(Str("a"), Int(1)))}, []Kwarg{kw("b", Int(2))}, dict("a", Int(1), "b", Int(2)), ""},
		{"dict", []Value{s}, nil, dict("name", Str("a")), ""},
		{"dict", []Value{list(Int(1))}, nil, nil, "dictionary update sequence element #0 has length 0; 2 is required"},
		{"typeof", []Value{Int(1)}, nil, Str("int"), ""},
		{"typeof", []Value{None}, nil, Str("None"), ""},
		{"typeof", []Value{s}, nil, Str("Person"), ""},
		{"typeof", []Value{s}, []Kwarg{kw("full_name", True)}, Str("sub.Person"), ""},
		{"typeof", []Value{mainS}, []Kwarg{kw("full_name", True)}, Str("Person"), ""},
		{"typeof", []Value{list()}, []Kwarg{kw("full_name", True)}, Str("list"), ""},
		{"sorted", []Value{list(Int(3), Float(1.5), Int(2))}, nil, list(Float(1.5), Int(2), Int(3)), ""},
		{"sorted", []Value{list(Int(1), Int(3), Int(2))}, []Kwarg{kw("reverse", True)}, list(Int(3), Int(2), Int(1)), ""},
		{"sorted", []Value{Str("cab")}, nil, list(Str("a"), Str("b"), Str("c")), ""},
		{"sorted", []Value{dict("b", Int(1), "a", Int(2))}, nil, list(Str("a"), Str("b")), ""},
		{"sorted", []Value{list(Str("a"), Int(1))}, nil, nil, "'<' not supported between instances of 'int' and 'str'"},
		{"range", []Value{Int(5)}, nil, list(Int(0), Int(1), Int(2), Int(3), Int(4)), ""},
		{"range", []Value{Int(0), Int(1), Int(2)}, nil, list(Int(0)), ""},
		{"range", []Value{Int(5), Int(1), Int(-2)}, nil, list(Int(5), Int(3)), ""},
		{"range", []Value{Int(1), Int(5), Int(0)}, nil, nil, "range() step argument must not be zero"},
		{"min", []Value{Int(80), Int(100), Int(1000)}, nil, Int(80), ""},
		{"min", []Value{list(Int(-80), Int(-20))}, nil, Int(-80), ""},
		{"max", []Value{Str("abc")}, nil, Str("c"), ""},
		{"max", []Value{list()}, nil, nil, "arg is an empty list"},
		{"sum", []Value{list(Int(0), Int(1), Int(2))}, nil, Int(3), ""},
		{"sum", []Value{list(Int(0), Int(1), Int(2), Int(3), Int(4)), Int(2)}, nil, Int(12), ""},
		{"sum", []Value{list(list(Int(1)), list(Int(2))), list()}, nil, list(Int(1), Int(2)), ""},
		{"sum", []Value{list(), Str("")}, nil, nil, "sum() can't sum strings"},
		{"abs", []Value{Int(-40)}, nil, Int(40), ""},
		{"abs", []Value{Float(-100.1)}, nil, Float(100.1), ""},
		{"all_true", []Value{list(Str("a"), Str(""))}, nil, False, ""},
		{"all_true", []Value{list()}, nil, True, ""},
		{"any_true", []Value{list(Int(0), Str(""), False)}, nil, False, ""},
		{"any_true", []Value{dict("a", Int(1))}, nil, True, ""},
		{"isunique", []Value{list(Int(1), Float(1))}, nil, False, ""},
		{"isunique", []Value{list(Str("abc"), Str("abd"))}, nil, True, ""},
		{"isunique", []Value{list(list(Int(1)), list(Float(1)))}, nil, False, ""},
		{"isnullish", []Value{Undefined}, nil, True, ""},
		{"isnullish", []Value{list(None)}, nil, False, ""},
		{"zip", []Value{list(Int(0), Int(1)), list(Int(3), Int(4), Int(5))}, nil, list(list(Int(0), Int(3)), list(Int(1), Int(4))), ""},
		{"hex", []Value{Int(18)}, nil, Str("0x12"), ""},
		{"hex", []Value{Int(-18)}, nil, Str("-0x12"), ""},
		{"oct", []Value{Int(15)}, nil, Str("0o17"), ""},
		{"bin", []Value{Int(10)}, nil, Str("0b1010"), ""},
		{"bin", []Value{Int(-9223372036854775808)}, nil, Str("-0b1" + strings.Repeat("0", 63)), ""},
		{"ord", []Value{Str("€")}, nil, Int(8364), ""},
		{"ord", []Value{Str("ab")}, nil, nil, "ord() expected string of length 1, but string of length 2 found"},
		{"chr", []Value{Int(97)}, nil, Str("a"), ""},
		{"round", []Value{Float(70.23456)}, nil, Int(70), ""},
		{"round", []Value{Float(2.5)}, nil, Int(3), ""},
		{"round", []Value{Float(80.264), Int(2)}, nil, Float(80.26), ""},
		{"round", []Value{Float(-100.000056), Int(3)}, nil, Float(-100.0), ""},
		{"round", []Value{Float(1.5555), Int(0)}, nil, Float(2), ""},
		{"pow", []Value{Int(100), Int(2)}, nil, Int(10000), ""},
		{"pow", []Value{Int(2), Int(3), Int(5)}, nil, Int(3), ""},
		{"pow", []Value{Int(141592653589793), Int(238462643383279), Int(502884197169399)}, nil, Int(182523810312617), ""},
		{"pow", []Value{Int(2), Float(0.5)}, nil, Float(1.4142135623730951), ""},
		{"multiplyof", []Value{Int(100), Int(10)}, nil, True, ""},
		{"multiplyof", []Value{Int(1), Int(2)}, nil, False, ""},
		{"multiplyof", []Value{Int(1), Int(0)}, nil, nil, "integer division or modulo by zero"},
	}
	for _, tt := range tests {
		got, err := callBuiltin(nil, tt.name, tt.pos, tt.kw...)
		name := tt.name + ToStr(list(tt.pos...))
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
			t.Errorf("%s = %s (%s), want %s (%s)", name, Repr(got), got.Type(), Repr(tt.want), tt.want.Type())
		}
	}
}

func TestPrint(t *testing.T) {
	var out bytes.Buffer
	th := &Thread{Stdout: &out}
	callBuiltin(th, "print", []Value{Str("hello"), Int(1), list(Int(1), Str("a"), True)})
	callBuiltin(th, "print", []Value{None}, kw("end", Str(":")))
	callBuiltin(th, "print", []Value{dict("a", Int(123))})
	callBuiltin(th, "print", []Value{Str("a"), Str("b")}, kw("sep", Str("-")))
	callBuiltin(th, "print", nil)
	want := "hello 1 [1, a, True]\nNone:{'a': 123}\na-b\n\n"
	if out.String() != want {
		t.Errorf("print wrote %q, want %q", out.String(), want)
	}
	if _, err := callBuiltin(nil, "print", []Value{Int(1)}); err != nil {
		t.Errorf("print without Stdout: %v", err)
	}
}

func TestOption(t *testing.T) {
	th := &Thread{Options: dict("n", Int(3), "s", Str("abc"), "b", Str("true"), "l", list(Int(1)))}
	tests := []struct {
		pos     []Value
		kw      []Kwarg
		want    Value
		wantErr string
	}{
		{[]Value{Str("n")}, nil, Int(3), ""},
		{[]Value{Str("n")}, []Kwarg{kw("type", Str("str"))}, Str("3"), ""},
		{[]Value{Str("n")}, []Kwarg{kw("type", Str("float"))}, Float(3), ""},
		{[]Value{Str("b")}, []Kwarg{kw("type", Str("bool"))}, True, ""},
		{[]Value{Str("l")}, []Kwarg{kw("type", Str("list"))}, list(Int(1)), ""},
		{[]Value{Str("s")}, []Kwarg{kw("type", Str("int"))}, nil, "cannot use 'abc' as type 'int'"},
		{[]Value{Str("s")}, []Kwarg{kw("type", Str("set"))}, nil, "unknown type 'set'"},
		{[]Value{Str("missing")}, nil, None, ""},
		{[]Value{Str("missing")}, []Kwarg{kw("default", Str("7")), kw("type", Str("int"))}, Int(7), ""},
		{[]Value{Str("missing")}, []Kwarg{kw("required", True)}, nil, "option('missing') must be initialized, try '-D missing=?' argument"},
	}
	for _, tt := range tests {
		got, err := callBuiltin(th, "option", tt.pos, tt.kw...)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("option%s: err = %v, want %q", Repr(list(tt.pos...)), err, tt.wantErr)
			}
			continue
		}
		if err != nil || !Equal(got, tt.want) {
			t.Errorf("option%s = %v, %v; want %v", Repr(list(tt.pos...)), got, err, tt.want)
		}
	}
	calls := th.OptionCalls()
	if len(calls) != len(tests) || calls[0].Key != "n" || !calls[len(calls)-1].Required {
		t.Errorf("option calls = %+v", calls)
	}
}

func TestReduce(t *testing.T) {
	add := NewBuiltin("add", func(th *Thread, _ Value, args *Args) (Value, error) {
		return Binary(th, syntax.PLUS, args.Pos[0], args.Pos[1])
	})
	got, err := callBuiltin(nil, "reduce", []Value{add, list(Int(1), Int(2), Int(3)), Int(10)})
	if err != nil || got != Int(16) {
		t.Errorf("reduce with initial = %v, %v", got, err)
	}
	got, err = callBuiltin(nil, "reduce", []Value{add, list(Int(1), Int(2), Int(3))})
	if err != nil || got != Int(6) {
		t.Errorf("reduce without initial = %v, %v", got, err)
	}
	got, err = callBuiltin(nil, "reduce", []Value{add, list()})
	if err != nil || got != None {
		t.Errorf("reduce of empty list = %v, %v", got, err)
	}
	if _, err := callBuiltin(nil, "reduce", []Value{None, list(), Int(5)}); err == nil || err.Error() != "reduce() argument 'reducer' must be a function" {
		t.Errorf("reduce(None) err = %v", err)
	}
}

func TestCall(t *testing.T) {
	if _, err := Call(nil, Int(1), nil); err == nil || err.Error() != "'int' object is not callable" {
		t.Errorf("Call(1) err = %v", err)
	}
	b := NewBuiltin("nil", func(*Thread, Value, *Args) (Value, error) { return nil, nil })
	if v, err := Call(nil, b, nil); err != nil || v != None {
		t.Errorf("Call of a builtin returning nil = %v, %v", v, err)
	}
}

func TestStrMethods(t *testing.T) {
	tests := []struct {
		recv    string
		method  string
		pos     []Value
		want    Value
		wantErr string
	}{
		{"hello World", "capitalize", nil, Str("Hello world"), ""},
		{"Hello, 世界", "chars", nil, list(Str("H"), Str("e"), Str("l"), Str("l"), Str("o"), Str(","), Str(" "), Str("世"), Str("界")), ""},
		{"Hello world, Hello world", "count", []Value{Str("o")}, Int(4), ""},
		{"Hello world, Hello world", "count", []Value{Str("Hello"), Int(5), Int(20)}, Int(1), ""},
		{"aaaa", "count", []Value{Str("a"), None, Int(-1)}, Int(3), ""},
		{"Hello World", "endswith", []Value{Str("rld")}, True, ""},
		{"Hello World", "endswith", []Value{Str("rld"), Int(0), Int(9)}, False, ""},
		{"Hello World", "startswith", []Value{Str("World"), Int(6)}, True, ""},
		{"Hello World", "find", []Value{Str("o")}, Int(4), ""},
		{"Hello World", "find", []Value{Str("x")}, Int(-1), ""},
		{"Hello World", "index", []Value{Str("World")}, Int(6), ""},
		{"Hello World", "index", []Value{Str("Wrold")}, nil, "substring not found"},
		{"Hello World, Hello World", "rfind", []Value{Str("He")}, Int(13), ""},
		{"Hello World, Hello World", "rfind", []Value{Str("He"), Int(0), Int(10)}, Int(0), ""},
		{"Hello World, Hello World", "rfind", []Value{Str("")}, Int(24), ""},
		{"Hello World, Hello World", "rindex", []Value{Str("Hee")}, nil, "substring not found"},
		{"HelloWorld你好", "isalpha", nil, True, ""},
		{"Hello World", "isalnum", nil, False, ""},
		{"123", "isdigit", nil, True, ""},
		{"hello world", "islower", nil, True, ""},
		{"HELLO WORLD", "isupper", nil, True, ""},
		{" \t\n", "isspace", nil, True, ""},
		{"Hello World", "istitle", nil, True, ""},
		{"Hello world", "istitle", nil, False, ""},
		{".", "join", []Value{list(Str("hello"), Str("world"))}, Str("hello.world"), ""},
		{",", "join", []Value{list(Int(1), Int(2))}, Str("1,2"), ""},
		{"Hello World", "lower", nil, Str("hello world"), ""},
		{"Hello World", "upper", nil, Str("HELLO WORLD"), ""},
		{"    Hello World", "lstrip", nil, Str("Hello World"), ""},
		{"Hello World!!!!", "rstrip", []Value{Str("!")}, Str("Hello World"), ""},
		{"xxhixx", "strip", []Value{Str("x")}, Str("hi"), ""},
		{"Hello World", "replace", []Value{Str("World"), Str("world")}, Str("Hello world"), ""},
		{"aaa", "replace", []Value{Str("a"), Str("b"), Int(2)}, Str("bba"), ""},
		{"prefix-x", "removeprefix", []Value{Str("prefix-")}, Str("x"), ""},
		{"x.k", "removesuffix", []Value{Str(".k")}, Str("x"), ""},
		{"Hello World", "split", nil, list(Str("Hello"), Str("World")), ""},
		{"  a  b c ", "split", nil, list(Str("a"), Str("b"), Str("c")), ""},
		{"a  b c", "split", []Value{None, Int(1)}, list(Str("a"), Str("b c")), ""},
		{"Hello World", "split", []Value{Str("o"), Int(1)}, list(Str("Hell"), Str(" World")), ""},
		{"Hello World", "split", []Value{Str("o")}, list(Str("Hell"), Str(" W"), Str("rld")), ""},
		{"Hello World", "rsplit", nil, list(Str("Hello"), Str("World")), ""},
		{"Hello World", "rsplit", []Value{Str("o"), Int(1)}, list(Str("Hello W"), Str("rld")), ""},
		{"a b  c", "rsplit", []Value{None, Int(1)}, list(Str("a b"), Str("c")), ""},
		{"Hel\n\nlo W\ror\nld", "splitlines", nil, list(Str("Hel"), Str(""), Str("lo W"), Str("or"), Str("ld")), ""},
		{"Hel\n\nlo W\ror\nld", "splitlines", []Value{True}, list(Str("Hel\n"), Str("\n"), Str("lo W\r"), Str("or\n"), Str("ld")), ""},
		{"a\r\nb", "splitlines", []Value{True}, list(Str("a\r\n"), Str("b")), ""},
		{"hellO worlD", "title", nil, Str("Hello World"), ""},
		{"{} {}", "format", []Value{Str("Hello"), Str("World")}, Str("Hello World"), ""},
		{"{:.0f}", "format", []Value{Float(1)}, Str("1"), ""},
		{"{:.1f} {:.0f}", "format", []Value{Float(1), Float(2)}, Str("1.0 2"), ""},
		{"{1}{0}", "format", []Value{Str("a"), Str("b")}, Str("ba"), ""},
		{"0{0[0]}, 1{0[1]}, Hello{1[Hello]}", "format", []Value{list(Str("0"), Str("1")), dict("Hello", Str("World"))}, Str("00, 11, HelloWorld"), ""},
		{"{{}} {}", "format", []Value{Int(1)}, Str("{} 1"), ""},
		{"{:5d}|{:<5}|{:^5}|{:>5}", "format", []Value{Int(42), Str("ab"), Str("ab"), Str("ab")}, Str("   42|ab   | ab  |   ab"), ""},
		{"{:+d} {:05d} {:x} {:#X} {:,}", "format", []Value{Int(5), Int(-42), Int(255), Int(255), Int(1234567)}, Str("+5 -0042 ff 0xFF 1,234,567"), ""},
		{"{:.3e} {:g} {:g} {:.2%} {}", "format", []Value{Float(12345.678), Float(0.00001234), Float(1234567), Float(0.5), Float(1e-9)}, Str("1.235e+04 1.234e-05 1.23457e+06 50.00% 1e-09"), ""},
		{"{}", "format", []Value{list(Str("a"))}, Str("[a]"), ""},
		{"{", "format", nil, nil, "Single '{' encountered in format string"},
		{"{} {}", "format", []Value{Int(1)}, nil, "argument tuple index out of range"},
		{"{:d}", "format", []Value{Float(1)}, nil, "Unknown format code 'd' for object of type 'float'"},
	}
	for _, tt := range tests {
		m, ok := StrMethod(Str(tt.recv), tt.method)
		if !ok {
			t.Errorf("no method %s", tt.method)
			continue
		}
		got, err := m.Call(nil, &Args{Pos: tt.pos})
		name := Repr(Str(tt.recv)) + "." + tt.method + ToStr(list(tt.pos...))
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
		if !Equal(got, tt.want) {
			t.Errorf("%s = %s, want %s", name, Repr(got), Repr(tt.want))
		}
	}
	if _, ok := StrMethod("x", "nosuch"); ok {
		t.Error("StrMethod found nosuch")
	}
	m, _ := StrMethod("x", "upper")
	if _, err := m.Call(nil, &Args{Pos: []Value{Int(1)}}); err == nil {
		t.Error("upper(1) did not fail")
	}
}

func TestFormatKeywords(t *testing.T) {
	m, _ := StrMethod("{name} is {age:>3}", "format")
	got, err := m.Call(nil, &Args{Kw: []Kwarg{kw("name", Str("Bob")), kw("age", Int(7))}})
	if err != nil || got != Str("Bob is   7") {
		t.Errorf("format with keywords = %v, %v", got, err)
	}
}
