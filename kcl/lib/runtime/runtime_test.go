package runtime

import (
	"testing"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libtest"
)

const prelude = `import runtime

schema Person:
    age: int
    check:
        0 < age < 10, "age must be in the range (0, 10)"

schema Bare:
    n: int
    check:
        n > 0
`

func TestCatch(t *testing.T) {
	libtest.Check(t, prelude, []libtest.Case{
		{Expr: `runtime.catch(lambda { [][0] }) == "list index out of range: 0"`},
		{Expr: `runtime.catch(lambda { assert False, "error msg" }) == "error msg"`},
		{Expr: `runtime.catch(lambda { Person {age = 1000} }) == "age must be in the range (0, 10)"`},
		{Expr: `"check" in runtime.catch(lambda { Bare {n = 0} })`},
		{Expr: `runtime.catch(lambda { {a = 1}["b"] + 1 }) != Undefined`},
		{Expr: `runtime.catch(lambda { 1 }) == Undefined`},
		{Expr: `runtime.catch(func = lambda { 1 / 0 }) != Undefined`},
		// The evaluation goes on normally after a caught failure.
		{Expr: `[runtime.catch(lambda { Person {age = 0} }), Person {age = 5}.age] == ["age must be in the range (0, 10)", 5]`},
		{Expr: `runtime.catch(1)`, Err: "expected function"},
	}, nil)
}

// Limits are not caught: they stop the evaluation.
func TestCatchLimits(t *testing.T) {
	libtest.Check(t, "import runtime", []libtest.Case{
		{Expr: `runtime.catch(lambda { [i for i in range(100000)] })`, Err: "step budget"},
	}, func() *eval.Thread { return &eval.Thread{MaxSteps: 10000} })
}
