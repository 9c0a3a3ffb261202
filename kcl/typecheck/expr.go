package typecheck

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// expr infers the type of e, checking what it contains on the way.
func (c *checker) expr(e syntax.Expr, sc *scope) *Type {
	switch e := e.(type) {
	case nil:
		return AnyType
	case *syntax.Ident:
		return c.ident(e, sc)
	case *syntax.NumberLit, *syntax.StringLit, *syntax.NameConstant:
		return literalType(e)
	case *syntax.InterpString:
		for _, p := range e.Parts {
			c.expr(p, sc)
		}
		return StrType
	case *syntax.FormattedValue:
		c.expr(e.X, sc)
		return StrType
	case *syntax.ParenExpr:
		return c.expr(e.X, sc)
	case *syntax.UnaryExpr:
		return unaryType(e.Op, c.expr(e.X, sc))
	case *syntax.BinaryExpr:
		if e.Op == syntax.AS {
			// `x as T`: T names a type, not a value.
			c.expr(e.X, sc)
			return AnyType
		}
		return binaryType(e.Op, c.expr(e.X, sc), c.expr(e.Y, sc))
	case *syntax.CompareExpr:
		c.expr(e.X, sc)
		for _, y := range e.Ys {
			c.expr(y, sc)
		}
		return BoolType
	case *syntax.IfExpr:
		c.expr(e.Cond, sc)
		return unionOf(c.expr(e.Then, sc), c.expr(e.Else, sc))
	case *syntax.SelectorExpr:
		return c.selector(e, c.expr(e.X, sc), sc)
	case *syntax.IndexExpr:
		x := c.expr(e.X, sc)
		c.expr(e.Index, sc)
		switch x.Kind {
		case List:
			return x.Elem
		case Str, Lit:
			if base(x) == Str {
				return StrType
			}
		}
		return AnyType
	case *syntax.SliceExpr:
		x := c.expr(e.X, sc)
		c.expr(e.Lo, sc)
		c.expr(e.Hi, sc)
		c.expr(e.Step, sc)
		switch {
		case x.Kind == List:
			return x
		case base(x) == Str:
			return StrType
		}
		return AnyType
	case *syntax.CallExpr:
		return c.call(e, sc)
	case *syntax.StarredExpr:
		c.expr(e.X, sc)
		return AnyType
	case *syntax.ListExpr:
		return c.list(e, sc)
	case *syntax.ListIfItem:
		for _, b := range e.Branches {
			c.expr(b.Cond, sc)
			for _, it := range b.Items {
				c.expr(it, sc)
			}
		}
		return AnyType
	case *syntax.ListComp:
		ls := c.clauses(e.Clauses, sc)
		return listOf(widen(c.expr(e.Elt, ls)))
	case *syntax.DictComp:
		ls := c.clauses(e.Clauses, sc)
		c.expr(e.Entry.Key, ls)
		c.expr(e.Entry.Value, ls)
		return dictOf(AnyType, AnyType)
	case *syntax.ConfigExpr:
		return c.config(e, sc)
	case *syntax.SchemaExpr:
		return c.schemaExpr(e, sc, "")
	case *syntax.QuantExpr:
		c.expr(e.Iter, sc)
		qs := newScope(sc, scopeLoop)
		for _, v := range e.Vars {
			qs.define(v.Name, AnyType)
		}
		c.expr(e.Body, qs)
		c.expr(e.Cond, qs)
		switch e.Op {
		case syntax.ALL, syntax.ANY:
			return BoolType
		case syntax.MAP:
			return listOf(AnyType)
		}
		return AnyType
	case *syntax.LambdaExpr:
		return c.lambda(e, sc)
	}
	return AnyType
}

// ident resolves a name, reporting it when it is certainly undefined.
func (c *checker) ident(id *syntax.Ident, sc *scope) *Type {
	t, ok := c.lookup(id.Name, sc)
	if !ok {
		c.report(&diag.Diagnostic{Code: diag.CompileError, Message: "name '" + id.Name + "' is not defined",
			Suggestion: didYouMean(id.Name, c.visibleNames(sc))}, sc.fs.name, id)
	}
	return t
}

// clauses opens the scope of a comprehension: its loop variables are
// any, and visible to every later part.
func (c *checker) clauses(cls []*syntax.CompClause, sc *scope) *scope {
	ls := newScope(sc, scopeLoop)
	for _, cl := range cls {
		for _, v := range cl.Vars {
			ls.define(v.Name, AnyType)
		}
	}
	for _, cl := range cls {
		c.expr(cl.Iter, ls)
		for _, f := range cl.Ifs {
			c.expr(f, ls)
		}
	}
	return ls
}

// list infers a list literal's type: a list of the union of its
// (widened) element types.
func (c *checker) list(e *syntax.ListExpr, sc *scope) *Type {
	var elems []*Type
	add := func(t *Type) {
		if len(elems) < 8 {
			elems = append(elems, widen(t))
		} else {
			elems = append(elems, AnyType)
		}
	}
	for _, el := range e.Elts {
		switch el := el.(type) {
		case *syntax.StarredExpr:
			if t := c.expr(el.X, sc); t.Kind == List {
				add(t.Elem)
			} else {
				add(AnyType)
			}
		case *syntax.ListIfItem:
			for _, b := range el.Branches {
				c.expr(b.Cond, sc)
				for _, it := range b.Items {
					add(c.expr(it, sc))
				}
			}
		default:
			add(c.expr(el, sc))
		}
	}
	if len(elems) == 0 {
		return listOf(AnyType)
	}
	return listOf(unionOf(elems...))
}

// selector types `x.name` for x of type xt.
func (c *checker) selector(e *syntax.SelectorExpr, xt *Type, sc *scope) *Type {
	name := e.Sel.Name
	switch xt.Kind {
	case Module:
		t, ok := xt.Pkg.member(name)
		if !ok {
			c.report(&diag.Diagnostic{Code: diag.TypeError,
				Message:    "module '" + xt.Pkg.Path + "' has no attribute '" + name + "'",
				Suggestion: didYouMean(name, xt.Pkg.memberNames())}, sc.fs.name, e.Sel)
		}
		return t
	case Instance:
		s := xt.Schema
		if a := c.attr(s, name); a != nil {
			return c.attrType(a)
		}
		if s.Node.Kind == syntax.KindSchema && c.closed(s) && name != "instances" {
			c.report(&diag.Diagnostic{Code: diag.TypeError,
				Message:    "attribute '" + name + "' not found in schema '" + s.Name + "'",
				Suggestion: didYouMean(name, s.attrNames()),
				Notes:      []diag.Note{{Pos: posOf(s.file.name, s.Node.Name), Message: "schema '" + s.Name + "' is declared here"}},
			}, sc.fs.name, e.Sel)
		}
	}
	return AnyType
}

// unaryType is the type of `op x`.
func unaryType(op syntax.Token, x *Type) *Type {
	switch op {
	case syntax.NOT:
		return BoolType
	case syntax.MINUS, syntax.PLUS:
		switch base(x) {
		case Int:
			return IntType
		case Float:
			return FloatType
		}
	case syntax.TILDE:
		if base(x) == Int {
			return IntType
		}
	}
	return AnyType
}

// binaryType is the type of `x op y` for the operands whose result is
// certain; everything else is any.
func binaryType(op syntax.Token, x, y *Type) *Type {
	bx, by := base(x), base(y)
	num := func() *Type {
		switch {
		case bx == Int && by == Int:
			return IntType
		case (bx == Int || bx == Float) && (by == Int || by == Float):
			return FloatType
		}
		return AnyType
	}
	switch op {
	case syntax.PLUS:
		switch {
		case bx == Str && by == Str:
			return StrType
		case x.Kind == List && y.Kind == List:
			return listOf(unionOf(x.Elem, y.Elem))
		}
		return num()
	case syntax.MINUS, syntax.STARSTAR, syntax.SLASHSLASH:
		return num()
	case syntax.STAR:
		if (bx == Str && by == Int) || (bx == Int && by == Str) {
			return StrType
		}
		return num()
	case syntax.PERCENT:
		if bx == Str {
			return StrType
		}
		return num()
	case syntax.SLASH:
		if t := num(); t.Kind != Any {
			return FloatType
		}
	case syntax.LTLT, syntax.GTGT, syntax.AMP, syntax.CIRCUMFLEX, syntax.PIPE:
		if bx == Int && by == Int {
			return IntType
		}
	}
	return AnyType
}
