package eval

// This file holds the string forms of values: ToStr (KCL's str(), also
// used by print and "${x}") and Repr, following upstream's Display
// implementation (kclvm/runtime/src/value/val_fmt.rs):
//
//   - strings print as they are; inside a dict or schema the values
//     that are strings are quoted ('a', or "a" when the string holds a
//     single quote... see quotedString), list elements never are:
//     str(["a"]) is "[a]" and str({"k": "v"}) is "{'k': 'v'}";
//   - floats print in plain decimal with at least one fractional digit
//     (1.0, 0.000000001), never in exponent form;
//   - None, Undefined, True, False by name; functions as "function";
//   - a number with a unit suffix as written (1Ki).

import (
	"math"
	"strconv"
	"strings"
)

// ToStr returns KCL's str(v).
func ToStr(v Value) string {
	if s, ok := v.(Str); ok {
		return string(s)
	}
	var b strings.Builder
	writeDisplay(&b, v)
	return b.String()
}

// Repr returns v as it prints inside a dict: like ToStr, with strings
// quoted.
func Repr(v Value) string {
	if s, ok := v.(Str); ok {
		return quotedString(string(s))
	}
	return ToStr(v)
}

// FormatFloatStr formats f as KCL's str() does: the shortest decimal
// that reads back as f, never in exponent form, with ".0" added when it
// has no decimal point ("1.0", "0.000000001", "inf.0" for infinity as
// upstream prints it).
func FormatFloatStr(f float64) string {
	var s string
	switch {
	case math.IsNaN(f):
		s = "NaN"
	case math.IsInf(f, 1):
		s = "inf"
	case math.IsInf(f, -1):
		s = "-inf"
	default:
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// quotedString quotes s as upstream does for dict keys and values:
// 'a' unless s holds a double quote; then "a" unless s also holds a
// single quote; then "a" with inner double quotes escaped.
func quotedString(s string) string {
	switch {
	case !strings.Contains(s, `"`):
		return "'" + s + "'"
	case !strings.Contains(s, "'"):
		return `"` + s + `"`
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

func writeDisplay(b *strings.Builder, v Value) {
	switch v := v.(type) {
	case nil:
		b.WriteString("None")
	case Str:
		b.WriteString(string(v))
	case Int:
		b.WriteString(strconv.FormatInt(int64(v), 10))
	case Float:
		b.WriteString(FormatFloatStr(float64(v)))
	case Bool, NoneType, UndefinedType, *Unit:
		b.WriteString(v.String())
	case *List:
		b.WriteByte('[')
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			writeDisplay(b, e)
		}
		b.WriteByte(']')
	case *Dict:
		writeDictDisplay(b, v)
	case *Schema:
		writeDictDisplay(b, v.Attrs)
	case *Module:
		b.WriteString(v.String())
	case Callable, *SchemaType:
		b.WriteString("function")
	default:
		b.WriteString(v.String())
	}
}

func writeDictDisplay(b *strings.Builder, d *Dict) {
	b.WriteByte('{')
	for i, k := range d.Keys() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quotedString(k))
		b.WriteString(": ")
		v, _ := d.Get(k)
		if s, ok := v.(Str); ok {
			b.WriteString(quotedString(string(s)))
		} else {
			writeDisplay(b, v)
		}
	}
	b.WriteByte('}')
}
