package eval

// This file holds the builtin functions of KCL's universe
// (reference/kcl-docs/model/builtin.md; upstream's
// kclvm/runtime/src/stdlib/builtin.rs and builtin_api.rs), the argument
// unpacker they share, and Call.

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"

	"akua.dev/akua/kcl/syntax"
)

// Call calls fn with args, or fails when fn is not callable.
func Call(th *Thread, fn Value, args *Args) (Value, error) {
	c, ok := fn.(Callable)
	if !ok {
		return nil, errorf(ErrType, "'%s' object is not callable", fn.Type())
	}
	if args == nil {
		args = &Args{}
	}
	v, err := c.Call(th, args)
	if err == nil && v == nil {
		v = None
	}
	return v, err
}

var (
	universeOnce sync.Once
	universe     map[string]Value
)

// Universe returns the builtin functions by name. The map is built
// once and must not be modified.
func Universe() map[string]Value {
	universeOnce.Do(func() {
		fns := map[string]BuiltinFunc{
			"print":      builtinPrint,
			"len":        builtinLen,
			"int":        builtinInt,
			"float":      builtinFloat,
			"str":        builtinStr,
			"bool":       builtinBool,
			"list":       builtinList,
			"dict":       builtinDict,
			"typeof":     builtinTypeof,
			"sorted":     builtinSorted,
			"range":      builtinRange,
			"min":        builtinMin,
			"max":        builtinMax,
			"sum":        builtinSum,
			"abs":        builtinAbs,
			"all_true":   builtinAllTrue,
			"any_true":   builtinAnyTrue,
			"isunique":   builtinIsUnique,
			"isnullish":  builtinIsNullish,
			"zip":        builtinZip,
			"hex":        builtinHex,
			"oct":        builtinOct,
			"bin":        builtinBin,
			"ord":        builtinOrd,
			"chr":        builtinChr,
			"round":      builtinRound,
			"pow":        builtinPow,
			"multiplyof": builtinMultiplyOf,
			"option":     builtinOption,
			"reduce":     builtinReduce,
		}
		universe = make(map[string]Value, len(fns))
		for name, fn := range fns {
			universe[name] = NewBuiltin(name, fn)
		}
	})
	return universe
}

// unpack binds args to the parameters names (positional, then by
// keyword). The first required names are mandatory; the others are
// nil in the result when not given.
func unpack(fname string, args *Args, required int, names ...string) ([]Value, error) {
	out := make([]Value, len(names))
	if args == nil {
		args = &Args{}
	}
	if len(args.Pos) > len(names) {
		if len(names) == 1 && required == 1 {
			return nil, errorf(ErrType, "%s() takes exactly one argument (%d given)", fname, len(args.Pos)+len(args.Kw))
		}
		return nil, errorf(ErrType, "%s() takes at most %d argument%s (%d given)", fname, len(names), plural(len(names)), len(args.Pos))
	}
	copy(out, args.Pos)
	for _, kw := range args.Kw {
		i := indexOf(names, kw.Name)
		if i < 0 {
			return nil, errorf(ErrType, "%s() got an unexpected keyword argument '%s'", fname, kw.Name)
		}
		if out[i] != nil {
			return nil, errorf(ErrType, "%s() got multiple values for argument '%s'", fname, kw.Name)
		}
		out[i] = kw.Value
	}
	for i := 0; i < required; i++ {
		if out[i] == nil {
			if len(names) == 1 {
				return nil, errorf(ErrType, "%s() takes exactly one argument (0 given)", fname)
			}
			return nil, errorf(ErrType, "%s() missing required argument '%s'", fname, names[i])
		}
	}
	return out, nil
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// noKwargs fails when args has keyword arguments.
func noKwargs(fname string, args *Args) error {
	if args != nil && len(args.Kw) > 0 {
		return errorf(ErrType, "%s() got an unexpected keyword argument '%s'", fname, args.Kw[0].Name)
	}
	return nil
}

// argError is the error for an argument of the wrong type.
func argError(fname, param string, want string, got Value) error {
	return errorf(ErrType, "%s() argument '%s': expected %s, got %s", fname, param, want, got.Type())
}

// given reports whether an optional argument was passed and is not
// None or Undefined.
func given(v Value) bool { return v != nil && !isNullish(v) }

func argInt(fname, param string, v Value) (Int, error) {
	switch n := numeric(v).(type) {
	case Int:
		return n, nil
	case Bool:
		if n {
			return 1, nil
		}
		return 0, nil
	}
	return 0, argError(fname, param, "int", v)
}

func argStr(fname, param string, v Value) (string, error) {
	if s, ok := v.(Str); ok {
		return string(s), nil
	}
	return "", argError(fname, param, "str", v)
}

// print(*args, sep=" ", end="\n") writes its arguments' str() forms to
// the thread's Stdout.
func builtinPrint(th *Thread, _ Value, args *Args) (Value, error) {
	sep, end := " ", "\n"
	for _, kw := range args.Kw {
		switch kw.Name {
		case "sep":
			sep = ToStr(kw.Value)
		case "end":
			end = ToStr(kw.Value)
		default:
			return nil, errorf(ErrType, "print() got an unexpected keyword argument '%s'", kw.Name)
		}
	}
	var b strings.Builder
	for i, v := range args.Pos {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(ToStr(v))
	}
	b.WriteString(end)
	var w io.Writer = io.Discard
	if th != nil && th.Stdout != nil {
		w = th.Stdout
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return nil, errorf(ErrEval, "print: %v", err)
	}
	return None, nil
}

// len(x) is the length of a str (in bytes, as upstream), list, dict or
// schema.
func builtinLen(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("len", args, 1, "inval")
	if err != nil {
		return nil, err
	}
	switch x := a[0].(type) {
	case Str:
		return Int(len(x)), nil
	case *List:
		return Int(len(x.Elems)), nil
	case *Dict:
		return Int(x.Len()), nil
	case *Schema:
		return Int(x.Attrs.Len()), nil
	}
	return nil, errorf(ErrType, "object of type '%s' has no len()", a[0].Type())
}

// str(x) is x's string form; str() is "".
func builtinStr(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("str", args, 0, "x")
	if err != nil {
		return nil, err
	}
	if a[0] == nil {
		return Str(""), nil
	}
	return Str(ToStr(a[0])), nil
}

// bool(x) is x's truth value.
func builtinBool(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("bool", args, 1, "x")
	if err != nil {
		return nil, err
	}
	return Bool(a[0].Truth()), nil
}

// list(x) is a new list of x's elements (a dict's keys, a str's
// characters); list() is [].
func builtinList(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("list", args, 0, "x")
	if err != nil {
		return nil, err
	}
	if a[0] == nil {
		return NewList(nil), nil
	}
	vals, err := iterValues(a[0])
	if err != nil {
		return nil, err
	}
	return NewList(vals), nil
}

// dict(x, **kwargs) is a new dict from a dict, a schema or a list of
// key-value pairs, updated with the keyword arguments.
func builtinDict(_ *Thread, _ Value, args *Args) (Value, error) {
	if len(args.Pos) > 1 {
		return nil, errorf(ErrType, "dict() takes at most 1 argument (%d given)", len(args.Pos))
	}
	d := NewDict(len(args.Kw))
	if len(args.Pos) == 1 && !isNullish(args.Pos[0]) {
		switch x := args.Pos[0].(type) {
		case *Dict:
			x.Items(func(k string, v Value) bool { d.Set(k, v); return true })
		case *Schema:
			x.Attrs.Items(func(k string, v Value) bool { d.Set(k, v); return true })
		default:
			elems, err := iterValues(x)
			if err != nil {
				return nil, err
			}
			for i, e := range elems {
				pair, err := iterValues(e)
				if err != nil || len(pair) != 2 {
					n := len(pair)
					if err != nil {
						n = 0
					}
					return nil, errorf(ErrValue, "dictionary update sequence element #%d has length %d; 2 is required", i, n)
				}
				d.Set(ToStr(pair[0]), pair[1])
			}
		}
	}
	for _, kw := range args.Kw {
		d.Set(kw.Name, kw.Value)
	}
	return d, nil
}

// typeof(x, full_name=False) is x's type name; with full_name a schema
// instance's name is qualified by its package path (not for __main__).
func builtinTypeof(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("typeof", args, 1, "x", "full_name")
	if err != nil {
		return nil, err
	}
	switch x := a[0].(type) {
	case *Schema:
		if a[1] != nil && a[1].Truth() && x.T.PkgPath != "" && x.T.PkgPath != "__main__" {
			return Str(strings.TrimPrefix(x.T.PkgPath, "@") + "." + x.T.Name), nil
		}
		return Str(x.T.Name), nil
	case NoneType:
		return Str("None"), nil
	case *SchemaType:
		return Str("type"), nil // as upstream names a schema used as a value
	}
	return Str(a[0].Type()), nil
}

// sorted(x, reverse=False) is a sorted list of x's elements (a str's
// characters, a dict's keys).
func builtinSorted(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("sorted", args, 1, "inval", "reverse")
	if err != nil {
		return nil, err
	}
	switch a[0].(type) {
	case *List, Str, *Dict, *Schema:
	default:
		return nil, errorf(ErrType, "sorted only for str|list|dict type, got %s", a[0].Type())
	}
	vals, err := iterValues(a[0])
	if err != nil {
		return nil, err
	}
	reverse := a[1] != nil && a[1].Truth()
	if err := sortValues(vals, reverse); err != nil {
		return nil, err
	}
	return NewList(vals), nil
}

// sortValues sorts vals in place, stably, by KCL's < ordering.
func sortValues(vals []Value, reverse bool) error {
	var firstErr error
	less := func(x, y Value) bool {
		c, err := order(syntax.CmpLt, x, y)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return c == -1
	}
	sort.SliceStable(vals, func(i, j int) bool {
		if reverse {
			return less(vals[j], vals[i])
		}
		return less(vals[i], vals[j])
	})
	return firstErr
}

// range(stop) or range(start, stop, step=1) is the list of ints from
// start up to (not including) stop.
func builtinRange(th *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("range", args, 1, "start", "stop", "step")
	if err != nil {
		return nil, err
	}
	var start, stop, step Int = 0, 0, 1
	names := []string{"start", "stop", "step"}
	ints := make([]Int, 3)
	for i, v := range a {
		if v == nil {
			continue
		}
		n, ok := numeric(v).(Int)
		if !ok {
			return nil, argError("range", names[i], "int", v)
		}
		ints[i] = n
	}
	if a[1] == nil {
		stop = ints[0]
	} else {
		start, stop = ints[0], ints[1]
	}
	if a[2] != nil {
		step = ints[2]
	}
	if step == 0 {
		return nil, errorf(ErrValue, "range() step argument must not be zero")
	}
	var n int64
	if step > 0 && stop > start {
		n = (int64(stop) - int64(start) + int64(step) - 1) / int64(step)
	} else if step < 0 && stop < start {
		n = (int64(start) - int64(stop) - int64(step) - 1) / -int64(step)
	}
	if n > maxRange {
		return nil, errorf(ErrValue, "range() result too large (%d elements)", n)
	}
	// Charge the memory budget before allocating, so a huge range stops
	// at once with a limit error instead of after filling memory.
	// An element is an interface (16 bytes) holding a boxed int (8).
	if th != nil {
		th.charge(24 * n)
	}
	elems := make([]Value, 0, n)
	for i, v := int64(0), start; i < n; i, v = i+1, v+step {
		if th != nil && i&(1<<16-1) == 0 {
			th.checkCanceled()
		}
		elems = append(elems, v)
	}
	return NewList(elems), nil
}

// maxRange bounds the length of range() lists when no memory budget
// stops them first.
const maxRange = 1 << 31

// min(x) or min(a, b, ...) is the smallest element.
func builtinMin(_ *Thread, _ Value, args *Args) (Value, error) { return extreme("min", args, -1) }

// max(x) or max(a, b, ...) is the largest element.
func builtinMax(_ *Thread, _ Value, args *Args) (Value, error) { return extreme("max", args, 1) }

func extreme(fname string, args *Args, want int) (Value, error) {
	if err := noKwargs(fname, args); err != nil {
		return nil, err
	}
	var vals []Value
	switch len(args.Pos) {
	case 0:
		return nil, errorf(ErrType, "%s() takes exactly one argument (0 given)", fname)
	case 1:
		var err error
		if vals, err = iterValues(args.Pos[0]); err != nil {
			return nil, err
		}
		if len(vals) == 0 {
			kind := args.Pos[0].Type()
			if _, ok := args.Pos[0].(*Schema); ok {
				kind = "dict"
			}
			return nil, errorf(ErrValue, "arg is an empty %s", kind)
		}
	default:
		vals = args.Pos
	}
	best := vals[0]
	for _, v := range vals[1:] {
		c, err := order(syntax.CmpLt, v, best)
		if err != nil {
			return nil, err
		}
		if c == want {
			best = v
		}
	}
	return best, nil
}

// sum(iterable, start=0) adds the elements to start.
func builtinSum(th *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("sum", args, 1, "iterable", "start")
	if err != nil {
		return nil, err
	}
	var acc Value = Int(0)
	if a[1] != nil {
		acc = a[1]
		if _, ok := acc.(Str); ok {
			return nil, errorf(ErrType, "sum() can't sum strings")
		}
	}
	vals, err := iterValues(a[0])
	if err != nil {
		return nil, err
	}
	for _, v := range vals {
		if acc, err = Binary(th, syntax.PLUS, acc, v); err != nil {
			return nil, err
		}
	}
	return acc, nil
}

// abs(x) is the absolute value of a number.
func builtinAbs(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("abs", args, 1, "inval")
	if err != nil {
		return nil, err
	}
	switch x := numeric(a[0]).(type) {
	case Int:
		if x < 0 {
			return Unary(syntax.MINUS, x)
		}
		return x, nil
	case Float:
		return Float(math.Abs(float64(x))), nil
	}
	return nil, errorf(ErrType, "bad operand type for abs(): '%s'", a[0].Type())
}

// truthValues returns the values all_true and any_true look at: the
// elements of a list, the values of a dict or schema.
func truthValues(v Value) ([]Value, bool) {
	switch v := v.(type) {
	case *List:
		return v.Elems, true
	case *Dict, *Schema:
		_, vals, _ := Iterate(v)
		return vals, true
	}
	return nil, false
}

// all_true(x) reports whether every element (or dict value) is true.
func builtinAllTrue(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("all_true", args, 1, "inval")
	if err != nil {
		return nil, err
	}
	vals, ok := truthValues(a[0])
	if !ok {
		return False, nil
	}
	for _, v := range vals {
		if !v.Truth() {
			return False, nil
		}
	}
	return True, nil
}

// any_true(x) reports whether some element (or dict value) is true.
func builtinAnyTrue(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("any_true", args, 1, "inval")
	if err != nil {
		return nil, err
	}
	vals, _ := truthValues(a[0])
	for _, v := range vals {
		if v.Truth() {
			return True, nil
		}
	}
	return False, nil
}

// isunique(list) reports whether no two elements are equal (1 and 1.0
// are).
func builtinIsUnique(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("isunique", args, 1, "inval")
	if err != nil {
		return nil, err
	}
	l, ok := a[0].(*List)
	if !ok {
		return False, nil
	}
	seen := make(map[string]bool, len(l.Elems))
	var others []Value
	for _, v := range l.Elems {
		if k, ok := scalarKey(v); ok {
			if seen[k] {
				return False, nil
			}
			seen[k] = true
			continue
		}
		for _, o := range others {
			if Equal(o, v) {
				return False, nil
			}
		}
		others = append(others, v)
	}
	return True, nil
}

// scalarKey returns a key equal for equal scalars (1 and 1.0 alike).
func scalarKey(v Value) (string, bool) {
	switch v := numeric(v).(type) {
	case Int:
		return fmt.Sprintf("n%d", v), true
	case Float:
		f := float64(v)
		if f == float64(int64(f)) && f >= -9.2e18 && f <= 9.2e18 {
			return fmt.Sprintf("n%d", int64(f)), true
		}
		return fmt.Sprintf("f%v", f), f == f
	case Str:
		return "s" + string(v), true
	case Bool:
		return fmt.Sprintf("b%v", bool(v)), true
	case NoneType:
		return "None", true
	case UndefinedType:
		return "Undefined", true
	}
	return "", false
}

// isnullish(x) reports whether x is None or Undefined.
func builtinIsNullish(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("isnullish", args, 1, "inval")
	if err != nil {
		return nil, err
	}
	return Bool(isNullish(a[0])), nil
}

// zip(*iterables) is the list of lists of their i-th elements, as long
// as the shortest.
func builtinZip(_ *Thread, _ Value, args *Args) (Value, error) {
	if err := noKwargs("zip", args); err != nil {
		return nil, err
	}
	seqs := make([][]Value, len(args.Pos))
	n := -1
	for i, v := range args.Pos {
		vals, err := iterValues(v)
		if err != nil {
			return nil, err
		}
		seqs[i] = vals
		if n < 0 || len(vals) < n {
			n = len(vals)
		}
	}
	if n < 0 {
		n = 0
	}
	out := make([]Value, n)
	for i := 0; i < n; i++ {
		row := make([]Value, len(seqs))
		for j := range seqs {
			row[j] = seqs[j][i]
		}
		out[i] = NewList(row)
	}
	return NewList(out), nil
}

// hex(x), oct(x) and bin(x) write an int in base 16, 8 and 2 with a
// 0x, 0o or 0b prefix.
func builtinHex(_ *Thread, _ Value, args *Args) (Value, error) { return radix("hex", args, 16, "0x") }
func builtinOct(_ *Thread, _ Value, args *Args) (Value, error) { return radix("oct", args, 8, "0o") }
func builtinBin(_ *Thread, _ Value, args *Args) (Value, error) { return radix("bin", args, 2, "0b") }

func radix(fname string, args *Args, base int, prefix string) (Value, error) {
	a, err := unpack(fname, args, 1, "number")
	if err != nil {
		return nil, err
	}
	n, ok := numeric(a[0]).(Int)
	if !ok {
		return nil, errorf(ErrType, "'%s' object cannot be interpreted as an integer", a[0].Type())
	}
	u := uint64(n)
	sign := ""
	if n < 0 {
		sign = "-"
		u = -u
	}
	return Str(sign + prefix + formatUint(u, base)), nil
}

func formatUint(u uint64, base int) string {
	const digits = "0123456789abcdef"
	if u == 0 {
		return "0"
	}
	var buf [64]byte
	i := len(buf)
	for u > 0 {
		i--
		buf[i] = digits[u%uint64(base)]
		u /= uint64(base)
	}
	return string(buf[i:])
}

// ord(c) is the code point of a one-character string.
func builtinOrd(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("ord", args, 1, "c")
	if err != nil {
		return nil, err
	}
	s, err := argStr("ord", "c", a[0])
	if err != nil {
		return nil, err
	}
	r := []rune(s)
	if len(r) != 1 {
		return nil, errorf(ErrType, "ord() expected string of length 1, but string of length %d found", len(s))
	}
	return Int(r[0]), nil
}

// chr(i) is the one-character string of code point i.
func builtinChr(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("chr", args, 1, "i")
	if err != nil {
		return nil, err
	}
	n, err := argInt("chr", "i", a[0])
	if err != nil {
		return nil, err
	}
	if n < 0 || n > 0x10ffff {
		return nil, errorf(ErrValue, "chr() arg not in range(0x110000)")
	}
	return Str(string(rune(n))), nil
}

// multiplyof(a, b) reports whether a is a multiple of b.
func builtinMultiplyOf(_ *Thread, _ Value, args *Args) (Value, error) {
	a, err := unpack("multiplyof", args, 2, "a", "b")
	if err != nil {
		return nil, err
	}
	x, err := argInt("multiplyof", "a", a[0])
	if err != nil {
		return nil, err
	}
	y, err := argInt("multiplyof", "b", a[1])
	if err != nil {
		return nil, err
	}
	if y == 0 {
		return nil, errorf(ErrZeroDiv, "integer division or modulo by zero")
	}
	if y == -1 {
		return True, nil
	}
	return Bool(x%y == 0), nil
}
