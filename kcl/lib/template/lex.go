package template

// This file holds the reading of a tag's inside for parse.go: the
// name, parameters, hash arguments, literals, sub-expressions and paths.

import (
	"fmt"
	"strconv"
	"strings"
)

// parseCall parses the inside of a tag: name, params, hash and block
// parameters.
func parseCall(s string) (*call, []string, error) {
	var bparams []string
	if i := strings.Index(s, " as |"); i >= 0 && strings.HasSuffix(s, "|") {
		bparams = strings.Fields(s[i+5 : len(s)-1])
		s = s[:i]
	}
	l := &lexer{src: s}
	c, err := l.call(false)
	if err != nil {
		return nil, nil, err
	}
	if l.skipSpace(); l.pos < len(l.src) {
		return nil, nil, fmt.Errorf("unexpected %q", l.src[l.pos:])
	}
	return c, bparams, nil
}

type lexer struct {
	src string
	pos int
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.src) && strings.IndexByte(" \t\r\n", l.src[l.pos]) >= 0 {
		l.pos++
	}
}

func (l *lexer) call(sub bool) (*call, error) {
	l.skipSpace()
	name, err := l.expr()
	if err != nil {
		return nil, err
	}
	c := &call{name: name}
	for {
		l.skipSpace()
		if l.pos >= len(l.src) || sub && l.src[l.pos] == ')' {
			return c, nil
		}
		// key=value?
		if k := l.identAt(); k != "" && l.pos+len(k) < len(l.src) && l.src[l.pos+len(k)] == '=' {
			l.pos += len(k) + 1
			v, err := l.expr()
			if err != nil {
				return nil, err
			}
			c.hash = append(c.hash, hashArg{k, v})
			continue
		}
		e, err := l.expr()
		if err != nil {
			return nil, err
		}
		c.params = append(c.params, e)
	}
}

func (l *lexer) identAt() string {
	j := l.pos
	for j < len(l.src) && (isIdentByte(l.src[j])) {
		j++
	}
	return l.src[l.pos:j]
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func (l *lexer) expr() (expr, error) {
	l.skipSpace()
	if l.pos >= len(l.src) {
		return nil, fmt.Errorf("missing expression")
	}
	c := l.src[l.pos]
	switch {
	case c == '(':
		l.pos++
		sc, err := l.call(true)
		if err != nil {
			return nil, err
		}
		if l.pos >= len(l.src) || l.src[l.pos] != ')' {
			return nil, fmt.Errorf("unclosed sub-expression")
		}
		l.pos++
		return &subExpr{sc}, nil
	case c == '"' || c == '\'':
		end := l.pos + 1
		for end < len(l.src) && l.src[end] != c {
			if l.src[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(l.src) {
			return nil, fmt.Errorf("unclosed string")
		}
		s := l.src[l.pos+1 : end]
		s = strings.ReplaceAll(s, `\`+string(c), string(c))
		l.pos = end + 1
		return &literal{s}, nil
	}
	start := l.pos
	depth := 0
	for l.pos < len(l.src) {
		ch := l.src[l.pos]
		if ch == '[' {
			depth++
		} else if ch == ']' {
			depth--
		} else if depth == 0 && (strings.IndexByte(" \t\r\n()=", ch) >= 0) {
			break
		}
		l.pos++
	}
	word := l.src[start:l.pos]
	if word == "" {
		return nil, fmt.Errorf("unexpected %q", string(c))
	}
	switch word {
	case "true":
		return &literal{true}, nil
	case "false":
		return &literal{false}, nil
	case "null", "undefined":
		return &literal{nil}, nil
	}
	if n, err := strconv.ParseInt(word, 10, 64); err == nil {
		return &literal{n}, nil
	}
	if f, err := strconv.ParseFloat(word, 64); err == nil && (word[0] == '-' || word[0] >= '0' && word[0] <= '9') {
		return &literal{f}, nil
	}
	return parsePath(word)
}

func parsePath(word string) (*pathExpr, error) {
	p := &pathExpr{raw: word}
	s := word
	if strings.HasPrefix(s, "@") {
		p.data, s = true, s[1:]
	}
	for strings.HasPrefix(s, "../") {
		p.up++
		s = s[3:]
	}
	if s == ".." {
		p.up++
		s = ""
	}
	if s == "." || s == "this" {
		return p, nil
	}
	s = strings.TrimPrefix(s, "./")
	if strings.HasPrefix(s, "this.") || strings.HasPrefix(s, "this/") {
		s = s[5:]
	}
	for s != "" {
		var seg string
		if strings.HasPrefix(s, "[") {
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [ in %s", word)
			}
			seg, s = s[1:end], s[end+1:]
			p.parts = append(p.parts, seg)
		} else {
			end := strings.IndexAny(s, "./")
			if end < 0 {
				end = len(s)
			}
			seg, s = s[:end], s[end:]
			if seg == "" {
				return nil, fmt.Errorf("invalid path %s", word)
			}
			p.parts = append(p.parts, seg)
		}
		if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") {
			s = s[1:]
			if s == "" {
				return nil, fmt.Errorf("invalid path %s", word)
			}
		}
	}
	return p, nil
}
