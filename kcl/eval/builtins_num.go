package eval

// This file holds the numeric builtins (int, float, round, pow), option
// and reduce.

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"akua.dev/akua/kcl/syntax"
)

// int(x, base=10) converts a number, bool or string to an int: floats
// are truncated, numbers with units give their value, strings may carry
// a sign, a base prefix (0x 0o 0b) matching base, or a unit suffix
// ("1Gi") in base 10.
func builtinInt(th *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("int", args, 1, "number", "base")
	if err != nil {
		return nil, err
	}
	base := Int(10)
	if a[1] != nil {
		if base, err = argInt("int", "base", a[1]); err != nil {
			return nil, err
		}
		if base != 0 && (base < 2 || base > 36) {
			return nil, errorf(ErrValue, "int() base must be >= 2 and <= 36, or 0")
		}
	}
	switch x := a[0].(type) {
	case Int:
		return x, nil
	case Bool:
		if x {
			return Int(1), nil
		}
		return Int(0), nil
	case Float:
		return floatToInt(float64(x))
	case *Unit:
		if f, ok := x.Num.(Float); ok {
			return floatToInt(float64(f))
		}
		return x.Num, nil
	case Str:
		return parseInt(th, string(x), int(base), a[1] != nil)
	}
	return nil, errorf(ErrType, "int() argument must be a string or a number, not '%s'", a[0].Type())
}

func floatToInt(f float64) (Value, error) {
	switch {
	case math.IsNaN(f):
		return nil, errorf(ErrValue, "cannot convert float NaN to integer")
	case math.IsInf(f, 0):
		return nil, errorf(ErrOverflow, "cannot convert float infinity to integer")
	}
	t := math.Trunc(f)
	if t < -9.223372036854775808e18 || t >= 9.223372036854775808e18 {
		b, _ := new(big.Float).SetFloat64(t).Int(nil)
		return nil, intOverflow(b, 64)
	}
	return Int(int64(t)), nil
}

// parseInt parses s as int(s, base) does.
func parseInt(th *Thread, s string, base int, explicitBase bool) (Value, error) {
	bad := func() error {
		return errorf(ErrValue, "invalid literal for int() with base %d: '%s'", base, s)
	}
	if base == 10 && !explicitBase {
		if v, hasUnit, err := parseQuantity(s); hasUnit {
			return v, err
		}
	}
	t := s
	neg := false
	if len(t) > 0 && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	if len(t) >= 2 && t[0] == '0' {
		p := t[1] | 0x20
		pb := map[byte]int{'x': 16, 'o': 8, 'b': 2}[p]
		if pb != 0 && (base == pb || base == 0) {
			t, base = t[2:], pb
		}
	}
	if base == 0 {
		base = 10
		if len(t) > 1 && t[0] == '0' && strings.Trim(t, "0") != "" {
			return nil, bad()
		}
	}
	if t == "" || strings.ContainsAny(t[:1], "+-") {
		return nil, bad()
	}
	n, ok := new(big.Int).SetString(t, base)
	if !ok {
		return nil, bad()
	}
	if neg {
		n.Neg(n)
	}
	if !n.IsInt64() {
		return nil, intOverflow(n, 64)
	}
	if strict(th) && !fits32(n.Int64()) {
		return nil, intOverflow(n, 32)
	}
	return Int(n.Int64()), nil
}

// float(x) converts a number, bool or string to a float. Infinite
// results are errors, as upstream.
func builtinFloat(th *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("float", args, 1, "number")
	if err != nil {
		return nil, err
	}
	var f float64
	switch x := numeric(a[0]).(type) {
	case Int:
		return Float(float64(x)), nil
	case Bool:
		if x {
			return Float(1), nil
		}
		return Float(0), nil
	case Float:
		f = float64(x)
	case Str:
		v, ok := parseRustFloat(string(x))
		if !ok {
			return nil, errorf(ErrValue, "invalid literal for float() with base 10: '%s'", string(x))
		}
		f = v
	default:
		return nil, errorf(ErrType, "invalid literal for float() with base 10: '%s'", ToStr(a[0]))
	}
	if strict(th) && !math.IsNaN(f) && math.IsInf(float64(float32(f)), 0) {
		return nil, errorf(ErrOverflow, "inf: A 32-bit floating point number overflow")
	}
	if math.IsInf(f, 0) {
		return nil, errorf(ErrOverflow, "inf: A 64-bit floating point number overflow")
	}
	return Float(f), nil
}

// parseRustFloat parses s with the grammar of Rust's f64::from_str:
// an optional sign, then "inf", "infinity" or "nan" (any case) or
// digits with an optional point and exponent; no hex, no underscores.
func parseRustFloat(s string) (float64, bool) {
	t := s
	if len(t) > 0 && (t[0] == '+' || t[0] == '-') {
		t = t[1:]
	}
	switch strings.ToLower(t) {
	case "inf", "infinity", "nan":
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	}
	digits, i := 0, 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
		digits++
	}
	if i < len(t) && t[i] == '.' {
		i++
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i++
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			i++
		}
		exp := 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return 0, false
		}
	}
	if i != len(t) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// Out of range: ParseFloat returns ±Inf or 0 with ErrRange.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// round(number, ndigits=None) rounds half away from zero: to an int
// without ndigits, to a float with ndigits decimals (halves to even at
// that precision, as upstream's port of CPython).
func builtinRound(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("round", args, 1, "number", "ndigits")
	if err != nil {
		return nil, err
	}
	x := numeric(a[0])
	if !given(a[1]) {
		switch x := x.(type) {
		case Int:
			return x, nil
		case Float:
			return floatToInt(math.Round(float64(x)))
		}
		return nil, errorf(ErrType, "type %s doesn't define __round__ method", a[0].Type())
	}
	nd, err := argInt("round", "ndigits", a[1])
	if err != nil {
		return nil, err
	}
	switch x := x.(type) {
	case Int:
		return Float(float64(x)), nil
	case Float:
		return Float(roundDigits(float64(x), int64(nd))), nil
	}
	return nil, errorf(ErrType, "type %s doesn't define __round__ method", a[0].Type())
}

func roundDigits(x float64, nd int64) float64 {
	if nd == 0 {
		return math.Round(x)
	}
	var y, pow1, pow2 float64
	if nd >= 0 {
		if nd > 22 {
			pow1, pow2 = math.Pow(10, float64(nd-22)), 1e22
		} else {
			pow1, pow2 = math.Pow(10, float64(nd)), 1
		}
		y = x * pow1 * pow2
		if math.IsInf(y, 0) || math.IsNaN(y) {
			return x
		}
	} else {
		pow1 = math.Pow(10, float64(-nd))
		y = x / pow1
	}
	z := math.Round(y)
	if math.Abs(y-z) == 0.5 {
		z = 2 * math.Round(y/2)
	}
	if nd >= 0 {
		return z / pow2 / pow1
	}
	return z * pow1
}

// pow(x, y, z=None) is x**y, or x**y % z for ints.
func builtinPow(th *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("pow", args, 2, "x", "y", "z")
	if err != nil {
		return nil, err
	}
	x, y := numeric(a[0]), numeric(a[1])
	if given(a[2]) {
		xi, ok1 := x.(Int)
		yi, ok2 := y.(Int)
		zi, ok3 := numeric(a[2]).(Int)
		if !ok1 || !ok2 || !ok3 {
			return nil, errorf(ErrType, "pow() 3rd argument not allowed unless all arguments are integers")
		}
		if zi == 0 {
			return nil, errorf(ErrValue, "pow() 3rd argument cannot be 0")
		}
		if yi < 0 {
			return nil, errorf(ErrValue, "pow() 2nd argument cannot be negative when 3rd argument specified")
		}
		m := big.NewInt(int64(zi))
		r := new(big.Int).Exp(big.NewInt(int64(xi)), big.NewInt(int64(yi)), new(big.Int).Abs(m))
		// Python's sign convention: the result has the sign of z.
		if r.Sign() != 0 && zi < 0 {
			r.Add(r, m)
		}
		return Int(r.Int64()), nil
	}
	switch x.(type) {
	case Int, Float:
		switch y.(type) {
		case Int, Float:
			return Binary(th, syntax.STARSTAR, x, y)
		}
	}
	return nil, errorf(ErrType, "unsupported operand type(s) for pow(): '%s' and '%s'", a[0].Type(), a[1].Type())
}

// option(key, type="", required=False, default=None, help="") returns
// the top-level argument `-D key=value`, converted to type ("int",
// "float", "str", "bool", "list", "dict"), or default; a required
// option that is missing is an error.
func builtinOption(th *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("option", args, 1, "key", "type", "required", "default", "help", "file", "line")
	if err != nil {
		return nil, err
	}
	key, err := argStr("option", "key", a[0])
	if err != nil {
		return nil, err
	}
	typ := ""
	if given(a[1]) {
		if typ, err = argStr("option", "type", a[1]); err != nil {
			return nil, err
		}
	}
	required := a[2] != nil && a[2].Truth()
	help := ""
	if given(a[4]) {
		help = ToStr(a[4])
	}
	def := a[3]
	if th != nil {
		rec := OptionCall{Key: key, Type: typ, Required: required, Default: def, Help: help}
		if rec.Default == nil {
			rec.Default = None
		}
		th.optionCalls = append(th.optionCalls, rec)
	}
	if th != nil && th.Options != nil {
		if v, ok := th.Options.Get(key); ok {
			if v == nil {
				return Undefined, nil
			}
			return optionToType(v, typ)
		}
	}
	if def != nil {
		return optionToType(def, typ)
	}
	if required {
		return nil, errorf(ErrEval, "option('%s') must be initialized, try '-D %s=?' argument", key, key)
	}
	return None, nil
}

// optionToType converts an option value to the type option() asks for.
func optionToType(v Value, typ string) (Value, error) {
	cannot := func() error { return errorf(ErrType, "cannot use '%s' as type '%s'", ToStr(v), typ) }
	switch typ {
	case "":
		return v, nil
	case "bool":
		switch x := v.(type) {
		case Bool:
			return x, nil
		case Int:
			return Bool(x != 0), nil
		case Float:
			return Bool(x != 0), nil
		case Str:
			return Bool(x == "True" || x == "true"), nil
		}
		return Undefined, nil
	case "int":
		switch x := numeric(v).(type) {
		case Bool:
			if x {
				return Int(1), nil
			}
			return Int(0), nil
		case Int:
			return x, nil
		case Float:
			return floatToInt(float64(x))
		case Str:
			n, err := strconv.ParseInt(string(x), 10, 64)
			if err != nil {
				return nil, cannot()
			}
			return Int(n), nil
		}
		return nil, cannot()
	case "float":
		switch x := numeric(v).(type) {
		case Bool:
			if x {
				return Float(1), nil
			}
			return Float(0), nil
		case Int:
			return Float(float64(x)), nil
		case Float:
			return x, nil
		case Str:
			f, ok := parseRustFloat(string(x))
			if !ok {
				return Float(0), nil
			}
			return Float(f), nil
		}
		return nil, cannot()
	case "str":
		switch x := v.(type) {
		case Bool:
			if x {
				return Str("true"), nil
			}
			return Str("false"), nil
		case Int:
			return Str(ToStr(x)), nil
		case Float:
			return Str(strconv.FormatFloat(float64(x), 'f', -1, 64)), nil
		case Str:
			return x, nil
		}
		return nil, cannot()
	case "list":
		if _, ok := v.(*List); ok {
			return v, nil
		}
		return nil, cannot()
	case "dict":
		switch v.(type) {
		case *Dict, *Schema:
			return v, nil
		}
		return nil, cannot()
	}
	return nil, errorf(ErrType, "unknown type '%s'", typ)
}

// reduce(reducer, list, initial) folds list with reducer(acc, item)
// from the left, starting from initial or, when it is omitted, from
// the first element.
func builtinReduce(th *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("reduce", args, 2, "reducer", "list", "initial")
	if err != nil {
		return nil, err
	}
	fn, ok := a[0].(Callable)
	if !ok {
		return nil, errorf(ErrType, "reduce() argument 'reducer' must be a function")
	}
	items, err := iterValues(a[1])
	if err != nil {
		return nil, err
	}
	acc := a[2]
	if acc == nil {
		if len(items) == 0 {
			if t, ok := paramType(fn, 0); ok && !nullableType(t) {
				return nil, errorf(ErrEval, "reduce() empty list with no initial value and non-nullable accumulator type '%s'", typeText(t))
			}
			return None, nil
		}
		acc, items = items[0], items[1:]
	}
	for _, item := range items {
		acc, err = Call(th, fn, &Args{Pos: []Value{acc, item}})
		if err != nil {
			return nil, err
		}
	}
	return acc, nil
}

// paramType returns the declared type of a lambda's i-th parameter.
func paramType(fn Value, i int) (syntax.Type, bool) {
	l, ok := fn.(*Lambda)
	if !ok || l.node == nil || i >= len(l.node.Params) {
		return nil, false
	}
	t := l.node.Params[i].Type
	return t, t != nil
}

// nullableType reports whether None is a value of type t.
func nullableType(t syntax.Type) bool {
	switch t := t.(type) {
	case nil:
		return true
	case *syntax.NamedType:
		return t.Name == "any" || t.Name == "None" || t.Name == "NoneType"
	case *syntax.UnionType:
		for _, m := range t.Types {
			if nullableType(m) {
				return true
			}
		}
	}
	return false
}
