package typecheck

import (
	"strconv"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// resolveType turns a type annotation written in file fs into a Type.
// Names resolve like at run time: builtin types, the package's aliases
// and schemas, then `pkg.Name` through the file's imports. A name found
// nowhere is reported (once, when fs belongs to the package being
// checked) and is any.
func (c *checker) resolveType(t syntax.Type, fs *fileScope, sc *scope) *Type {
	switch t := t.(type) {
	case nil:
		return AnyType
	case *syntax.NamedType:
		return c.resolveNamed(t, fs, sc)
	case *syntax.ListType:
		if t.Elem == nil {
			return listOf(AnyType)
		}
		return listOf(c.resolveType(t.Elem, fs, sc))
	case *syntax.DictType:
		k, v := AnyType, AnyType
		if t.Key != nil {
			k = c.resolveType(t.Key, fs, sc)
		}
		if t.Value != nil {
			v = c.resolveType(t.Value, fs, sc)
		}
		return dictOf(k, v)
	case *syntax.UnionType:
		u := &Type{Kind: Union}
		for _, m := range t.Types {
			mt := c.resolveType(m, fs, sc)
			if mt.Kind == Any {
				return AnyType
			}
			u.Types = append(u.Types, mt)
		}
		return u
	case *syntax.LiteralType:
		return literalType(t.Value)
	case *syntax.FuncType:
		for _, p := range t.Params {
			c.resolveType(p, fs, sc)
		}
		c.resolveType(t.Ret, fs, sc)
		// The run time checks only that the value is callable.
		return &Type{Kind: Func}
	}
	return AnyType
}

// literalType is the type of a literal used as a type or a value.
func literalType(e syntax.Expr) *Type {
	switch v := e.(type) {
	case *syntax.StringLit:
		return strLit(v.Value)
	case *syntax.NumberLit:
		switch {
		case v.Suffix != "":
			return UnitType
		case v.IsFloat:
			f := strconv.FormatFloat(v.Float, 'g', -1, 64)
			if !strings.ContainsAny(f, ".eIN") {
				f += ".0" // KCL prints floats with a point: 0.0, 3.0
			}
			return lit(Float, f)
		}
		return lit(Int, strconv.FormatInt(v.Int, 10))
	case *syntax.NameConstant:
		switch v.Value {
		case syntax.TRUE:
			return lit(Bool, "True")
		case syntax.FALSE:
			return lit(Bool, "False")
		}
		return NoneType
	}
	return AnyType
}

var builtinTypes = map[string]*Type{
	"any": AnyType, "int": IntType, "float": FloatType, "str": StrType, "bool": BoolType,
	"list": listOf(AnyType), "dict": dictOf(AnyType, AnyType), "None": NoneType, "NoneType": NoneType,
}

func (c *checker) resolveNamed(t *syntax.NamedType, fs *fileScope, sc *scope) *Type {
	if bt, ok := builtinTypes[t.Name]; ok {
		return bt
	}
	first, rest, dotted := strings.Cut(t.Name, ".")
	p := fs.pkg
	if !dotted {
		if a := p.aliases[first]; a != nil {
			return c.aliasType(a)
		}
		if s := p.schemas[first]; s != nil {
			return &Type{Kind: Instance, Schema: s}
		}
		if p.globals[first] != nil || fs.imports[first] != nil || (sc != nil && sc.defines(first)) {
			return AnyType
		}
		if fs.pkg == c.pkg && !c.conf.Partial {
			var names []string
			for n := range builtinTypes {
				names = append(names, n)
			}
			for n := range p.schemas {
				names = append(names, n)
			}
			for n := range p.aliases {
				names = append(names, n)
			}
			c.report(&diag.Diagnostic{Code: diag.CompileError, Message: "name '" + first + "' is not defined",
				Suggestion: didYouMean(first, names)}, fs.name, t)
		}
		return AnyType
	}
	m := fs.imports[first]
	if m == nil || m.Kind != Module || strings.Contains(rest, ".") {
		return AnyType
	}
	ip := m.Pkg
	if ip.schemas != nil {
		if s := ip.schemas[rest]; s != nil {
			return &Type{Kind: Instance, Schema: s}
		}
		if a := ip.aliases[rest]; a != nil {
			return ip.c.aliasType(a)
		}
	}
	if _, ok := ip.member(rest); !ok && fs.pkg == c.pkg {
		c.report(&diag.Diagnostic{Code: diag.TypeError, Message: "module '" + ip.Path + "' has no attribute '" + rest + "'",
			Suggestion: didYouMean(rest, ip.memberNames())}, fs.name, t)
	}
	return AnyType
}

// aliasType resolves a type alias once; a cycle of aliases is any.
func (c *checker) aliasType(a *alias) *Type {
	switch a.state {
	case resolved:
		return a.typ
	case resolving:
		return AnyType
	}
	a.state = resolving
	fc := a.file.pkg.c
	fc.quiet++
	a.typ = fc.resolveType(a.t, a.file, nil)
	fc.quiet--
	a.state = resolved
	return a.typ
}

// didYouMean suggests the candidate nearest to name, or "".
func didYouMean(name string, candidates []string) string {
	if near := diag.Nearest(name, candidates); near != "" {
		return "did you mean '" + near + "'?"
	}
	return ""
}
