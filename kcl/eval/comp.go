package eval

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// This file evaluates comprehensions and quantifiers. Loop variables
// live in a fresh scope of kind envLoop so config keys that name them
// are evaluated (`[{n: 1} for n in names]` uses each name as the key).

const envLoop envKind = 2

// pairs returns what a loop over v visits: for one loop variable the
// element (list), key (dict, schema) or character (str); for two, the
// index or key and the value.
func (fr *frame) pairs(n syntax.Node, v Value) (firsts, seconds []Value) {
	if isNullish(v) {
		// A loop over None or Undefined runs no iteration.
		return nil, nil
	}
	firsts, seconds, err := Iterate(v)
	fr.check(n, err)
	return firsts, seconds
}

// bindLoop sets the loop variables for one iteration.
func (fr *frame) bindLoop(scope *env, vars []*syntax.Ident, iter Value, first, second Value) {
	if len(vars) == 1 {
		switch iter.(type) {
		case *Dict, *Schema:
			scope.define(vars[0].Name, first)
		default:
			scope.define(vars[0].Name, second)
		}
		return
	}
	scope.define(vars[0].Name, first)
	scope.define(vars[1].Name, second)
}

func (fr *frame) checkLoopVars(n syntax.Node, vars []*syntax.Ident) {
	if len(vars) == 0 || len(vars) > 2 {
		fr.fail(n, diag.CompileError, "the number of loop variables is %d, which can only be 1 or 2", len(vars))
	}
}

// comprehension runs clauses[i:] and calls emit for each innermost
// iteration with the scope holding all loop variables.
func (fr *frame) comprehension(clauses []*syntax.CompClause, i int, scope *env, emit func(*frame)) {
	c := clauses[i]
	fr.checkLoopVars(c, c.Vars)
	inner := fr.with(scope)
	iter := inner.expr(c.Iter)
	firsts, seconds := fr.pairs(c.Iter, iter)
	for k := range firsts {
		fr.bindLoop(scope, c.Vars, iter, firsts[k], seconds[k])
		skip := false
		for _, cond := range c.Ifs {
			if !inner.expr(cond).Truth() {
				skip = true
				break
			}
		}
		if skip {
			continue
		}
		if i+1 < len(clauses) {
			fr.comprehension(clauses, i+1, scope, emit)
		} else {
			emit(inner)
		}
	}
}

func (fr *frame) listComp(e *syntax.ListComp) Value {
	out := NewList(nil)
	scope := newEnv(fr.env, envLoop)
	fr.comprehension(e.Clauses, 0, scope, func(in *frame) {
		switch elt := e.Elt.(type) {
		case *syntax.StarredExpr:
			in.unpackInto(elt, &out.Elems, in.expr(elt.X))
		default:
			out.Append(in.expr(elt))
		}
		in.th.charge(16)
	})
	return out
}

func (fr *frame) dictComp(e *syntax.DictComp) Value {
	out := NewDict(0)
	scope := newEnv(fr.env, envLoop)
	fr.comprehension(e.Clauses, 0, scope, func(in *frame) {
		ent := e.Entry
		if ent.Kind == syntax.EntryUnpack {
			in.unpackConfig(ent, out, in.expr(ent.Value))
			return
		}
		val := in.expr(ent.Value)
		key := in.expr(ent.Key)
		in.dictInsert(ent, out, keyString(key), DeepCopy(val), ent.Op, NoIndex)
	})
	return out
}

// keyString converts an evaluated config key to the dict key.
func keyString(k Value) string {
	if s, ok := k.(Str); ok {
		return string(s)
	}
	return ToStr(k)
}

func (fr *frame) quant(e *syntax.QuantExpr) Value {
	fr.checkLoopVars(e, e.Vars)
	iter := fr.expr(e.Iter)
	scope := newEnv(fr.env, envLoop)
	in := fr.with(scope)
	firsts, seconds := fr.pairs(e.Iter, iter)
	var kept []int
	var mapped []Value
	for k := range firsts {
		fr.bindLoop(scope, e.Vars, iter, firsts[k], seconds[k])
		if e.Cond != nil && !in.expr(e.Cond).Truth() {
			continue
		}
		ok := in.expr(e.Body)
		switch e.Op {
		case syntax.ALL:
			if !ok.Truth() {
				return False
			}
		case syntax.ANY:
			if ok.Truth() {
				return True
			}
		case syntax.MAP:
			mapped = append(mapped, ok)
		case syntax.FILTER:
			if ok.Truth() {
				kept = append(kept, k)
			}
		}
	}
	switch e.Op {
	case syntax.ALL:
		return True
	case syntax.ANY:
		return False
	case syntax.MAP:
		return NewList(mapped)
	}
	// filter keeps the container's kind.
	switch it := iter.(type) {
	case *Dict, *Schema:
		src := configOf(it)
		out := NewDict(len(kept))
		for _, k := range kept {
			key := string(firsts[k].(Str))
			ent := src.Entry(key)
			out.SetEntry(key, ent.Value, ent.Op, ent.Index)
		}
		if s, ok := it.(*Schema); ok {
			return &Schema{T: s.T, Attrs: out, ConfigKeys: s.ConfigKeys, Args: s.Args}
		}
		return out
	case Str:
		var b []byte
		for _, k := range kept {
			b = append(b, string(seconds[k].(Str))...)
		}
		return Str(b)
	}
	out := make([]Value, 0, len(kept))
	for _, k := range kept {
		out = append(out, seconds[k])
	}
	return NewList(out)
}
