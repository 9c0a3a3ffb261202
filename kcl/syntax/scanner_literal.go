package syntax

// This file holds the scanning of number and string literals, and the
// decoding of string escapes and numbers used by the parser.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"akua.dev/akua/kcl/diag"
)

// unitSuffixes are the unit suffixes an integer literal may carry.
var unitSuffixes = [...]string{"n", "u", "m", "k", "K", "M", "G", "T", "P", "Ki", "Mi", "Gi", "Ti", "Pi"}

func isUnitSuffix(s string) bool {
	for _, u := range unitSuffixes {
		if s == u {
			return true
		}
	}
	return false
}

// scanNumber scans an int or float literal starting at s.off, with its
// unit suffix. Malformed literals are reported and marked bad.
func (s *scanner) scanNumber(t *token) {
	start := s.off
	t.kind = INT
	base := 10
	if s.src[s.off] == '0' && s.off+1 < len(s.src) {
		switch s.src[s.off+1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
	}
	if base != 10 {
		s.off += 2
		digits := s.off
		for s.off < len(s.src) && (isHex(s.src[s.off]) || s.src[s.off] == '_') {
			s.off++
		}
		if s.off == digits {
			s.numberError(t, start, "no valid digits found for number")
		} else {
			for i := digits; i < s.off; i++ {
				if c := s.src[i]; c != '_' && digitVal(c) >= base {
					s.numberError(t, start, "invalid digit '"+string(c)+"' in "+baseName(base)+" literal")
					break
				}
			}
		}
	} else {
		s.digits()
		if s.off < len(s.src) && s.src[s.off] == '.' && !(s.off+1 < len(s.src) && (s.src[s.off+1] == '.' || isLetter(s.src[s.off+1]))) {
			t.kind = FLOAT
			s.off++
			s.digits()
		}
		if s.off < len(s.src) && (s.src[s.off] == 'e' || s.src[s.off] == 'E') {
			i := s.off + 1
			if i < len(s.src) && (s.src[i] == '+' || s.src[i] == '-') {
				i++
			}
			if i < len(s.src) && isDigit(s.src[i]) {
				t.kind = FLOAT
				s.off = i
				s.digits()
			} else if i > s.off+1 || s.off+1 >= len(s.src) || !isLetter(s.src[s.off+1]) {
				s.off = i
				s.numberError(t, start, "expected at least one digit in exponent")
			}
		}
	}
	// A unit suffix, or junk glued to the number.
	if s.off < len(s.src) && (isLetter(s.src[s.off]) || isDigit(s.src[s.off])) {
		sfx := s.off
		s.scanIdent()
		switch {
		case t.kind == INT && base == 10 && isUnitSuffix(s.src[sfx:s.off]):
			t.sfx = uint8(s.off - sfx)
		case t.kind == INT:
			s.numberError(t, start, "invalid int binary suffix")
		default:
			s.numberError(t, start, "invalid suffix '"+s.src[sfx:s.off]+"' on float literal")
		}
	}
	// A leading zero makes an octal literal, as in upstream KCL.
	if base == 10 && t.kind == INT && !t.bad && s.src[start] == '0' {
		for i := start; i < s.off-int(t.sfx); i++ {
			if c := s.src[i]; c == '8' || c == '9' {
				s.numberError(t, start, "invalid digit '"+string(c)+"' in octal literal")
				break
			}
		}
	}
}

// digits scans decimal digits and underscores.
func (s *scanner) digits() {
	for s.off < len(s.src) && (isDigit(s.src[s.off]) || s.src[s.off] == '_') {
		s.off++
	}
}

func (s *scanner) numberError(t *token, start int, msg string) {
	if !t.bad {
		t.bad = true
		sugg := ""
		if msg == "invalid int binary suffix" {
			sugg = "the unit suffixes are n, u, m, k, K, M, G, T, P, Ki, Mi, Gi, Ti and Pi"
		}
		s.error(diag.InvalidSyntax, s.pos(start), s.pos(s.off), sugg, msg)
	}
}

func isHex(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func digitVal(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return 16
}

func baseName(base int) string {
	switch base {
	case 2:
		return "binary"
	case 8:
		return "octal"
	case 16:
		return "hexadecimal"
	}
	return "decimal"
}

// scanString scans a string literal whose optional `r` prefix has been
// consumed; s.off is at the opening quote. Strings may span lines when
// triple-quoted or when a line ends with a backslash.
func (s *scanner) scanString(t *token) {
	t.kind = STRING
	q := s.src[s.off]
	quotePos := s.pos(s.off)
	triple := strings.HasPrefix(s.src[s.off:], string([]byte{q, q, q}))
	if triple {
		s.off += 3
	} else {
		s.off++
	}
	for s.off < len(s.src) {
		c := s.src[s.off]
		switch {
		case c == q:
			if !triple {
				s.off++
				return
			}
			if strings.HasPrefix(s.src[s.off:], string([]byte{q, q, q})) {
				s.off += 3
				return
			}
			s.off++
		case c == '\\':
			s.off++
			if s.off < len(s.src) {
				if c := s.src[s.off]; c == '\n' || c == '\r' {
					s.lineBreakInString()
				} else {
					s.off++
				}
			}
		case c == '\n' || c == '\r':
			if !triple {
				s.unterminated(t, quotePos)
				return
			}
			s.lineBreakInString()
		default:
			s.off++
		}
	}
	s.unterminated(t, quotePos)
}

func (s *scanner) lineBreakInString() {
	if s.src[s.off] == '\r' && s.off+1 < len(s.src) && s.src[s.off+1] == '\n' {
		s.off++
	}
	s.off++
	s.line++
	s.lineOff = s.off
}

func (s *scanner) unterminated(t *token, quotePos Pos) {
	t.bad = true
	s.error(diag.InvalidSyntax, quotePos, Pos{quotePos.Line, quotePos.Col + 1}, "", "unterminated string")
}

// A strLit describes the parts of a string literal's source text.
type strLit struct {
	raw     bool // r prefix: no escapes, no interpolation
	triple  bool
	quote   byte
	prefix  int    // offset of content in the literal
	content string // text between the quotes, less a leading line break
}

// splitString finds the content of a string literal token.
func splitString(t token) strLit {
	lit := t.lit
	var l strLit
	i := 0
	if i < len(lit) && (lit[i] == 'r' || lit[i] == 'R') {
		l.raw = true
		i++
	}
	if i >= len(lit) {
		return l
	}
	l.quote = lit[i]
	qlen := 1
	if strings.HasPrefix(lit[i:], string([]byte{l.quote, l.quote, l.quote})) {
		l.triple = true
		qlen = 3
	}
	l.prefix = i + qlen
	end := len(lit)
	if !t.bad && end-qlen >= l.prefix {
		end -= qlen
	}
	if l.prefix > end {
		l.prefix = end
	}
	if l.triple {
		// A line break right after the opening quotes is not part of
		// the value: upstream KCL gives """<newline>a""" and """a""" the
		// same value (corpus case datatype/str/long_str_0).
		if strings.HasPrefix(lit[l.prefix:end], "\r\n") {
			l.prefix += 2
		} else if l.prefix < end && (lit[l.prefix] == '\n' || lit[l.prefix] == '\r') {
			l.prefix++
		}
	}
	l.content = lit[l.prefix:end]
	return l
}

// decodeEscapes decodes the backslash escapes of s. Unknown escapes keep
// their backslash, as in upstream KCL. bad reports a malformed escape
// and its offset in s.
func decodeEscapes(s string) (val string, bad string, badOff int) {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s, "", 0
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c != '\\' {
			j := strings.IndexByte(s[i:], '\\')
			if j < 0 {
				b.WriteString(s[i:])
				break
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		if i+1 >= len(s) {
			b.WriteByte('\\')
			break
		}
		e := s[i+1]
		i += 2
		switch e {
		case '\n':
		case '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case '\\', '\'', '"', '$':
			b.WriteByte(e)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(e - '0')
			for n := 1; n < 3 && i < len(s) && '0' <= s[i] && s[i] <= '7'; n++ {
				v = v*8 + int(s[i]-'0')
				i++
			}
			b.WriteRune(rune(v))
		case 'x', 'u', 'U':
			n := 2
			if e == 'u' {
				n = 4
			} else if e == 'U' {
				n = 8
			}
			if i+n > len(s) {
				return b.String(), s[i-2:], i - 2
			}
			v, err := strconv.ParseUint(s[i:i+n], 16, 32)
			if err != nil || v > utf8.MaxRune {
				return b.String(), s[i-2 : i+n], i - 2
			}
			i += n
			r := rune(v)
			if 0xD800 <= r && r <= 0xDFFF {
				r = utf8.RuneError
			}
			b.WriteRune(r)
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String(), "", 0
}

// numberValue computes the value of a number token. It returns false
// when the literal is out of range.
func numberValue(t token) (lit NumberLit, ok bool) {
	raw := t.lit
	lit.Raw = raw
	digits := raw[:len(raw)-int(t.sfx)]
	lit.Suffix = raw[len(digits):]
	if t.bad {
		lit.IsFloat = t.kind == FLOAT
		return lit, true
	}
	clean := digits
	if strings.IndexByte(clean, '_') >= 0 {
		clean = strings.ReplaceAll(clean, "_", "")
	}
	if t.kind == FLOAT {
		lit.IsFloat = true
		f, err := strconv.ParseFloat(clean, 64)
		lit.Float = f
		return lit, err == nil
	}
	base := 10
	if len(clean) > 1 && clean[0] == '0' {
		switch clean[1] {
		case 'x', 'X':
			base, clean = 16, clean[2:]
		case 'o', 'O':
			base, clean = 8, clean[2:]
		case 'b', 'B':
			base, clean = 2, clean[2:]
		default:
			// A leading zero makes an octal literal, as in upstream KCL.
			base = 8
		}
	}
	v, err := strconv.ParseInt(clean, base, 64)
	lit.Int = v
	return lit, err == nil
}
