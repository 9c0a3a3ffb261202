package eval

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// This file evaluates config literals: `{a: 1, b.c = 2, d += [3], **e,
// if x: f: 4}`. Entries are unioned into the result in order with the
// idempotent check, and each entry name becomes a local variable of the
// literal so later entries can refer to it.

// config evaluates a config literal in a scope of its own: its entry
// names shadow outer variables without changing them.
func (fr *frame) config(c *syntax.ConfigExpr) *Dict {
	scope := &env{parent: fr.env, kind: envBlock,
		names: make([]string, 0, len(c.Entries)), vals: make([]Value, 0, len(c.Entries))}
	d := NewDict(len(c.Entries))
	fr.with(scope).configInto(c.Entries, d, scope)
	return d
}

// configInto evaluates entries into d; fr.env is scope.
func (fr *frame) configInto(entries []*syntax.ConfigEntry, d *Dict, scope *env) {
	for _, e := range entries {
		fr.configEntry(e, d, scope)
	}
}

func (fr *frame) configEntry(e *syntax.ConfigEntry, d *Dict, scope *env) {
	switch e.Kind {
	case syntax.EntryUnpack:
		fr.unpackConfig(e, d, fr.expr(e.Value))
		return
	case syntax.EntryIf:
		// The entries of an `if` belong to the enclosing literal: they
		// share its scope, so `env = "b"` in a branch rebinds `env`.
		for _, b := range e.If.Branches {
			if b.Cond == nil || fr.expr(b.Cond).Truth() {
				sub := NewDict(len(b.Entries))
				fr.configInto(b.Entries, sub, scope)
				fr.unpackConfig(e, d, sub)
				return
			}
		}
		return
	}
	value := fr.expr(e.Value)
	name, key, index, path := fr.entryKey(e.Key)
	if len(path) > 0 {
		// `a.b.c: v` is `a: {b: {c: v}}`: the innermost entry keeps the
		// operator, the outer ones union.
		for i := len(path) - 1; i >= 0; i-- {
			inner := NewDict(1)
			op := syntax.OpUnion
			if i == len(path)-1 {
				op = e.Op
			}
			inner.SetEntry(path[i], value, op, NoIndex)
			value = inner
		}
		fr.dictInsert(e, d, key, value, syntax.OpUnion, NoIndex)
	} else {
		fr.dictInsert(e, d, key, value, e.Op, index)
	}
	if name != "" {
		v, _ := d.Get(name)
		scope.define(name, v)
	}
}

// entryKey evaluates a config key. It returns the local variable name
// the entry defines (identifiers and string keys), the dict key, a list
// insert index (`a[1] = v`) or NoIndex, and for dotted keys the path below
// the first name.
func (fr *frame) entryKey(k syntax.Expr) (name, key string, index int, path []string) {
	index = NoIndex
	switch k := k.(type) {
	case *syntax.Ident:
		if fr.isLoopVar(k.Name) {
			return "", keyString(fr.expr(k)), NoIndex, nil
		}
		return k.Name, k.Name, NoIndex, nil
	case *syntax.StringLit:
		return k.Value, k.Value, NoIndex, nil
	case *syntax.SelectorExpr:
		if names, ok := dottedNames(k); ok && !fr.isLoopVar(names[0]) {
			return names[0], names[0], NoIndex, names[1:]
		}
	case *syntax.IndexExpr:
		if id, ok := k.X.(*syntax.Ident); ok {
			if i, ok := intLiteral(k.Index); ok {
				return id.Name, id.Name, i, nil
			}
		}
	}
	return "", keyString(fr.expr(k)), NoIndex, nil
}

// dottedNames returns ["a","b","c"] for the selector chain a.b.c.
func dottedNames(e syntax.Expr) ([]string, bool) {
	switch e := e.(type) {
	case *syntax.Ident:
		return []string{e.Name}, true
	case *syntax.SelectorExpr:
		if e.Optional {
			return nil, false
		}
		names, ok := dottedNames(e.X)
		if !ok {
			return nil, false
		}
		return append(names, e.Sel.Name), true
	}
	return nil, false
}

// isLoopVar reports whether name is a comprehension or quantifier
// variable in scope.
func (fr *frame) isLoopVar(name string) bool {
	for s := fr.env; s != nil; s = s.parent {
		if s.has(name) {
			return s.kind == envLoop
		}
	}
	return false
}

// dictInsert unions {key op value} into d with the idempotent check.
func (fr *frame) dictInsert(n syntax.Node, d *Dict, key string, value Value, op syntax.EntryOp, index int) {
	fr.th.charge(48)
	if index == NoIndex && !d.Has(key) {
		// The common case: a new key needs no union.
		d.SetEntry(key, value, op, NoIndex)
		return
	}
	delta := NewDict(1)
	delta.SetEntry(key, value, op, index)
	var err error
	if de := catch(func() {
		_, err = unionValues(fr.th, d, delta, true, unionOptions{idempotent: true})
	}); de != nil {
		err = de
	}
	fr.check(n, err)
}

// unpackConfig merges `**v` into d.
func (fr *frame) unpackConfig(n syntax.Node, d *Dict, v Value) {
	switch v.(type) {
	case *Dict, *Schema:
	case NoneType, UndefinedType:
		return
	default:
		fr.fail(n, diag.TypeError, "only list, dict and schema object can be used with unpack operators * and **, got %s", v.Type())
	}
	src := configOf(DeepCopy(v))
	var err error
	if de := catch(func() { _, err = unionValues(fr.th, d, src, true, unionOptions{resolve: true}) }); de != nil {
		err = de
	}
	fr.check(n, err)
}

// intLiteral returns the value of an int literal, possibly negated.
func intLiteral(e syntax.Expr) (int, bool) {
	neg := false
	if u, ok := e.(*syntax.UnaryExpr); ok && u.Op == syntax.MINUS {
		neg, e = true, u.X
	}
	n, ok := e.(*syntax.NumberLit)
	if !ok || n.IsFloat || n.Suffix != "" {
		return 0, false
	}
	if neg {
		return -int(n.Int), true
	}
	return int(n.Int), true
}
