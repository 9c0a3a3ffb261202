package eval

// This file holds KCL's operators on values: arithmetic, bitwise,
// union and comparison, with upstream's overflow checks and messages
// (kclvm/runtime/src/value/val_bin.rs, val_cmp.rs, val_unary.rs,
// val_is_in.rs, val_overflow.rs).

import (
	"math"
	"math/big"
	"strings"

	"akua.dev/akua/kcl/syntax"
)

// numeric returns v with a *Unit replaced by its numeric value.
func numeric(v Value) Value {
	if u, ok := v.(*Unit); ok {
		return u.Num
	}
	return v
}

// unsupported is the error for an operator applied to operands of the
// wrong types.
func unsupported(op string, x, y Value) error {
	return errorf(ErrType, "unsupported operand type(s) for %s: '%s' and '%s'", op, x.Type(), y.Type())
}

// strict reports whether th asks for 32-bit range checks (`-r`).
func strict(th *Thread) bool { return th != nil && th.StrictRangeCheck }

// Binary applies the arithmetic or bitwise operator op (PLUS MINUS STAR
// SLASH SLASHSLASH PERCENT STARSTAR LTLT GTGT AMP CIRCUMFLEX PIPE) to x
// and y. Ints overflow into an error, never wrap; `/` always gives a
// float; `|` on dicts, lists and schemas unifies them (Union).
func Binary(th *Thread, op syntax.Token, x, y Value) (Value, error) {
	if op == syntax.PIPE {
		return binaryOr(th, x, y)
	}
	x, y = numeric(x), numeric(y)
	switch x := x.(type) {
	case Int:
		switch y := y.(type) {
		case Int:
			return intBinary(th, op, x, y)
		case Float:
			return floatBinary(th, op, Float(x), y, x, y)
		}
	case Float:
		switch y := y.(type) {
		case Int:
			return floatBinary(th, op, x, Float(y), x, y)
		case Float:
			return floatBinary(th, op, x, y, x, y)
		}
	}
	switch op {
	case syntax.PLUS:
		switch x := x.(type) {
		case Str:
			if y, ok := y.(Str); ok {
				return x + y, nil
			}
		case *List:
			yl, ok := y.(*List)
			if !ok {
				return nil, errorf(ErrType, "can only concatenate list (not \"%s\") to list", y.Type())
			}
			elems := make([]Value, 0, len(x.Elems)+len(yl.Elems))
			elems = append(elems, x.Elems...)
			elems = append(elems, yl.Elems...)
			return NewList(elems), nil
		}
	case syntax.STAR:
		if n, ok := y.(Int); ok {
			if r, ok := repeat(x, n); ok {
				return r, nil
			}
		}
		if n, ok := x.(Int); ok {
			if r, ok := repeat(y, n); ok {
				return r, nil
			}
		}
	}
	return nil, unsupported(op.String(), x, y)
}

// repeat returns s * n for a str or list s.
func repeat(s Value, n Int) (Value, bool) {
	if n < 0 {
		n = 0
	}
	switch s := s.(type) {
	case Str:
		if len(s) > 0 && int64(n) > int64(math.MaxInt32)/int64(len(s)) {
			return nil, false
		}
		return Str(strings.Repeat(string(s), int(n))), true
	case *List:
		if len(s.Elems) > 0 && int64(n) > int64(math.MaxInt32)/int64(len(s.Elems)) {
			return nil, false
		}
		elems := make([]Value, 0, len(s.Elems)*int(n))
		for i := Int(0); i < n; i++ {
			elems = append(elems, s.Elems...)
		}
		return NewList(elems), true
	}
	return nil, false
}

// binaryOr is `x | y`: bitwise or of ints, unification of configs and
// lists, and None or Undefined on either side gives the other.
func binaryOr(th *Thread, x, y Value) (Value, error) {
	nx, ny := numeric(x), numeric(y)
	if a, ok := nx.(Int); ok {
		if b, ok := ny.(Int); ok {
			return a | b, nil
		}
	}
	if isNullish(x) {
		return y, nil
	}
	if isNullish(y) {
		return x, nil
	}
	if isListOrConfig(x) && isListOrConfig(y) {
		return Union(th, x, y)
	}
	return nil, unsupported("|", x, y)
}

// intOverflow is the error of an int result v outside 64 (or, with -r,
// 32) bits.
func intOverflow(v *big.Int, bits int) error {
	return errorf(ErrOverflow, "%s: A %d bit integer overflow", v.String(), bits)
}

// checkInt returns the int64 value of r or the overflow error, checking
// the 32-bit range too when th is strict. a and b are the operands
// (upstream also rejects 32-bit-overflowing operands under -r).
func checkInt(th *Thread, r *big.Int, a, b Int) (Value, error) {
	if strict(th) {
		if !fits32(int64(a)) || !fits32(int64(b)) || !r.IsInt64() || !fits32(r.Int64()) {
			return nil, intOverflow(r, 32)
		}
	}
	if !r.IsInt64() {
		return nil, intOverflow(r, 64)
	}
	return Int(r.Int64()), nil
}

func fits32(v int64) bool { return v >= math.MinInt32 && v <= math.MaxInt32 }

func intBinary(th *Thread, op syntax.Token, a, b Int) (Value, error) {
	switch op {
	case syntax.PLUS:
		s := a + b
		if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) || strict(th) && !fits32(int64(s)) {
			return checkInt(th, new(big.Int).Add(big.NewInt(int64(a)), big.NewInt(int64(b))), a, b)
		}
		if strict(th) && (!fits32(int64(a)) || !fits32(int64(b))) {
			return nil, intOverflow(big.NewInt(int64(s)), 32)
		}
		return s, nil
	case syntax.MINUS:
		s := a - b
		if (a >= 0) != (b >= 0) && (s >= 0) != (a >= 0) || strict(th) && !fits32(int64(s)) {
			return checkInt(th, new(big.Int).Sub(big.NewInt(int64(a)), big.NewInt(int64(b))), a, b)
		}
		if strict(th) && (!fits32(int64(a)) || !fits32(int64(b))) {
			return nil, intOverflow(big.NewInt(int64(s)), 32)
		}
		return s, nil
	case syntax.STAR:
		if small(a) && small(b) && !strict(th) {
			return a * b, nil
		}
		return checkInt(th, new(big.Int).Mul(big.NewInt(int64(a)), big.NewInt(int64(b))), a, b)
	case syntax.SLASH:
		if b == 0 {
			return nil, errorf(ErrZeroDiv, "division by zero")
		}
		return Float(float64(a) / float64(b)), nil
	case syntax.SLASHSLASH:
		if b == 0 {
			return nil, errorf(ErrZeroDiv, "integer division or modulo by zero")
		}
		if a == math.MinInt64 && b == -1 {
			return nil, intOverflow(new(big.Int).Neg(big.NewInt(int64(a))), 64)
		}
		q := a / b
		if (a < 0) != (b < 0) && a%b != 0 {
			q--
		}
		return q, nil
	case syntax.PERCENT:
		if b == 0 {
			return nil, errorf(ErrZeroDiv, "integer division or modulo by zero")
		}
		if b == -1 {
			return Int(0), nil
		}
		m := a % b
		if m != 0 && (m < 0) != (b < 0) {
			m += b
		}
		return m, nil
	case syntax.STARSTAR:
		if b < 0 {
			return Float(math.Pow(float64(a), float64(b))), nil
		}
		if b > 64 && a != 0 && a != 1 && a != -1 {
			return nil, errorf(ErrOverflow, "%d ** %d: A 64 bit integer overflow", a, b)
		}
		r := new(big.Int).Exp(big.NewInt(int64(a)), big.NewInt(int64(b)), nil)
		return checkInt(th, r, a, b)
	case syntax.LTLT:
		if b < 0 {
			return nil, errorf(ErrValue, "negative shift count")
		}
		if b >= 64 {
			if a == 0 {
				return Int(0), nil
			}
			if b > 1024 {
				return nil, errorf(ErrOverflow, "%d << %d: A 64 bit integer overflow", a, b)
			}
		}
		return checkInt(th, new(big.Int).Lsh(big.NewInt(int64(a)), uint(b)), a, b)
	case syntax.GTGT:
		if b < 0 {
			return nil, errorf(ErrValue, "negative shift count")
		}
		if b > 63 {
			b = 63
		}
		return a >> uint(b), nil
	case syntax.AMP:
		return a & b, nil
	case syntax.CIRCUMFLEX:
		return a ^ b, nil
	}
	return nil, unsupported(op.String(), a, b)
}

// small reports whether |v| < 2^31, so that products of two smalls fit.
func small(v Int) bool { return v > -1<<31 && v < 1<<31 }

// floatBinary applies op to floats a and b (the promoted operands; ox
// and oy are the originals, for messages).
func floatBinary(th *Thread, op syntax.Token, a, b Float, ox, oy Value) (Value, error) {
	x, y := float64(a), float64(b)
	var r float64
	switch op {
	case syntax.PLUS:
		r = x + y
	case syntax.MINUS:
		r = x - y
	case syntax.STAR:
		r = x * y
	case syntax.SLASH:
		if y == 0 {
			return nil, errorf(ErrZeroDiv, "float division by zero")
		}
		r = x / y
	case syntax.SLASHSLASH:
		if y == 0 {
			return nil, errorf(ErrZeroDiv, "float floor division by zero")
		}
		r = math.Floor(x / y)
	case syntax.PERCENT:
		if y == 0 {
			return nil, errorf(ErrZeroDiv, "float modulo by zero")
		}
		// Upstream uses the remainder of truncated division (Rust's %).
		r = math.Mod(x, y)
	case syntax.STARSTAR:
		r = math.Pow(x, y)
	default:
		return nil, unsupported(op.String(), ox, oy)
	}
	if strict(th) {
		switch op {
		case syntax.PLUS, syntax.MINUS, syntax.STAR, syntax.STARSTAR:
			if f32Overflow(x) || f32Overflow(y) || f32Overflow(r) {
				return nil, errorf(ErrOverflow, "%s: A 32-bit floating point number overflow", FormatFloat(r))
			}
		}
	}
	return Float(r), nil
}

func f32Overflow(v float64) bool { return v > math.MaxFloat32 || v < -math.MaxFloat32 }

// Unary applies the unary operator op (PLUS MINUS TILDE NOT) to x.
func Unary(op syntax.Token, x Value) (Value, error) {
	if op == syntax.NOT {
		return Bool(!x.Truth()), nil
	}
	switch v := numeric(x).(type) {
	case Int:
		switch op {
		case syntax.PLUS:
			return v, nil
		case syntax.MINUS:
			if v == math.MinInt64 {
				return nil, intOverflow(new(big.Int).Neg(big.NewInt(int64(v))), 64)
			}
			return -v, nil
		case syntax.TILDE:
			return ^v, nil
		}
	case Float:
		switch op {
		case syntax.PLUS:
			return v, nil
		case syntax.MINUS:
			return -v, nil
		}
	}
	return nil, errorf(ErrType, "bad operand type for unary %s: '%s'", op.String(), x.Type())
}

// Compare applies the comparison op to x and y.
func Compare(th *Thread, op syntax.CompareOp, x, y Value) (bool, error) {
	switch op {
	case syntax.CmpEq:
		return Equal(x, y), nil
	case syntax.CmpNe:
		return !Equal(x, y), nil
	case syntax.CmpIs:
		return identical(x, y), nil
	case syntax.CmpIsNot:
		return !identical(x, y), nil
	case syntax.CmpIn:
		return contains(y, x)
	case syntax.CmpNotIn:
		ok, err := contains(y, x)
		return !ok, err
	}
	c, err := order(op, x, y)
	if err != nil || c == unordered {
		return false, err
	}
	switch op {
	case syntax.CmpLt:
		return c < 0, nil
	case syntax.CmpLe:
		return c <= 0, nil
	case syntax.CmpGt:
		return c > 0, nil
	case syntax.CmpGe:
		return c >= 0, nil
	}
	return false, errorf(ErrEval, "unknown comparison %v", op)
}

// identical is `x is y`. Upstream compares values the way == does; None
// and Undefined are distinct.
func identical(x, y Value) bool { return Equal(x, y) }

// contains reports whether x is in container c: an element of a list, a
// key of a dict or schema, a substring of a str.
func contains(c, x Value) (bool, error) {
	switch c := c.(type) {
	case Str:
		if s, ok := x.(Str); ok {
			return strings.Contains(string(c), string(s)), nil
		}
		return false, nil
	case *List:
		for _, e := range c.Elems {
			if Equal(x, e) {
				return true, nil
			}
		}
		return false, nil
	case *Dict:
		if s, ok := x.(Str); ok {
			return c.Has(string(s)), nil
		}
		return false, nil
	case *Schema:
		if s, ok := x.(Str); ok {
			return c.Attrs.Has(string(s)), nil
		}
		return false, nil
	}
	return false, errorf(ErrType, "argument of type '%s' is not iterable", c.Type())
}

// Equal reports whether x and y are equal: ints and floats compare by
// value (1 == 1.0), lists element-wise, dicts and schemas by their
// key-value pairs regardless of order. A bool never equals a number.
func Equal(x, y Value) bool {
	x, y = numeric(x), numeric(y)
	switch x := x.(type) {
	case Int:
		switch y := y.(type) {
		case Int:
			return x == y
		case Float:
			return float64(x) == float64(y)
		}
		return false
	case Float:
		switch y := y.(type) {
		case Int:
			return float64(x) == float64(y)
		case Float:
			return x == y
		}
		return false
	case NoneType:
		_, ok := y.(NoneType)
		return ok
	case UndefinedType:
		_, ok := y.(UndefinedType)
		return ok
	case Bool:
		b, ok := y.(Bool)
		return ok && b == x
	case Str:
		s, ok := y.(Str)
		return ok && s == x
	case *List:
		l, ok := y.(*List)
		if !ok || len(l.Elems) != len(x.Elems) {
			return false
		}
		for i := range x.Elems {
			if !Equal(x.Elems[i], l.Elems[i]) {
				return false
			}
		}
		return true
	case *Dict:
		switch y := y.(type) {
		case *Dict:
			return dictEqual(x, y)
		case *Schema:
			return dictEqual(x, y.Attrs)
		}
		return false
	case *Schema:
		switch y := y.(type) {
		case *Dict:
			return dictEqual(x.Attrs, y)
		case *Schema:
			return dictEqual(x.Attrs, y.Attrs)
		}
		return false
	}
	return x == y
}

func dictEqual(a, b *Dict) bool {
	if a == b {
		return true
	}
	if a.Len() != b.Len() {
		return false
	}
	for _, k := range a.Keys() {
		bv, ok := b.Get(k)
		if !ok {
			return false
		}
		av, _ := a.Get(k)
		if !Equal(av, bv) {
			return false
		}
	}
	return true
}

// order compares x and y for <, <=, >, >=: numbers (bools count as 0
// and 1), strings, and lists lexicographically.
func order(op syntax.CompareOp, x, y Value) (int, error) {
	x, y = numeric(x), numeric(y)
	if a, ok := orderNum(x); ok {
		if b, ok := orderNum(y); ok {
			return cmpNum(a, b), nil
		}
	}
	switch x := x.(type) {
	case Str:
		if y, ok := y.(Str); ok {
			return strings.Compare(string(x), string(y)), nil
		}
	case *List:
		if y, ok := y.(*List); ok {
			n := min(len(x.Elems), len(y.Elems))
			for i := 0; i < n; i++ {
				if !Equal(x.Elems[i], y.Elems[i]) {
					return order(op, x.Elems[i], y.Elems[i])
				}
			}
			return cmpInt(len(x.Elems), len(y.Elems)), nil
		}
	}
	return 0, errorf(ErrType, "'%s' not supported between instances of '%s' and '%s'", op.String(), x.Type(), y.Type())
}

// orderNum returns a number for ordering: Int, Float or a Bool as 0/1.
func orderNum(v Value) (Value, bool) {
	switch v := v.(type) {
	case Int, Float:
		return v, true
	case Bool:
		if v {
			return Int(1), true
		}
		return Int(0), true
	}
	return nil, false
}

func cmpNum(a, b Value) int {
	if x, ok := a.(Int); ok {
		if y, ok := b.(Int); ok {
			return cmpInt(int(x), int(y))
		}
	}
	x, y := toFloat(a), toFloat(b)
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	case x == y:
		return 0
	}
	return unordered // NaN
}

// unordered is the result of comparing NaN with a number.
const unordered = 2

func toFloat(v Value) float64 {
	switch v := v.(type) {
	case Int:
		return float64(v)
	case Float:
		return float64(v)
	}
	return 0
}

func cmpInt[T ~int | ~int64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
