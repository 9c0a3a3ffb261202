// This file evaluates an Engine's gate rules over a set of resources.

package policy

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
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

// chunk is the least number of resources worth a goroutine of their own.
const chunk = 64

// Eval runs every gate rule over in: per-resource rules once per
// resource, cross-resource rules once (see the package documentation).
// Resources are evaluated in parallel; violations are deduplicated and
// sorted, so the result depends neither on scheduling nor on map order.
// A policy error (a conflict between rule values, a gate of the wrong
// shape) is a diagnostic; when several resources cause one, the error of
// the first is returned. ctx cancels.
func (e *Engine) Eval(ctx context.Context, in Input) (*Result, error) {
	n := len(in.Resources)
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if e.serial || workers < 1 {
		workers = 1
	}

	resources := make([]*ast.Term, n)
	refs := make([]*ResourceRef, n)
	err := forEach(n, workers, func(i int) error {
		v, err := ast.InterfaceToValue(in.Resources[i])
		if err != nil {
			return fmt.Errorf("resource %d: %w", i, err)
		}
		resources[i] = ast.NewTerm(v)
		refs[i] = newResourceRef(i, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	inputs := ast.Value(ast.NewObject())
	if in.Inputs != nil {
		if inputs, err = ast.InterfaceToValue(in.Inputs); err != nil {
			return nil, fmt.Errorf("inputs: %w", err)
		}
	}
	// The parts all inputs share are built once: converting the whole
	// set for each resource would make a check quadratic.
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

	// One canceller for all queries: rego would otherwise start a
	// goroutine per query to watch ctx.
	cancel := topdown.NewCancel()
	stop := context.AfterFunc(ctx, cancel.Cancel)
	defer stop()

	parts := make([]Result, workers+1)
	if e.wholeSet != nil {
		err := e.evalOnce(ctx, cancel, e.wholeSet, e.wholeGates, input(ast.NullTerm()), nil, &parts[workers])
		if err != nil {
			return nil, err
		}
	}
	if e.perResource != nil {
		err := forWorker(n, workers, func(w int, next func() (int, bool)) error {
			for i, ok := next(); ok; i, ok = next() {
				if err := e.evalOnce(ctx, cancel, e.perResource, e.perGates, input(resources[i]), refs[i], &parts[w]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	res := &Result{Resources: n}
	for _, p := range parts {
		res.Denies = append(res.Denies, p.Denies...)
		res.Warnings = append(res.Warnings, p.Warnings...)
	}
	res.finish()
	return res, nil
}

// evalOnce evaluates one prepared query over one input and adds the
// violations of gates to res, attributed to ref (nil: the whole set).
func (e *Engine) evalOnce(ctx context.Context, cancel topdown.Cancel, pq *rego.PreparedEvalQuery, gates []*gate, input ast.Value, ref *ResourceRef, res *Result) error {
	// The canceller learns of ctx asynchronously; checking here stops a
	// canceled check between two queries for sure.
	if err := ctx.Err(); err != nil {
		return err
	}
	txn, err := e.store.NewTransaction(ctx)
	if err != nil {
		return err
	}
	defer e.store.Abort(ctx, txn)
	rs, err := pq.Eval(ctx,
		rego.EvalParsedInput(input),
		rego.EvalTransaction(txn),
		rego.EvalExternalCancel(cancel),
		rego.EvalMetrics(metrics.NoOp()),
	)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
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
		v := rs[0].Bindings[g.binding]
		if g.partialSet {
			if err := res.add(g, v, ref); err != nil {
				return err
			}
			continue
		}
		vals, _ := v.([]any)
		for _, v := range vals { // zero or one value: the rule's
			if err := res.add(g, v, ref); err != nil {
				return err
			}
		}
	}
	return nil
}

// forEach calls f(i) for i in [0, n) on workers goroutines and returns
// the error of the lowest i that failed.
func forEach(n, workers int, f func(i int) error) error {
	return forWorker(n, workers, func(_ int, next func() (int, bool)) error {
		for i, ok := next(); ok; i, ok = next() {
			if err := f(i); err != nil {
				return err
			}
		}
		return nil
	})
}

// forWorker runs body on workers goroutines (w = 0..workers-1); next
// hands out the indexes [0, n) in order, each once, until an error stops
// them. It returns the error of the lowest failing index, so the error
// does not depend on scheduling.
func forWorker(n, workers int, body func(w int, next func() (int, bool)) error) error {
	var (
		mu       sync.Mutex
		pos      int
		errAt    = n
		firstErr error
	)
	body1 := func(w int) {
		cur := -1
		next := func() (int, bool) {
			mu.Lock()
			defer mu.Unlock()
			if pos >= n || errAt < n {
				return 0, false
			}
			cur = pos
			pos++
			return cur, true
		}
		if err := body(w, next); err != nil {
			mu.Lock()
			if cur < errAt {
				errAt, firstErr = cur, err
			}
			mu.Unlock()
		}
	}
	if workers <= 1 {
		body1(0)
		return firstErr
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { body1(w) })
	}
	wg.Wait()
	return firstErr
}
