package export

// This file reads @ui(...) decorators into x-ui objects. Their
// arguments must be literals: a hint is data for a form renderer, and
// export runs no package code to compute one.

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// uiHints merges the keyword arguments of the @ui decorators in decs
// (in order: later keys win) into into, creating it when nil.
func uiHints(f *srcFile, decs []*syntax.Decorator, into *obj) (*obj, error) {
	for _, d := range decs {
		id, ok := d.Name.(*syntax.Ident)
		if !ok || id.Name != "ui" {
			continue
		}
		if len(d.Args) > 0 {
			return nil, &diag.Diagnostic{Code: UIError, Pos: pos(f, d.Args[0]),
				Message:    "@ui takes keyword arguments only",
				Suggestion: "write the hint as name=value, e.g. @ui(order=10, group=\"Identity\")"}
		}
		if into == nil {
			into = newObj()
		}
		for _, kw := range d.Keywords {
			v, ok := literal(kw.Value)
			if !ok {
				return nil, &diag.Diagnostic{Code: UIError, Pos: pos(f, kw.Value),
					Message:    "@ui argument " + kw.Name.Name + " is not a literal: " + f.text(kw.Value),
					Suggestion: "@ui hints are exported as data: use a string, number, True/False/None, or a list or dict of them"}
			}
			into.set(kw.Name.Name, v)
		}
	}
	return into, nil
}

// literal returns the JSON value of a literal expression: a string
// without interpolation, a number without a unit suffix (signed),
// True, False, None, or a list or dict of literals.
func literal(e syntax.Expr) (any, bool) {
	switch x := e.(type) {
	case *syntax.ParenExpr:
		return literal(x.X)
	case *syntax.StringLit:
		return x.Value, true
	case *syntax.NumberLit:
		return number(x)
	case *syntax.UnaryExpr:
		n, ok := x.X.(*syntax.NumberLit)
		if !ok || (x.Op != syntax.MINUS && x.Op != syntax.PLUS) {
			return nil, false
		}
		v, ok := number(n)
		if !ok || x.Op == syntax.PLUS {
			return v, ok
		}
		if i, isInt := v.(int64); isInt {
			return -i, true
		}
		return -v.(float64), true
	case *syntax.NameConstant:
		switch x.Value {
		case syntax.TRUE:
			return true, true
		case syntax.FALSE:
			return false, true
		case syntax.NONE:
			return nil, true
		}
	case *syntax.ListExpr:
		out := make([]any, 0, len(x.Elts))
		for _, el := range x.Elts {
			v, ok := literal(el)
			if !ok {
				return nil, false
			}
			out = append(out, v)
		}
		return out, true
	case *syntax.ConfigExpr:
		o := newObj()
		for _, en := range x.Entries {
			if en.Kind != syntax.EntryKV || en.Op == syntax.OpInsert {
				return nil, false
			}
			var key string
			switch k := en.Key.(type) {
			case *syntax.Ident:
				key = k.Name
			case *syntax.StringLit:
				key = k.Value
			default:
				return nil, false
			}
			v, ok := literal(en.Value)
			if !ok {
				return nil, false
			}
			o.set(key, v)
		}
		return o, true
	}
	return nil, false
}

// number is the value of a number literal; numbers with a unit suffix
// are not literals here (their value depends on the unit system).
func number(n *syntax.NumberLit) (any, bool) {
	if n.Suffix != "" {
		return nil, false
	}
	if n.IsFloat {
		return n.Float, true
	}
	return n.Int, true
}
