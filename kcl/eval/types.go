package eval

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// This file checks values against type annotations at run time and
// converts where KCL does: a dict given for a schema-typed value becomes
// an instance of that schema, recursively through lists, dicts and
// unions. None and Undefined satisfy every type.

// convert checks v against t and returns the converted value, failing
// at n when it does not fit.
func (fr *frame) convert(n syntax.Node, v Value, t syntax.Type) Value {
	return fr.convertPath(n, "", v, t)
}

// convertPath is convert for a value at a data path (a variable or an
// attribute name): a failure deep inside nested schemas is reported
// with the whole path, `input.routing.tls: expected bool, got str`.
func (fr *frame) convertPath(n syntax.Node, path string, v Value, t syntax.Type) Value {
	fr.th.convDetail = nil
	out, ok := fr.tryConvert(v, t, true)
	if ok {
		return out
	}
	detail := fr.th.convDetail
	fr.th.convDetail = nil
	var d *diag.Diagnostic
	if detail != nil {
		c := *detail
		d = &c
		full := joinPath(path, d.Path)
		if d.Path != "" {
			d.Suggestion = strings.Replace(d.Suggestion, " "+d.Path+" ", " "+full+" ", 1)
		}
		d.Path = full
	} else {
		d = &diag.Diagnostic{Code: diag.TypeError,
			Message: "expected " + typeText(t) + ", got " + typeName(v), Path: path}
		if path != "" {
			d.Suggestion = "give " + path + " a value of type " + typeText(t)
		}
	}
	if d.Pos.Line == 0 && n != nil {
		d.Pos, d.End = fr.pos(n)
	}
	panic(d)
}

func joinPath(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// typeName names a value's type in messages: schema names, `[int]`,
// `{str:int}` like upstream.
func typeName(v Value) string {
	switch v := v.(type) {
	case *List:
		return "list"
	case *Dict:
		return "dict"
	case *Schema:
		return v.T.Name
	case *Unit:
		return v.Num.Type()
	}
	return v.Type()
}

// tryConvert reports whether v fits t, converting dicts to schemas when
// convert is set.
func (fr *frame) tryConvert(v Value, t syntax.Type, convert bool) (Value, bool) {
	if isNullish(v) {
		return v, true
	}
	switch t := t.(type) {
	case *syntax.NamedType:
		return fr.convertNamed(v, t, convert)
	case *syntax.ListType:
		l, ok := v.(*List)
		if !ok {
			return v, false
		}
		if t.Elem == nil {
			return v, true
		}
		var out []Value
		for i, e := range l.Elems {
			c, ok := fr.tryConvert(e, t.Elem, convert)
			if !ok {
				return v, false
			}
			if c != e && out == nil {
				out = append([]Value(nil), l.Elems...)
			}
			if out != nil {
				out[i] = c
			}
		}
		if out != nil {
			return NewList(out), true
		}
		return v, true
	case *syntax.DictType:
		d := configOf(v)
		if d == nil {
			return v, false
		}
		if _, isSchema := v.(*Schema); isSchema && t.Value == nil {
			return v, true
		}
		var out *Dict
		for _, k := range d.Keys() {
			if t.Key != nil {
				if _, ok := fr.tryConvert(Str(k), t.Key, false); !ok {
					return v, false
				}
			}
			e := d.Entry(k)
			if t.Value == nil {
				continue
			}
			c, ok := fr.tryConvert(e.Value, t.Value, convert)
			if !ok {
				return v, false
			}
			if c != e.Value && out == nil {
				out = d.Copy()
			}
			if out != nil {
				out.SetEntry(k, c, e.Op, e.Index)
			}
		}
		if out != nil {
			return out, true
		}
		return v, true
	case *syntax.UnionType:
		// Prefer a member the value fits as it is, then one it converts to.
		for _, m := range t.Types {
			if c, ok := fr.tryConvert(v, m, false); ok {
				return c, true
			}
		}
		if convert {
			for _, m := range t.Types {
				if c, ok := fr.tryConvertQuiet(v, m); ok {
					return c, true
				}
			}
		}
		return v, false
	case *syntax.LiteralType:
		lit := fr.expr(t.Value)
		if u, ok := lit.(*Unit); ok {
			// A units literal type (1Ki) holds the number it stands for,
			// as an int or a float.
			switch n := numeric(v).(type) {
			case Int, Float:
				return v, toFloat(n) == toFloat(u.Num)
			}
			return v, false
		}
		return v, v.Type() == lit.Type() && Equal(v, lit)
	case *syntax.FuncType:
		_, ok := v.(Callable)
		return v, ok
	}
	return v, false
}

// tryConvertQuiet converts v to t, reporting failure of a nested schema
// instantiation as a mismatch rather than an error.
func (fr *frame) tryConvertQuiet(v Value, t syntax.Type) (out Value, ok bool) {
	d := catch(func() { out, ok = fr.tryConvert(v, t, true) })
	if d != nil {
		return v, false
	}
	return out, ok
}

func (fr *frame) convertNamed(v Value, t *syntax.NamedType, convert bool) (Value, bool) {
	if u, ok := v.(*Unit); ok && (t.Name == "int" || t.Name == "float") {
		v = u.Num
	}
	switch t.Name {
	case "any":
		return v, true
	case "int":
		_, ok := v.(Int)
		return v, ok
	case "float":
		switch x := v.(type) {
		case Float:
			return v, true
		case Int:
			return Float(x), true
		}
		return v, false
	case "str":
		_, ok := v.(Str)
		return v, ok
	case "bool":
		_, ok := v.(Bool)
		return v, ok
	case "list":
		_, ok := v.(*List)
		return v, ok
	case "dict":
		return v, configOf(v) != nil
	case "None", "NoneType":
		return v, isNullish(v)
	}
	if alias, afr := fr.lookupAlias(t.Name); alias != nil {
		return afr.tryConvert(v, alias, convert)
	}
	st := fr.lookupSchemaType(t.Name)
	if st == nil {
		return v, false
	}
	switch x := v.(type) {
	case *Schema:
		if x.T.IsSubtypeOf(st) {
			return v, true
		}
		return v, false
	case *Dict:
		if !convert {
			return v, false
		}
		// A dict converts when the instance it makes is complete: a
		// missing required attribute is a type mismatch. Inside a schema
		// body the check waits for the outermost instance, whose config
		// may still fill the attribute.
		var inst *Schema
		if d := catch(func() {
			inst = fr.instantiate(nil, st, &Args{}, x)
			if fr.sch == nil {
				fr.checkRequired(nil, inst)
			}
		}); d != nil {
			// Keep the inner failure: the caller reports it with the path.
			fr.th.convDetail = d
			return v, false
		}
		return inst, true
	}
	return v, false
}

// lookupAlias resolves a type alias, local (`Size`) or of an imported
// package (`models.Size`), with the frame its names resolve in.
func (fr *frame) lookupAlias(name string) (syntax.Type, *frame) {
	if t, ok := fr.mod.aliases[name]; ok {
		return t, fr
	}
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return nil, nil
	}
	m := fr.lookupModule(name[:i])
	if m == nil || m.pkg == nil {
		return nil, nil
	}
	t, ok := m.pkg.aliases[name[i+1:]]
	if !ok {
		return nil, nil
	}
	return t, &frame{th: fr.th, mod: m.pkg, file: m.pkg.aliasFile[name[i+1:]]}
}

// lookupModule resolves a (possibly dotted) name to an imported module.
func (fr *frame) lookupModule(name string) *Module {
	parts := strings.Split(name, ".")
	v, ok := fr.mod.imports[fr.file][parts[0]]
	if !ok {
		return nil
	}
	for _, p := range parts[1:] {
		m, isMod := v.(*Module)
		if !isMod {
			return nil
		}
		if v, ok, _ = m.Attr(fr.th, p); !ok {
			return nil
		}
	}
	m, _ := v.(*Module)
	return m
}

// lookupSchemaType resolves a (possibly dotted) schema name.
func (fr *frame) lookupSchemaType(name string) *SchemaType {
	parts := strings.Split(name, ".")
	var v Value
	var ok bool
	if fr.env != nil {
		v, ok = fr.env.lookup(parts[0])
	}
	if !ok {
		v, ok = fr.mod.lookupGlobal(parts[0])
	}
	if !ok {
		v, ok = fr.mod.imports[fr.file][parts[0]]
	}
	if !ok {
		return nil
	}
	for _, p := range parts[1:] {
		m, isMod := v.(*Module)
		if !isMod {
			return nil
		}
		v, ok, _ = m.Attr(fr.th, p)
		if !ok {
			return nil
		}
	}
	st, _ := v.(*SchemaType)
	return st
}

// typeText prints a type annotation as the printer does; a missing
// annotation is any.
func typeText(t syntax.Type) string {
	if t == nil {
		return "any"
	}
	return syntax.TypeString(t)
}
