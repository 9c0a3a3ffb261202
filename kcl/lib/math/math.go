// Package math is KCL's math system module
// (reference/kcl-docs/model/math.md; upstream kclvm/runtime/src/math):
// ceil, floor, factorial, gcd, isfinite, isinf, isnan, modf, exp,
// expm1, log, log1p, log2, log10, pow and sqrt.
package math

import (
	"math"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("math", New) }

// New returns the math module.
func New() *eval.Module {
	return libkit.Module("math", libkit.Funcs(map[string]eval.BuiltinFunc{
		"ceil":      ceil,
		"floor":     floor,
		"factorial": factorial,
		"gcd":       gcd,
		"isfinite":  isfinite,
		"isinf":     isinf,
		"isnan":     isnan,
		"modf":      modf,
		"exp":       unary("exp", math.Exp),
		"expm1":     unary("expm1", math.Expm1),
		"log1p":     unary("log1p", math.Log1p),
		"log2":      unary("log2", math.Log2),
		"log10":     unary("log10", math.Log10),
		"sqrt":      unary("sqrt", math.Sqrt),
		"log":       logFn,
		"pow":       pow,
	}), nil)
}

// number unpacks the single argument x of fname: an int (bools and
// ints with units count) or a float.
func number(fname string, args *eval.Args) (i int64, f float64, isInt bool, err error) {
	var x eval.Value
	if err = eval.UnpackArgs(fname, args, "x", &x); err != nil {
		return
	}
	return numberOf(fname, "x", x)
}

func numberOf(fname, param string, x eval.Value) (i int64, f float64, isInt bool, err error) {
	if u, ok := x.(*eval.Unit); ok {
		x = u.Num
	}
	switch n := x.(type) {
	case eval.Int:
		return int64(n), float64(n), true, nil
	case eval.Bool:
		if n {
			return 1, 1, true, nil
		}
		return 0, 0, true, nil
	case eval.Float:
		return 0, float64(n), false, nil
	}
	return 0, 0, false, eval.Errorf(eval.ErrType, "%s() argument '%s': expected int or float, got %s", fname, param, x.Type())
}

// toInt converts a float result to an int, failing when it does not fit.
func toInt(fname string, f float64) (eval.Value, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, eval.Errorf(eval.ErrValue, "%s() cannot convert float %s to integer", fname, eval.FormatFloatStr(f))
	}
	if f >= 9223372036854775808.0 || f < -9223372036854775808.0 {
		return nil, eval.Errorf(eval.ErrOverflow, "%s() result is out of the int range", fname)
	}
	return eval.Int(int64(f)), nil
}

// ceil(x) -> int is the smallest integer >= x.
func ceil(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	i, f, isInt, err := number("ceil", args)
	if err != nil {
		return nil, err
	}
	if isInt {
		return eval.Int(i), nil
	}
	return toInt("ceil", math.Ceil(f))
}

// floor(x) -> int is the largest integer <= x.
func floor(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	i, f, isInt, err := number("floor", args)
	if err != nil {
		return nil, err
	}
	if isInt {
		return eval.Int(i), nil
	}
	return toInt("floor", math.Floor(f))
}

// factorial(x) -> int is x! for an integral x >= 0 (a float x gives a
// float); 21! and above overflow 64 bits.
func factorial(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	i, f, isInt, err := number("factorial", args)
	if err != nil {
		return nil, err
	}
	if !isInt {
		if f != math.Trunc(f) || math.IsInf(f, 0) {
			return nil, eval.Errorf(eval.ErrValue, "factorial() only accepts integral values")
		}
		i = int64(f)
	}
	if i < 0 {
		return nil, eval.Errorf(eval.ErrValue, "factorial() not defined for negative values")
	}
	if i >= 21 {
		return nil, eval.Errorf(eval.ErrOverflow, "factorial() result overflow")
	}
	r := int64(1)
	for k := int64(2); k <= i; k++ {
		r *= k
	}
	if !isInt {
		return eval.Float(float64(r)), nil
	}
	return eval.Int(r), nil
}

// gcd(a: int, b: int) -> int is the greatest common divisor of a and b
// (non-negative; gcd(0, 0) is 0).
func gcd(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var a, b int64
	if err := eval.UnpackArgs("gcd", args, "a", &a, "b", &b); err != nil {
		return nil, err
	}
	ua, ub := absU(a), absU(b)
	for ub != 0 {
		ua, ub = ub, ua%ub
	}
	if ua > math.MaxInt64 {
		return nil, eval.Errorf(eval.ErrOverflow, "gcd() result overflow")
	}
	return eval.Int(int64(ua)), nil
}

func absU(n int64) uint64 {
	if n < 0 {
		return uint64(-(n + 1)) + 1
	}
	return uint64(n)
}

// isfinite(x) -> bool reports whether x is neither infinite nor NaN.
func isfinite(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	_, f, isInt, err := number("isfinite", args)
	if err != nil {
		return nil, err
	}
	return eval.Bool(isInt || !(math.IsInf(f, 0) || math.IsNaN(f))), nil
}

// isinf(x) -> bool reports whether x is an infinity.
func isinf(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	_, f, isInt, err := number("isinf", args)
	if err != nil {
		return nil, err
	}
	return eval.Bool(!isInt && math.IsInf(f, 0)), nil
}

// isnan(x) -> bool reports whether x is NaN.
func isnan(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	_, f, isInt, err := number("isnan", args)
	if err != nil {
		return nil, err
	}
	return eval.Bool(!isInt && math.IsNaN(f)), nil
}

// modf(x) -> [float, float] is the fractional and integer parts of x,
// both with x's sign.
func modf(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	_, f, _, err := number("modf", args)
	if err != nil {
		return nil, err
	}
	var ip, fp float64
	switch {
	case math.IsInf(f, 0):
		ip, fp = f, math.Copysign(0, f)
	case math.IsNaN(f):
		ip, fp = f, f
	default:
		ip, fp = math.Modf(f)
	}
	return eval.NewList([]eval.Value{eval.Float(fp), eval.Float(ip)}), nil
}

// unary returns a function of one number with a float result.
func unary(fname string, fn func(float64) float64) eval.BuiltinFunc {
	return func(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
		_, f, _, err := number(fname, args)
		if err != nil {
			return nil, err
		}
		return eval.Float(fn(f)), nil
	}
}

// log(x, base=e) -> float is the logarithm of x to base.
func logFn(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var x, base eval.Value
	if err := eval.UnpackArgs("log", args, "x", &x, "base?", &base); err != nil {
		return nil, err
	}
	_, f, _, err := numberOf("log", "x", x)
	if err != nil {
		return nil, err
	}
	if base == eval.None {
		return eval.Float(math.Log(f)), nil
	}
	_, b, _, err := numberOf("log", "base", base)
	if err != nil {
		return nil, err
	}
	return eval.Float(math.Log(f) / math.Log(b)), nil
}

// pow(x, y) -> float is x to the power y.
func pow(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var x, y eval.Value
	if err := eval.UnpackArgs("pow", args, "x", &x, "y", &y); err != nil {
		return nil, err
	}
	_, fx, _, err := numberOf("pow", "x", x)
	if err != nil {
		return nil, err
	}
	_, fy, _, err := numberOf("pow", "y", y)
	if err != nil {
		return nil, err
	}
	return eval.Float(math.Pow(fx, fy)), nil
}
