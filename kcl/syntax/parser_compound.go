package syntax

// This file parses the compound expressions: list and config literals
// with their `if` arms, comprehensions, quantifier expressions and
// lambdas.

import "akua.dev/akua/kcl/diag"

// parseList parses a list literal or a list comprehension.
func (p *parser) parseList() Expr {
	start := p.tok.pos
	p.next()
	var elts []Expr
	for !p.atListEnd(RBRACK) {
		mark := p.ntok
		x := p.parseListItem()
		if p.tok.kind == FOR {
			if len(elts) > 0 {
				p.errorf(startOf(x), endOf(x), "a list comprehension takes a single element expression")
			}
			c := &ListComp{Elt: x, Clauses: p.parseCompClauses()}
			p.expectClosing(RBRACK)
			c.Span = Span{start, p.prevEnd}
			return c
		}
		elts = append(elts, x)
		p.got(COMMA)
		if p.ntok == mark {
			break
		}
	}
	p.expectClosing(RBRACK)
	return &ListExpr{Span: Span{start, p.prevEnd}, Elts: elts}
}

// parseListItem parses a list element: an expression, `*x`, or an
// `if` item.
func (p *parser) parseListItem() Expr {
	switch p.tok.kind {
	case STAR:
		s := &StarredExpr{}
		s.Start = p.tok.pos
		p.next()
		s.X = p.parseTest()
		s.End = p.prevEnd
		return s
	case IF:
		return p.parseListIf()
	}
	return p.parseTest()
}

// parseListIf parses `if c: items elif c: items else: items` in a list.
func (p *parser) parseListIf() *ListIfItem {
	item := &ListIfItem{}
	item.Start = p.tok.pos
	p.enter()
	defer p.leave()
	for {
		kw := p.tok
		b := &ListBranch{}
		b.Start = kw.pos
		p.next()
		if kw.kind != ELSE {
			b.Cond = p.parseTest()
		}
		p.parseArm(kw, func() {
			b.Items = append(b.Items, p.parseListItem())
		})
		b.End = p.prevEnd
		item.Branches = append(item.Branches, b)
		if kw.kind == ELSE || p.tok.kind != ELIF && p.tok.kind != ELSE {
			break
		}
	}
	item.End = p.prevEnd
	return item
}

// parseArm parses the body of an `if`, `elif` or `else` arm inside a
// list or config literal; the current token is the `:`. The body is one
// item on the same line, or an indented block of items, which the
// scanner is asked to treat as a block although it is inside brackets.
func (p *parser) parseArm(kw token, item func()) {
	if p.tok.kind != COLON {
		p.errorExpected("':'")
		return
	}
	pushed := p.nahead == 0 && p.sc.pushArm(p.tok.pos, kw.ind)
	p.next()
	if p.tok.kind != NEWLINE {
		if pushed {
			p.sc.dropArm()
		}
		item()
		return
	}
	p.next()
	if !p.got(INDENT) {
		p.errorExpected("an indented block")
		return
	}
	for p.tok.kind != DEDENT && p.tok.kind != EOF {
		mark := p.ntok
		if p.tok.kind == NEWLINE {
			p.next()
			continue
		}
		item()
		p.got(COMMA)
		if p.ntok == mark {
			p.errorExpected("an item")
			p.next()
		}
	}
	p.got(DEDENT)
}

// parseConfig parses a config literal or a dict comprehension.
func (p *parser) parseConfig() Expr {
	start := p.tok.pos
	p.next()
	var entries []*ConfigEntry
	for !p.atListEnd(RBRACE) {
		mark := p.ntok
		e := p.parseConfigEntry()
		if p.tok.kind == FOR {
			if len(entries) > 0 {
				p.errorf(e.Start, e.End, "a dict comprehension takes a single entry")
			}
			c := &DictComp{Entry: e, Clauses: p.parseCompClauses()}
			p.expectClosing(RBRACE)
			c.Span = Span{start, p.prevEnd}
			return c
		}
		entries = append(entries, e)
		p.got(COMMA)
		if p.ntok == mark {
			break
		}
	}
	p.expectClosing(RBRACE)
	return &ConfigExpr{Span: Span{start, p.prevEnd}, Entries: entries}
}

// parseConfigEntry parses `key: value`, `key = value`, `key += value`,
// `**x` or an `if` entry.
func (p *parser) parseConfigEntry() *ConfigEntry {
	e := &ConfigEntry{}
	e.Start = p.tok.pos
	switch p.tok.kind {
	case STARSTAR:
		e.Kind = EntryUnpack
		p.next()
		e.Value = p.parseTest()
	case IF:
		e.Kind = EntryIf
		e.If = p.parseConfigIf()
	default:
		e.Key = p.parseTest()
		e.OpPos = p.tok.pos
		switch p.tok.kind {
		case COLON:
			e.Op = OpUnion
		case ASSIGN:
			e.Op = OpOverride
		case PLUS_EQ:
			e.Op = OpInsert
		default:
			p.errorExpected("':', '=' or '+='")
			e.Value = &BadExpr{Span{p.tok.pos, p.tok.pos}}
			e.End = p.prevEnd
			return e
		}
		p.next()
		e.Value = p.parseTest()
	}
	e.End = p.prevEnd
	return e
}

// parseConfigIf parses `if c: entries elif c: entries else: entries` in
// a config.
func (p *parser) parseConfigIf() *ConfigIfEntry {
	entry := &ConfigIfEntry{}
	entry.Start = p.tok.pos
	p.enter()
	defer p.leave()
	for {
		kw := p.tok
		b := &ConfigBranch{}
		b.Start = kw.pos
		p.next()
		if kw.kind != ELSE {
			b.Cond = p.parseTest()
		}
		p.parseArm(kw, func() {
			b.Entries = append(b.Entries, p.parseConfigEntry())
		})
		b.End = p.prevEnd
		entry.Branches = append(entry.Branches, b)
		if kw.kind == ELSE || p.tok.kind != ELIF && p.tok.kind != ELSE {
			break
		}
	}
	entry.End = p.prevEnd
	return entry
}

// parseCompClauses parses the `for ... in ... if ...` clauses of a
// comprehension.
func (p *parser) parseCompClauses() []*CompClause {
	var list []*CompClause
	for p.tok.kind == FOR {
		c := &CompClause{}
		c.Start = p.tok.pos
		p.next()
		c.Vars = p.parseLoopVars()
		p.expect(IN)
		c.Iter = p.parseOr()
		for p.got(IF) {
			c.Ifs = append(c.Ifs, p.parseOr())
		}
		c.End = p.prevEnd
		list = append(list, c)
	}
	return list
}

// parseLoopVars parses the variables of a comprehension or quantifier.
// Their number is checked by later phases, as upstream does.
func (p *parser) parseLoopVars() []*Ident {
	var vars []*Ident
	for {
		id := p.parseIdent()
		vars = append(vars, id)
		if p.tok.kind == DOT {
			p.errorCode(diag.CompileError, id.Start, id.End, "", "loop variables can only be ordinary identifiers")
			for p.tok.kind == DOT {
				p.next()
				p.parseSelName()
			}
		}
		if p.tok.kind != COMMA {
			return vars
		}
		p.next()
		if p.tok.kind == IN {
			return vars
		}
	}
}

// parseQuant parses `all|any|map|filter x, y in iter { body if cond }`.
func (p *parser) parseQuant() Expr {
	q := &QuantExpr{Op: p.tok.kind}
	q.Start = p.tok.pos
	p.next()
	q.Vars = p.parseLoopVars()
	p.expect(IN)
	q.Iter = p.parsePrimary(false)
	if p.tok.kind != LBRACE {
		p.errorExpected("'{'")
		q.Body = &BadExpr{Span{p.tok.pos, p.tok.pos}}
		q.End = p.prevEnd
		return q
	}
	p.next()
	q.Body = p.parseOr()
	if p.got(IF) {
		q.Cond = p.parseTest()
	}
	p.expectClosing(RBRACE)
	q.End = p.prevEnd
	return q
}

// parseLambda parses `lambda params -> Ret { body }`. The body is a
// block of statements: the scanner is told to treat its `{` as opening
// an indented block.
func (p *parser) parseLambda() Expr {
	l := &LambdaExpr{}
	l.Start = p.tok.pos
	base := p.tok.ind
	p.next()
	if p.tok.kind != ARROW && p.tok.kind != LBRACE {
		l.Params = p.parseParams(ARROW, LBRACE)
	}
	if p.got(ARROW) {
		l.Ret = p.parseType()
	}
	if p.tok.kind != LBRACE {
		p.errorExpected("'{'")
		l.End = p.prevEnd
		return l
	}
	if p.nahead == 0 {
		p.sc.blockify(p.tok.off, base)
	}
	p.enter()
	defer p.leave()
	p.next()
	for !p.atListEnd(RBRACE) {
		switch p.tok.kind {
		case NEWLINE, SEMI, DEDENT:
			p.next()
		case INDENT:
			p.next()
			l.Body = append(l.Body, p.parseStmtList(inBlock)...)
			p.got(DEDENT)
		default:
			mark := p.ntok
			if s := p.parseStmt(inBlock); s != nil {
				l.Body = append(l.Body, s)
			}
			if p.ntok == mark {
				p.errorExpected("statement")
				p.next()
			}
		}
	}
	p.expectClosing(RBRACE)
	l.End = p.prevEnd
	return l
}
