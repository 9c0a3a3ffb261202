package eval

import (
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
)

func TestUnpackArgs(t *testing.T) {
	type vars struct {
		s   string
		n   int64
		i   int
		f   float64
		b   bool
		v   Value
		l   *List
		d   *Dict
		opt string
	}
	params := func(x *vars) []any {
		return []any{"s", &x.s, "n", &x.n, "i?", &x.i, "f?", &x.f, "b?", &x.b, "v?", &x.v, "l?", &x.l, "d?", &x.d, "opt?", &x.opt}
	}
	list := NewList([]Value{Int(1)})
	dict := NewDict(0)
	tests := []struct {
		name string
		args *Args
		want vars
		err  string
	}{
		{"positional", &Args{Pos: []Value{Str("a"), Int(2), Int(3), Float(1.5), True, Str("x"), list, dict, Str("o")}},
			vars{s: "a", n: 2, i: 3, f: 1.5, b: true, v: Str("x"), l: list, d: dict, opt: "o"}, ""},
		{"keywords", &Args{Pos: []Value{Str("a")}, Kw: []Kwarg{{"n", Int(2)}, {"opt", Str("o")}, {"f", Int(4)}}},
			vars{s: "a", n: 2, f: 4, v: None, opt: "o"}, ""},
		{"defaults kept for None", &Args{Pos: []Value{Str("a"), Int(1), None, None, None, None, None, None, None}},
			vars{s: "a", n: 1, f: 9, v: None, opt: "def"}, ""},
		{"unit and bool as int", &Args{Pos: []Value{Str("a"), &Unit{Num: Int(1024), Raw: 1, Suffix: "Ki"}, True}},
			vars{s: "a", n: 1024, i: 1, f: 9, v: None, opt: "def"}, ""},
		{"truth for bool", &Args{Pos: []Value{Str("a"), Int(1)}, Kw: []Kwarg{{"b", Str("x")}}},
			vars{s: "a", n: 1, f: 9, b: true, v: None, opt: "def"}, ""},
		{"schema as dict", &Args{Pos: []Value{Str("a"), Int(1)}, Kw: []Kwarg{{"d", &Schema{T: &SchemaType{Name: "S"}, Attrs: dict}}}},
			vars{s: "a", n: 1, f: 9, v: None, d: dict, opt: "def"}, ""},
		{"missing", &Args{Pos: []Value{Str("a")}}, vars{}, "fn() missing required argument 'n'"},
		{"wrong type", &Args{Pos: []Value{Int(1), Int(1)}}, vars{}, "fn() argument 's': expected str, got int"},
		{"float for int", &Args{Pos: []Value{Str("a"), Float(1)}}, vars{}, "argument 'n': expected int, got float"},
		{"str for float", &Args{Pos: []Value{Str("a"), Int(1)}, Kw: []Kwarg{{"f", Str("x")}}}, vars{}, "argument 'f': expected float, got str"},
		{"list", &Args{Pos: []Value{Str("a"), Int(1)}, Kw: []Kwarg{{"l", dict}}}, vars{}, "argument 'l': expected list, got dict"},
		{"unknown keyword", &Args{Pos: []Value{Str("a"), Int(1)}, Kw: []Kwarg{{"zz", Int(1)}}}, vars{}, "unexpected keyword argument 'zz'"},
		{"twice", &Args{Pos: []Value{Str("a"), Int(1)}, Kw: []Kwarg{{"s", Str("b")}}}, vars{}, "multiple values for argument 's'"},
		{"too many", &Args{Pos: make([]Value, 10)}, vars{}, "at most 9 arguments"},
	}
	for _, tc := range tests {
		got := vars{f: 9, opt: "def"}
		err := UnpackArgs("fn", tc.args, params(&got)...)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: got error %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestUnpackArgsNone(t *testing.T) {
	if err := UnpackArgs("f", &Args{}); err != nil {
		t.Error(err)
	}
	if err := UnpackArgs("f", &Args{Pos: []Value{Int(1)}}); err == nil {
		t.Error("f(1) with no parameters: no error")
	}
}

func TestCatch(t *testing.T) {
	th := &Thread{}
	fail := NewBuiltin("fail", func(*Thread, Value, *Args) (Value, error) {
		return nil, errorf(ErrValue, "bad value")
	})
	raise := NewBuiltin("raise", func(*Thread, Value, *Args) (Value, error) {
		panic(errorf(ErrIndex, "out of range"))
	})
	limit := NewBuiltin("limit", func(*Thread, Value, *Args) (Value, error) {
		panic(errorf(diag.MemoryLimit, "budget"))
	})
	ok := NewBuiltin("ok", func(*Thread, Value, *Args) (Value, error) { return Int(1), nil })
	if v, d, err := Catch(th, ok, nil); v != Int(1) || d != nil || err != nil {
		t.Errorf("ok: %v %v %v", v, d, err)
	}
	if _, d, err := Catch(th, fail, nil); err != nil || d == nil || d.Message != "bad value" {
		t.Errorf("fail: %v %v", d, err)
	}
	if _, d, err := Catch(th, raise, nil); err != nil || d == nil || d.Message != "out of range" {
		t.Errorf("raise: %v %v", d, err)
	}
	if _, d, err := Catch(th, limit, nil); err == nil || d != nil {
		t.Errorf("limit: caught %v, err %v", d, err)
	}
	if _, d, err := Catch(th, Int(1), nil); err != nil || d == nil || !strings.Contains(d.Message, "not callable") {
		t.Errorf("not callable: %v %v", d, err)
	}
}

func TestManifestsOutput(t *testing.T) {
	th := &Thread{}
	if _, ok := th.ManifestsOutput(); ok {
		t.Fatal("set on a new thread")
	}
	buf := []byte("a: 1\n")
	th.SetManifestsOutput(buf)
	buf[0] = 'b'
	if out, ok := th.ManifestsOutput(); !ok || string(out) != "a: 1\n" {
		t.Errorf("got %q %v", out, ok)
	}
}

func TestFileRoot(t *testing.T) {
	th := &Thread{}
	if _, err := th.FileRootDir(); err == nil || !strings.Contains(err.Error(), "no file root") {
		t.Errorf("no root: %v", err)
	}
	dir := t.TempDir()
	th.FileRoot = dir
	r, err := th.OpenFileRoot()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Open("../x"); err == nil {
		t.Error("os.Root opened a path outside the root")
	}
}
