package eval

import (
	"fmt"
	"strings"

	"akua.dev/akua/kcl/syntax"
)

// This file implements KCL's union of configs (the `|` operator, repeated
// keys in a config literal, `**` unpacking and unification statements).
// Union merges right into left key by key: `:` entries unify (scalars
// must agree when the idempotent check is on), `=` entries override
// (or set one list element with an index), `+=` entries append to lists.

// unionOptions control one union.
type unionOptions struct {
	// idempotent requires `:` entries of scalars to agree (config literals
	// and unification); the `|` operator lets the right side win.
	idempotent bool
	// listOverride replaces lists instead of unioning them element-wise.
	listOverride bool
	// resolve re-instantiates a schema instance from the unioned config,
	// so its defaults and checks see the merged values (the `|` operator
	// and unification do this; inserting into a config literal does not).
	resolve bool
}

// A unionConflict is reported when two `:` values disagree.
type unionConflict struct {
	path       []string
	objS, delS string
}

// Union returns x | y for configs and lists: y merged into a copy of x.
func Union(th *Thread, x, y Value) (Value, error) {
	return unionValues(th, DeepCopy(x), y, true, unionOptions{resolve: true})
}

// unionValues merges x into p (mutating p when it is a container) and
// returns the result.
func unionValues(th *Thread, p, x Value, orMode bool, opt unionOptions) (v Value, err error) {
	var c unionConflict
	v, ok := union(th, p, x, orMode, opt, &c)
	if !ok {
		return nil, conflictError(&c)
	}
	return v, nil
}

func conflictError(c *unionConflict) error {
	if len(c.path) == 0 {
		return errorf(ErrEval, "conflicting values between %s and %s", c.delS, c.objS)
	}
	// path was collected innermost first.
	for i, j := 0, len(c.path)-1; i < j; i, j = i+1, j-1 {
		c.path[i], c.path[j] = c.path[j], c.path[i]
	}
	key := c.path[len(c.path)-1]
	d := errorf(ErrEval, "conflicting values on the attribute '%s' between %s and %s (union path %s)",
		key, c.objS, c.delS, strings.Join(c.path, "."))
	d.Suggestion = fmt.Sprintf("use '=' to override the attribute, like `%s = %s`", key, c.delS)
	return d
}

func union(th *Thread, p, x Value, orMode bool, opt unionOptions, c *unionConflict) (Value, bool) {
	if isNullish(p) {
		return x, true
	}
	if isNullish(x) {
		return p, true
	}
	if isListOrConfig(p) && isListOrConfig(x) {
		return doUnion(th, p, x, opt, c)
	}
	if orMode {
		if a, ok := p.(Int); ok {
			if b, ok := x.(Int); ok {
				return a | b, true
			}
		}
		panic(errorf(ErrType, "unsupported operand type(s) for |: '%s' and '%s'", p.Type(), x.Type()))
	}
	return x, true
}

func isNullish(v Value) bool {
	switch v.(type) {
	case NoneType, UndefinedType:
		return true
	}
	return v == nil
}

func isListOrConfig(v Value) bool {
	switch v.(type) {
	case *List, *Dict, *Schema:
		return true
	}
	return false
}

// configOf returns the attribute dict of a dict or schema instance.
func configOf(v Value) *Dict {
	switch v := v.(type) {
	case *Dict:
		return v
	case *Schema:
		return v.Attrs
	}
	return nil
}

func doUnion(th *Thread, p, x Value, opt unionOptions, c *unionConflict) (Value, bool) {
	if p == x {
		return p, true
	}
	if pl, ok := p.(*List); ok {
		xl, ok := x.(*List)
		if !ok {
			panic(errorf(ErrType, "union failure, expect %s, got %s", p.Type(), x.Type()))
		}
		if opt.listOverride {
			return x, true
		}
		for i, e := range xl.Elems {
			if i >= len(pl.Elems) {
				pl.Elems = append(pl.Elems, e)
				continue
			}
			v, ok := union(th, pl.Elems[i], e, false, opt, c)
			if !ok {
				c.path = append(c.path, fmt.Sprintf("list[%d]", i))
				return p, false
			}
			pl.Elems[i] = v
		}
		return p, true
	}
	if _, ok := x.(*List); ok {
		panic(errorf(ErrType, "union failure, expect %s, got %s", p.Type(), x.Type()))
	}
	obj, delta := configOf(p), configOf(x)
	if !unionDict(th, obj, delta, opt, c) {
		return p, false
	}
	ps, pIsSchema := p.(*Schema)
	xs, xIsSchema := x.(*Schema)
	var inst *Schema
	switch {
	case pIsSchema:
		keys := ps.ConfigKeys
		if xIsSchema {
			keys = appendKeys(keys, xs.ConfigKeys)
			if xs.Args != nil {
				ps.Args = xs.Args
			}
		} else {
			keys = appendKeys(keys, delta.Keys())
		}
		ps.ConfigKeys = keys
		inst = ps
	case xIsSchema:
		// A dict unioned with a schema instance becomes an instance.
		inst = &Schema{T: xs.T, Attrs: obj, Args: xs.Args,
			ConfigKeys: appendKeys(append([]string(nil), xs.ConfigKeys...), obj.Keys())}
	default:
		return p, true
	}
	if opt.resolve {
		return resolveSchema(th, inst), true
	}
	return inst, true
}

func appendKeys(keys, more []string) []string {
	for _, k := range more {
		found := false
		for _, e := range keys {
			if e == k {
				found = true
				break
			}
		}
		if !found {
			keys = append(keys, k)
		}
	}
	return keys
}

func unionDict(th *Thread, obj, delta *Dict, opt unionOptions, c *unionConflict) bool {
	for _, k := range delta.Keys() {
		de := delta.Entry(k)
		oe := obj.Entry(k)
		if oe == nil && de.Index != NoIndex {
			if de.Op != syntax.OpInsert {
				panic(errorf(ErrIndex, "index %d out of range for attribute '%s' of length 0", de.Index, k))
			}
			// `a[0] += [x]` on a new key inserts into an empty list.
			obj.SetEntry(k, NewList(nil), syntax.OpUnion, NoIndex)
			oe = obj.Entry(k)
		}
		if oe == nil {
			obj.SetEntry(k, de.Value, de.Op, de.Index)
			continue
		}
		switch de.Op {
		case syntax.OpUnion:
			if de.Index != NoIndex {
				l, i := indexedList(oe, de, k, false)
				v, ok := union(th, l.Elems[i], de.Value, false, opt, c)
				if !ok {
					c.path = append(c.path, k)
					return false
				}
				l.Elems[i] = v
				break
			}
			if opt.idempotent && !subsume(de.Value, oe.Value) {
				c.path = append(c.path, k)
				c.objS, c.delS = conflictRepr(oe.Value), conflictRepr(de.Value)
				return false
			}
			v, ok := union(th, oe.Value, de.Value, false, opt, c)
			if !ok {
				c.path = append(c.path, k)
				return false
			}
			oe.Value = v
		case syntax.OpOverride:
			if de.Index == NoIndex {
				oe.Value = de.Value
				break
			}
			l, i := indexedList(oe, de, k, false)
			if isNullish(de.Value) {
				l.Elems = append(l.Elems[:i:i], l.Elems[i+1:]...)
			} else {
				l.Elems[i] = de.Value
			}
		case syntax.OpInsert:
			if isNullish(oe.Value) {
				oe.Value = NewList(nil)
			}
			add, ok := de.Value.(*List)
			if !ok {
				panic(errorf(ErrType, "only list attribute can be inserted value"))
			}
			if de.Index == NoIndex {
				l, ok := oe.Value.(*List)
				if !ok {
					panic(errorf(ErrType, "only list attribute can be inserted value"))
				}
				if l != add {
					l.Elems = append(l.Elems, add.Elems...)
				}
				break
			}
			l, i := indexedList(oe, de, k, true)
			rest := append([]Value(nil), l.Elems[i:]...)
			l.Elems = append(append(l.Elems[:i], add.Elems...), rest...)
		}
		oe.Op, oe.Index = de.Op, de.Index
	}
	return true
}

// indexedList returns the list an indexed entry (`a[i] = v`, `a[i] += v`)
// applies to and the index, negative ones counted from the end. An
// insert may use len(list) as the index.
func indexedList(oe, de *DictEntry, key string, insert bool) (*List, int) {
	l, ok := oe.Value.(*List)
	if !ok {
		panic(errorf(ErrType, "only list attribute can be inserted value"))
	}
	i := de.Index
	if i < 0 {
		i += len(l.Elems)
	}
	limit := len(l.Elems)
	if insert {
		limit++
	}
	if i < 0 || i >= limit {
		if insert {
			panic(errorf(ErrIndex, "insertion index (is %d) should be <= len (is %d)", de.Index, len(l.Elems)))
		}
		panic(errorf(ErrIndex, "index %d out of range for attribute '%s' of length %d", de.Index, key, len(l.Elems)))
	}
	return l, i
}

func conflictRepr(v Value) string {
	switch v.(type) {
	case *Dict, *Schema:
		return "{...}"
	case *List:
		return "[...]"
	}
	b, err := EncodeJSON(v, PlanOptions{}, "")
	if err != nil {
		return v.String()
	}
	return strings.TrimSpace(string(b))
}

// subsume reports whether v1 can be unified into v2 without a conflict
// at this level (nested configs are checked as the union recurses).
func subsume(v1, v2 Value) bool {
	if isNullish(v1) || isNullish(v2) {
		return true
	}
	switch a := v1.(type) {
	case *List:
		b, ok := v2.(*List)
		if !ok || len(a.Elems) != len(b.Elems) {
			return false
		}
		for i := range a.Elems {
			if !subsume(a.Elems[i], b.Elems[i]) {
				return false
			}
		}
		return true
	case *Dict, *Schema:
		return configOf(v2) != nil
	}
	if configOf(v2) != nil {
		return false
	}
	if _, ok := v2.(*List); ok {
		return false
	}
	if v1.Type() != v2.Type() {
		return false
	}
	return Equal(v1, v2)
}

// DeepCopy copies lists, dicts and schema instances recursively.
func DeepCopy(v Value) Value {
	switch v := v.(type) {
	case *List:
		elems := make([]Value, len(v.Elems))
		for i, e := range v.Elems {
			elems[i] = DeepCopy(e)
		}
		return NewList(elems)
	case *Dict:
		return deepCopyDict(v)
	case *Schema:
		return &Schema{T: v.T, Attrs: deepCopyDict(v.Attrs), ConfigKeys: append([]string(nil), v.ConfigKeys...), Args: v.Args}
	}
	return v
}

func deepCopyDict(d *Dict) *Dict {
	c := NewDict(d.Len())
	for _, k := range d.Keys() {
		e := d.Entry(k)
		c.SetEntry(k, DeepCopy(e.Value), e.Op, e.Index)
	}
	return c
}
