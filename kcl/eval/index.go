package eval

// This file holds subscripts and slices (upstream's bin_subscr and
// slice, kclvm/runtime/src/value/val_bin.rs and api.rs).

import "unicode/utf8"

// Index returns x[idx]: a list element (negative indexes count from
// the end), a one-character string, or the value of a dict or schema
// key. A missing key gives Undefined, as upstream; an index out of
// range is an error.
func Index(th *Thread, x, idx Value) (Value, error) {
	idx = numeric(idx)
	switch x := x.(type) {
	case *List:
		if i, ok := idx.(Int); ok {
			n := len(x.Elems)
			j := int64(i)
			if j < 0 {
				j += int64(n)
			}
			if j < 0 || j >= int64(n) {
				return nil, errorf(ErrIndex, "list index out of range: %d", i)
			}
			return x.Elems[j], nil
		}
	case Str:
		if i, ok := idx.(Int); ok {
			return strIndex(x, i)
		}
	case *Dict:
		if k, ok := idx.(Str); ok {
			if v, ok := x.Get(string(k)); ok {
				return v, nil
			}
		}
		return Undefined, nil
	case *Schema:
		if k, ok := idx.(Str); ok {
			if v, ok := x.Attrs.Get(string(k)); ok {
				return v, nil
			}
			return Undefined, nil
		}
	}
	return nil, errorf(ErrType, "'%s' object is not subscriptable with '%s'", x.Type(), idx.Type())
}

// strIndex returns the i-th character (code point) of s.
func strIndex(s Str, i Int) (Value, error) {
	n := utf8.RuneCountInString(string(s))
	j := int64(i)
	if j < 0 {
		j += int64(n)
	}
	if j < 0 || j >= int64(n) {
		return nil, errorf(ErrIndex, "string index out of range: %d", i)
	}
	if n == len(s) { // ASCII
		return s[j : j+1], nil
	}
	for _, r := range string(s) {
		if j == 0 {
			return Str(string(r)), nil
		}
		j--
	}
	return nil, errorf(ErrIndex, "string index out of range: %d", i)
}

// Slice returns x[lo:hi:step] of a list or str; each bound may be None
// or Undefined (or nil) when omitted. Bounds follow Python: negative
// ones count from the end and are clamped to the sequence.
func Slice(x, lo, hi, step Value) (Value, error) {
	st := int64(1)
	if s, ok, err := sliceBound(step); err != nil {
		return nil, err
	} else if ok {
		st = s
		if st == 0 {
			return nil, errorf(ErrValue, "slice step cannot be zero")
		}
	}
	switch x := x.(type) {
	case *List:
		idx, err := sliceIndexes(len(x.Elems), lo, hi, st)
		if err != nil {
			return nil, err
		}
		elems := make([]Value, len(idx))
		for i, j := range idx {
			elems[i] = x.Elems[j]
		}
		return NewList(elems), nil
	case Str:
		runes := []rune(string(x))
		idx, err := sliceIndexes(len(runes), lo, hi, st)
		if err != nil {
			return nil, err
		}
		if st == 1 && len(runes) == len(x) {
			if len(idx) == 0 {
				return Str(""), nil
			}
			return x[idx[0] : idx[len(idx)-1]+1], nil
		}
		out := make([]rune, len(idx))
		for i, j := range idx {
			out[i] = runes[j]
		}
		return Str(string(out)), nil
	}
	return nil, errorf(ErrType, "'%s' object is not sliceable", x.Type())
}

// sliceBound reads an optional slice bound.
func sliceBound(v Value) (int64, bool, error) {
	switch v := numeric(v).(type) {
	case nil, NoneType, UndefinedType:
		return 0, false, nil
	case Int:
		return int64(v), true, nil
	}
	return 0, false, errorf(ErrType, "slice indices must be integers or None, not %s", v.Type())
}

// sliceIndexes returns the indexes selected by lo:hi:step in a sequence
// of n elements.
func sliceIndexes(n int, lo, hi Value, step int64) ([]int, error) {
	l, lok, err := sliceBound(lo)
	if err != nil {
		return nil, err
	}
	h, hok, err := sliceBound(hi)
	if err != nil {
		return nil, err
	}
	size := int64(n)
	clamp := func(v int64, low, high int64) int64 {
		if v < 0 {
			v += size
			if v < low {
				v = low
			}
		} else if v > high {
			v = high
		}
		return v
	}
	var start, stop int64
	if step > 0 {
		start, stop = 0, size
		if lok {
			start = clamp(l, 0, size)
		}
		if hok {
			stop = clamp(h, 0, size)
		}
	} else {
		start, stop = size-1, -1
		if lok {
			start = clamp(l, -1, size-1)
		}
		if hok {
			stop = clamp(h, -1, size-1)
		}
	}
	var idx []int
	if step > 0 {
		for i := start; i < stop; i += step {
			idx = append(idx, int(i))
		}
	} else {
		for i := start; i > stop; i += step {
			idx = append(idx, int(i))
		}
	}
	return idx, nil
}
