package syntax

// This file parses type annotations:
//
//	type:    element ('|' element)*
//	element: name ('.' name)* | '[' [type] ']' | '{' [type] ':' [type] '}'
//	       | '(' [element (',' element)*] ')' ['->' element]
//	       | string | ['-'] number | True | False | None

// parseType parses a type, possibly a union.
func (p *parser) parseType() Type {
	p.enter()
	defer p.leave()
	t := p.parseTypeElem()
	if p.tok.kind != PIPE {
		return t
	}
	u := &UnionType{Types: []Type{t}}
	for p.got(PIPE) {
		u.Types = append(u.Types, p.parseTypeElem())
	}
	u.Span = Span{startOf(t), p.prevEnd}
	return u
}

// parseTypeElem parses one element of a union type.
func (p *parser) parseTypeElem() Type {
	start := p.tok.pos
	switch p.tok.kind {
	case IDENT, ANY:
		name := p.tok.lit
		p.next()
		for p.tok.kind == DOT && p.peek(1).kind == IDENT {
			p.next()
			name += "." + p.tok.lit
			p.next()
		}
		return &NamedType{Span: Span{start, p.prevEnd}, Name: name}
	case LBRACK:
		p.next()
		t := &ListType{}
		if p.tok.kind != RBRACK {
			t.Elem = p.parseType()
		}
		p.expectClosing(RBRACK)
		t.Span = Span{start, p.prevEnd}
		return t
	case LBRACE:
		p.next()
		t := &DictType{}
		if p.tok.kind != COLON {
			t.Key = p.parseType()
		}
		p.expect(COLON)
		if p.tok.kind != RBRACE {
			t.Value = p.parseType()
		}
		p.expectClosing(RBRACE)
		t.Span = Span{start, p.prevEnd}
		return t
	case LPAREN:
		p.next()
		t := &FuncType{}
		for !p.atListEnd(RPAREN) {
			mark := p.ntok
			t.Params = append(t.Params, p.parseType())
			if !p.got(COMMA) || p.ntok == mark {
				break
			}
		}
		p.expectClosing(RPAREN)
		if p.got(ARROW) {
			p.enter()
			t.Ret = p.parseTypeElem()
			p.leave()
		}
		t.Span = Span{start, p.prevEnd}
		return t
	case STRING:
		lit := p.stringLit(p.tok)
		p.next()
		if _, ok := lit.(*StringLit); !ok {
			p.errorf(start, p.prevEnd, "a string literal type cannot be interpolated")
			lit = &StringLit{Span: Span{start, p.prevEnd}}
		}
		return &LiteralType{Span: Span{start, p.prevEnd}, Value: lit}
	case INT, FLOAT:
		x := p.parseOperand(false)
		return &LiteralType{Span: Span{start, p.prevEnd}, Value: x}
	case MINUS:
		p.next()
		if p.tok.kind != INT && p.tok.kind != FLOAT {
			p.errorExpected("number")
			return &NamedType{Span: Span{start, start}}
		}
		n := p.parseOperand(false).(*NumberLit)
		// A negative literal type is one NumberLit: Raw "-1", value -1.
		n.Raw = "-" + n.Raw
		n.Int, n.Float = -n.Int, -n.Float
		n.Start = start
		return &LiteralType{Span: Span{start, p.prevEnd}, Value: n}
	case TRUE, FALSE, NONE:
		c := &NameConstant{Span: Span{start, p.tok.end}, Value: p.tok.kind}
		p.next()
		return &LiteralType{Span: c.Span, Value: c}
	}
	p.errorExpected("type")
	return &NamedType{Span: Span{start, start}}
}
