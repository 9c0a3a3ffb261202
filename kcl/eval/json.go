package eval

// This file holds JSON output, formatted as upstream's serde_json
// formatter (kclvm/runtime/src/value/val_json.rs): `{"a": 1, "b": [1, 2]}`
// on one line, or one entry a line with an indent; floats in the
// shortest form that reads back (1.0, 1e-9, 3.4e38).

import (
	"math"
	"strconv"
	"strings"
)

// EncodeJSON plans v (see Plan) and writes it as JSON. With indent ""
// the result is on one line with ", " and ": " separators; otherwise
// each entry is on its own line, indented by indent per level. The
// result has no trailing newline.
func EncodeJSON(v Value, opt PlanOptions, indent string) ([]byte, error) {
	w := jsonWriter{indent: indent}
	w.value(Plan(v, opt), 0)
	return w.buf, nil
}

type jsonWriter struct {
	buf    []byte
	indent string
}

func (w *jsonWriter) newline(level int) {
	w.buf = append(w.buf, '\n')
	for i := 0; i < level; i++ {
		w.buf = append(w.buf, w.indent...)
	}
}

// sep writes the separator before the i-th entry of a container at
// level.
func (w *jsonWriter) sep(i, level int) {
	if i > 0 {
		w.buf = append(w.buf, ',')
	}
	if w.indent != "" {
		w.newline(level)
	} else if i > 0 {
		w.buf = append(w.buf, ' ')
	}
}

func (w *jsonWriter) value(v Value, level int) {
	switch v := v.(type) {
	case NoneType, UndefinedType, nil:
		w.buf = append(w.buf, "null"...)
	case Bool:
		w.buf = strconv.AppendBool(w.buf, bool(v))
	case Int:
		w.buf = strconv.AppendInt(w.buf, int64(v), 10)
	case Float:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			w.buf = append(w.buf, "null"...)
		} else {
			w.buf = append(w.buf, formatFloatShortest(f)...)
		}
	case Str:
		w.buf = appendJSONString(w.buf, string(v))
	case *List:
		w.buf = append(w.buf, '[')
		for i, e := range v.Elems {
			w.sep(i, level+1)
			w.value(e, level+1)
		}
		if len(v.Elems) > 0 && w.indent != "" {
			w.newline(level)
		}
		w.buf = append(w.buf, ']')
	case *Dict:
		w.buf = append(w.buf, '{')
		for i, k := range v.Keys() {
			w.sep(i, level+1)
			w.buf = appendJSONString(w.buf, k)
			w.buf = append(w.buf, ": "...)
			e, _ := v.Get(k)
			w.value(e, level+1)
		}
		if v.Len() > 0 && w.indent != "" {
			w.newline(level)
		}
		w.buf = append(w.buf, '}')
	default:
		w.buf = appendJSONString(w.buf, ToStr(v))
	}
}

// appendJSONString appends s as a JSON string as serde_json writes it:
// `"` and `\` escaped, control characters as \b \f \n \r \t or \u00XX,
// everything else (non-ASCII included) as is.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\n':
			esc = `\n`
		case c == '\r':
			esc = `\r`
		case c == '\t':
			esc = `\t`
		case c == '\b':
			esc = `\b`
		case c == '\f':
			esc = `\f`
		case c < 0x20:
			esc = `\u00` + string(hex[c>>4]) + string(hex[c&0xf])
		default:
			continue
		}
		buf = append(buf, s[start:i]...)
		buf = append(buf, esc...)
		start = i + 1
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// formatFloatShortest formats a finite f as Rust's ryu crate does (used
// by serde_json and serde_yaml): the shortest digits that read back as
// f; plain notation with ".0" for integral values below 1e16, decimals
// down to 1e-5, otherwise exponent form without "+" or zero padding
// (1e-7, 1.5e16, 3.4e38).
func formatFloatShortest(f float64) string {
	if f == 0 {
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	digits := strings.Replace(mant, ".", "", 1)
	n := len(digits)
	kk := exp + 1 // the decimal point is after kk digits
	k := kk - n   // the value is digits × 10^k
	var b strings.Builder
	b.WriteString(sign)
	switch {
	case k >= 0 && kk <= 16:
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", k))
		b.WriteString(".0")
	case kk > 0 && kk <= 16:
		b.WriteString(digits[:kk])
		b.WriteByte('.')
		b.WriteString(digits[kk:])
	case kk > -5 && kk <= 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -kk))
		b.WriteString(digits)
	default:
		b.WriteByte(digits[0])
		if n > 1 {
			b.WriteByte('.')
			b.WriteString(digits[1:])
		}
		b.WriteByte('e')
		b.WriteString(strconv.Itoa(kk - 1))
	}
	return b.String()
}
