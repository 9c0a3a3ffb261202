package rgd

// This file holds the JSON-like value helpers: normalising caller input
// to *eval.OrderedMap trees, deep copies, and data paths for
// diagnostics.

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// normalize returns x as the package's value representation: maps as
// *eval.OrderedMap, lists as []any, integers as int64, floats as
// float64. Plain Go maps have no order, so their keys are sorted: the
// result never depends on map iteration order. The input is copied, so
// later mutation by the caller cannot reach the output. Errors have
// the given code.
func normalize(x any, path string, code diag.Code) (any, error) {
	switch x := x.(type) {
	case nil, bool, string, int64, float64:
		return x, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case float32:
		return float64(x), nil
	case *eval.OrderedMap:
		if x == nil {
			return nil, nil
		}
		m := eval.NewOrderedMap(x.Len())
		for _, k := range x.Keys {
			v, err := normalize(x.Values[k], joinKey(path, k), code)
			if err != nil {
				return nil, err
			}
			m.Set(k, v)
		}
		return m, nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		m := eval.NewOrderedMap(len(keys))
		for _, k := range keys {
			v, err := normalize(x[k], joinKey(path, k), code)
			if err != nil {
				return nil, err
			}
			m.Set(k, v)
		}
		return m, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			v, err := normalize(e, joinIndex(path, i), code)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			v, err := normalize(e, joinIndex(path, i), code)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	return nil, errorf(code, path, "unsupported value of Go type %T", x)
}

// deepCopy copies a normalized value so that two outputs never share a
// map or list.
func deepCopy(x any) any {
	switch x := x.(type) {
	case *eval.OrderedMap:
		m := eval.NewOrderedMap(x.Len())
		for _, k := range x.Keys {
			m.Set(k, deepCopy(x.Values[k]))
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return x
}

// asMap returns x as an ordered map when it is one.
func asMap(x any) (*eval.OrderedMap, bool) {
	m, ok := x.(*eval.OrderedMap)
	return m, ok && m != nil
}

// get returns m[key] when m is a map holding key.
func get(m any, key string) (any, bool) {
	om, ok := asMap(m)
	if !ok {
		return nil, false
	}
	return om.Get(key)
}

// typeName names a value's type in schema words for messages.
func typeName(x any) string {
	switch x.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case int64:
		return "integer"
	case float64:
		return "float"
	case *eval.OrderedMap:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", x)
}

// identKey matches keys that print bare in a data path.
var identKey = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$-]*$`)

// joinKey appends a map key to a data path: `a.b`, or `a["b.c"]` when
// the key would be ambiguous bare.
func joinKey(path, key string) string {
	if !identKey.MatchString(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// joinIndex appends a list index to a data path.
func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// quoteList renders names for a message: `a, b and c`.
func quoteList(names []string) string {
	switch len(names) {
	case 0:
		return "(none)"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
