package eval

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// A Lambda is a function value: a lambda expression closed over the
// scope it was evaluated in. Its body runs in order (no backtracking);
// the value of the last expression statement is the result.
type Lambda struct {
	node *syntax.LambdaExpr
	env  *env
	mod  *module
	file string
	sch  *schemaFrame
}

func (l *Lambda) Type() string   { return "function" }
func (l *Lambda) String() string { return "<lambda>" }
func (l *Lambda) Truth() bool    { return true }
func (l *Lambda) Name() string   { return "lambda" }

// Params returns the parameter names, for error messages and tools.
func (l *Lambda) Params() []string {
	names := make([]string, len(l.node.Params))
	for i, p := range l.node.Params {
		names[i] = p.Name.Name
	}
	return names
}

// Call runs the lambda.
func (l *Lambda) Call(th *Thread, args *Args) (Value, error) {
	if args.CallAt.Line > 0 {
		defer traceCall(args.CallAt)
	}
	scope := newEnv(l.env, envLambda)
	fr := &frame{th: th, mod: l.mod, env: scope, file: l.file, sch: l.sch}
	params := l.node.Params
	if len(args.Pos) > len(params) {
		return nil, errorf(ErrType, "%s() takes %d positional argument%s but %d were given",
			l.Name(), len(params), plural(len(params)), len(args.Pos))
	}
	set := make([]bool, len(params))
	for i, v := range args.Pos {
		scope.define(params[i].Name.Name, v)
		set[i] = true
	}
	for _, kw := range args.Kw {
		found := false
		for i, p := range params {
			if p.Name.Name == kw.Name {
				if set[i] {
					return nil, errorf(ErrType, "%s() got multiple values for argument '%s'", l.Name(), kw.Name)
				}
				scope.define(kw.Name, kw.Value)
				set[i] = true
				found = true
				break
			}
		}
		if !found {
			return nil, errorf(ErrType, "%s() got an unexpected keyword argument '%s'", l.Name(), kw.Name)
		}
	}
	var missing []string
	for i, p := range params {
		if set[i] {
			continue
		}
		if p.Default != nil {
			scope.define(p.Name.Name, fr.expr(p.Default))
			continue
		}
		missing = append(missing, "'"+p.Name.Name+"'")
	}
	if len(missing) > 0 {
		return nil, errorf(ErrType, "%s() missing %d required positional argument%s: %s",
			l.Name(), len(missing), plural(len(missing)), strings.Join(missing, ", "))
	}
	scope.nparams = len(scope.names)
	for _, p := range params {
		if p.Type != nil {
			v, _ := scope.lookup(p.Name.Name)
			scope.define(p.Name.Name, fr.convert(p, v, p.Type))
		}
	}
	result := fr.stmts(l.node.Body)
	if result == nil {
		result = None
	}
	if l.node.Ret != nil {
		result = fr.convert(l.node, result, l.node.Ret)
	}
	return result, nil
}

// maxTrace bounds the call frames a diagnostic collects as notes.
const maxTrace = 8

// traceCall, deferred by a lambda call, adds the call site to an error
// raised inside the lambda's body, so a failure deep in a library (or a
// host's embedded module) still names the caller's line.
func traceCall(at syntax.Position) {
	r := recover()
	if r == nil {
		return
	}
	if d, ok := r.(*diag.Diagnostic); ok && d.Code != diag.RecursionError && len(d.Notes) < maxTrace &&
		(d.Pos.File != at.File || d.Pos.Line != at.Line) {
		d.Notes = append(d.Notes, diag.Note{Pos: diag.Pos{File: at.File, Line: at.Line, Col: at.Col},
			Message: "in the lambda called here"})
	}
	panic(r)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
