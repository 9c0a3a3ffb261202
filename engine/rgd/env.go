package rgd

// This file builds the CEL environment and compiles and runs
// expressions in it. The environment loads what kro loads from cel-go
// (standard library and macros, strings, lists, encoders, bindings,
// two-variable comprehensions, optionals) plus kro's offline functions.
// Nothing in it reads a clock, randomness or the network. Every program
// runs under a cost limit, and all programs of one instantiation share
// a budget, so a hostile expression stops with an error instead of
// hanging.

import (
	"errors"
	"fmt"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"
	"cel.dev/cel-go/interpreter"
)

// Limits, in CEL cost units (roughly one per operation or per element
// touched). They match the Kubernetes API server's budget for one CEL
// call and for one validation pass.
const (
	exprCostLimit  = 1_000_000
	totalCostLimit = 10_000_000
)

// orderedFn is the internal function wrapped around comprehension
// ranges. Its name cannot be written in CEL source.
const orderedFn = "@rgd_ordered"

var (
	baseOnce sync.Once
	baseEnv  *cel.Env
	baseErr  error
)

// base returns the shared environment without variables.
func base() (*cel.Env, error) {
	baseOnce.Do(func() {
		a := adapter{base: types.DefaultTypeAdapter}
		opts := []cel.EnvOption{
			cel.CustomTypeAdapter(a),
			ext.TwoVarComprehensions(),
			ext.Lists(),
			ext.Strings(),
			ext.Bindings(),
			ext.Encoders(),
			cel.OptionalTypes(),
			cel.Function(orderedFn, cel.Overload("rgd_ordered_dyn", []*cel.Type{cel.DynType}, cel.DynType,
				cel.UnaryBinding(func(v ref.Val) ref.Val { return orderedRange(a, v) }))),
		}
		baseEnv, baseErr = cel.NewEnv(append(opts, kroFunctions(a)...)...)
	})
	return baseEnv, baseErr
}

// newEnv returns an environment declaring the given variables as dyn.
func newEnv(vars ...string) (*cel.Env, error) {
	b, err := base()
	if err != nil {
		return nil, err
	}
	opts := make([]cel.EnvOption, len(vars))
	for i, v := range vars {
		opts[i] = cel.Variable(v, cel.DynType)
	}
	return b.Extend(opts...)
}

// A compiled expression: its program and the references it makes.
type compiled struct {
	prg  cel.Program
	refs []reference
}

// parse parses src; the caller inspects references before checking.
func parse(env *cel.Env, src string) (*cel.Ast, error) {
	a, iss := env.Parse(src)
	if iss != nil && iss.Err() != nil {
		return nil, issuesError(iss)
	}
	return a, nil
}

// check type-checks a parsed expression and plans its program.
func check(env *cel.Env, a *cel.Ast) (cel.Program, error) {
	orderIterations(a)
	checked, iss := env.Check(a)
	if iss != nil && iss.Err() != nil {
		return nil, issuesError(iss)
	}
	return env.Program(checked, cel.CostLimit(exprCostLimit), cel.CostTracking(concatCost{}), cel.CustomDecoratorV2(guardCalls))
}

// issuesError turns CEL issues into one line: the first error and its
// column.
func issuesError(iss *cel.Issues) error {
	errs := iss.Errors()
	if len(errs) == 0 {
		return iss.Err()
	}
	e := errs[0]
	msg := e.Message
	if col := e.Location.Column(); col >= 0 {
		msg = fmt.Sprintf("%s (column %d)", msg, col+1)
	}
	if len(errs) > 1 {
		msg += fmt.Sprintf(" and %d more", len(errs)-1)
	}
	return errors.New(msg)
}

// orderIterations wraps every comprehension range in orderedFn, so a
// map CEL built (a literal, transformMap, merge) is iterated in sorted
// key order: cel-go would iterate it in Go's random map order, and
// `{"b": 1, "a": 2}.transformList(k, v, k)` would differ between runs.
func orderIterations(a *cel.Ast) {
	native := a.NativeRep()
	var comps []ast.Expr
	ast.PostOrderVisit(native.Expr(), ast.NewExprVisitor(func(e ast.Expr) {
		if e.Kind() == ast.ComprehensionKind {
			comps = append(comps, e)
		}
	}))
	if len(comps) == 0 {
		return
	}
	fac := ast.NewExprFactory()
	next := ast.MaxID(native)
	for _, c := range comps {
		rng := c.AsComprehension().IterRange()
		next++
		inner := fac.NewUnspecifiedExpr(next)
		inner.SetKindCase(rng)
		rng.SetKindCase(fac.NewCall(0, orderedFn, inner))
	}
}

// A budget is the cost left for one instantiation.
type budget struct{ left uint64 }

// eval runs a program and charges its cost to b.
func (b *budget) eval(prg cel.Program, vars map[string]any) (ref.Val, error) {
	if b.left == 0 {
		return nil, limitError{fmt.Sprintf("the instantiation used up its CEL budget of %d", totalCostLimit)}
	}
	out, det, err := prg.Eval(vars)
	if c := det.ActualCost(); c != nil {
		if *c >= b.left {
			b.left = 0
		} else {
			b.left -= *c
		}
	}
	var cancel interpreter.EvalCancelledError
	if errors.As(err, &cancel) {
		return nil, limitError{fmt.Sprintf("%s (limit %d per expression)", cancel.Message, exprCostLimit)}
	}
	if err != nil {
		return nil, err
	}
	if b.left == 0 {
		return nil, limitError{fmt.Sprintf("the instantiation used up its CEL budget of %d", totalCostLimit)}
	}
	return out, nil
}

// A limitError reports an exhausted cost or memory budget.
type limitError struct{ msg string }

func (e limitError) Error() string { return e.msg }

// A ruleChecker evaluates SimpleSchema validation markers (CEL over
// `self`) against instance values.
type ruleChecker struct {
	env    *cel.Env
	budget *budget
	progs  map[string]cel.Program
}

var (
	ruleOnce   sync.Once
	ruleEnvVal *cel.Env
	ruleErr    error
)

// ruleEnv returns the environment of validation rules: `self` only.
func ruleEnv() (*cel.Env, error) {
	ruleOnce.Do(func() { ruleEnvVal, ruleErr = newEnv("self") })
	return ruleEnvVal, ruleErr
}

func newRuleChecker(b *budget) (*ruleChecker, error) {
	env, err := ruleEnv()
	if err != nil {
		return nil, err
	}
	return &ruleChecker{env: env, budget: b, progs: map[string]cel.Program{}}, nil
}

// check reports an error unless rule holds for self.
func (r *ruleChecker) check(rule string, self any) error {
	prg, ok := r.progs[rule]
	if !ok {
		a, err := parse(r.env, rule)
		if err == nil {
			prg, err = check(r.env, a)
		}
		if err != nil {
			return fmt.Errorf("validation rule %q: %v", rule, err)
		}
		r.progs[rule] = prg
	}
	out, err := r.budget.eval(prg, map[string]any{"self": self})
	if err != nil {
		return fmt.Errorf("validation rule %q: %v", rule, err)
	}
	if out != types.True {
		return fmt.Errorf("failed validation rule %q", rule)
	}
	return nil
}
