package export

// This file translates `check:` expressions into JSON Schema keywords
// where the translation is exact, and lists the others verbatim under
// x-kcl-check. Recognised, per attribute x (alone or joined by `and`):
//
//	x >= n, x > n, x <= n, x < n, x == n, x != n (n a number, x int/float)
//	len(x) <op> n      (x str, list or dict; n an int; KCL counts bytes)
//	x in [lits], x not in [lits]
//	regex.match(x, "p") (x str; unanchored, as KCL's match)
//	multiplyof(x, n)   (x int, n > 0)
//
// A check guarded by `if x` (skipped when x is falsy) is translated only
// when the zero value of x's type passes it, so that the keywords, which
// ignore null and hold for the zero value, accept exactly what KCL does.

import (
	"akua.dev/akua/kcl/syntax"
)

// A kw is one keyword a check translates to.
type kw struct {
	key string
	val any
}

// A rule is one translated check on one attribute.
type rule struct {
	kws     []kw
	guarded bool // the check has `if x`
	entry   *obj // the check's x-kcl-check entry, if it cannot be used
}

// translation is the result for one schema.
type translation struct {
	rules    map[string][]rule // by attribute
	verbatim []*obj            // x-kcl-check entries
}

// translateChecks translates the checks of v's owners, in order.
func (g *gen) translateChecks(v *schemaView) translation {
	tr := translation{rules: map[string][]rule{}}
	merged := map[string]map[string]any{}
	for _, o := range v.owners {
		for _, c := range o.stmt.Checks {
			per, guarded, ok := g.translateCheck(v, o.file, c)
			if ok {
				for attr, kws := range per {
					if conflicts(merged[attr], kws) {
						ok = false
					}
				}
			}
			if !ok {
				tr.verbatim = append(tr.verbatim, checkEntry(o.file, c))
				continue
			}
			for attr, kws := range per {
				if merged[attr] == nil {
					merged[attr] = map[string]any{}
				}
				for _, k := range kws {
					merged[attr][k.key] = k.val
				}
				tr.rules[attr] = append(tr.rules[attr], rule{kws: kws, guarded: guarded, entry: checkEntry(o.file, c)})
			}
		}
	}
	return tr
}

// conflicts reports keywords that cannot be merged into one schema by
// tightening (two patterns, two multipleOf).
func conflicts(have map[string]any, kws []kw) bool {
	for _, k := range kws {
		if old, ok := have[k.key]; ok && (k.key == "pattern" || k.key == "multipleOf") && !jsonEqual(old, k.val) {
			return true
		}
	}
	return false
}

// checkEntry is the x-kcl-check entry of a check: its source text, its
// condition and its message.
func checkEntry(f *srcFile, c *syntax.CheckExpr) *obj {
	e := newObj()
	e.set("check", f.text(c.Test))
	if c.Cond != nil {
		e.set("if", f.text(c.Cond))
	}
	if c.Msg != nil {
		if s, ok := c.Msg.(*syntax.StringLit); ok {
			e.set("message", s.Value)
		} else {
			e.set("message", f.text(c.Msg))
		}
	}
	return e
}

// translateCheck translates one check into keywords per attribute.
func (g *gen) translateCheck(v *schemaView, f *srcFile, c *syntax.CheckExpr) (map[string][]kw, bool, bool) {
	per := map[string][]kw{}
	if !g.translateExpr(v, f, unparen(c.Test), per) {
		return nil, false, false
	}
	if c.Cond == nil {
		return per, false, true
	}
	id, ok := unparen(c.Cond).(*syntax.Ident)
	if !ok || len(per) != 1 || per[id.Name] == nil {
		return nil, false, false
	}
	zero, ok := zeroValue(g.kind(v.byName[id.Name]))
	if !ok || !holds(zero, per[id.Name], false) {
		return nil, false, false
	}
	return per, true, true
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

func (g *gen) translateExpr(v *schemaView, f *srcFile, e syntax.Expr, per map[string][]kw) bool {
	switch x := e.(type) {
	case *syntax.BinaryExpr:
		return x.Op == syntax.AND && g.translateExpr(v, f, unparen(x.X), per) && g.translateExpr(v, f, unparen(x.Y), per)
	case *syntax.CompareExpr:
		left := unparen(x.X)
		for i, op := range x.Ops {
			right := unparen(x.Ys[i])
			if !g.translatePair(v, left, op, right, per) {
				return false
			}
			left = right
		}
		return true
	case *syntax.CallExpr:
		return g.translateCall(v, f, x, per)
	}
	return false
}

// attrOf returns the attribute e names, if it is a bare attribute name.
func attrOf(v *schemaView, e syntax.Expr) *attrView {
	if id, ok := unparen(e).(*syntax.Ident); ok {
		return v.byName[id.Name]
	}
	return nil
}

// lenOf returns the attribute of `len(x)`.
func lenOf(v *schemaView, e syntax.Expr) *attrView {
	c, ok := unparen(e).(*syntax.CallExpr)
	if !ok || len(c.Args) != 1 || len(c.Keywords) != 0 {
		return nil
	}
	if fn, ok := c.Fn.(*syntax.Ident); !ok || fn.Name != "len" {
		return nil
	}
	return attrOf(v, c.Args[0])
}

var flipped = map[syntax.CompareOp]syntax.CompareOp{
	syntax.CmpLt: syntax.CmpGt, syntax.CmpLe: syntax.CmpGe, syntax.CmpGt: syntax.CmpLt,
	syntax.CmpGe: syntax.CmpLe, syntax.CmpEq: syntax.CmpEq, syntax.CmpNe: syntax.CmpNe,
}

func (g *gen) translatePair(v *schemaView, l syntax.Expr, op syntax.CompareOp, r syntax.Expr, per map[string][]kw) bool {
	if op == syntax.CmpIn || op == syntax.CmpNotIn {
		a := attrOf(v, l)
		list, ok := r.(*syntax.ListExpr)
		if a == nil || !ok {
			return false
		}
		vals, ok := literal(list)
		if !ok {
			return false
		}
		if op == syntax.CmpIn {
			per[a.name] = append(per[a.name], kw{"enum", vals})
		} else {
			per[a.name] = append(per[a.name], kw{"not", vals})
		}
		return true
	}
	if _, ok := flipped[op]; !ok {
		return false
	}
	if _, isNum := numLiteral(l); isNum {
		l, r, op = r, l, flipped[op]
	}
	n, ok := numLiteral(r)
	if !ok {
		return false
	}
	if a := attrOf(v, l); a != nil {
		if k := g.kind(a); k != kindInt && k != kindFloat {
			return false
		}
		key := map[syntax.CompareOp]string{syntax.CmpGe: "minimum", syntax.CmpGt: "exclusiveMinimum",
			syntax.CmpLe: "maximum", syntax.CmpLt: "exclusiveMaximum", syntax.CmpEq: "enum", syntax.CmpNe: "not"}[op]
		if key == "enum" || key == "not" {
			per[a.name] = append(per[a.name], kw{key, []any{n}})
		} else {
			per[a.name] = append(per[a.name], kw{key, n})
		}
		return true
	}
	a := lenOf(v, l)
	limit, isInt := n.(int64)
	if a == nil || !isInt {
		return false
	}
	var lo, hi = int64(-1), int64(-1)
	switch op {
	case syntax.CmpGe:
		lo = limit
	case syntax.CmpGt:
		lo = limit + 1
	case syntax.CmpLe:
		hi = limit
	case syntax.CmpLt:
		hi = limit - 1
	case syntax.CmpEq:
		lo, hi = limit, limit
	default:
		return false
	}
	if (op == syntax.CmpLe || op == syntax.CmpLt || op == syntax.CmpEq) && hi < 0 {
		return false // unsatisfiable: leave it to x-kcl-check
	}
	minKey, maxKey := "minLength", "maxLength"
	switch g.kind(a) {
	case kindStr:
	case kindList:
		minKey, maxKey = "minItems", "maxItems"
	case kindDict:
		minKey, maxKey = "minProperties", "maxProperties"
	default:
		return false
	}
	if lo >= 0 {
		per[a.name] = append(per[a.name], kw{minKey, lo})
	}
	if hi >= 0 {
		per[a.name] = append(per[a.name], kw{maxKey, hi})
	}
	return true
}

// numLiteral is the value of a signed number literal without a unit.
func numLiteral(e syntax.Expr) (any, bool) {
	switch e.(type) {
	case *syntax.NumberLit, *syntax.UnaryExpr:
		return literal(e)
	}
	return nil, false
}

func (g *gen) translateCall(v *schemaView, f *srcFile, c *syntax.CallExpr, per map[string][]kw) bool {
	if len(c.Args) != 2 || len(c.Keywords) != 0 {
		return false
	}
	a := attrOf(v, c.Args[0])
	if a == nil {
		return false
	}
	switch fn := c.Fn.(type) {
	case *syntax.SelectorExpr:
		mod, ok := fn.X.(*syntax.Ident)
		if !ok || fn.Sel.Name != "match" || f.imports[mod.Name] == nil || f.imports[mod.Name].stmt.Path != "regex" {
			return false
		}
		p, ok := c.Args[1].(*syntax.StringLit)
		if !ok || g.kind(a) != kindStr {
			return false
		}
		per[a.name] = append(per[a.name], kw{"pattern", p.Value})
		return true
	case *syntax.Ident:
		n, ok := numLiteral(c.Args[1])
		if fn.Name != "multiplyof" || !ok || g.kind(a) != kindInt {
			return false
		}
		if i, isInt := n.(int64); isInt && i > 0 {
			per[a.name] = append(per[a.name], kw{"multipleOf", i})
			return true
		}
	}
	return false
}
