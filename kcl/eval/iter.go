package eval

// Iterate returns the iteration of v as two parallel slices, taken as
// a snapshot (changing v afterwards does not change them):
//
//   - list: keys are the indexes (Int), vals the elements;
//   - dict and schema: keys are the keys (Str) in order, vals the values;
//   - str: keys are the indexes (Int), vals the characters (Str).
//
// A loop with one variable binds vals for lists and strings and keys for
// dicts and schemas (as upstream's iterator does); a loop with two binds
// keys and vals. Other values are not iterable (an error, as upstream:
// None and Undefined included).
func Iterate(v Value) (keys, vals []Value, err error) {
	switch v := v.(type) {
	case *List:
		keys = make([]Value, len(v.Elems))
		for i := range v.Elems {
			keys[i] = Int(i)
		}
		return keys, append([]Value(nil), v.Elems...), nil
	case *Dict:
		return dictItems(v)
	case *Schema:
		return dictItems(v.Attrs)
	case Str:
		i := 0
		for _, r := range string(v) {
			keys = append(keys, Int(i))
			vals = append(vals, Str(string(r)))
			i++
		}
		return keys, vals, nil
	}
	return nil, nil, errorf(ErrType, "'%s' object is not iterable", v.Type())
}

func dictItems(d *Dict) (keys, vals []Value, err error) {
	keys = make([]Value, 0, d.Len())
	vals = make([]Value, 0, d.Len())
	d.Items(func(k string, v Value) bool {
		keys = append(keys, Str(k))
		vals = append(vals, v)
		return true
	})
	return keys, vals, nil
}

// iterValues returns what a one-variable loop over v binds: elements of
// a list, characters of a str, keys of a dict or schema.
func iterValues(v Value) ([]Value, error) {
	keys, vals, err := Iterate(v)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case *Dict, *Schema:
		return keys, nil
	}
	return vals, nil
}
