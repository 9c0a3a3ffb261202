// This file evaluates an Engine's gate rules over a set of resources.

package policy

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// An Input is what policies see: the rendered resources, in order, the
// package that rendered them and the inputs it was rendered with.
type Input struct {
	// Resources are the rendered resources. Each is normally a
	// map[string]any as decoded from YAML or JSON; any value OPA can
	// convert (ast.InterfaceToValue) is accepted. Key order does not
	// matter: Rego objects are ordered by key.
	Resources []any
	Package   Package
	Inputs    map[string]any
}

// A Package names the package being checked: input.package in Rego.
type Package struct {
	Name    string
	Version string
}

// Eval runs every gate rule over in: per-resource rules once per
// resource, cross-resource rules once (see the package documentation).
// Violations are deduplicated and sorted, so the result does not depend
// on evaluation or map order. A policy error (a conflict between rule
// values, a gate of the wrong shape) is a diagnostic; ctx cancels.
func (e *Engine) Eval(ctx context.Context, in Input) (*Result, error) {
	resources := make([]*ast.Term, len(in.Resources))
	refs := make([]*ResourceRef, len(in.Resources))
	for i, r := range in.Resources {
		v, err := ast.InterfaceToValue(r)
		if err != nil {
			return nil, fmt.Errorf("resource %d: %w", i, err)
		}
		resources[i] = ast.NewTerm(v)
		refs[i] = newResourceRef(i, v)
	}
	inputs := ast.Value(ast.NewObject())
	if in.Inputs != nil {
		v, err := ast.InterfaceToValue(in.Inputs)
		if err != nil {
			return nil, fmt.Errorf("inputs: %w", err)
		}
		inputs = v
	}
	// The shared parts are converted once: converting the whole set for
	// each resource would make a check quadratic.
	base := [3][2]*ast.Term{
		ast.Item(ast.InternedTerm("resources"), ast.NewTerm(ast.NewArray(resources...))),
		ast.Item(ast.InternedTerm("package"), ast.ObjectTerm(
			ast.Item(ast.InternedTerm("name"), ast.StringTerm(in.Package.Name)),
			ast.Item(ast.InternedTerm("version"), ast.StringTerm(in.Package.Version)),
		)),
		ast.Item(ast.InternedTerm("inputs"), ast.NewTerm(inputs)),
	}
	input := func(resource *ast.Term) ast.Value {
		return ast.NewObject(ast.Item(ast.InternedTerm("resource"), resource), base[0], base[1], base[2])
	}

	res := &Result{Resources: len(in.Resources)}
	if e.wholeSet != nil {
		if err := e.evalOnce(ctx, e.wholeSet, e.wholeGates, input(ast.NullTerm()), nil, res); err != nil {
			return nil, err
		}
	}
	if e.perResource != nil {
		for i, r := range resources {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err := e.evalOnce(ctx, e.perResource, e.perGates, input(r), refs[i], res); err != nil {
				return nil, err
			}
		}
	}
	res.finish()
	return res, nil
}

// evalOnce evaluates one prepared query over one input and adds the
// violations of gates to res, attributed to ref (nil: the whole set).
func (e *Engine) evalOnce(ctx context.Context, pq *rego.PreparedEvalQuery, gates []*gate, input ast.Value, ref *ResourceRef, res *Result) error {
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		where := ""
		if ref != nil {
			where = ref.String()
		}
		return fromEvalError(err, where)
	}
	if len(rs) != 1 {
		return errNoQuery(len(rs))
	}
	for _, g := range gates {
		vals, _ := rs[0].Bindings[g.binding].([]any)
		for _, v := range vals { // zero or one value: the rule's
			if err := res.add(g, v, ref); err != nil {
				return err
			}
		}
	}
	return nil
}
