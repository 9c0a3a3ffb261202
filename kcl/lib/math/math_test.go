package math

import (
	"testing"

	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestMath(t *testing.T) {
	libtest.Check(t, "import math", []libtest.Case{
		{Expr: `math.ceil(-45.17) == -45 and typeof(math.ceil(1.2)) == "int"`},
		{Expr: `math.ceil(100.12) == 101 and math.ceil(3) == 3`},
		{Expr: `math.floor(-45.17) == -46 and math.floor(2.4) == 2 and typeof(math.floor(2.4)) == "int"`},
		{Expr: `math.floor(1Ki) == 1024`},
		{Expr: `math.factorial(5) == 120 and math.factorial(0) == 1`},
		{Expr: `math.factorial(5.0) == 120.0 and typeof(math.factorial(5.0)) == "float"`},
		{Expr: `math.factorial(-1)`, Err: "negative"},
		{Expr: `math.factorial(1.5)`, Err: "integral"},
		{Expr: `math.factorial(21)`, Err: "overflow"},
		{Expr: `math.gcd(60, 48) == 12 and math.gcd(-4, 6) == 2 and math.gcd(0, 0) == 0`},
		{Expr: `math.gcd(1.5, 2)`, Err: "expected int"},
		{Expr: `math.isfinite(1) and math.isfinite(0.5) and not math.isfinite(float("nan"))`},
		{Expr: `not math.isinf(1) and not math.isinf(1.5) and not math.isinf(float("nan"))`},
		{Expr: `math.isnan(float("nan")) and not math.isnan(1.0) and not math.isnan(True)`},
		{Expr: `math.modf(100.72) == [0.7199999999999989, 100.0] and math.modf(3) == [0.0, 3.0]`},
		{Expr: `math.exp(0) == 1.0 and math.expm1(0) == 0.0`},
		{Expr: `math.log(1.0) == 0.0 and math.log(8, 2) == 3.0 and math.log(2.0) == 0.6931471805599453`},
		{Expr: `math.log10(100) == 2.0 and math.log2(8) == 3.0 and math.log1p(0) == 0.0`},
		{Expr: `math.pow(9, 3) == 729.0 and typeof(math.pow(2, 2)) == "float" and math.pow(4, 0.5) == 2.0`},
		{Expr: `math.sqrt(9) == 3.0`},
		{Expr: `math.sqrt("9")`, Err: "expected int or float, got str"},
		{Expr: `math.ceil()`, Err: "takes exactly one argument"},
	}, nil)
}
