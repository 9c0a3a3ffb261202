package eval

import "testing"

func TestIndex(t *testing.T) {
	s := &Schema{T: &SchemaType{Name: "S"}, Attrs: dict("k", Int(1))}
	tests := []struct {
		x, idx  Value
		want    Value
		wantErr string
	}{
		{list(Int(1), Int(2), Int(3)), Int(0), Int(1), ""},
		{list(Int(1), Int(2), Int(3)), Int(-1), Int(3), ""},
		{list(Int(1)), Int(1), nil, "list index out of range: 1"},
		{list(Int(1)), Int(-2), nil, "list index out of range: -2"},
		{Str("héllo"), Int(1), Str("é"), ""},
		{Str("abc"), Int(-1), Str("c"), ""},
		{Str("abc"), Int(3), nil, "string index out of range: 3"},
		{dict("key", Str("value")), Str("key"), Str("value"), ""},
		{dict("key", Str("value")), Str("nokey"), Undefined, ""},
		{dict("key", Str("value")), None, Undefined, ""},
		{s, Str("k"), Int(1), ""},
		{s, Str("x"), Undefined, ""},
		{list(Int(1)), Str("a"), nil, "'list' object is not subscriptable with 'str'"},
		{None, Int(0), nil, "'NoneType' object is not subscriptable with 'int'"},
	}
	for _, tt := range tests {
		got, err := Index(nil, tt.x, tt.idx)
		name := Repr(tt.x) + "[" + Repr(tt.idx) + "]"
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s: err = %v, want %q", name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !Equal(got, tt.want) {
			t.Errorf("%s = %v, %v; want %v", name, got, err, tt.want)
		}
	}
}

func TestSlice(t *testing.T) {
	l := list(Str("a"), Str("b"), Str("c"), Str("d"))
	tests := []struct {
		x            Value
		lo, hi, step Value
		want         Value
		wantErr      string
	}{
		{l, Int(0), Int(-2), None, list(Str("a"), Str("b")), ""},
		{l, None, None, Int(-1), list(Str("d"), Str("c"), Str("b"), Str("a")), ""},
		{l, Int(-3), nil, nil, list(Str("b"), Str("c"), Str("d")), ""},
		{l, Int(1), Int(100), Int(2), list(Str("b"), Str("d")), ""},
		{l, Int(3), Int(1), None, list(), ""},
		{l, Int(3), Int(0), Int(-2), list(Str("d"), Str("b")), ""},
		{Str("Hello, World!"), Int(2), Int(5), None, Str("llo"), ""},
		{Str("Hello, World!"), Int(-5), Int(-2), None, Str("orl"), ""},
		{Str("Hello, World!"), None, None, Int(-1), Str("!dlroW ,olleH"), ""},
		{Str("héllo"), Int(1), Int(3), None, Str("él"), ""},
		{Str("abc"), Int(5), None, None, Str(""), ""},
		{l, None, None, Int(0), nil, "slice step cannot be zero"},
		{l, Str("a"), None, None, nil, "slice indices must be integers or None, not str"},
		{Int(1), None, None, None, nil, "'int' object is not sliceable"},
	}
	for _, tt := range tests {
		got, err := Slice(tt.x, tt.lo, tt.hi, tt.step)
		name := Repr(tt.x) + "[" + ToStr(list(tt.lo, tt.hi, tt.step)) + "]"
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s: err = %v, want %q", name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !Equal(got, tt.want) {
			t.Errorf("%s = %v, %v; want %v", name, got, err, tt.want)
		}
	}
}

func TestIterate(t *testing.T) {
	keys, vals, err := Iterate(dict("a", Int(1), "b", Int(2)))
	if err != nil || !Equal(list(keys...), list(Str("a"), Str("b"))) || !Equal(list(vals...), list(Int(1), Int(2))) {
		t.Errorf("Iterate(dict) = %v %v %v", keys, vals, err)
	}
	keys, vals, err = Iterate(Str("hé"))
	if err != nil || !Equal(list(keys...), list(Int(0), Int(1))) || !Equal(list(vals...), list(Str("h"), Str("é"))) {
		t.Errorf("Iterate(str) = %v %v %v", keys, vals, err)
	}
	l := list(Int(5))
	keys, vals, err = Iterate(l)
	l.Append(Int(6)) // the iteration is a snapshot
	if err != nil || len(vals) != 1 || keys[0] != Int(0) || vals[0] != Int(5) {
		t.Errorf("Iterate(list) = %v %v %v", keys, vals, err)
	}
	s := &Schema{T: &SchemaType{Name: "S"}, Attrs: dict("k", Int(1))}
	if keys, _, err := Iterate(s); err != nil || len(keys) != 1 || keys[0] != Str("k") {
		t.Errorf("Iterate(schema) = %v %v", keys, err)
	}
	if _, _, err := Iterate(None); err == nil || err.Error() != "'NoneType' object is not iterable" {
		t.Errorf("Iterate(None) err = %v", err)
	}
}

func TestUnits(t *testing.T) {
	tests := []struct {
		raw    int64
		suffix string
		want   Value
		str    string
	}{
		{1, "n", Float(1e-9), "1n"},
		{1024, "n", Float(1.024e-6), "1024n"},
		{1, "u", Float(1e-6), "1u"},
		{1024, "m", Float(1.024), "1024m"},
		{1, "k", Int(1000), "1k"},
		{1, "K", Int(1000), "1K"},
		{1024, "M", Int(1024000000), "1024M"},
		{1, "G", Int(1000000000), "1G"},
		{1, "T", Int(1000000000000), "1T"},
		{1024, "P", Int(1024000000000000000), "1024P"},
		{1, "Ki", Int(1024), "1Ki"},
		{1024, "Mi", Int(1073741824), "1024Mi"},
		{1, "Gi", Int(1073741824), "1Gi"},
		{1, "Ti", Int(1099511627776), "1Ti"},
		{1, "Pi", Int(1125899906842624), "1Pi"},
	}
	for _, tt := range tests {
		v, err := NewUnit(tt.raw, tt.suffix)
		if err != nil {
			t.Errorf("NewUnit(%d, %s): %v", tt.raw, tt.suffix, err)
			continue
		}
		u := v.(*Unit)
		if u.Num != tt.want || ToStr(v) != tt.str || v.Type() != "number_multiplier" {
			t.Errorf("NewUnit(%d, %s) = %v (%s), want %v (%s)", tt.raw, tt.suffix, u.Num, ToStr(v), tt.want, tt.str)
		}
	}
	if _, err := NewUnit(1024102410241024, "Mi"); err == nil || err.Error() != "1073849208920891981824: A 64 bit integer overflow" {
		t.Errorf("NewUnit overflow err = %v", err)
	}
	if _, err := NewUnit(1, "ni"); err == nil {
		t.Error("NewUnit(1, ni) did not fail")
	}
}
