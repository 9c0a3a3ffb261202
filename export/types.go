package export

// This file maps KCL types to JSON Schema, following what the evaluator
// accepts when it converts an input value to a type (kcl/eval/types.go
// tryConvert): int takes integers only, float takes integers and floats,
// a schema takes a mapping (closed unless it has an index signature), a
// union takes what any member takes, a literal type takes its value.
//
// None is accepted at every position: in lists, as dict values, as
// union members, and for attributes that are optional or have a
// default (KCL keeps the default when the input gives None). Only
// required attributes reject it (see define). typeSchema therefore
// returns the schema without null, and nullable adds it where KCL
// accepts it.

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// maxAliasDepth bounds type alias expansion (aliases cannot recurse in
// KCL; this only stops a malformed program from looping).
const maxAliasDepth = 64

// typeSchema is the schema of the non-None values KCL accepts for t,
// written in f. Schemas it names are queued for definition.
func (g *gen) typeSchema(f *srcFile, t syntax.Type) (*obj, error) {
	return g.typeSchemaDepth(f, t, 0)
}

func (g *gen) typeSchemaDepth(f *srcFile, t syntax.Type, depth int) (*obj, error) {
	if depth > maxAliasDepth {
		return nil, &diag.Diagnostic{Code: TypeError, Pos: pos(f, t), Message: "type alias expansion too deep"}
	}
	o := newSchema()
	switch t := t.(type) {
	case nil:
		return o, nil
	case *syntax.NamedType:
		return g.namedType(f, t, depth)
	case *syntax.ListType:
		o.set("type", "array")
		if t.Elem != nil {
			el, err := g.typeSchemaDepth(f, t.Elem, depth)
			if err != nil {
				return nil, err
			}
			o.set("items", nullable(el))
		}
	case *syntax.DictType:
		o.set("type", "object")
		if t.Key != nil && !isStrKey(t.Key) {
			// JSON keys are strings; KCL checks each against the key
			// type, so an int key type admits only the empty mapping.
			k, err := g.typeSchemaDepth(f, t.Key, depth)
			if err != nil {
				return nil, err
			}
			o.set("propertyNames", k)
		}
		if t.Value != nil {
			v, err := g.typeSchemaDepth(f, t.Value, depth)
			if err != nil {
				return nil, err
			}
			o.set("additionalProperties", nullable(v))
		}
	case *syntax.UnionType:
		var enum, anyOf []any
		for _, m := range t.Types {
			ms, err := g.typeSchemaDepth(f, m, depth)
			if err != nil {
				return nil, err
			}
			switch {
			case len(ms.keys) == 0:
				return ms, nil // any member: the union takes anything
			case len(ms.keys) == 1 && ms.has("enum"):
				e, _ := ms.get("enum")
				enum = append(enum, e.([]any)...)
			case len(ms.keys) == 1 && ms.has("anyOf"):
				a, _ := ms.get("anyOf")
				anyOf = append(anyOf, a.([]any)...)
			default:
				anyOf = append(anyOf, ms)
			}
		}
		if len(anyOf) == 0 {
			o.set("enum", enum)
			return o, nil
		}
		if len(enum) > 0 {
			e := newSchema()
			e.set("enum", enum)
			anyOf = append([]any{e}, anyOf...)
		}
		if len(anyOf) == 1 {
			return anyOf[0].(*obj), nil
		}
		o.set("anyOf", anyOf)
	case *syntax.LiteralType:
		switch v := t.Value.(type) {
		case *syntax.NameConstant:
			if v.Value == syntax.NONE {
				o.set("type", "null")
				return o, nil
			}
		}
		v, ok := literal(t.Value)
		if !ok {
			return nil, &diag.Diagnostic{Code: TypeError, Pos: pos(f, t),
				Message: "cannot export the literal type " + f.text(t)}
		}
		o.set("enum", []any{v})
	case *syntax.FuncType:
		// A function cannot come from JSON or YAML inputs.
		o.set("type", "null")
		o.set("x-kcl-type", f.text(t))
	default:
		return nil, &diag.Diagnostic{Code: TypeError, Pos: pos(f, t), Message: "cannot export the type " + f.text(t)}
	}
	return o, nil
}

func isStrKey(t syntax.Type) bool {
	n, ok := t.(*syntax.NamedType)
	return ok && (n.Name == "str" || n.Name == "any")
}

var basicTypes = map[string]string{
	"int": "integer", "float": "number", "str": "string", "bool": "boolean",
	"list": "array", "dict": "object", "None": "null", "NoneType": "null",
}

func (g *gen) namedType(f *srcFile, t *syntax.NamedType, depth int) (*obj, error) {
	o := newSchema()
	if t.Name == "any" {
		return o, nil
	}
	if jt, ok := basicTypes[t.Name]; ok {
		o.set("type", jt)
		return o, nil
	}
	if a := g.p.lookupAlias(f, t.Name); a != nil {
		return g.typeSchemaDepth(a.file, a.typ, depth+1)
	}
	if d := g.p.lookupSchema(f, t.Name); d != nil {
		v, err := g.view(d)
		if err != nil {
			return nil, err
		}
		o.set("$ref", ref{v})
		return o, nil
	}
	if !strings.Contains(t.Name, ".") {
		return nil, &diag.Diagnostic{Code: TypeError, Pos: pos(f, t), Message: "unknown type " + t.Name,
			Suggestion: "declare schema " + t.Name + " in package.k or import the module that declares it"}
	}
	// A type of a module export cannot see (a dependency's schema,
	// units.NumberMultiplier, ...): named, not constrained.
	o.set("x-kcl-type", t.Name)
	return o, nil
}

// nullable returns o extended to accept null as well.
func nullable(o *obj) *obj {
	null := func() *obj { n := newSchema(); n.set("type", "null"); return n }
	switch {
	case o.has("$ref"):
		w := newSchema()
		w.set("anyOf", []any{o, null()})
		return w
	case o.has("type"):
		t, _ := o.get("type")
		switch t := t.(type) {
		case string:
			if t != "null" {
				o.set("type", []any{t, "null"})
			}
		case []any:
			if !containsValue(t, "null") {
				o.set("type", append(t, "null"))
			}
		}
		if e, ok := o.get("enum"); ok && !containsValue(e.([]any), nil) {
			o.set("enum", append(e.([]any), nil))
		}
	case o.has("enum"):
		if e, _ := o.get("enum"); !containsValue(e.([]any), nil) {
			o.set("enum", append(e.([]any), nil))
		}
	case o.has("anyOf"):
		a, _ := o.get("anyOf")
		for _, m := range a.([]any) {
			if mo, ok := m.(*obj); ok && mo.has("type") {
				if t, _ := mo.get("type"); t == "null" {
					return o
				}
			}
		}
		o.set("anyOf", append(a.([]any), null()))
	}
	return o
}
