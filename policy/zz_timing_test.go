package policy

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func measure(t *testing.T, name string, n int, f func()) {
	f()
	c0 := cpuNow()
	for i := 0; i < n; i++ {
		f()
	}
	t.Logf("%-20s %v cpu/op", name, (cpuNow()-c0)/time.Duration(n))
}

func TestZZTiming(t *testing.T) {
	e := load(t, examplePolicies)
	rs := benchResources(1000)
	in := Input{Resources: rs, Inputs: map[string]any{"cpuBudget": 100}}
	measure(t, "full", 10, func() { e.Eval(context.Background(), in) })
	measure(t, "convert", 10, func() {
		for _, r := range rs {
			ast.InterfaceToValue(r)
		}
	})
	e2 := *e
	e2.perResource = nil
	measure(t, "whole only", 10, func() { e2.Eval(context.Background(), in) })
	e3 := *e
	e3.wholeSet = nil
	measure(t, "per only", 10, func() { e3.Eval(context.Background(), in) })
}

func TestZZWith(t *testing.T) {
	e := load(t, examplePolicies)
	rs := benchResources(1000)
	// Build: out := [[i, g0, g1, g2] | some i, r in input.resources; g0 := [x | x := P0 with input.resource as r]; ...]
	q := "akua_out := [[i, "
	for k := range e.perGates {
		if k > 0 {
			q += ", "
		}
		q += "g" + string(rune('0'+k))
	}
	q += "] | some i, r in input.resources"
	for k, g := range e.perGates {
		q += "; g" + string(rune('0'+k)) + " := [x | x := " + g.path.String() + " with input.resource as r]"
	}
	q += "]"
	t.Log(q)
	c := e.perResource
	_ = c
	body := ast.MustParseBody(q)
	pq, err := prepareBody(context.Background(), e, body)
	if err != nil {
		t.Fatal(err)
	}
	measure(t, "with-query", 10, func() {
		vals := make([]*ast.Term, len(rs))
		for i, r := range rs {
			v, _ := ast.InterfaceToValue(r)
			vals[i] = ast.NewTerm(v)
		}
		inp := ast.NewObject(ast.Item(ast.StringTerm("resource"), ast.NullTerm()), ast.Item(ast.StringTerm("resources"), ast.NewTerm(ast.NewArray(vals...))))
		res, err := pq.Eval(context.Background(), regoEvalParsedInput(inp))
		if err != nil {
			t.Fatal(err)
		}
		_ = res
	})
}
