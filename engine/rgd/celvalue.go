package rgd

// This file bridges package values and CEL values. Input maps enter CEL
// as omap, an ordered map, so iterating schema.spec.labels follows the
// user's key order; maps CEL builds itself have no order, so they leave
// CEL with sorted keys. Either way no Go map order reaches the output.

import (
	"encoding/base64"
	"fmt"
	"math"
	"reflect"
	"sort"
	"time"

	"akua.dev/akua/kcl/eval"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
)

// An adapter turns package values into CEL values: *eval.OrderedMap
// becomes an omap, []any a list whose elements are adapted on access.
type adapter struct{ base types.Adapter }

func (a adapter) NativeToValue(v any) ref.Val {
	switch v := v.(type) {
	case *eval.OrderedMap:
		return &omap{m: v, a: a}
	case []any:
		return types.NewDynamicList(a, v)
	case nil:
		return types.NullValue
	case ref.Val:
		return v
	}
	return a.base.NativeToValue(v)
}

// An omap is a read-only CEL map over an *eval.OrderedMap.
type omap struct {
	m *eval.OrderedMap
	a types.Adapter
}

var _ traits.Mapper = (*omap)(nil)

func (o *omap) ConvertToNative(t reflect.Type) (any, error) {
	if t.Kind() == reflect.Interface && reflect.TypeOf(o.m).Implements(t) {
		return o.m, nil
	}
	if t == reflect.TypeOf(map[string]any{}) {
		out := make(map[string]any, o.m.Len())
		for _, k := range o.m.Keys {
			v, err := o.a.NativeToValue(o.m.Values[k]).ConvertToNative(reflect.TypeOf((*any)(nil)).Elem())
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	}
	return nil, fmt.Errorf("type conversion error from map to '%v'", t)
}

func (o *omap) ConvertToType(t ref.Type) ref.Val {
	switch t {
	case types.MapType:
		return o
	case types.TypeType:
		return types.MapType
	}
	return types.NewErr("type conversion error from map to '%s'", t)
}

func (o *omap) Equal(other ref.Val) ref.Val {
	om, ok := other.(traits.Mapper)
	if !ok || om.Size() != o.Size() {
		return types.False
	}
	for _, k := range o.m.Keys {
		ov, found := om.Find(types.String(k))
		if !found {
			return types.False
		}
		if eq := types.Equal(o.a.NativeToValue(o.m.Values[k]), ov); eq != types.True {
			return eq
		}
	}
	return types.True
}

func (o *omap) Type() ref.Type { return types.MapType }
func (o *omap) Value() any     { return o.m }
func (o *omap) Size() ref.Val  { return types.Int(o.m.Len()) }

func (o *omap) Find(key ref.Val) (ref.Val, bool) {
	k, ok := key.(types.String)
	if !ok {
		if types.IsUnknownOrError(key) {
			return key, false
		}
		return nil, false
	}
	v, found := o.m.Get(string(k))
	if !found {
		return nil, false
	}
	return o.a.NativeToValue(v), true
}

func (o *omap) Get(key ref.Val) ref.Val {
	v, found := o.Find(key)
	if !found {
		return types.ValOrErr(v, "no such key: %v", key)
	}
	return v
}

func (o *omap) Contains(key ref.Val) ref.Val {
	_, found := o.Find(key)
	return types.Bool(found)
}

func (o *omap) Iterator() traits.Iterator {
	return &keyIter{keys: o.m.Keys}
}

// A keyIter iterates over map keys in a fixed order.
type keyIter struct {
	keys []string
	i    int
}

func (it *keyIter) ConvertToNative(reflect.Type) (any, error) {
	return nil, fmt.Errorf("type conversion on iterators not supported")
}
func (it *keyIter) ConvertToType(ref.Type) ref.Val { return types.NewErr("no such overload") }
func (it *keyIter) Equal(ref.Val) ref.Val          { return types.NewErr("no such overload") }
func (it *keyIter) Type() ref.Type                 { return types.IteratorType }
func (it *keyIter) Value() any                     { return nil }
func (it *keyIter) HasNext() ref.Val               { return types.Bool(it.i < len(it.keys)) }

func (it *keyIter) Next() ref.Val {
	if it.i >= len(it.keys) {
		return nil
	}
	it.i++
	return types.String(it.keys[it.i-1])
}

// orderedRange is the function wrapped around every comprehension range
// (see orderIterations): a map CEL built iterates with sorted keys
// instead of Go's random map order; lists and omaps pass through.
func orderedRange(a types.Adapter, v ref.Val) ref.Val {
	m, ok := v.(traits.Mapper)
	if !ok {
		return v
	}
	if _, ok := m.(*omap); ok {
		return v
	}
	keys, err := sortedKeys(m)
	if err != nil {
		return v // non-string keys: cannot happen for JSON data; keep CEL's behaviour
	}
	om := eval.NewOrderedMap(len(keys))
	for _, k := range keys {
		om.Set(k, m.Get(types.String(k)))
	}
	return &omap{m: om, a: a}
}

// sortedKeys returns the keys of a CEL map, which must be strings, in
// sorted order.
func sortedKeys(m traits.Mapper) ([]string, error) {
	var keys []string
	for it := m.Iterator(); it.HasNext() == types.True; {
		k, ok := it.Next().(types.String)
		if !ok {
			return nil, fmt.Errorf("map keys must be strings in a manifest")
		}
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	return keys, nil
}

// omitted is the value of omit(): the field or list item holding it is
// dropped from the output.
type omitted struct{}

var omitType = types.NewOpaqueType("kro.omit")

func (omitted) ConvertToNative(reflect.Type) (any, error) {
	return nil, fmt.Errorf("omit() has no value")
}
func (omitted) ConvertToType(t ref.Type) ref.Val {
	if t == types.TypeType {
		return omitType
	}
	return types.NewErr("omit() cannot be converted to %s", t)
}
func (omitted) Equal(ref.Val) ref.Val {
	return types.NewErr("omit() is a field-removal marker and cannot be compared")
}
func (omitted) Type() ref.Type { return omitType }
func (omitted) Value() any     { return omitted{} }

// toGo converts a CEL result to a package value. Maps CEL built get
// sorted keys; omit() inside maps and lists drops the entry; a top-level
// omit() is returned as omitted{} for the caller to act on.
func toGo(v ref.Val) (any, error) {
	switch v := v.(type) {
	case *omap:
		out := eval.NewOrderedMap(v.m.Len())
		for _, k := range v.m.Keys {
			e := v.m.Values[k]
			if cv, ok := e.(ref.Val); ok { // set by orderedRange
				var err error
				if e, err = toGo(cv); err != nil {
					return nil, err
				}
				if _, drop := e.(omitted); drop {
					continue
				}
			} else {
				e = deepCopy(e)
			}
			out.Set(k, e)
		}
		return out, nil
	case omitted:
		return v, nil
	case types.Null:
		return nil, nil
	case types.Bool:
		return bool(v), nil
	case types.Int:
		return int64(v), nil
	case types.Uint:
		if uint64(v) > math.MaxInt64 {
			return nil, fmt.Errorf("uint %d does not fit a manifest integer", uint64(v))
		}
		return int64(v), nil
	case types.Double:
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, fmt.Errorf("%v is not a number JSON can hold", float64(v))
		}
		return float64(v), nil
	case types.String:
		return string(v), nil
	case types.Bytes:
		return base64.StdEncoding.EncodeToString(v), nil
	case types.Duration:
		return v.Duration.String(), nil
	case types.Timestamp:
		return v.Time.UTC().Format(time.RFC3339), nil
	case *types.Optional:
		if !v.HasValue() {
			return nil, nil
		}
		return toGo(v.GetValue())
	case *types.Err:
		return nil, v
	case traits.Mapper:
		keys, err := sortedKeys(v)
		if err != nil {
			return nil, err
		}
		out := eval.NewOrderedMap(len(keys))
		for _, k := range keys {
			e, err := toGo(v.Get(types.String(k)))
			if err != nil {
				return nil, err
			}
			if _, drop := e.(omitted); !drop {
				out.Set(k, e)
			}
		}
		return out, nil
	case traits.Lister:
		n, _ := v.Size().(types.Int)
		out := make([]any, 0, int(n))
		for i := types.Int(0); i < n; i++ {
			e, err := toGo(v.Get(i))
			if err != nil {
				return nil, err
			}
			if _, drop := e.(omitted); !drop {
				out = append(out, e)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("a value of CEL type %s cannot go in a manifest", v.Type().TypeName())
}
