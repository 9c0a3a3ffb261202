package export

// This file evaluates translated checks on plain values, with KCL's
// semantics: export needs to know whether an attribute's default (the
// value KCL checks when the input omits the attribute or gives None)
// passes its checks, and whether the zero value passes a guarded check.

import (
	"regexp"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
)

// Kinds of attribute types, for deciding which checks translate.
const (
	kindOther = iota
	kindInt
	kindFloat // float, or a mix of int and float
	kindStr
	kindList
	kindDict
)

func (g *gen) kind(a *attrView) int {
	d := a.last()
	return g.kindOf(d.file, d.a.Type, 0)
}

func (g *gen) kindOf(f *srcFile, t syntax.Type, depth int) int {
	if depth > maxAliasDepth {
		return kindOther
	}
	switch t := t.(type) {
	case *syntax.NamedType:
		switch t.Name {
		case "int":
			return kindInt
		case "float":
			return kindFloat
		case "str":
			return kindStr
		case "list":
			return kindList
		case "dict":
			return kindDict
		}
		if a := g.p.lookupAlias(f, t.Name); a != nil {
			return g.kindOf(a.file, a.typ, depth+1)
		}
	case *syntax.ListType:
		return kindList
	case *syntax.DictType:
		return kindDict
	case *syntax.LiteralType:
		switch v := t.Value.(type) {
		case *syntax.StringLit:
			return kindStr
		case *syntax.NumberLit:
			if v.Suffix != "" {
				return kindOther
			}
			if v.IsFloat {
				return kindFloat
			}
			return kindInt
		}
	case *syntax.UnionType:
		k := -1
		for _, m := range t.Types {
			mk := g.kindOf(f, m, depth)
			switch {
			case k == -1 || k == mk:
				k = mk
			case (k == kindInt || k == kindFloat) && (mk == kindInt || mk == kindFloat):
				k = kindFloat
			default:
				return kindOther
			}
		}
		if k > 0 {
			return k
		}
	}
	return kindOther
}

func zeroValue(kind int) (any, bool) {
	switch kind {
	case kindInt:
		return int64(0), true
	case kindFloat:
		return float64(0), true
	case kindStr:
		return "", true
	case kindList:
		return []any{}, true
	case kindDict:
		return eval.NewOrderedMap(0), true
	}
	return nil, false
}

func falsy(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case int64:
		return x == 0
	case float64:
		return x == 0
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case *eval.OrderedMap:
		return x.Len() == 0
	}
	return false
}

// holds reports whether KCL's check passes for v. A check on None fails
// (comparing, len() and regex.match() of None are errors) except
// membership tests, which compare.
func holds(v any, kws []kw, guarded bool) bool {
	if guarded && falsy(v) {
		return true
	}
	for _, k := range kws {
		if !holdsOne(v, k) {
			return false
		}
	}
	return true
}

func holdsOne(v any, k kw) bool {
	switch k.key {
	case "enum":
		return containsValue(k.val.([]any), v)
	case "not":
		return !containsValue(k.val.([]any), v)
	case "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum":
		x, ok := num(v)
		n, _ := num(k.val)
		if !ok {
			return false
		}
		switch k.key {
		case "minimum":
			return x >= n
		case "exclusiveMinimum":
			return x > n
		case "maximum":
			return x <= n
		}
		return x < n
	case "multipleOf":
		i, ok := v.(int64)
		return ok && i%k.val.(int64) == 0
	case "pattern":
		s, ok := v.(string)
		if !ok {
			return false
		}
		re, err := regexp.Compile(k.val.(string))
		return err != nil || re.MatchString(s)
	}
	n := k.val.(int64)
	var l int64
	switch x := v.(type) {
	case string:
		l = int64(len(x)) // KCL's len counts bytes
	case []any:
		l = int64(len(x))
	case *eval.OrderedMap:
		l = int64(x.Len())
	default:
		return false
	}
	switch k.key {
	case "minLength", "minItems", "minProperties":
		return l >= n
	}
	return l <= n
}

func num(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// jsonEqual compares values as JSON Schema's enum does (1 equals 1.0).
func jsonEqual(a, b any) bool {
	if x, ok := num(a); ok {
		y, ok := num(b)
		return ok && x == y
	}
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case nil, bool, string:
		return a == b
	}
	return false
}

func containsValue(list []any, v any) bool {
	for _, x := range list {
		if jsonEqual(x, v) {
			return true
		}
	}
	return false
}
