package typecheck

import (
	"strconv"

	"akua.dev/akua/kcl/syntax"
)

// check checks e against w and returns e's type. Literals are checked
// part by part (each list element, each config entry against its
// attribute), so an error points at the exact value and names its data
// path; any other expression is inferred and compared as a whole.
func (c *checker) check(e syntax.Expr, w want, sc *scope) *Type {
	switch e := e.(type) {
	case *syntax.ParenExpr:
		return c.check(e.X, w, sc)
	case *syntax.IfExpr:
		c.expr(e.Cond, sc)
		return unionOf(c.check(e.Then, w, sc), c.check(e.Else, w, sc))
	case *syntax.SchemaExpr:
		got := c.schemaExpr(e, sc, w.path)
		if mismatch(got, w.t) {
			c.typeError(e, got, w, sc.fs.name)
		}
		return got
	}
	if w.t.Kind == Any {
		return c.expr(e, sc)
	}
	switch e := e.(type) {
	case *syntax.BinaryExpr:
		if y, ok := unparen(e.Y).(*syntax.ConfigExpr); ok && e.Op == syntax.PIPE {
			if t := c.unionConfig(e.X, y, w, sc); t != nil {
				return t
			}
		}
	case *syntax.ListExpr:
		if lt := listMember(w.t); lt != nil {
			c.listElems(e.Elts, w.with(lt.Elem), 0, sc)
			return lt
		}
	case *syntax.ListComp:
		if lt := listMember(w.t); lt != nil {
			ls := c.clauses(e.Clauses, sc)
			c.check(e.Elt, w.with(lt.Elem), ls)
			return lt
		}
	case *syntax.ConfigExpr:
		if s := instanceMember(w.t); s != nil {
			c.schemaConfig(e, s, w, sc)
			return &Type{Kind: Instance, Schema: s}
		}
		if d := dictMember(w.t); d != nil {
			c.dictConfig(e.Entries, d, w, c.configScope(e, sc))
			return d
		}
		if ss := instanceMembers(w.t); len(ss) > 1 {
			c.unionSchemas(e.Entries, ss, w, c.configScope(e, sc))
			return AnyType
		}
	}
	got := c.expr(e, sc)
	if mismatch(got, w.t) {
		c.typeError(e, got, w, sc.fs.name)
	}
	return got
}

// unionConfig checks `x | {config}` against w: the config's entries
// end up in the result, so they must fit the schema (or dict type) the
// result becomes, or the schema x already is an instance of. It returns
// nil when it cannot tell.
func (c *checker) unionConfig(x syntax.Expr, y *syntax.ConfigExpr, w want, sc *scope) *Type {
	s, d := instanceMember(w.t), dictMember(w.t)
	if s == nil && d == nil {
		return nil
	}
	xt := c.expr(x, sc)
	if xt.Kind != Dict {
		// Unioned into an instance, a config may add keys the schema
		// lacks: only the values of its attributes are certain.
		c.lenient++
		defer func() { c.lenient-- }()
	}
	switch {
	case xt.Kind == Instance && xt.Schema.Node.Kind == syntax.KindSchema:
		c.schemaConfig(y, xt.Schema, w, sc)
		if mismatch(xt, w.t) {
			c.typeError(x, xt, w, sc.fs.name)
		}
		return xt
	case xt.Kind != Any && xt.Kind != Dict && xt.Kind != None:
		c.config(y, sc)
		return binaryType(syntax.PIPE, xt, AnyType)
	case s != nil:
		c.schemaConfig(y, s, w, sc)
		return &Type{Kind: Instance, Schema: s}
	}
	c.dictConfig(y.Entries, d, w, c.configScope(y, sc))
	return d
}

func unparen(e syntax.Expr) syntax.Expr {
	for {
		p, ok := e.(*syntax.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// listElems checks list literal elements against the element type.
func (c *checker) listElems(elts []syntax.Expr, w want, start int, sc *scope) int {
	i := start
	for _, el := range elts {
		switch el := el.(type) {
		case *syntax.StarredExpr:
			c.expr(el.X, sc)
		case *syntax.ListIfItem:
			for _, b := range el.Branches {
				c.expr(b.Cond, sc)
				c.listElems(b.Items, w, i, sc)
			}
		default:
			ew := w
			ew.path = w.path + "[" + strconv.Itoa(i) + "]"
			c.check(el, ew, sc)
		}
		i++
	}
	return i
}

// listMember returns the list type a list value must fit: t itself, or
// the one list member of a union.
func listMember(t *Type) *Type {
	return soleMember(t, func(m *Type) bool { return m.Kind == List })
}

// dictMember returns the dict type a config must fit, when t allows no
// schema and exactly one dict type.
func dictMember(t *Type) *Type {
	if len(instanceMembers(t)) > 0 {
		return nil
	}
	return soleMember(t, func(m *Type) bool { return m.Kind == Dict })
}

// instanceMember returns the schema a config becomes, when t allows
// exactly one schema and no dict.
func instanceMember(t *Type) *Schema {
	ss := instanceMembers(t)
	if len(ss) != 1 || hasMember(t, Dict) {
		return nil
	}
	return ss[0]
}

// instanceMembers lists the instantiable schemas t allows; nil when t
// also allows any.
func instanceMembers(t *Type) []*Schema {
	var out []*Schema
	for _, m := range members(t) {
		switch {
		case m.Kind == Any:
			return nil
		case m.Kind == Instance && m.Schema.Node.Kind == syntax.KindSchema:
			out = append(out, m.Schema)
		}
	}
	return out
}

// soleMember returns the one member of t matching ok, or nil when there
// is none, several, or t allows any.
func soleMember(t *Type, ok func(*Type) bool) *Type {
	var found *Type
	for _, m := range members(t) {
		if m.Kind == Any {
			return nil
		}
		if ok(m) {
			if found != nil {
				return nil
			}
			found = m
		}
	}
	return found
}

func hasMember(t *Type, k Kind) bool {
	for _, m := range members(t) {
		if m.Kind == k {
			return true
		}
	}
	return false
}

func members(t *Type) []*Type {
	if t.Kind == Union {
		return t.Types
	}
	return []*Type{t}
}
