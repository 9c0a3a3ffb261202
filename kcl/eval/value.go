// Package eval holds KCL values and the evaluator: it runs a parsed
// program (kcl/syntax) and produces a value tree. Values follow
// starlark-go's shape: a small Value interface and one Go type per KCL
// type; dicts keep insertion order.
package eval

import (
	"math"
	"strconv"
	"strings"
)

// A Value is a KCL value.
type Value interface {
	// Type returns the KCL type name: "int", "float", "str", "bool",
	// "NoneType", "UndefinedType", "list", "dict", "function", "module",
	// or a schema's name.
	Type() string
	// String returns the value as KCL's str() prints it.
	String() string
	// Truth reports the value's truthiness.
	Truth() bool
}

// NoneType is the type of None.
type NoneType struct{}

// UndefinedType is the type of Undefined: an absent value. Undefined
// attributes and variables are left out of the output.
type UndefinedType struct{}

// None and Undefined are the two null values.
var (
	None      Value = NoneType{}
	Undefined Value = UndefinedType{}
)

func (NoneType) Type() string   { return "NoneType" }
func (NoneType) String() string { return "None" }
func (NoneType) Truth() bool    { return false }

func (UndefinedType) Type() string   { return "UndefinedType" }
func (UndefinedType) String() string { return "Undefined" }
func (UndefinedType) Truth() bool    { return false }

// Bool is a KCL bool.
type Bool bool

// True and False are the two bools.
const (
	True  = Bool(true)
	False = Bool(false)
)

func (b Bool) Type() string { return "bool" }
func (b Bool) String() string {
	if b {
		return "True"
	}
	return "False"
}
func (b Bool) Truth() bool { return bool(b) }

// Int is a KCL int (64-bit; overflow is an error).
type Int int64

func (i Int) Type() string   { return "int" }
func (i Int) String() string { return strconv.FormatInt(int64(i), 10) }
func (i Int) Truth() bool    { return i != 0 }

// Float is a KCL float.
type Float float64

func (f Float) Type() string   { return "float" }
func (f Float) String() string { return FormatFloatStr(float64(f)) }
func (f Float) Truth() bool    { return f != 0 }

// FormatFloat formats f as KCL's str() does: like Python's repr, with a
// ".0" on integral values and exponent form for very small or large ones.
func FormatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	abs := math.Abs(f)
	if abs != 0 && (abs < 1e-4 || abs >= 1e16) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		// Python writes e-05 / e+16; Go writes e-05 / e+16 as well.
		return s
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// Str is a KCL string.
type Str string

func (s Str) Type() string   { return "str" }
func (s Str) String() string { return string(s) }
func (s Str) Truth() bool    { return s != "" }

// A Unit is a number literal written with a unit suffix (`1Ki`, `500m`).
// It computes like its numeric value (an int, or a float for n, u, m)
// and str() gives back the literal form ("1Ki").
type Unit struct {
	Num    Value  // Int or Float: the value with the suffix applied
	Raw    int64  // the number as written
	Suffix string // n u m k K M G T P Ki Mi Gi Ti Pi
}

func (u *Unit) Type() string   { return "number_multiplier" }
func (u *Unit) String() string { return strconv.FormatInt(u.Raw, 10) + u.Suffix }
func (u *Unit) Truth() bool    { return u.Num.Truth() }

// A List is a mutable KCL list.
type List struct {
	Elems []Value
}

// NewList returns a list holding elems (not copied).
func NewList(elems []Value) *List { return &List{Elems: elems} }

func (l *List) Type() string   { return "list" }
func (l *List) String() string { return Repr(l) }
func (l *List) Truth() bool    { return len(l.Elems) > 0 }

// Len returns the number of elements.
func (l *List) Len() int { return len(l.Elems) }

// Append adds v at the end.
func (l *List) Append(v Value) { l.Elems = append(l.Elems, v) }
