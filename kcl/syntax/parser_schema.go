package syntax

// This file parses schema, mixin, protocol and rule statements: their
// decorators, parameters, bodies, attributes, index signatures and
// check blocks.

// parseDecorators parses `@name` and `@name(args)` lines.
func (p *parser) parseDecorators() []*Decorator {
	var list []*Decorator
	for p.tok.kind == AT {
		d := &Decorator{}
		d.Start = p.tok.pos
		p.next()
		d.Name = p.parseDottedName()
		if p.tok.kind == LPAREN {
			d.HasCall = true
			d.Args, d.Keywords = p.parseCallArgs()
		}
		d.End = p.prevEnd
		list = append(list, d)
		p.endLine()
	}
	return list
}

// parseSchemaStmt parses a schema, mixin or protocol declaration whose
// decorators (starting at start) have been parsed.
//
//	schema Name[params](Parent) for Protocol:
//	    body
func (p *parser) parseSchemaStmt(decos []*Decorator, start Pos) *SchemaStmt {
	s := &SchemaStmt{Decorators: decos}
	s.Start = start
	switch p.tok.kind {
	case MIXIN:
		s.Kind = KindMixin
	case PROTOCOL:
		s.Kind = KindProtocol
	}
	p.next()
	s.Name = p.parseIdent()
	if p.got(LBRACK) {
		s.Params = p.parseParams(RBRACK, RBRACK)
		p.expectClosing(RBRACK)
	}
	if p.got(LPAREN) {
		s.Parent = p.parseDottedName()
		if p.tok.kind != RPAREN {
			p.errorExpected("')'")
			for p.tok.kind != RPAREN && p.tok.kind != EOF && p.tok.kind != NEWLINE {
				p.next()
			}
		}
		p.got(RPAREN)
	}
	if p.got(FOR) {
		s.For = p.parseDottedName()
	}
	p.expect(COLON)
	s.End = p.prevEnd
	if p.openBody() {
		p.parseSchemaBody(s)
		s.End = p.prevEnd
		p.got(DEDENT)
	}
	return s
}

// openBody consumes the NEWLINE and INDENT opening the body of a schema
// or rule and reports whether there is a body.
func (p *parser) openBody() bool {
	switch p.tok.kind {
	case NEWLINE:
		p.next()
	case EOF:
		return false
	default:
		p.errorExpected("newline")
		p.syncLine()
	}
	return p.got(INDENT)
}

// parseSchemaBody parses the statements of a schema body up to its
// DEDENT: docstring, mixins, attributes, statements, the index
// signature and the check block.
func (p *parser) parseSchemaBody(s *SchemaStmt) {
	p.enter()
	defer p.leave()
	first := true
	for p.tok.kind != DEDENT && p.tok.kind != EOF {
		switch p.tok.kind {
		case NEWLINE, SEMI:
			p.next()
			continue
		case INDENT:
			p.errorExpected("statement")
			p.next()
			p.parseSchemaBody(s)
			p.got(DEDENT)
			continue
		}
		mark := p.ntok
		afterCheck := len(s.Checks) > 0
		switch {
		case p.tok.kind == MIXIN && p.peek(1).kind == LBRACK:
			if len(s.Body) > 0 || s.IndexSig != nil || len(s.Mixins) > 0 {
				// The grammar puts the one mixin list right after the
				// docstring, so the tree's order is the source order.
				p.errorf(p.tok.pos, p.tok.end, "the mixin list must come first in a schema body, after the docstring")
			}
			p.parseMixins(s)
		case p.tok.kind == CHECK && p.peek(1).kind == COLON:
			p.parseCheckBlock(s)
		case p.tok.kind == LBRACK && p.isIndexSignature():
			pos, end := p.tok.pos, p.tok.end
			sig := p.parseIndexSignature()
			if s.IndexSig != nil {
				p.errorf(pos, end, "duplicate schema index signature definitions, only one is allowed in the schema")
			} else {
				s.IndexSig = sig
			}
		default:
			stmt := p.parseStmt(inSchema)
			if d := docString(stmt); d != nil && first && s.Doc == nil {
				s.Doc = d
			} else if stmt != nil {
				s.Body = append(s.Body, stmt)
			}
		}
		if afterCheck && p.ntok != mark {
			p.errorf(p.prevEnd, p.prevEnd, "the check block must come last in a schema body")
		}
		first = false
		if p.ntok == mark {
			p.errorExpected("statement")
			p.next()
		}
	}
}

// parseSchemaAttrStmt parses a decorated schema attribute.
func (p *parser) parseSchemaAttrStmt(decos []*Decorator, start Pos) Stmt {
	var x Expr
	switch p.tok.kind {
	case IDENT:
		x = p.parseIdent()
	case STRING:
		x = p.parseString()
	default:
		p.errorExpected("attribute name")
		p.syncLine()
		return nil
	}
	if p.tok.kind != COLON && p.tok.kind != QUESTION {
		p.errorExpected("':'")
		p.syncLine()
		return nil
	}
	return p.endStmt(p.parseAnnotated(x, inSchema, decos, start))
}

// parseMixins parses `mixin [A, pkg.B]`.
func (p *parser) parseMixins(s *SchemaStmt) {
	p.next()
	p.expect(LBRACK)
	for !p.atListEnd(RBRACK) {
		mark := p.ntok
		s.Mixins = append(s.Mixins, p.parseDottedName())
		if !p.got(COMMA) || p.ntok == mark {
			break
		}
	}
	p.expectClosing(RBRACK)
	p.endLine()
}

// isIndexSignature reports whether the `[` starting a schema body line
// opens an index signature (`[str]: T`, `[k: str]: T`, `[...str]: T`)
// rather than a list expression.
func (p *parser) isIndexSignature() bool {
	switch t := p.peek(1); t.kind {
	case ELLIPSIS:
		return true
	case IDENT, ANY:
		switch p.peek(2).kind {
		case COLON:
			return true
		case RBRACK:
			return p.peek(3).kind == COLON
		}
	}
	return false
}

// parseIndexSignature parses `[name: ...KeyType]: ValueType = default`.
func (p *parser) parseIndexSignature() *IndexSignature {
	sig := &IndexSignature{}
	sig.Start = p.tok.pos
	p.next()
	if p.tok.kind == IDENT && p.peek(1).kind == COLON {
		sig.KeyName = p.parseIdent()
		p.next()
	}
	sig.AnyOther = p.got(ELLIPSIS)
	sig.KeyType = p.parseType()
	p.expectClosing(RBRACK)
	p.expect(COLON)
	sig.ValueType = p.parseType()
	if p.got(ASSIGN) {
		sig.Default = p.parseTest()
	}
	sig.End = p.prevEnd
	p.endLine()
	return sig
}

// parseCheckBlock parses `check:` and its indented check expressions.
func (p *parser) parseCheckBlock(s *SchemaStmt) {
	p.next()
	p.expect(COLON)
	if p.tok.kind != NEWLINE {
		s.Checks = append(s.Checks, p.parseCheckExpr())
		p.endLine()
		return
	}
	p.next()
	if !p.got(INDENT) {
		p.errorExpected("an indented block of checks")
		return
	}
	s.Checks = append(s.Checks, p.parseChecks()...)
	p.got(DEDENT)
}

// parseChecks parses check expressions up to the end of their block.
// Like upstream KCL it lets a check follow another on the same line.
func (p *parser) parseChecks() []*CheckExpr {
	var list []*CheckExpr
	for p.tok.kind != DEDENT && p.tok.kind != EOF {
		if p.tok.kind == NEWLINE || p.tok.kind == SEMI {
			p.next()
			continue
		}
		mark := p.ntok
		list = append(list, p.parseCheckExpr())
		switch p.tok.kind {
		case NEWLINE, SEMI:
			p.next()
		case DEDENT, EOF:
		default:
			if !p.canStartExpr() {
				p.errorExpected("newline")
				p.syncLine()
			}
		}
		if p.ntok == mark {
			p.next()
		}
	}
	return list
}

// parseCheckExpr parses `test if cond, msg`.
func (p *parser) parseCheckExpr() *CheckExpr {
	c := &CheckExpr{}
	c.Start = p.tok.pos
	c.Test = p.parseOr()
	if p.got(IF) {
		c.Cond = p.parseOr()
	}
	if p.got(COMMA) {
		c.Msg = p.parseTest()
	}
	c.End = p.prevEnd
	return c
}

// parseRuleStmt parses a rule declaration.
//
//	rule Name[params](Parent, ...) for Protocol:
//	    """doc"""
//	    checks
func (p *parser) parseRuleStmt(decos []*Decorator, start Pos) *RuleStmt {
	s := &RuleStmt{Decorators: decos}
	s.Start = start
	p.next()
	s.Name = p.parseIdent()
	if p.got(LBRACK) {
		s.Params = p.parseParams(RBRACK, RBRACK)
		p.expectClosing(RBRACK)
	}
	if p.got(LPAREN) {
		for !p.atListEnd(RPAREN) {
			mark := p.ntok
			s.Parents = append(s.Parents, p.parseDottedName())
			if !p.got(COMMA) || p.ntok == mark {
				break
			}
		}
		p.expectClosing(RPAREN)
	}
	if p.got(FOR) {
		s.For = p.parseDottedName()
	}
	p.expect(COLON)
	s.End = p.prevEnd
	if p.openBody() {
		s.Checks = p.parseChecks()
		if len(s.Checks) > 0 {
			if c := s.Checks[0]; c.Cond == nil && c.Msg == nil {
				if lit, ok := c.Test.(*StringLit); ok {
					s.Doc = lit
					s.Checks = s.Checks[1:]
				}
			}
		}
		s.End = p.prevEnd
		p.got(DEDENT)
	}
	return s
}

// parseParams parses schema, rule or lambda parameters
// `name: Type = default, ...` up to one of two closing tokens.
func (p *parser) parseParams(close1, close2 Token) []*Param {
	var list []*Param
	for p.tok.kind != close1 && p.tok.kind != close2 && p.tok.kind != EOF && p.tok.kind != NEWLINE {
		mark := p.ntok
		prm := &Param{}
		prm.Start = p.tok.pos
		prm.Name = p.parseIdent()
		if p.got(COLON) {
			prm.Type = p.parseType()
		}
		if p.got(ASSIGN) {
			prm.Default = p.parseTest()
		}
		prm.End = p.prevEnd
		list = append(list, prm)
		if !p.got(COMMA) || p.ntok == mark {
			break
		}
	}
	return list
}

// canStartExpr reports whether the current token can begin an
// expression.
func (p *parser) canStartExpr() bool {
	switch p.tok.kind {
	case IDENT, INT, FLOAT, STRING, LPAREN, LBRACK, LBRACE, PLUS, MINUS, TILDE, NOT,
		TRUE, FALSE, NONE, UNDEFINED, LAMBDA, ALL, ANY, MAP, FILTER:
		return true
	}
	return false
}
