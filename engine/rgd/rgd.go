// Package rgd instantiates a kro ResourceGraphDefinition at compile
// time: offline, without a cluster, and deterministically. It checks an
// instance against the RGD's SimpleSchema and applies its defaults,
// evaluates the ${...} CEL expressions of every resource template in
// dependency order, honours includeWhen, and returns the rendered
// resources. Anything only a cluster can answer (status, externalRef,
// server-assigned metadata) is a clear error. It implements
// rgd.instantiate (SPEC §5).
//
// It follows kro where kro is specified: expressions in a string
// template must give strings, map keys are never evaluated, resources
// are ordered as kro's topologicalOrder, and the dependents of a
// resource dropped by includeWhen are dropped too. forEach collections
// and externalRef are refused, as are kro's random.* functions and the
// Kubernetes CEL libraries.
package rgd

import (
	"fmt"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// Instantiate expands rgd (a kro ResourceGraphDefinition object) for one
// instance object and returns the resources in dependency order.
//
// Both arguments are JSON-like values as eval.ToGo produces them
// (*eval.OrderedMap, []any, string, int64, float64, bool, nil);
// map[string]any is accepted too and read in sorted key order. Each
// result is an *eval.OrderedMap whose keys follow its template. Errors
// are *diag.Diagnostic (a diag.List when several instance fields fail
// validation) with a stable code, a data path and a suggestion, and no
// position: the caller attaches the position of its call.
func Instantiate(rgd any, instance any) (out []any, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, &diag.Diagnostic{Code: diag.InternalError, Message: fmt.Sprintf("rgd.instantiate crashed: %v", p)}
		}
	}()
	rv, err := normalize(rgd, "", CodeDefinition)
	if err != nil {
		return nil, err
	}
	iv, err := normalize(instance, "", CodeSchema)
	if err != nil {
		return nil, err
	}
	d, err := parseDefinition(rv)
	if err != nil {
		return nil, err
	}
	env, err := newEnv(append([]string{"schema"}, d.ids...)...)
	if err != nil {
		return nil, &diag.Diagnostic{Code: diag.InternalError, Message: fmt.Sprintf("building the CEL environment: %v", err)}
	}
	if err := d.compile(env); err != nil {
		return nil, err
	}
	order, err := d.order()
	if err != nil {
		return nil, err
	}
	b := &budget{left: totalCostLimit}
	rules, err := newRuleChecker(b)
	if err != nil {
		return nil, &diag.Diagnostic{Code: diag.InternalError, Message: fmt.Sprintf("building the CEL environment: %v", err)}
	}
	schema, err := schemaVar(d, iv, rules)
	if err != nil {
		return nil, err
	}
	return run(order, schema, b)
}

// run renders the resources in order. A resource is dropped when one
// of its includeWhen conditions is false or when a resource it depends
// on was dropped, as kro skips the dependents of a skipped resource.
func run(order []*resource, schema *eval.OrderedMap, b *budget) ([]any, error) {
	vars := map[string]any{"schema": schema}
	dropped := map[string]bool{}
	out := []any{}
	for _, r := range order {
		if dependsOnDropped(r, dropped) {
			dropped[r.id] = true
			continue
		}
		include, err := r.included(vars, b)
		if err != nil {
			return nil, err
		}
		if !include {
			dropped[r.id] = true
			continue
		}
		obj, _, err := r.render(r.template, r.path+".template", vars, b)
		if err != nil {
			return nil, err
		}
		vars[r.id] = obj
		out = append(out, obj)
	}
	return out, nil
}

func dependsOnDropped(r *resource, dropped map[string]bool) bool {
	for _, dep := range r.deps {
		if dropped[dep] {
			return true
		}
	}
	return false
}

// included evaluates r's includeWhen conditions; all must be true.
func (r *resource) included(vars map[string]any, b *budget) (bool, error) {
	for _, e := range r.includeWhen {
		v, err := e.eval(vars, b)
		if err != nil {
			return false, err
		}
		ok, isBool := v.(types.Bool)
		if !isBool {
			return false, withSuggestion(errorf(CodeCEL, e.path, "resource %q: includeWhen %s gave %s, not a boolean", r.id, exprText(e.src), v.Type().TypeName()),
				"compare the value, e.g. ${schema.spec.ingress.enabled == true}")
		}
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

// render returns x with its expressions evaluated. The boolean reports
// that x is a standalone omit() and must be left out of its parent.
func (r *resource) render(x any, path string, vars map[string]any, b *budget) (any, bool, error) {
	switch x := x.(type) {
	case *eval.OrderedMap:
		out := eval.NewOrderedMap(x.Len())
		for _, k := range x.Keys {
			v, omit, err := r.render(x.Values[k], joinKey(path, k), vars, b)
			if err != nil {
				return nil, false, err
			}
			if !omit {
				out.Set(k, v)
			}
		}
		return out, false, nil
	case []any:
		out := make([]any, 0, len(x))
		for i, e := range x {
			v, omit, err := r.render(e, joinIndex(path, i), vars, b)
			if err != nil {
				return nil, false, err
			}
			if !omit {
				out = append(out, v)
			}
		}
		return out, false, nil
	case string:
		t := r.strs[path]
		if t == nil {
			return x, false, nil
		}
		if t.standalone {
			return r.standalone(t.parts[0].e, vars, b)
		}
		return r.interpolate(t, vars, b)
	}
	return x, false, nil
}

// standalone evaluates a field that is exactly one expression: the
// field takes the value with its type.
func (r *resource) standalone(e *expr, vars map[string]any, b *budget) (any, bool, error) {
	v, err := e.eval(vars, b)
	if err != nil {
		return nil, false, err
	}
	// Sharing lets a cheap expression denote a huge nested value; size
	// it (boundedly) before copying it out.
	if weight(v, exprCostLimit) > exprCostLimit {
		return nil, false, withSuggestion(errorf(CodeLimit, e.path, "resource %q: %s gives a value too large for a manifest (over %d units)", r.id, exprText(e.src), exprCostLimit),
			"build smaller values: a list that repeats another list multiplies its size")
	}
	g, err := toGo(v)
	if err != nil {
		return nil, false, errorf(CodeCEL, e.path, "resource %q: %s: %v", r.id, exprText(e.src), err)
	}
	if _, omit := g.(omitted); omit {
		return nil, true, nil
	}
	return g, false, nil
}

// interpolate evaluates a string template. As in kro, every expression
// must give a string.
func (r *resource) interpolate(t *tmplString, vars map[string]any, b *budget) (any, bool, error) {
	var s []byte
	for _, p := range t.parts {
		if p.e == nil {
			s = append(s, p.lit...)
			continue
		}
		v, err := p.e.eval(vars, b)
		if err != nil {
			return nil, false, err
		}
		str, ok := v.(types.String)
		if !ok {
			d := errorf(CodeCEL, p.e.path, "resource %q: %s gave %s inside a string; kro requires string values there", r.id, exprText(p.e.src), v.Type().TypeName())
			switch _, omit := v.(omitted); {
			case omit:
				d.Suggestion = "omit() can only be the whole value of a field"
			case onlySpace(t):
				d.Suggestion = "whitespace around ${...} makes the field a string template; with a YAML block scalar use |- to drop the trailing newline"
			default:
				d.Suggestion = fmt.Sprintf("convert it: ${string(%s)}", p.e.src)
			}
			return nil, false, d
		}
		s = append(s, str...)
	}
	return string(s), false, nil
}

// onlySpace reports whether the literal text of t is all whitespace.
func onlySpace(t *tmplString) bool {
	for _, p := range t.parts {
		if p.e == nil && strings.TrimSpace(p.lit) != "" {
			return false
		}
	}
	return true
}

// eval runs a compiled expression and turns failures into diagnostics.
func (e *expr) eval(vars map[string]any, b *budget) (ref.Val, error) {
	v, err := b.eval(e.compiled.prg, vars)
	if err == nil {
		return v, nil
	}
	if l, ok := err.(limitError); ok {
		return nil, withSuggestion(errorf(CodeLimit, e.path, "resource %q: %s: %s", e.resource.id, exprText(e.src), l.msg),
			"simplify the expression: nested comprehensions over large lists multiply their cost")
	}
	d := errorf(CodeCEL, e.path, "resource %q: %s: %v", e.resource.id, exprText(e.src), err)
	d.Suggestion = evalHint(e, vars, err.Error())
	return nil, d
}
