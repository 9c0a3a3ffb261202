package eval

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// topStmt runs one top-level statement of a module.
func (fr *frame) topStmt(s syntax.Stmt) {
	if es, ok := s.(*syntax.ExprStmt); ok {
		for _, e := range es.Exprs {
			v := fr.expr(e)
			if _, isCall := e.(*syntax.CallExpr); !isCall {
				_, isSchema := e.(*syntax.SchemaExpr)
				fr.mod.addScalar(v, isSchema)
			}
		}
		return
	}
	fr.stmt(s)
}

// stmts runs a statement list and returns the value of the last
// statement (a lambda's result), or nil for an empty list.
func (fr *frame) stmts(list []syntax.Stmt) Value {
	var last Value
	for _, s := range list {
		last = fr.stmt(s)
	}
	return last
}

// stmt runs a statement and returns its value, as upstream: the value
// of an expression statement's last expression, the value assigned by
// an assignment, the value of the `if` branch taken, else Undefined.
func (fr *frame) stmt(s syntax.Stmt) Value {
	fr.th.step()
	switch s := s.(type) {
	case *syntax.ExprStmt:
		var v Value
		for _, e := range s.Exprs {
			v = fr.expr(e)
		}
		return v
	case *syntax.AssignStmt:
		return fr.assign(s)
	case *syntax.AugAssignStmt:
		return fr.augAssign(s)
	case *syntax.UnificationStmt:
		return fr.unification(s)
	case *syntax.AssertStmt:
		fr.assert(s)
	case *syntax.IfStmt:
		for _, b := range s.Branches {
			if b.Cond == nil || fr.expr(b.Cond).Truth() {
				if v := fr.stmts(b.Body); v != nil {
					return v
				}
				return Undefined
			}
		}
	case *syntax.ImportStmt, *syntax.TypeAliasStmt, *syntax.SchemaStmt, *syntax.RuleStmt:
		// Declarations are processed before evaluation.
	case *syntax.SchemaAttr:
		fr.schemaAttr(s)
	default:
		fr.fail(s, diag.InternalError, "unsupported statement %T", s)
	}
	return Undefined
}

func (fr *frame) assign(s *syntax.AssignStmt) Value {
	v := fr.expr(s.Value)
	if s.Type != nil {
		path := ""
		if id, ok := s.Targets[0].(*syntax.Ident); ok {
			path = id.Name
		}
		v = fr.convertPath(s.Value, path, v, s.Type)
		fr.checkRequired(s.Value, v)
	}
	for i, t := range s.Targets {
		tv := v
		if len(s.Targets) > 1 && i > 0 {
			tv = DeepCopy(v)
		}
		fr.store(t, tv)
	}
	return v
}

func (fr *frame) augAssign(s *syntax.AugAssignStmt) Value {
	right := fr.expr(s.Value)
	left := fr.expr(s.Target)
	op := augOps[s.Op]
	v, err := fr.binop(s, op, left, right)
	fr.check(s, err)
	fr.store(s.Target, v)
	return v
}

var augOps = map[syntax.Token]syntax.Token{
	syntax.PLUS_EQ: syntax.PLUS, syntax.MINUS_EQ: syntax.MINUS, syntax.STAR_EQ: syntax.STAR,
	syntax.STARSTAR_EQ: syntax.STARSTAR, syntax.SLASH_EQ: syntax.SLASH,
	syntax.SLASHSLASH_EQ: syntax.SLASHSLASH, syntax.PERCENT_EQ: syntax.PERCENT,
	syntax.LTLT_EQ: syntax.LTLT, syntax.GTGT_EQ: syntax.GTGT, syntax.AMP_EQ: syntax.AMP,
	syntax.PIPE_EQ: syntax.PIPE, syntax.CIRCUMFLEX_EQ: syntax.CIRCUMFLEX,
}

func (fr *frame) unification(s *syntax.UnificationStmt) Value {
	v := fr.expr(s.Value)
	name := s.Target.Name
	old := fr.currentValue(name)
	if old != nil && !isNullish(old) {
		var err error
		if d := catch(func() { v, err = unionValues(fr.th, old, v, true, unionOptions{resolve: true}) }); d != nil {
			err = d
		}
		fr.check(s, err)
	}
	fr.store(s.Target, v)
	return v
}

// currentValue returns the value a name has where an assignment to it
// happens, or nil when it has none.
func (fr *frame) currentValue(name string) Value {
	switch {
	case fr.env != nil && fr.env.inLambda():
		v, _ := fr.env.lookup(name)
		return v
	case fr.sch != nil:
		v, _ := fr.sch.inst.Attrs.Get(name)
		return v
	}
	if g := fr.mod.globals[name]; g != nil {
		return g.value
	}
	return nil
}

func (fr *frame) assert(s *syntax.AssertStmt) {
	if s.Cond != nil && !fr.expr(s.Cond).Truth() {
		return
	}
	if fr.expr(s.Test).Truth() {
		return
	}
	msg := ""
	if s.Msg != nil {
		msg = ToStr(fr.expr(s.Msg))
	}
	d := &diag.Diagnostic{Code: diag.AssertionError, Message: msg}
	if msg == "" {
		d.Message = "assertion failed: " + exprText(s.Test)
	}
	d.Pos, d.End = fr.pos(s.Test)
	panic(d)
}

// store assigns v to an assignment target.
func (fr *frame) store(t syntax.Expr, v Value) {
	switch t := t.(type) {
	case *syntax.Ident:
		fr.storeName(t, v)
	case *syntax.SelectorExpr:
		obj := fr.expr(t.X)
		switch o := obj.(type) {
		case *Dict:
			o.Set(t.Sel.Name, v)
		case *Schema:
			o.Attrs.Set(t.Sel.Name, v)
		default:
			fr.fail(t, diag.TypeError, "cannot set attribute '%s' on a %s", t.Sel.Name, obj.Type())
		}
	case *syntax.IndexExpr:
		obj := fr.expr(t.X)
		idx := fr.expr(t.Index)
		switch o := obj.(type) {
		case *List:
			i, ok := idx.(Int)
			if !ok {
				fr.fail(t.Index, diag.TypeError, "list indices must be integers, not %s", idx.Type())
			}
			n := Int(len(o.Elems))
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				fr.fail(t.Index, diag.IndexError, "list assignment index out of range")
			}
			o.Elems[i] = v
		case *Dict:
			o.Set(keyString(idx), v)
		case *Schema:
			o.Attrs.Set(keyString(idx), v)
		default:
			fr.fail(t, diag.TypeError, "'%s' object does not support item assignment", obj.Type())
		}
	case *syntax.ParenExpr:
		fr.store(t.X, v)
	default:
		fr.fail(t, diag.CompileError, "'%s' is an illegal expression for assignment", exprKind(t))
	}
}

func (fr *frame) storeName(id *syntax.Ident, v Value) {
	switch {
	case fr.env != nil && fr.env.inLambda():
		fr.env.assign(id.Name, v)
	case fr.sch != nil:
		fr.sch.set(fr, id, v)
	case fr.env != nil:
		fr.env.define(id.Name, v)
	default:
		fr.mod.setGlobal(id.Name, v)
	}
}

// exprKind names an expression kind the way upstream's messages do.
func exprKind(e syntax.Expr) string {
	switch e.(type) {
	case *syntax.BinaryExpr:
		return "BinaryExpression"
	case *syntax.UnaryExpr:
		return "UnaryExpression"
	case *syntax.CallExpr:
		return "CallExpression"
	case *syntax.ListExpr:
		return "ListExpression"
	case *syntax.ConfigExpr:
		return "ConfigExpression"
	case *syntax.SliceExpr:
		return "SubscriptExpression"
	case *syntax.StringLit, *syntax.NumberLit, *syntax.NameConstant:
		return "Literal"
	}
	return "Expression"
}
