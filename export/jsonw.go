package export

// This file holds the document model export builds (ordered objects and
// schema references) and its deterministic JSON encoding: two-space
// indentation, a trailing newline, no HTML escaping, and keys in a
// fixed order, so the same package exports to the same bytes anywhere.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"

	"akua.dev/akua/kcl/eval"
)

// An obj is a JSON object that keeps its keys in insertion order. A
// schema object (schema set) is written with its keywords in the rank
// order below instead, so the order never depends on the order the
// exporter happened to add them in.
type obj struct {
	keys   []string
	vals   map[string]any
	schema bool
}

func newObj() *obj    { return &obj{vals: map[string]any{}} }
func newSchema() *obj { return &obj{vals: map[string]any{}, schema: true} }

func (o *obj) set(k string, v any) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func (o *obj) get(k string) (any, bool) {
	v, ok := o.vals[k]
	return v, ok
}

func (o *obj) has(k string) bool { _, ok := o.vals[k]; return ok }

func (o *obj) del(k string) {
	if _, ok := o.vals[k]; !ok {
		return
	}
	delete(o.vals, k)
	for i, x := range o.keys {
		if x == k {
			o.keys = append(o.keys[:i], o.keys[i+1:]...)
			break
		}
	}
}

// clone copies o one level deep.
func (o *obj) clone() *obj {
	c := &obj{keys: append([]string(nil), o.keys...), vals: make(map[string]any, len(o.vals)), schema: o.schema}
	for k, v := range o.vals {
		c.vals[k] = v
	}
	return c
}

// keywordRank orders the keywords of schema objects: identity, type,
// structure, constraints, annotations, extensions, then $defs. Keys not
// listed (none are emitted today) sort after them by name.
var keywordRank = func() map[string]int {
	order := []string{
		"$schema", "$id", "$ref", "title", "description",
		"type", "enum", "anyOf", "not",
		"properties", "patternProperties", "additionalProperties", "propertyNames", "required",
		"items", "minItems", "maxItems", "minProperties", "maxProperties",
		"minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf",
		"minLength", "maxLength", "pattern",
		"default", "deprecated", "x-ui", "x-kcl-type", "x-kcl-default", "x-kcl-computed", "x-kcl-check",
		"$defs",
	}
	m := make(map[string]int, len(order))
	for i, k := range order {
		m[k] = i
	}
	return m
}()

func (o *obj) orderedKeys() []string {
	if !o.schema {
		return o.keys
	}
	keys := append([]string(nil), o.keys...)
	sort.SliceStable(keys, func(i, j int) bool {
		ri, iok := keywordRank[keys[i]]
		rj, jok := keywordRank[keys[j]]
		switch {
		case iok && jok:
			return ri < rj
		case iok != jok:
			return iok
		}
		return keys[i] < keys[j]
	})
	return keys
}

// A ref stands for a `$ref` to a schema definition; the encoder writes
// it as the URI its document uses (#/$defs/X or
// #/components/schemas/X).
type ref struct{ to *schemaView }

// encoder writes the document model as indented JSON.
type encoder struct {
	buf bytes.Buffer
	// uri returns the `$ref` value for a definition.
	uri func(*schemaView) string
}

func (e *encoder) encode(v any) ([]byte, error) {
	if err := e.value(v, 0); err != nil {
		return nil, err
	}
	e.buf.WriteByte('\n')
	return e.buf.Bytes(), nil
}

func (e *encoder) newline(level int) {
	e.buf.WriteByte('\n')
	for i := 0; i < level; i++ {
		e.buf.WriteString("  ")
	}
}

func (e *encoder) str(s string) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	e.buf.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func (e *encoder) value(v any, level int) error {
	switch x := v.(type) {
	case nil:
		e.buf.WriteString("null")
	case bool:
		e.buf.WriteString(strconv.FormatBool(x))
	case int:
		e.buf.WriteString(strconv.Itoa(x))
	case int64:
		e.buf.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%v is not a JSON number", x)
		}
		// KCL's own spelling: floats keep a ".0", so a float default
		// reads as a float.
		e.buf.WriteString(eval.FormatFloat(x))
	case string:
		e.str(x)
	case ref:
		e.str(e.uri(x.to))
	case []string:
		l := make([]any, len(x))
		for i, s := range x {
			l[i] = s
		}
		return e.value(l, level)
	case []any:
		if len(x) == 0 {
			e.buf.WriteString("[]")
			return nil
		}
		e.buf.WriteByte('[')
		for i, el := range x {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.newline(level + 1)
			if err := e.value(el, level+1); err != nil {
				return err
			}
		}
		e.newline(level)
		e.buf.WriteByte(']')
	case *eval.OrderedMap:
		o := newObj()
		for _, k := range x.Keys {
			o.set(k, x.Values[k])
		}
		return e.value(o, level)
	case *obj:
		keys := x.orderedKeys()
		if len(keys) == 0 {
			e.buf.WriteString("{}")
			return nil
		}
		e.buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.newline(level + 1)
			e.str(k)
			e.buf.WriteString(": ")
			if err := e.value(x.vals[k], level+1); err != nil {
				return err
			}
		}
		e.newline(level)
		e.buf.WriteByte('}')
	default:
		return fmt.Errorf("export: cannot encode %T", v)
	}
	return nil
}

// deepCopy copies the objects and arrays of a document value; refs and
// scalars are shared.
func deepCopy(v any) any {
	switch x := v.(type) {
	case *obj:
		c := x.clone()
		for k, e := range c.vals {
			c.vals[k] = deepCopy(e)
		}
		return c
	case []any:
		c := make([]any, len(x))
		for i, e := range x {
			c[i] = deepCopy(e)
		}
		return c
	}
	return v
}
