package syntax

// This file turns string literal tokens into StringLit and InterpString
// nodes: escapes are decoded, adjacent literals concatenated, and each
// `${expr: spec}` parsed by a sub-parser positioned where the
// expression is written.

import "strings"

// parseString parses one string literal, or several adjacent ones,
// which are concatenated.
func (p *parser) parseString() Expr {
	first := p.tok
	x := p.stringLit(first)
	p.next()
	if p.tok.kind != STRING || p.lineBreak() {
		return x
	}
	raws := []string{first.lit}
	for p.tok.kind == STRING && !p.lineBreak() {
		y := p.stringLit(p.tok)
		raws = append(raws, p.tok.lit)
		p.next()
		x = concatStrings(x, y)
	}
	span := Span{first.pos, p.prevEnd}
	raw := strings.Join(raws, " ")
	switch x := x.(type) {
	case *StringLit:
		x.Span, x.Raw = span, raw
	case *InterpString:
		x.Span, x.Raw = span, raw
	}
	return x
}

// concatStrings joins two adjacent literals.
func concatStrings(x, y Expr) Expr {
	if a, ok := x.(*StringLit); ok {
		if b, ok := y.(*StringLit); ok {
			return &StringLit{Value: a.Value + b.Value}
		}
	}
	return &InterpString{Parts: append(stringParts(x), stringParts(y)...)}
}

// stringParts returns the parts of a literal as an InterpString holds
// them.
func stringParts(x Expr) []Expr {
	switch x := x.(type) {
	case *InterpString:
		return x.Parts
	case *StringLit:
		if x.Value == "" {
			return nil
		}
		return []Expr{&StringLit{Span: x.Span, Value: x.Value}}
	}
	return nil
}

// stringLit converts one string token.
func (p *parser) stringLit(t token) Expr {
	l := splitString(t)
	span := Span{t.pos, t.end}
	if l.raw {
		return &StringLit{Span: span, Raw: t.lit, Value: l.content}
	}
	cur := posCursor{s: t.lit, pos: t.pos}
	if strings.IndexByte(l.content, '$') < 0 {
		return &StringLit{Span: span, Raw: t.lit, Value: p.decode(l.content, l.prefix, &cur)}
	}

	// Split the content into text and `${...}` parts.
	c := l.content
	var parts []Expr
	interp := false
	text := 0
	flush := func(end int) {
		if end > text {
			start := cur.at(l.prefix + text)
			v := p.decode(c[text:end], l.prefix+text, &cur)
			parts = append(parts, &StringLit{Span: Span{start, cur.at(l.prefix + end)}, Value: v})
		}
	}
	for i := 0; i < len(c); {
		switch {
		case c[i] == '\\':
			i += 2
			continue
		case c[i] == '$' && i+1 < len(c) && c[i+1] == '{':
			end := interpEnd(c, i+2)
			if end < 0 {
				pos := cur.at(l.prefix + i)
				p.errorf(pos, Pos{pos.Line, pos.Col + 2}, "unterminated string interpolation: missing '}'")
				i = len(c)
				continue
			}
			flush(i)
			start := cur.at(l.prefix + i)
			exprPos := cur.at(l.prefix + i + 2)
			fv := p.parseInterpolation(c[i+2:end], exprPos)
			fv.Span = Span{start, cur.at(l.prefix + end + 1)}
			parts = append(parts, fv)
			interp = true
			i = end + 1
			text = i
			continue
		}
		i++
	}
	flush(len(c))
	if !interp {
		v := ""
		if len(parts) == 1 {
			v = parts[0].(*StringLit).Value
		}
		return &StringLit{Span: span, Raw: t.lit, Value: v}
	}
	return &InterpString{Span: span, Raw: t.lit, Parts: parts}
}

// decode decodes the escapes of s, found at offset off of the literal,
// and reports a malformed escape.
func (p *parser) decode(s string, off int, cur *posCursor) string {
	v, bad, badOff := decodeEscapes(s)
	if bad != "" {
		pos := cur.at(off + badOff)
		p.errorf(pos, Pos{pos.Line, pos.Col + int32(len(bad))}, "invalid escape sequence %q", bad)
	}
	return v
}

// interpEnd returns the index of the `}` closing an interpolation whose
// expression starts at i, skipping nested braces and quoted strings, or
// -1.
func interpEnd(c string, i int) int {
	depth := 0
	for ; i < len(c); i++ {
		switch ch := c[i]; ch {
		case '\\':
			i++
		case '\'', '"':
			for i++; i < len(c) && c[i] != ch; i++ {
				if c[i] == '\\' {
					i++
				}
			}
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// parseInterpolation parses the `expr: spec` inside `${...}`; src
// starts at pos in the file.
func (p *parser) parseInterpolation(src string, pos Pos) *FormattedValue {
	fv := &FormattedValue{}
	if strings.TrimSpace(src) == "" {
		p.errorf(pos, pos, "string interpolation expression can not be empty")
		fv.X = &BadExpr{Span{pos, pos}}
		return fv
	}
	if strings.IndexByte(src, '\\') >= 0 {
		// Quotes inside the expression are escaped in the source.
		src, _, _ = decodeEscapes(src)
	}
	sub := &parser{errs: p.errs, depth: p.depth}
	sub.sc.init(src, pos, true, sub.scanError)
	sub.next()
	fv.X = sub.parseTest()
	switch sub.tok.kind {
	case EOF:
	case COLON:
		fv.Spec = strings.TrimSpace(src[sub.tok.eoff:])
		if !strings.HasPrefix(fv.Spec, "#") {
			p.errorf(sub.tok.pos, sub.tok.end, "invalid string interpolation format spec %q: it must start with '#'", fv.Spec)
		}
	default:
		sub.errorf(sub.tok.pos, sub.tok.end, "invalid string interpolation expression: unexpected %s", describe(sub.tok))
	}
	return fv
}

// A posCursor maps byte offsets of a literal's text, met in increasing
// order, to positions.
type posCursor struct {
	s   string
	i   int
	pos Pos
}

func (c *posCursor) at(j int) Pos {
	if j > len(c.s) {
		j = len(c.s)
	}
	for ; c.i < j; c.i++ {
		switch c.s[c.i] {
		case '\n':
			c.pos.Line++
			c.pos.Col = 1
		case '\r':
			if c.i+1 < len(c.s) && c.s[c.i+1] == '\n' {
				continue
			}
			c.pos.Line++
			c.pos.Col = 1
		default:
			c.pos.Col++
		}
	}
	return c.pos
}
