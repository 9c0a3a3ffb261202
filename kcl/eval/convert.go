package eval

// This file holds the bridge between KCL values and Go values: ToGo for
// hosts reading results, FromGo for `-D` options, decoded JSON and YAML,
// and Helm values.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"
)

// An OrderedMap is a string-keyed map that keeps its keys in order. ToGo
// returns KCL dicts and schema instances as *OrderedMap; it marshals to
// JSON and YAML with its keys in order.
type OrderedMap struct {
	Keys   []string
	Values map[string]any
}

// NewOrderedMap returns an empty map with room for n keys.
func NewOrderedMap(n int) *OrderedMap {
	return &OrderedMap{Keys: make([]string, 0, n), Values: make(map[string]any, n)}
}

// Get returns the value of key.
func (m *OrderedMap) Get(key string) (any, bool) {
	v, ok := m.Values[key]
	return v, ok
}

// Set sets key to v, appending key when it is new.
func (m *OrderedMap) Set(key string, v any) {
	if _, ok := m.Values[key]; !ok {
		m.Keys = append(m.Keys, key)
	}
	m.Values[key] = v
}

// Len returns the number of keys.
func (m *OrderedMap) Len() int { return len(m.Keys) }

// PlainMaps returns x (a ToGo value) with every *OrderedMap turned into
// a map[string]any, for consumers that take Go maps and do not keep key
// order (Helm values, OPA input, JSON Schema validators).
func PlainMaps(x any) any {
	switch x := x.(type) {
	case *OrderedMap:
		m := make(map[string]any, len(x.Keys))
		for _, k := range x.Keys {
			m[k] = PlainMaps(x.Values[k])
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = PlainMaps(e)
		}
		return out
	}
	return x
}

// MarshalJSON writes the map as a JSON object in key order.
func (m *OrderedMap) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range m.Keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(m.Values[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalYAML returns the map as a yaml.v3 mapping node in key order.
func (m *OrderedMap) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, k := range m.Keys {
		var kn, vn yaml.Node
		if err := kn.Encode(k); err != nil {
			return nil, err
		}
		if err := vn.Encode(m.Values[k]); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &kn, &vn)
	}
	return n, nil
}

// ToGo returns v as a Go value: nil for None and Undefined, bool,
// int64, float64 (numbers with units give their value), string, []any
// for lists and *OrderedMap for dicts and schema instances (all their
// attributes, hidden ones included). Functions, schema types and
// modules give nil.
func ToGo(v Value) any {
	switch v := v.(type) {
	case Bool:
		return bool(v)
	case Int:
		return int64(v)
	case Float:
		return float64(v)
	case Str:
		return string(v)
	case *Unit:
		return ToGo(v.Num)
	case *List:
		out := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			out[i] = ToGo(e)
		}
		return out
	case *Dict:
		return dictToGo(v)
	case *Schema:
		return dictToGo(v.Attrs)
	}
	return nil
}

func dictToGo(d *Dict) *OrderedMap {
	m := NewOrderedMap(d.Len())
	d.Items(func(k string, v Value) bool {
		m.Set(k, ToGo(v))
		return true
	})
	return m
}

// FromGo returns the KCL value of a Go value: nil is None; bools,
// integers (unsigned ones above 2^63-1 become floats, as upstream),
// floats, strings, json.Number; slices and arrays become lists; maps
// with string keys become dicts with their keys sorted, *OrderedMap
// keeps its order; *yaml.Node (documents, mappings in order, sequences,
// scalars resolved by tag, aliases, merge keys) as YAML reads; Values
// are returned as they are.
func FromGo(x any) (Value, error) {
	switch x := x.(type) {
	case nil:
		return None, nil
	case Value:
		return x, nil
	case bool:
		return Bool(x), nil
	case string:
		return Str(x), nil
	case []byte:
		return Str(x), nil
	case int:
		return Int(x), nil
	case int8:
		return Int(x), nil
	case int16:
		return Int(x), nil
	case int32:
		return Int(x), nil
	case int64:
		return Int(x), nil
	case uint:
		return fromUint(uint64(x)), nil
	case uint8:
		return Int(x), nil
	case uint16:
		return Int(x), nil
	case uint32:
		return Int(x), nil
	case uint64:
		return fromUint(x), nil
	case float32:
		return Float(x), nil
	case float64:
		return Float(x), nil
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return Int(n), nil
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("invalid number %q", x.String())
		}
		return Float(f), nil
	case *OrderedMap:
		d := NewDict(x.Len())
		for _, k := range x.Keys {
			v, err := FromGo(x.Values[k])
			if err != nil {
				return nil, err
			}
			d.Set(k, v)
		}
		return d, nil
	case []any:
		elems := make([]Value, len(x))
		for i, e := range x {
			v, err := FromGo(e)
			if err != nil {
				return nil, err
			}
			elems[i] = v
		}
		return NewList(elems), nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		d := NewDict(len(keys))
		for _, k := range keys {
			v, err := FromGo(x[k])
			if err != nil {
				return nil, err
			}
			d.Set(k, v)
		}
		return d, nil
	case *yaml.Node:
		if x == nil {
			return None, nil
		}
		return fromYAML(x)
	case yaml.Node:
		return fromYAML(&x)
	}
	return fromReflect(reflect.ValueOf(x))
}

func fromUint(u uint64) Value {
	if u > math.MaxInt64 {
		return Float(float64(u))
	}
	return Int(u)
}

// fromReflect converts other slices, arrays, maps and pointers.
func fromReflect(rv reflect.Value) (Value, error) {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return None, nil
		}
		return FromGo(rv.Elem().Interface())
	case reflect.Slice, reflect.Array:
		elems := make([]Value, rv.Len())
		for i := range elems {
			v, err := FromGo(rv.Index(i).Interface())
			if err != nil {
				return nil, err
			}
			elems[i] = v
		}
		return NewList(elems), nil
	case reflect.Map:
		type kv struct {
			k string
			v reflect.Value
		}
		var entries []kv
		iter := rv.MapRange()
		for iter.Next() {
			entries = append(entries, kv{fmt.Sprint(iter.Key().Interface()), iter.Value()})
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].k < entries[j].k })
		d := NewDict(len(entries))
		for _, e := range entries {
			v, err := FromGo(e.v.Interface())
			if err != nil {
				return nil, err
			}
			d.Set(e.k, v)
		}
		return d, nil
	case reflect.Bool:
		return Bool(rv.Bool()), nil
	case reflect.String:
		return Str(rv.String()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return Int(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return fromUint(rv.Uint()), nil
	case reflect.Float32, reflect.Float64:
		return Float(rv.Float()), nil
	}
	if !rv.IsValid() {
		return None, nil
	}
	return nil, fmt.Errorf("cannot convert Go value of type %s to a KCL value", rv.Type())
}

// maxAliasDepth bounds alias expansion in YAML documents.
const maxAliasDepth = 100

// aliasAllowance is how many nodes alias expansion may add to a YAML
// document beyond its own size (at least; ten times the size for large
// documents): a "billion laughs" document of a few lines would
// otherwise expand to billions of values.
const aliasAllowance = 1_000_000

// fromYAML converts a YAML node tree, expanding aliases within budget.
func fromYAML(n *yaml.Node) (Value, error) {
	size := yamlSize(n)
	c := &yamlConv{budget: size + max(aliasAllowance, 10*size)}
	return c.node(n, 0)
}

// yamlSize counts the nodes of a tree without following aliases.
func yamlSize(n *yaml.Node) int {
	size := 1
	for _, c := range n.Content {
		size += yamlSize(c)
	}
	return size
}

type yamlConv struct{ budget int }

func (c *yamlConv) node(n *yaml.Node, depth int) (Value, error) {
	if depth > maxAliasDepth {
		return nil, fmt.Errorf("yaml: aliases nested too deeply")
	}
	if c.budget--; c.budget < 0 {
		return nil, fmt.Errorf("yaml: aliases expand the document beyond %d nodes", aliasAllowance)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return None, nil
		}
		return c.node(n.Content[0], depth)
	case yaml.AliasNode:
		if n.Alias == nil {
			return None, nil
		}
		return c.node(n.Alias, depth+1)
	case yaml.SequenceNode:
		elems := make([]Value, len(n.Content))
		for i, e := range n.Content {
			v, err := c.node(e, depth)
			if err != nil {
				return nil, err
			}
			elems[i] = v
		}
		return NewList(elems), nil
	case yaml.MappingNode:
		d := NewDict(len(n.Content) / 2)
		if err := c.mapInto(d, n, depth); err != nil {
			return nil, err
		}
		return d, nil
	case yaml.ScalarNode:
		return fromYAMLScalar(n)
	}
	return None, nil
}

// mapInto adds the entries of mapping n to d; merge keys (<<) add
// the entries of the merged mappings that d does not set itself.
func (c *yamlConv) mapInto(d *Dict, n *yaml.Node, depth int) error {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		key := k.Value
		if k.Kind == yaml.AliasNode && k.Alias != nil {
			key = k.Alias.Value
		}
		val, err := c.node(v, depth)
		if err != nil {
			return err
		}
		d.Set(key, val)
	}
	for _, m := range merges {
		for m.Kind == yaml.AliasNode && m.Alias != nil {
			m = m.Alias
		}
		var sources []*yaml.Node
		switch m.Kind {
		case yaml.MappingNode:
			sources = []*yaml.Node{m}
		case yaml.SequenceNode:
			sources = m.Content
		}
		for _, src := range sources {
			for src.Kind == yaml.AliasNode && src.Alias != nil {
				src = src.Alias
			}
			if src.Kind != yaml.MappingNode {
				continue
			}
			tmp := NewDict(len(src.Content) / 2)
			if err := c.mapInto(tmp, src, depth+1); err != nil {
				return err
			}
			tmp.Items(func(k string, v Value) bool {
				if !d.Has(k) {
					d.Set(k, v)
				}
				return true
			})
		}
	}
	return nil
}

func fromYAMLScalar(n *yaml.Node) (Value, error) {
	switch n.ShortTag() {
	case "!!null":
		return None, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, err
		}
		return Bool(b), nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err == nil {
			return Int(i), nil
		}
		var u uint64
		if err := n.Decode(&u); err == nil {
			return fromUint(u), nil
		}
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return nil, fmt.Errorf("yaml: invalid int %q", n.Value)
		}
		return Float(f), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		return Float(f), nil
	}
	return Str(n.Value), nil
}
