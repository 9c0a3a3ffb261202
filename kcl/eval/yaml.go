package eval

// This file holds YAML output, byte for byte as upstream `kcl run`
// prints it. Upstream plans the value to JSON and hands it to serde_yaml
// 0.9, whose emitter is libyaml 0.2.5; this emitter reproduces the
// subset they use:
//
//   - block mappings and sequences, 2-space indent, a sequence that is a
//     mapping value at the mapping's indent ("a:\n- 1"); empty ones in
//     flow form ("{}", "[]");
//   - scalars: null, true/false, ints, floats in ryu's shortest form
//     (1.0, 1e-9, 3.4e38; NaN and infinities print as null);
//   - strings plain when libyaml allows it and the text would not read
//     back as another type (serde_yaml quotes "true", "1", "1.5", "~",
//     "null", "0123", "" ...) in single quotes; strings with a line
//     break as literal blocks (`|`, `|-`, `|+`, with an indentation
//     indicator when they start with a space or break); strings with
//     characters YAML cannot print raw (tabs, control characters,
//     characters outside the BMP) in double quotes with escapes;
//   - keys longer than 128 bytes or spanning lines as "? key\n: value".

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// EncodeYAML plans v (see Plan) and writes it as one YAML document,
// ending with a newline.
func EncodeYAML(v Value, opt PlanOptions) ([]byte, error) {
	e := &yamlEmitter{yaml11: opt.QuoteYAML11}
	e.document(Plan(v, opt))
	return e.buf, nil
}

// EncodeYAMLStream writes each of docs as EncodeYAML does, separated by
// "---" lines, as upstream prints a list of documents.
func EncodeYAMLStream(docs []Value, opt PlanOptions) ([]byte, error) {
	var out []byte
	for i, d := range docs {
		if i > 0 {
			out = append(out, "---\n"...)
		}
		b, err := EncodeYAML(d, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
	}
	return out, nil
}

type scalarStyle int8

const (
	styleAny scalarStyle = iota
	stylePlain
	styleSingle
	styleDouble
	styleLiteral
)

// yamlEmitter is a small libyaml emitter: the state it keeps mirrors
// libyaml's so that spacing and line breaks come out the same.
type yamlEmitter struct {
	yaml11     bool // quote YAML 1.1 special strings (PlanOptions.QuoteYAML11)
	buf        []byte
	column     int
	indent     int
	indents    []int
	whitespace bool
	indention  bool
	openEnded  int

	rootContext, mappingContext, simpleKeyContext bool
}

func (e *yamlEmitter) document(v Value) {
	e.indent = -1
	e.whitespace, e.indention = true, true
	e.node(v, true, false, false)
	// Document end (implicit), then stream end.
	e.writeIndent()
	if e.openEnded == 2 {
		e.writeIndicator("...", true, false, false)
		e.writeIndent()
	}
}

func (e *yamlEmitter) put(c byte) {
	e.buf = append(e.buf, c)
	e.column++
}

func (e *yamlEmitter) putBreak() {
	e.buf = append(e.buf, '\n')
	e.column = 0
}

func (e *yamlEmitter) write(s string) {
	e.buf = append(e.buf, s...)
	e.column += utf8.RuneCountInString(s)
}

func (e *yamlEmitter) increaseIndent(flow, indentless bool) {
	e.indents = append(e.indents, e.indent)
	if e.indent < 0 {
		if flow {
			e.indent = 2
		} else {
			e.indent = 0
		}
	} else if !indentless {
		e.indent += 2
	}
}

func (e *yamlEmitter) popIndent() {
	e.indent = e.indents[len(e.indents)-1]
	e.indents = e.indents[:len(e.indents)-1]
}

func (e *yamlEmitter) writeIndicator(ind string, needWhitespace, isWhitespace, isIndention bool) {
	if needWhitespace && !e.whitespace {
		e.put(' ')
	}
	e.write(ind)
	e.whitespace = isWhitespace
	e.indention = e.indention && isIndention
}

func (e *yamlEmitter) writeIndent() {
	indent := max(e.indent, 0)
	if !e.indention || e.column > indent || (e.column == indent && !e.whitespace) {
		e.putBreak()
	}
	for e.column < indent {
		e.put(' ')
	}
	e.whitespace, e.indention = true, true
}

func (e *yamlEmitter) node(v Value, root, mapping, simpleKey bool) {
	e.rootContext, e.mappingContext, e.simpleKeyContext = root, mapping, simpleKey
	switch v := v.(type) {
	case *List:
		if len(v.Elems) == 0 {
			e.emptyFlow("[", "]")
			return
		}
		e.increaseIndent(false, mapping && !e.indention)
		for _, item := range v.Elems {
			e.writeIndent()
			e.writeIndicator("-", true, false, true)
			e.node(item, false, false, false)
		}
		e.popIndent()
	case *Dict:
		if v.Len() == 0 {
			e.emptyFlow("{", "}")
			return
		}
		e.increaseIndent(false, false)
		for _, k := range v.Keys() {
			val, _ := v.Get(k)
			e.writeIndent()
			if len(k) <= 128 && !hasLineBreak(k) {
				e.node(Str(k), false, true, true)
				e.writeIndicator(":", false, false, false)
			} else {
				e.writeIndicator("?", true, false, true)
				e.node(Str(k), false, true, false)
				e.writeIndent()
				e.writeIndicator(":", true, false, true)
			}
			e.node(val, false, true, false)
		}
		e.popIndent()
	default:
		e.scalar(v)
	}
}

func (e *yamlEmitter) emptyFlow(open, close string) {
	e.writeIndicator(open, true, true, false)
	e.writeIndicator(close, false, false, false)
}

// scalar writes a scalar value.
func (e *yamlEmitter) scalar(v Value) {
	var text string
	style := stylePlain
	switch v := v.(type) {
	case Str:
		text = string(v)
		style = serdeStringStyle(text)
		if e.yaml11 && style == styleAny && yaml11Special(text) {
			style = styleSingle
		}
	case Int:
		text = strconv.FormatInt(int64(v), 10)
	case Float:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			text = "null"
		} else {
			text = formatFloatShortest(f)
		}
	case Bool:
		text = strconv.FormatBool(bool(v))
	case NoneType, UndefinedType, nil:
		text = "null"
	default:
		text = ToStr(v)
		style = serdeStringStyle(text)
	}
	a := analyzeScalar(text)
	style = e.selectStyle(style, a, text)
	e.increaseIndent(true, false)
	switch style {
	case stylePlain:
		if !e.whitespace {
			e.put(' ')
		}
		e.write(text)
		e.whitespace, e.indention = false, false
	case styleSingle:
		e.writeSingleQuoted(text)
		e.whitespace, e.indention = false, false
	case styleDouble:
		e.writeIndicator(`"`, true, false, false)
		e.writeDoubleQuoted(text)
		e.writeIndicator(`"`, false, false, false)
		e.whitespace, e.indention = false, false
	case styleLiteral:
		e.writeLiteral(text)
	}
	e.popIndent()
}

// selectStyle is libyaml's yaml_emitter_select_scalar_style for the
// style serde_yaml asked for.
func (e *yamlEmitter) selectStyle(style scalarStyle, a scalarAnalysis, text string) scalarStyle {
	if style == styleAny {
		style = stylePlain
	}
	if e.simpleKeyContext && a.multiline {
		style = styleDouble
	}
	if style == stylePlain {
		if !a.blockPlainAllowed || text == "" && e.simpleKeyContext {
			style = styleSingle
		}
	}
	if style == styleSingle && !a.singleQuotedAllowed {
		style = styleDouble
	}
	if style == styleLiteral && (!a.blockAllowed || e.simpleKeyContext) {
		style = styleDouble
	}
	return style
}

// A scalarAnalysis is libyaml's yaml_emitter_analyze_scalar result.
type scalarAnalysis struct {
	multiline                                            bool
	blockPlainAllowed, singleQuotedAllowed, blockAllowed bool
}

// yamlPrintable is libyaml's IS_PRINTABLE.
func yamlPrintable(r rune) bool {
	return r == '\n' || r >= 0x20 && r <= 0x7e || r >= 0xa0 && r <= 0xd7ff ||
		r >= 0xe000 && r <= 0xfffd && r != 0xfeff
}

// yamlBreak is libyaml's IS_BREAK.
func yamlBreak(r rune) bool {
	return r == '\r' || r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029
}

func hasLineBreak(s string) bool {
	for _, r := range s {
		if yamlBreak(r) {
			return true
		}
	}
	return false
}

func analyzeScalar(s string) scalarAnalysis {
	if s == "" {
		return scalarAnalysis{blockPlainAllowed: true, singleQuotedAllowed: true}
	}
	var (
		blockIndicators, flowIndicators, lineBreaks, special     bool
		leadingSpace, leadingBreak, trailingSpace, trailingBreak bool
		breakSpace, spaceBreak, previousSpace, previousBreak     bool
	)
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		blockIndicators, flowIndicators = true, true
	}
	blankz := func(i int) bool { // IS_BLANKZ at byte offset i
		if i >= len(s) {
			return true
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		return r == ' ' || r == '\t' || yamlBreak(r)
	}
	precededByWhitespace := true
	first := true
	for i, r := range s {
		w := utf8.RuneLen(r)
		if w < 0 {
			w = 1
		}
		followedByWhitespace := blankz(i + w)
		if first {
			switch r {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				flowIndicators, blockIndicators = true, true
			case '?', ':':
				flowIndicators = true
				if followedByWhitespace {
					blockIndicators = true
				}
			case '-':
				if followedByWhitespace {
					flowIndicators, blockIndicators = true, true
				}
			}
		} else {
			switch r {
			case ',', '?', '[', ']', '{', '}':
				flowIndicators = true
			case ':':
				flowIndicators = true
				if followedByWhitespace {
					blockIndicators = true
				}
			case '#':
				if precededByWhitespace {
					flowIndicators, blockIndicators = true, true
				}
			}
		}
		if !yamlPrintable(r) {
			special = true
		}
		if yamlBreak(r) {
			lineBreaks = true
		}
		last := i+w == len(s)
		switch {
		case r == ' ':
			if first {
				leadingSpace = true
			}
			if last {
				trailingSpace = true
			}
			if previousBreak {
				breakSpace = true
			}
			previousSpace, previousBreak = true, false
		case yamlBreak(r):
			if first {
				leadingBreak = true
			}
			if last {
				trailingBreak = true
			}
			if previousSpace {
				spaceBreak = true
			}
			previousSpace, previousBreak = false, true
		default:
			previousSpace, previousBreak = false, false
		}
		precededByWhitespace = r == ' ' || r == '\t' || yamlBreak(r)
		first = false
	}
	a := scalarAnalysis{multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
		a.blockPlainAllowed = false
	}
	if trailingSpace {
		a.blockAllowed = false
	}
	if breakSpace {
		a.blockPlainAllowed, a.singleQuotedAllowed = false, false
	}
	if spaceBreak || special {
		a.blockPlainAllowed, a.singleQuotedAllowed, a.blockAllowed = false, false, false
	}
	if lineBreaks {
		a.blockPlainAllowed = false
	}
	if blockIndicators {
		a.blockPlainAllowed = false
	}
	_ = flowIndicators // only matters in flow collections, which hold no scalars here
	return a
}

// writeSingleQuoted writes s in single quotes. Line breaks in it can
// only be U+2028 and U+2029 here (serde_yaml writes strings with \n as
// literal blocks, and the other breaks force double quotes); libyaml
// writes them raw and indents the next line.
func (e *yamlEmitter) writeSingleQuoted(s string) {
	e.writeIndicator("'", true, false, false)
	breaks := false
	for _, r := range s {
		switch {
		case r == ' ':
			e.put(' ')
		case yamlBreak(r):
			e.buf = utf8.AppendRune(e.buf, r)
			e.column = 0
			e.indention, breaks = true, true
		default:
			if breaks {
				e.writeIndent()
			}
			if r == '\'' {
				e.put('\'')
			}
			e.write(string(r))
			e.indention, breaks = false, false
		}
	}
	if breaks {
		e.writeIndent()
	}
	e.writeIndicator("'", false, false, false)
}

func (e *yamlEmitter) writeDoubleQuoted(s string) {
	const hex = "0123456789ABCDEF"
	for _, r := range s {
		if yamlPrintable(r) && !yamlBreak(r) && r != '"' && r != '\\' {
			e.write(string(r))
			continue
		}
		var esc string
		switch r {
		case 0:
			esc = `\0`
		case 7:
			esc = `\a`
		case 8:
			esc = `\b`
		case 9:
			esc = `\t`
		case 10:
			esc = `\n`
		case 11:
			esc = `\v`
		case 12:
			esc = `\f`
		case 13:
			esc = `\r`
		case 27:
			esc = `\e`
		case '"':
			esc = `\"`
		case '\\':
			esc = `\\`
		case 0x85:
			esc = `\N`
		case 0xa0:
			esc = `\_`
		case 0x2028:
			esc = `\L`
		case 0x2029:
			esc = `\P`
		default:
			var b []byte
			var width int
			switch {
			case r <= 0xff:
				b, width = append(b, `\x`...), 2
			case r <= 0xffff:
				b, width = append(b, `\u`...), 4
			default:
				b, width = append(b, `\U`...), 8
			}
			for k := width - 1; k >= 0; k-- {
				b = append(b, hex[(r>>(4*k))&0xf])
			}
			esc = string(b)
		}
		e.write(esc)
	}
}

// writeLiteral writes a literal block scalar: the indicator with its
// indentation and chomping hints, then the lines at the scalar's
// indent.
func (e *yamlEmitter) writeLiteral(s string) {
	e.writeIndicator("|", true, false, false)
	r0, _ := utf8.DecodeRuneInString(s)
	if r0 == ' ' || yamlBreak(r0) {
		e.writeIndicator("2", false, false, false)
	}
	e.openEnded = 0
	last, lw := utf8.DecodeLastRuneInString(s)
	switch {
	case s == "" || !yamlBreak(last):
		e.writeIndicator("-", false, false, false)
	case len(s) == lw:
		e.openEnded = 2
		e.writeIndicator("+", false, false, false)
	default:
		prev, _ := utf8.DecodeLastRuneInString(s[:len(s)-lw])
		if yamlBreak(prev) {
			e.openEnded = 2
			e.writeIndicator("+", false, false, false)
		}
	}
	e.putBreak()
	e.indention, e.whitespace = true, true
	breaks := true
	for _, r := range s {
		if yamlBreak(r) {
			if r == '\n' {
				e.putBreak()
			} else {
				e.buf = utf8.AppendRune(e.buf, r)
				e.column = 0
			}
			e.indention = true
			breaks = true
			continue
		}
		if breaks {
			e.writeIndent()
		}
		e.write(string(r))
		e.indention = false
		breaks = false
	}
}

// serdeStringStyle is the style serde_yaml asks libyaml for when it
// writes a string: a literal block for text with a newline, single
// quotes for text that would read back as null, a bool, an int or a
// float (YAML 1.2 core schema, as serde_yaml resolves it), any style
// (libyaml picks) otherwise.
func serdeStringStyle(s string) scalarStyle {
	if strings.Contains(s, "\n") {
		return styleLiteral
	}
	switch s {
	case "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE":
		return styleSingle
	}
	// Numbers start with a sign, a digit or a dot: most strings are
	// settled here without parsing.
	if c := s[0]; !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
		return styleAny
	}
	switch yamlIntKind(s) {
	case intSmall:
		return styleSingle
	case intWide:
		return styleAny // serde_yaml's style visitor rejects 128-bit ints
	}
	if digitsButNotNumber(s) {
		return styleSingle
	}
	if yamlFloat(s) {
		return styleSingle
	}
	return styleAny
}

// digitsButNotNumber reports whether s is a sign, a zero and more
// digits: a string in YAML 1.2 ("0123").
func digitsButNotNumber(s string) bool {
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if len(s) <= 1 || s[0] != '0' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

const (
	intNone = iota
	intSmall
	intWide
)

// yamlIntKind reports whether serde_yaml reads s as an int that fits 64
// bits (intSmall), one that only fits 128 bits (intWide), or no int.
func yamlIntKind(s string) int {
	// Unsigned: an optional '+', then 0x/0o/0b digits or decimal.
	unpositive := strings.TrimPrefix(s, "+")
	if r := s; len(r) > 0 && r[0] == '+' && len(unpositive) > 0 && (unpositive[0] == '+' || unpositive[0] == '-') {
		return intNone
	}
	for _, p := range []struct {
		prefix string
		base   int
	}{{"0x", 16}, {"0o", 8}, {"0b", 2}} {
		if rest, ok := strings.CutPrefix(unpositive, p.prefix); ok {
			if len(rest) > 0 && (rest[0] == '+' || rest[0] == '-') {
				return intNone
			}
			if k := intWidth(rest, p.base, false); k != intNone {
				return k
			}
		}
		if rest, ok := strings.CutPrefix(s, "-"+p.prefix); ok {
			if k := intWidth(rest, p.base, true); k != intNone {
				return k
			}
		}
	}
	if digitsButNotNumber(s) {
		return intNone
	}
	if len(unpositive) > 0 && unpositive[0] == '-' {
		if s[0] == '+' {
			return intNone
		}
		return intWidth(unpositive[1:], 10, true)
	}
	return intWidth(unpositive, 10, false)
}

// intWidth classifies the digits of a magnitude (neg: negated) in base.
func intWidth(digits string, base int, neg bool) int {
	if digits == "" || digits[0] == '+' || digits[0] == '-' || strings.Contains(digits, "_") {
		return intNone
	}
	n, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return intNone
	}
	if neg {
		n.Neg(n)
		switch {
		case n.IsInt64():
			return intSmall
		case n.Cmp(minInt128) >= 0:
			return intWide
		}
		return intNone
	}
	switch {
	case n.IsUint64():
		return intSmall
	case n.Cmp(maxUint128) <= 0:
		return intWide
	}
	return intNone
}

var (
	maxUint128 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))
	minInt128  = new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 127))
)

// yamlFloat reports whether serde_yaml reads s as a float: .inf, .nan
// and their spellings, or a finite number in Rust's float syntax.
func yamlFloat(s string) bool {
	unpositive := s
	if strings.HasPrefix(s, "+") {
		unpositive = s[1:]
		if strings.HasPrefix(unpositive, "+") || strings.HasPrefix(unpositive, "-") {
			return false
		}
	}
	switch unpositive {
	case ".inf", ".Inf", ".INF":
		return true
	}
	switch s {
	case "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
		return true
	}
	f, ok := parseRustFloat(unpositive)
	return ok && !math.IsInf(f, 0) && !math.IsNaN(f)
}

// yaml11Bools are the plain scalars YAML 1.1 reads as booleans.
var yaml11Bools = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true,
	"n": true, "N": true, "no": true, "No": true, "NO": true,
	"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
}

// yaml11Special reports whether a YAML 1.1 reader (gopkg.in/yaml.v2, as
// used by kubectl) would read the plain scalar s as a boolean or a
// number where YAML 1.2 reads a string: the yes/no/on/off words, and
// integers with underscores or 0b/0o prefixes.
func yaml11Special(s string) bool {
	if yaml11Bools[s] {
		return true
	}
	if s == "" || !(s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '+' || s[0] == '.') {
		return false
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return true
	}
	if strings.Contains(s, "_") {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return true
		}
	}
	return false
}
