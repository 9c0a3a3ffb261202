package typecheck

import (
	"fmt"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// builtinResults are the result types of the builtins whose result is
// certain.
var builtinResults = map[string]*Type{
	"len": IntType, "int": IntType, "ord": IntType,
	"str": StrType, "typeof": StrType, "hex": StrType, "oct": StrType, "bin": StrType, "chr": StrType,
	"float": FloatType, "bool": BoolType, "isunique": BoolType, "isnullish": BoolType,
	"all_true": BoolType, "any_true": BoolType, "print": NoneType, "range": listOf(IntType),
}

// call types a call and checks its arguments when the callee is known:
// a lambda with its signature, or a schema.
func (c *checker) call(e *syntax.CallExpr, sc *scope) *Type {
	ft := c.expr(e.Fn, sc)
	switch {
	case ft.Kind == Func && ft.Sig != nil:
		c.callArgs(e, syntax.ExprString(e.Fn), ft.Sig, e.Args, e.Keywords, true, sc)
		if ft.Sig.Ret != nil {
			return ft.Sig.Ret
		}
		return AnyType
	case ft.Kind == SchemaDef && ft.Schema.Node.Kind == syntax.KindSchema:
		c.schemaArgs(e, ft.Schema, e.Args, e.Keywords, sc)
		return &Type{Kind: Instance, Schema: ft.Schema}
	}
	c.walkArgs(e.Args, e.Keywords, sc)
	if id, ok := e.Fn.(*syntax.Ident); ok && c.isBuiltin(id.Name, sc) {
		if t := builtinResults[id.Name]; t != nil {
			return t
		}
	}
	return AnyType
}

func (c *checker) walkArgs(args []syntax.Expr, kws []*syntax.Keyword, sc *scope) {
	for _, a := range args {
		c.expr(a, sc)
	}
	for _, kw := range kws {
		c.expr(kw.Value, sc)
	}
}

// schemaArgs checks the arguments of a schema instantiation against the
// schema's parameters, as evaluation binds them.
func (c *checker) schemaArgs(at syntax.Node, s *Schema, args []syntax.Expr, kws []*syntax.Keyword, sc *scope) {
	sig := &FuncSig{}
	fc := s.file.pkg.c
	fc.quiet++
	for _, p := range s.Node.Params {
		sig.Params = append(sig.Params, Param{Name: p.Name.Name, HasDefault: p.Default != nil,
			Type: fc.resolveType(p.Type, s.file, nil), node: p, file: s.file.name})
	}
	fc.quiet--
	// A schema with a parent also binds the parent's parameters from
	// the same keywords: only a schema without one rejects unknown ones.
	c.callArgs(at, s.Name, sig, args, kws, s.Node.Parent == nil, sc)
}

// callArgs checks arguments against a signature: their number, their
// keywords, and their types where the parameters declare one.
func (c *checker) callArgs(at syntax.Node, name string, sig *FuncSig, args []syntax.Expr, kws []*syntax.Keyword, strictKw bool, sc *scope) {
	params := sig.Params
	for _, a := range args {
		if _, ok := a.(*syntax.StarredExpr); ok {
			// *args or **kwargs: the binding is only known at run time.
			c.walkArgs(args, kws, sc)
			return
		}
	}
	file := sc.fs.name
	if len(args) > len(params) {
		c.report(&diag.Diagnostic{Code: diag.CompileError,
			Message:    fmt.Sprintf("%s() takes %d positional argument%s but %d were given", name, len(params), plural(len(params)), len(args)),
			Suggestion: "remove the extra arguments"}, file, args[len(params)])
	}
	set := make([]bool, len(params))
	for i, a := range args {
		if i >= len(params) {
			c.expr(a, sc)
			continue
		}
		set[i] = true
		c.checkArg(a, params[i], sc)
	}
	var names []string
	for _, p := range params {
		names = append(names, p.Name)
	}
	unknownKw := false
	for _, kw := range kws {
		i := paramIndex(params, kw.Name.Name)
		switch {
		case i < 0:
			if strictKw {
				unknownKw = true
				c.report(&diag.Diagnostic{Code: diag.CompileError,
					Message:    fmt.Sprintf("%s() got an unexpected keyword argument '%s'", name, kw.Name.Name),
					Suggestion: didYouMean(kw.Name.Name, names)}, file, kw.Name)
			}
			c.expr(kw.Value, sc)
		case set[i]:
			c.report(&diag.Diagnostic{Code: diag.CompileError,
				Message: fmt.Sprintf("%s() got multiple values for argument '%s'", name, kw.Name.Name)}, file, kw.Name)
			c.expr(kw.Value, sc)
		default:
			set[i] = true
			c.checkArg(kw.Value, params[i], sc)
		}
	}
	var missing []string
	for i, p := range params {
		if !set[i] && !p.HasDefault {
			missing = append(missing, "'"+p.Name+"'")
		}
	}
	// A misspelled keyword explains a missing argument: report it alone.
	if len(missing) > 0 && !unknownKw {
		c.report(&diag.Diagnostic{Code: diag.CompileError,
			Message: fmt.Sprintf("%s() missing %d required argument%s: %s", name, len(missing), plural(len(missing)),
				strings.Join(missing, ", ")),
			Suggestion: "pass " + strings.Join(missing, ", ")}, file, at)
	}
}

// checkArg checks one argument against its parameter's type.
func (c *checker) checkArg(a syntax.Expr, p Param, sc *scope) {
	if p.Type == nil || p.Type.Kind == Any {
		c.expr(a, sc)
		return
	}
	w := want{t: p.Type, path: p.Name}
	if p.node != nil {
		w.decl = declNote(p.file, p.node, "parameter '"+p.Name+"'", p.Type)
	}
	c.check(a, w, sc)
}

func paramIndex(params []Param, name string) int {
	for i, p := range params {
		if p.Name == name {
			return i
		}
	}
	return -1
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// lambda checks a lambda expression and returns its function type. Its
// parameters are locals typed by their annotations; every name the body
// assigns is a local.
func (c *checker) lambda(e *syntax.LambdaExpr, sc *scope) *Type {
	ls := newScope(sc, scopeLambda)
	sig := &FuncSig{}
	file := sc.fs.name
	for _, p := range e.Params {
		var pt *Type
		if p.Type != nil {
			pt = c.resolveType(p.Type, sc.fs, sc)
		}
		if p.Default != nil {
			if pt != nil {
				c.check(p.Default, want{t: pt, path: p.Name.Name,
					decl: declNote(file, p, "parameter '"+p.Name.Name+"'", pt)}, ls)
			} else {
				c.expr(p.Default, ls)
			}
		}
		t := pt
		if t == nil {
			t = AnyType
		}
		ls.define(p.Name.Name, t)
		sig.Params = append(sig.Params, Param{Name: p.Name.Name, Type: pt, HasDefault: p.Default != nil, node: p, file: file})
	}
	if e.Ret != nil {
		sig.Ret = c.resolveType(e.Ret, sc.fs, sc)
	}
	// A parameter the body assigns may change type: it is any.
	assignedNames(e.Body, func(n string) { ls.names[n] = AnyType })
	body := e.Body
	var last *syntax.ExprStmt
	if n := len(body); n > 0 && sig.Ret != nil && sig.Ret.Kind != Any {
		if es, ok := body[n-1].(*syntax.ExprStmt); ok && len(es.Exprs) == 1 {
			last, body = es, body[:n-1]
		}
	}
	c.stmts(body, ls)
	if last != nil {
		// The value of the last expression is the result: it must fit
		// the declared return type.
		c.check(last.Exprs[0], want{t: sig.Ret, decl: declNote(file, e.Ret, "the lambda's return type", sig.Ret)}, ls)
	}
	return &Type{Kind: Func, Sig: sig}
}
