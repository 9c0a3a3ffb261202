package eval

// This file holds str.format and its format-spec mini-language, as
// upstream implements it (kclvm/runtime/src/value/val_fmt.rs, a port of
// RustPython's): "{}", "{0}", "{name}", "{0[1]}", "{0.attr}" fields,
// "{{" and "}}" escapes, and specs [[fill]align][sign][#][0][width]
// [,|_][.precision][type] for ints and floats. Strings honour fill,
// align and width too (upstream ignores specs on strings; Python does
// not).

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// formatString implements template.format(*args.Pos, **args.Kw).
func formatString(template string, args *Args) (string, error) {
	if args == nil {
		args = &Args{}
	}
	var b strings.Builder
	auto, manual := 0, false
	autoUsed := false
	for i := 0; i < len(template); {
		c := template[i]
		switch c {
		case '{':
			if i+1 < len(template) && template[i+1] == '{' {
				b.WriteByte('{')
				i += 2
				continue
			}
			field, n, err := scanField(template[i:])
			if err != nil {
				return "", err
			}
			i += n
			name, spec, _ := strings.Cut(field, ":")
			name, _, _ = strings.Cut(name, "!") // conversions are ignored, as upstream
			head, rest := splitFieldName(name)
			var arg Value
			switch {
			case head == "":
				if manual {
					return "", errorf(ErrValue, "cannot switch from manual field specification to automatic field numbering")
				}
				autoUsed = true
				if auto >= len(args.Pos) {
					return "", errorf(ErrIndex, "argument tuple index out of range")
				}
				arg = args.Pos[auto]
				auto++
			case isDigits(head):
				if autoUsed {
					return "", errorf(ErrValue, "cannot switch from automatic field numbering to manual field specification")
				}
				manual = true
				idx, _ := strconv.Atoi(head)
				if idx >= len(args.Pos) {
					return "", errorf(ErrIndex, "argument tuple index out of range")
				}
				arg = args.Pos[idx]
			default:
				v, ok := args.Kwarg(head)
				if !ok {
					return "", errorf(ErrKey, "keyword argument '%s' not found", head)
				}
				arg = v
			}
			arg, err = fieldParts(arg, rest)
			if err != nil {
				return "", err
			}
			s, err := formatValue(arg, spec)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case '}':
			if i+1 < len(template) && template[i+1] == '}' {
				b.WriteByte('}')
				i += 2
				continue
			}
			return "", errorf(ErrValue, "Single '}' encountered in format string")
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

// scanField returns the text between the braces of the field at the
// start of s (one level of nested braces allowed in the spec) and the
// length consumed.
func scanField(s string) (string, int, error) {
	depth := 0
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return s[1:i], i + 1, nil
			}
			depth--
		}
	}
	return "", 0, errorf(ErrValue, "Single '{' encountered in format string")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// splitFieldName splits "a.b[0]" into "a" and ".b[0]".
func splitFieldName(name string) (string, string) {
	i := strings.IndexAny(name, ".[")
	if i < 0 {
		return name, ""
	}
	return name[:i], name[i:]
}

// fieldParts applies the ".attr" and "[key]" parts of a field name.
func fieldParts(v Value, rest string) (Value, error) {
	for rest != "" {
		switch rest[0] {
		case '.':
			end := strings.IndexAny(rest[1:], ".[")
			if end < 0 {
				end = len(rest) - 1
			}
			attr := rest[1 : 1+end]
			if attr == "" {
				return nil, errorf(ErrValue, "Empty attribute in format string")
			}
			d := configOf(v)
			if d == nil {
				return nil, errorf(ErrAttribute, "'%s' object has no attribute '%s'", v.Type(), attr)
			}
			x, ok := d.Get(attr)
			if !ok {
				return nil, errorf(ErrAttribute, "'%s' object has no attribute '%s'", v.Type(), attr)
			}
			v, rest = x, rest[1+end:]
		case '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, errorf(ErrValue, "Missing ']' in format string")
			}
			key := rest[1:end]
			if key == "" {
				return nil, errorf(ErrValue, "Empty attribute in format string")
			}
			var idx Value = Str(key)
			if isDigits(key) {
				n, _ := strconv.Atoi(key)
				if _, ok := v.(*List); ok {
					idx = Int(n)
				}
			}
			x, err := Index(nil, v, idx)
			if err != nil {
				return nil, err
			}
			v, rest = x, rest[end+1:]
		default:
			return nil, errorf(ErrValue, "Only '.' or '[' may follow ']' in format field specifier")
		}
	}
	return v, nil
}

// A fmtSpec is a parsed format spec.
type fmtSpec struct {
	fill      rune
	align     byte // 0 or one of < > = ^
	sign      byte // 0 or one of + - space
	alternate bool
	width     int // -1: none
	grouping  byte
	precision int // -1: none
	typ       byte
}

func parseFmtSpec(text string) (fmtSpec, error) {
	sp := fmtSpec{fill: ' ', width: -1, precision: -1}
	invalid := errorf(ErrValue, "Invalid format specifier")
	isAlign := func(c byte) bool { return c == '<' || c == '>' || c == '=' || c == '^' }
	t := text
	explicitFill := false
	if r, n := utf8.DecodeRuneInString(t); n > 0 && len(t) > n && isAlign(t[n]) {
		sp.fill, sp.align, t = r, t[n], t[n+1:]
		explicitFill = true
	} else if len(t) > 0 && isAlign(t[0]) {
		sp.align, t = t[0], t[1:]
	}
	if len(t) > 0 && (t[0] == '+' || t[0] == '-' || t[0] == ' ') {
		sp.sign, t = t[0], t[1:]
	}
	if len(t) > 0 && t[0] == '#' {
		sp.alternate, t = true, t[1:]
	}
	zero := false
	if len(t) > 0 && t[0] == '0' {
		zero, t = true, t[1:]
	}
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n > 0 {
		w, err := strconv.Atoi(t[:n])
		if err != nil {
			return sp, errorf(ErrValue, "Too many decimal digits in format string")
		}
		sp.width, t = w, t[n:]
	}
	if len(t) > 0 && (t[0] == ',' || t[0] == '_') {
		sp.grouping, t = t[0], t[1:]
	}
	if len(t) > 1 && t[0] == '.' && t[1] >= '0' && t[1] <= '9' {
		n := 1
		for n < len(t) && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		p, err := strconv.Atoi(t[1:n])
		if err != nil {
			return sp, errorf(ErrValue, "Too many decimal digits in format string")
		}
		sp.precision, t = p, t[n:]
	}
	if len(t) > 0 && strings.IndexByte("sbcdoxXeEfFgGn%", t[0]) >= 0 {
		sp.typ, t = t[0], t[1:]
	}
	if t != "" {
		return sp, invalid
	}
	if zero && !explicitFill {
		sp.fill = '0'
		if sp.align == 0 {
			sp.align = '='
		}
	}
	return sp, nil
}

// formatValue formats v with spec as "{:spec}".format(v) does.
func formatValue(v Value, spec string) (string, error) {
	switch x := v.(type) {
	case Int:
		sp, err := parseFmtSpec(spec)
		if err != nil {
			return "", err
		}
		return sp.formatInt(int64(x))
	case Float:
		sp, err := parseFmtSpec(spec)
		if err != nil {
			return "", err
		}
		return sp.formatFloat(float64(x))
	case Str:
		if spec == "" {
			return string(x), nil
		}
		sp, err := parseFmtSpec(spec)
		if err != nil {
			return "", err
		}
		if sp.typ != 0 && sp.typ != 's' {
			return "", errorf(ErrValue, "Unknown format code '%c' for object of type 'str'", sp.typ)
		}
		if sp.align == 0 {
			sp.align = '<'
		}
		if sp.precision >= 0 && utf8.RuneCountInString(string(x)) > sp.precision {
			x = Str([]rune(string(x))[:sp.precision])
		}
		return sp.pad(string(x), ""), nil
	}
	return ToStr(v), nil
}

func (sp fmtSpec) formatInt(n int64) (string, error) {
	mag := uint64(n)
	if n < 0 {
		mag = -mag
	}
	prefix := ""
	var digits string
	switch sp.typ {
	case 'b':
		digits, prefix = strconv.FormatUint(mag, 2), "0b"
	case 'o':
		digits, prefix = strconv.FormatUint(mag, 8), "0o"
	case 'x':
		digits, prefix = strconv.FormatUint(mag, 16), "0x"
	case 'X':
		digits, prefix = strings.ToUpper(strconv.FormatUint(mag, 16)), "0x"
	case 0, 'd', 'n':
		digits = strconv.FormatUint(mag, 10)
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		return sp.formatFloat(float64(n))
	default:
		return "", errorf(ErrValue, "Unknown format code '%c' for object of type 'int'", sp.typ)
	}
	if !sp.alternate {
		prefix = ""
	}
	digits = sp.group(digits)
	return sp.pad(prefix+digits, sp.signOf(n < 0)), nil
}

func (sp fmtSpec) formatFloat(f float64) (string, error) {
	prec := sp.precision
	if prec < 0 {
		prec = 6
	}
	mag := math.Abs(f)
	upper := sp.typ == 'E' || sp.typ == 'F' || sp.typ == 'G'
	var s string
	switch {
	case math.IsNaN(mag):
		s = "nan"
	case math.IsInf(mag, 0):
		s = "inf"
	}
	if s != "" {
		if sp.typ == '%' {
			s += "%"
		}
		if upper {
			s = strings.ToUpper(s)
		}
	} else {
		switch sp.typ {
		case 'f', 'F':
			s = strconv.FormatFloat(mag, 'f', prec, 64)
		case 'e', 'E':
			s = strconv.FormatFloat(mag, 'e', prec, 64)
		case 'g', 'G':
			if prec == 0 {
				prec = 1
			}
			s = formatGeneral(mag, prec)
		case '%':
			s = strconv.FormatFloat(mag*100, 'f', prec, 64) + "%"
		case 0:
			s = FormatFloat(mag)
		case 'n':
			return "", errorf(ErrValue, "Format code 'n' for object of type 'float' not implemented yet")
		default:
			return "", errorf(ErrValue, "Unknown format code '%c' for object of type 'float'", sp.typ)
		}
		if upper {
			s = strings.ToUpper(s)
		}
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if sp.grouping != 0 && !strings.ContainsAny(whole, "eEnaNA") {
		whole = sp.group(whole)
		if hasFrac {
			s = whole + "." + frac
		} else {
			s = whole
		}
	}
	return sp.pad(s, sp.signOf(math.Signbit(f) && !math.IsNaN(f))), nil
}

// formatGeneral formats mag as the 'g' type does with prec significant
// digits.
func formatGeneral(mag float64, prec int) string {
	e := strconv.FormatFloat(mag, 'e', prec-1, 64)
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	if exp < -4 || exp >= prec {
		return trimZeros(mant) + "e" + expSign(exp)
	}
	return trimZeros(strconv.FormatFloat(mag, 'f', prec-1-exp, 64))
}

func expSign(exp int) string {
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	s := strconv.Itoa(exp)
	if len(s) < 2 {
		s = "0" + s
	}
	return sign + s
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func (sp fmtSpec) signOf(neg bool) string {
	switch {
	case neg:
		return "-"
	case sp.sign == '+':
		return "+"
	case sp.sign == ' ':
		return " "
	}
	return ""
}

// group inserts the grouping separator into a run of digits.
func (sp fmtSpec) group(digits string) string {
	if sp.grouping == 0 {
		return digits
	}
	interval := 3
	switch sp.typ {
	case 'b', 'o', 'x', 'X':
		interval = 4
	}
	var b strings.Builder
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%interval == 0 {
			b.WriteByte(sp.grouping)
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// pad aligns sign+s in the spec's width.
func (sp fmtSpec) pad(s, sign string) string {
	n := sp.width - utf8.RuneCountInString(s) - len(sign)
	if n <= 0 {
		return sign + s
	}
	fill := strings.Repeat(string(sp.fill), n)
	switch sp.align {
	case '<':
		return sign + s + fill
	case '=':
		return sign + fill + s
	case '^':
		left := strings.Repeat(string(sp.fill), n/2)
		right := strings.Repeat(string(sp.fill), n-n/2)
		return left + sign + s + right
	}
	return fill + sign + s
}
