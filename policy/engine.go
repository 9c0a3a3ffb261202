// This file compiles policies into an Engine and prepares its queries.

package policy

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"akua.dev/akua/kcl/diag"
)

// An Engine is a compiled set of policies. It is immutable and safe for
// concurrent use: compile once, Eval as often as needed.
type Engine struct {
	files []string
	gates []*gate

	store       storage.Store           // empty: policies read only their input
	serial      bool                    // evaluate on one goroutine, so print() output keeps its order
	perResource *rego.PreparedEvalQuery // gates reading input.resource; nil if none
	wholeSet    *rego.PreparedEvalQuery // cross-resource gates; nil if none
	perGates    []*gate                 // the gates of perResource, in query order
	wholeGates  []*gate                 // the gates of wholeSet, in query order
}

// Files returns the names of the policy files the engine was compiled
// from, sorted.
func (e *Engine) Files() []string { return append([]string(nil), e.files...) }

// Rules returns the gate rules the engine evaluates, as
// "file:line:col: package.rule", sorted by position.
func (e *Engine) Rules() []string {
	out := make([]string, len(e.gates))
	for i, g := range e.gates {
		out[i] = fmt.Sprintf("%s: %s.%s", g.pos, g.pkg, g.rule)
	}
	return out
}

// Compile compiles policy sources (already read, e.g. from an in-memory
// tree) into an engine. Syntax errors of every file are reported at
// once; compile errors follow OPA's compiler, which stops at the first
// stage that fails. Both come as a diag.List.
func Compile(ctx context.Context, files []File, opts Options) (*Engine, error) {
	mods, err := parseFiles(files)
	if err != nil {
		return nil, err
	}
	e := &Engine{gates: addGateCopies(mods), store: inmem.New(), serial: opts.Print != nil}
	for _, f := range files {
		e.files = append(e.files, f.Name)
	}
	slices.Sort(e.files)

	c := ast.NewCompiler().
		WithCapabilities(capabilities()).
		WithEnablePrintStatements(opts.Print != nil).
		WithDefaultRegoVersion(ast.RegoV1)
	if c.Compile(mods); c.Failed() {
		l := fromASTErrors(c.Errors, CodeCompile)
		for _, d := range l {
			d.Message = restoreNames(d.Message, e.gates)
		}
		return nil, l
	}
	markPerResource(c, e.gates)

	for _, g := range e.gates {
		if g.perResource {
			e.perGates = append(e.perGates, g)
		} else {
			e.wholeGates = append(e.wholeGates, g)
		}
	}
	if e.perResource, err = prepare(ctx, c, e.store, e.perGates, opts); err != nil {
		return nil, err
	}
	if e.wholeSet, err = prepare(ctx, c, e.store, e.wholeGates, opts); err != nil {
		return nil, err
	}
	return e, nil
}

// prepare builds and prepares one query binding each gate's value:
//
//	akua_gate_0 = data.main.__akua_gate_0__; akua_gate_1 = [x | x := data.main.__akua_gate_1__]; ...
//
// A partial set rule is always defined (an empty set at worst) and is
// bound directly; any other gate is wrapped in a comprehension, so that
// when it is undefined (a complete rule whose body failed) it gives an
// empty array instead of failing the whole query.
func prepare(ctx context.Context, c *ast.Compiler, store storage.Store, gates []*gate, opts Options) (*rego.PreparedEvalQuery, error) {
	if len(gates) == 0 {
		return nil, nil
	}
	var b strings.Builder
	for i, g := range gates {
		if i > 0 {
			b.WriteString("; ")
		}
		if g.partialSet {
			fmt.Fprintf(&b, "%s = %s", g.binding, g.path)
		} else {
			fmt.Fprintf(&b, "%s = [x | x := %s]", g.binding, g.path)
		}
	}
	body, err := ast.ParseBody(b.String())
	if err != nil {
		return nil, fmt.Errorf("internal error: building the policy query: %w", err)
	}
	ropts := []func(*rego.Rego){
		rego.Compiler(c),
		rego.ParsedQuery(body),
		rego.Store(store),
		rego.Capabilities(capabilities()),
	}
	if opts.Print != nil {
		ropts = append(ropts, rego.EnablePrintStatements(true), rego.PrintHook(printHook{opts.Print}))
	}
	pq, err := rego.New(ropts...).PrepareForEval(ctx)
	if err != nil {
		return nil, asDiagnostics(err, CodeCompile)
	}
	return &pq, nil
}

// errNoQuery is returned when a query result has an unexpected shape; it
// is a bug in akua, not in a policy.
func errNoQuery(n int) error {
	return &diag.Diagnostic{Code: diag.InternalError,
		Message: fmt.Sprintf("policy query returned %d results, want 1", n)}
}

// A printHook writes the output of Rego print() calls, one line each
// prefixed with the position of the call.
type printHook struct{ w io.Writer }

func (h printHook) Print(ctx print.Context, msg string) error {
	if ctx.Location != nil {
		msg = fmt.Sprintf("%s:%d: %s", ctx.Location.File, ctx.Location.Row, msg)
	}
	_, err := io.WriteString(h.w, msg+"\n")
	return err
}
