package policy

import (
	"fmt"
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

func TestZZScale(t *testing.T) {
	e := load(t, examplePolicies)
	e3 := *e
	e3.wholeSet = nil
	for _, n := range []int{250, 500, 1000, 2000} {
		in := Input{Resources: benchResources(n), Inputs: map[string]any{"cpuBudget": 100}}
		measure(t, fmt.Sprint("per only ", n), 5, func() { e3.Eval(context.Background(), in) })
	}
}

func TestZZTrivial(t *testing.T) {
	e, err := compile(t, "p.rego", "package p\n\ndeny contains \"x\" if input.resource.kind == \"Nope\"\n")
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Resources: benchResources(1000)}
	measure(t, "trivial 1000", 5, func() { e.Eval(context.Background(), in) })
}
