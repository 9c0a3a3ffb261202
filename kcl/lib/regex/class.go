package regex

// This file holds the parsing of character classes for syntax.go:
// bracket expressions with ranges, escapes, nested classes and POSIX
// classes ([[:alpha:]]).

import (
	"fmt"
	"strings"
	"unicode"
)

var posixClasses = map[string]func(rune) bool{
	"alnum":  func(r rune) bool { return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) },
	"alpha":  func(r rune) bool { return r < 128 && unicode.IsLetter(r) },
	"ascii":  func(r rune) bool { return r < 128 },
	"blank":  func(r rune) bool { return r == ' ' || r == '\t' },
	"cntrl":  func(r rune) bool { return r < 32 || r == 127 },
	"digit":  func(r rune) bool { return r >= '0' && r <= '9' },
	"graph":  func(r rune) bool { return r > 32 && r < 127 },
	"lower":  func(r rune) bool { return r >= 'a' && r <= 'z' },
	"print":  func(r rune) bool { return r >= 32 && r < 127 },
	"punct":  func(r rune) bool { return r > 32 && r < 127 && !unicode.IsLetter(r) && !unicode.IsDigit(r) },
	"space":  func(r rune) bool { return r == ' ' || (r >= '\t' && r <= '\r') },
	"upper":  func(r rune) bool { return r >= 'A' && r <= 'Z' },
	"word":   func(r rune) bool { return r == '_' || r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) },
	"xdigit": func(r rune) bool { return r < 128 && (unicode.IsDigit(r) || strings.ContainsRune("abcdefABCDEF", r)) },
}

// class parses a bracket expression after its '['.
func (p *parser) class(f flags) (*class, error) {
	cls := &class{}
	if !p.eof() && p.peek() == '^' {
		p.next()
		cls.neg = true
	}
	first := true
	for {
		if p.eof() {
			return nil, fmt.Errorf("unclosed character class")
		}
		c := p.peek()
		if c == ']' && !first {
			p.next()
			return cls, nil
		}
		first = false
		if strings.HasPrefix(p.src[p.pos:], "[:") {
			end := strings.Index(p.src[p.pos:], ":]")
			if end > 0 {
				name := p.src[p.pos+2 : p.pos+end]
				neg := strings.HasPrefix(name, "^")
				pred, ok := posixClasses[strings.TrimPrefix(name, "^")]
				if ok {
					p.pos += end + 2
					if neg {
						pp := pred
						pred = func(r rune) bool { return !pp(r) }
					}
					cls.preds = append(cls.preds, pred)
					continue
				}
			}
		}
		if c == '[' {
			p.next()
			sub, err := p.class(f)
			if err != nil {
				return nil, err
			}
			cls.preds = append(cls.preds, func(r rune) bool { return sub.has(r, false) })
			continue
		}
		lo, sub, err := p.classAtom()
		if err != nil {
			return nil, err
		}
		if sub != nil {
			cls.preds = append(cls.preds, func(r rune) bool { return sub.has(r, false) })
			continue
		}
		hi := lo
		if strings.HasPrefix(p.src[p.pos:], "-") && p.pos+1 < len(p.src) && p.src[p.pos+1] != ']' {
			p.next()
			var sub2 *class
			hi, sub2, err = p.classAtom()
			if err != nil {
				return nil, err
			}
			if sub2 != nil || hi < lo {
				return nil, fmt.Errorf("invalid character class range")
			}
		}
		cls.ranges = append(cls.ranges, lo, hi)
	}
}

func (p *parser) classAtom() (rune, *class, error) {
	c := p.next()
	if c != '\\' {
		return c, nil, nil
	}
	if p.eof() {
		return 0, nil, fmt.Errorf("incomplete escape sequence")
	}
	cls, r, err := p.escapeValue()
	return r, cls, err
}
