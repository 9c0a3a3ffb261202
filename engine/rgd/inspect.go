package rgd

// This file reads the parsed AST of an expression to find what it
// refers to: each use of a variable (schema or a resource id) with the
// field path read from it, as far as it is constant. The references
// give the dependency edges and let runtime-only fields be refused
// before anything is evaluated. Comprehension variables shadow outer
// names, so `items.map(service, service.name)` does not depend on a
// resource called service.

import (
	"strconv"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"
)

// A reference is a use of a free variable and the constant path read
// from it: ["spec", "replicas"] for schema.spec.replicas. A segment
// that is not known statically (x[i]) is "?".
type reference struct {
	root string
	path []string
}

// typeIdents are identifiers CEL resolves to types, not variables.
var typeIdents = []string{"bool", "bytes", "double", "duration", "dyn", "int", "list", "map", "null_type", "string", "timestamp", "type", "uint", "optional_type"}

type inspector struct {
	env    *cel.Env
	locals []string
	refs   []reference
}

// references returns the free variables an expression uses.
func references(env *cel.Env, a *cel.Ast) []reference {
	w := &inspector{env: env}
	w.visit(a.NativeRep().Expr())
	return w.refs
}

func (w *inspector) isLocal(name string) bool {
	return contains(w.locals, name)
}

func (w *inspector) visit(e ast.Expr) {
	switch e.Kind() {
	case ast.IdentKind:
		if name := e.AsIdent(); !w.isLocal(name) {
			w.refs = append(w.refs, reference{root: name})
		}
	case ast.SelectKind, ast.CallKind:
		if w.chain(e) {
			return
		}
		if e.Kind() == ast.SelectKind {
			w.visit(e.AsSelect().Operand())
			return
		}
		c := e.AsCall()
		if c.IsMemberFunction() && !w.qualifiedFunction(c.Target(), c.FunctionName()) {
			w.visit(c.Target())
		}
		for _, a := range c.Args() {
			w.visit(a)
		}
	case ast.ComprehensionKind:
		c := e.AsComprehension()
		w.visit(c.IterRange())
		w.visit(c.AccuInit())
		n := len(w.locals)
		w.locals = append(w.locals, c.IterVar(), c.AccuVar())
		if c.HasIterVar2() {
			w.locals = append(w.locals, c.IterVar2())
		}
		w.visit(c.LoopCondition())
		w.visit(c.LoopStep())
		w.visit(c.Result())
		w.locals = w.locals[:n]
	case ast.ListKind:
		for _, el := range e.AsList().Elements() {
			w.visit(el)
		}
	case ast.MapKind:
		for _, en := range e.AsMap().Entries() {
			me := en.AsMapEntry()
			w.visit(me.Key())
			w.visit(me.Value())
		}
	case ast.StructKind:
		for _, f := range e.AsStruct().Fields() {
			w.visit(f.AsStructField().Value())
		}
	}
}

// chain records a field path rooted at a free variable, like
// deployment.spec.template or schema.spec.?x["y"], and reports whether
// e was one. Dynamic index operands inside the chain are visited.
func (w *inspector) chain(e ast.Expr) bool {
	var (
		segs    []string
		dynamic []ast.Expr
	)
	cur := e
	for {
		switch cur.Kind() {
		case ast.SelectKind:
			s := cur.AsSelect()
			segs = append(segs, s.FieldName())
			cur = s.Operand()
			continue
		case ast.CallKind:
			c := cur.AsCall()
			fn, args := c.FunctionName(), c.Args()
			if c.IsMemberFunction() || len(args) != 2 || (fn != "_[_]" && fn != "_[?_]" && fn != "_?._") {
				return false
			}
			seg, ok := constSegment(args[1])
			if !ok {
				seg = "?"
				dynamic = append(dynamic, args[1])
			}
			segs = append(segs, seg)
			cur = args[0]
			continue
		case ast.IdentKind:
			name := cur.AsIdent()
			if w.isLocal(name) {
				break
			}
			path := make([]string, len(segs))
			for i := range segs {
				path[i] = segs[len(segs)-1-i]
			}
			w.refs = append(w.refs, reference{root: name, path: path})
			for _, d := range dynamic {
				w.visit(d)
			}
			return true
		}
		return false
	}
}

// constSegment returns the text of a constant index: a field name for
// strings, "[n]" for integers.
func constSegment(e ast.Expr) (string, bool) {
	if e.Kind() != ast.LiteralKind {
		return "", false
	}
	switch v := e.AsLiteral().(type) {
	case types.String:
		return string(v), true
	case types.Int:
		return "[" + strconv.FormatInt(int64(v), 10) + "]", true
	case types.Uint:
		return "[" + strconv.FormatUint(uint64(v), 10) + "]", true
	}
	return "", false
}

// qualifiedFunction reports whether target.fn names a namespaced
// function such as base64.encode or lists.range, whose target is a
// name, not a variable.
func (w *inspector) qualifiedFunction(target ast.Expr, fn string) bool {
	name, ok := qualifiedName(target)
	root, _, _ := strings.Cut(name, ".")
	if !ok || w.isLocal(root) {
		return false
	}
	return w.env.HasFunction(name + "." + fn)
}

func qualifiedName(e ast.Expr) (string, bool) {
	switch e.Kind() {
	case ast.IdentKind:
		return e.AsIdent(), true
	case ast.SelectKind:
		s := e.AsSelect()
		if s.IsTestOnly() {
			return "", false
		}
		p, ok := qualifiedName(s.Operand())
		return p + "." + s.FieldName(), ok
	}
	return "", false
}
