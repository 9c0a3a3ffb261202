package syntax

// This file parses expressions, from conditional expressions down to
// operands, by recursive descent with one function per precedence
// level (kcl-spec.md, "Operator precedence"), highest last:
//
//	x if c else y
//	or
//	and
//	not x
//	in, not in, is, is not, <, <=, >, >=, !=, ==   (chained)
//	x as T
//	|
//	^
//	&
//	<<, >>
//	+, -
//	*, /, %, //
//	+x, -x, ~x
//	**                                              (right-associative)
//	primary: operand, x.name, x?.name, x[i], x?[i], x(args)

import "akua.dev/akua/kcl/diag"

// parseTest parses a possibly conditional expression.
func (p *parser) parseTest() Expr {
	p.enter()
	defer p.leave()
	x := p.parseOr()
	if p.tok.kind == IF && !p.lineBreak() {
		p.next()
		e := &IfExpr{Then: x}
		e.Cond = p.parseOr()
		if p.tok.kind == ELSE {
			p.next()
			e.Else = p.parseTest()
		} else {
			p.errorExpected("'else'")
			e.Else = &BadExpr{Span{p.tok.pos, p.tok.pos}}
		}
		e.Span = Span{startOf(x), p.prevEnd}
		return e
	}
	return x
}

// parseOr parses a simple (non-conditional) expression.
func (p *parser) parseOr() Expr {
	x := p.parseAnd()
	for p.tok.kind == OR && !p.lineBreak() {
		x = p.binary(x, p.parseAnd)
	}
	return x
}

func (p *parser) parseAnd() Expr {
	x := p.parseNot()
	for p.tok.kind == AND && !p.lineBreak() {
		x = p.binary(x, p.parseNot)
	}
	return x
}

// binary consumes the operator token and builds `x op y`.
func (p *parser) binary(x Expr, operand func() Expr) Expr {
	op, opPos := p.tok.kind, p.tok.pos
	p.next()
	y := operand()
	return &BinaryExpr{Span: Span{startOf(x), endOf(y)}, X: x, Op: op, OpPos: opPos, Y: y}
}

func (p *parser) parseNot() Expr {
	if p.tok.kind != NOT {
		return p.parseComparison()
	}
	p.enter()
	defer p.leave()
	u := &UnaryExpr{Op: NOT, OpPos: p.tok.pos}
	p.next()
	u.X = p.parseNot()
	u.Span = Span{u.OpPos, endOf(u.X)}
	return u
}

// parseComparison parses a chain of comparisons into one CompareExpr.
func (p *parser) parseComparison() Expr {
	x := p.parseAs()
	var c *CompareExpr
	for !p.lineBreak() {
		op, ok := p.compareOp()
		if !ok {
			break
		}
		if c == nil {
			c = &CompareExpr{X: x}
		}
		c.Ops = append(c.Ops, op)
		c.Ys = append(c.Ys, p.parseAs())
	}
	if c == nil {
		return x
	}
	c.Span = Span{startOf(x), endOf(c.Ys[len(c.Ys)-1])}
	return c
}

// parseAs parses the type assertion `x as T`, which binds less tightly
// than `|` and more tightly than comparisons. Like upstream KCL it is a
// BinaryExpr with Op AS whose Y is the type written as an expression:
// a (dotted) name, or a list or config literal for `[T]` and `{K:V}`.
func (p *parser) parseAs() Expr {
	x := p.parseBinary(precBitOr)
	for p.tok.kind == AS && !p.lineBreak() {
		x = p.binary(x, func() Expr { return p.parsePrimary(false) })
	}
	return x
}

// compareOp consumes a comparison operator, if the current token starts
// one.
func (p *parser) compareOp() (CompareOp, bool) {
	var op CompareOp
	switch p.tok.kind {
	case EQL:
		op = CmpEq
	case NEQ:
		op = CmpNe
	case LT:
		op = CmpLt
	case LE:
		op = CmpLe
	case GT:
		op = CmpGt
	case GE:
		op = CmpGe
	case IN:
		op = CmpIn
	case IS:
		op = CmpIs
		p.next()
		if p.got(NOT) {
			op = CmpIsNot
		}
		return op, true
	case NOT:
		if p.peek(1).kind != IN {
			return 0, false
		}
		p.next()
		op = CmpNotIn
	default:
		return 0, false
	}
	p.next()
	return op, true
}

// Precedences of the binary operators between comparisons and unary
// operators.
const (
	precBitOr = iota + 1
	precXor
	precBitAnd
	precShift
	precAdd
	precMul
)

func binaryPrec(k Token) int {
	switch k {
	case PIPE:
		return precBitOr
	case CIRCUMFLEX:
		return precXor
	case AMP:
		return precBitAnd
	case LTLT, GTGT:
		return precShift
	case PLUS, MINUS:
		return precAdd
	case STAR, SLASH, PERCENT, SLASHSLASH:
		return precMul
	}
	return 0
}

// parseBinary parses left-associative binary operators of precedence
// prec and higher.
func (p *parser) parseBinary(prec int) Expr {
	x := p.parseUnary()
	for {
		oprec := binaryPrec(p.tok.kind)
		if oprec < prec || oprec == 0 || p.lineBreak() {
			return x
		}
		op, opPos := p.tok.kind, p.tok.pos
		p.next()
		y := p.parseBinary(oprec + 1)
		x = &BinaryExpr{Span: Span{startOf(x), endOf(y)}, X: x, Op: op, OpPos: opPos, Y: y}
	}
}

// parseUnary parses `+x`, `-x`, `~x` and powers.
func (p *parser) parseUnary() Expr {
	switch p.tok.kind {
	case PLUS, MINUS, TILDE:
		p.enter()
		defer p.leave()
		u := &UnaryExpr{Op: p.tok.kind, OpPos: p.tok.pos}
		p.next()
		u.X = p.parseUnary()
		u.Span = Span{u.OpPos, endOf(u.X)}
		return u
	}
	x := p.parsePrimary(true)
	if p.tok.kind == STARSTAR && !p.lineBreak() {
		// `**` binds tighter than a unary operator on its left, less
		// tightly than one on its right: -2**-1 is -(2**(-1)).
		x = p.binary(x, p.parseUnary)
	}
	return x
}

// parsePrimary parses an operand and its suffixes. With allowSchema
// false a name directly followed by `{` is not a schema expression (the
// `{` opens a quantifier body).
func (p *parser) parsePrimary(allowSchema bool) Expr {
	x := p.parseOperand(allowSchema)
	for !p.lineBreak() {
		switch p.tok.kind {
		case DOT:
			p.next()
			sel := p.parseSelName()
			x = &SelectorExpr{Span: Span{startOf(x), sel.End}, X: x, Sel: sel}
		case QUESTION:
			switch p.peek(1).kind {
			case DOT:
				p.next()
				p.next()
				sel := p.parseSelName()
				x = &SelectorExpr{Span: Span{startOf(x), sel.End}, X: x, Sel: sel, Optional: true}
			case LBRACK:
				p.next()
				x = p.parseIndex(x, true)
			default:
				return x
			}
		case LPAREN:
			c := &CallExpr{Fn: x}
			c.Args, c.Keywords = p.parseCallArgs()
			c.Span = Span{startOf(x), p.prevEnd}
			x = c
		case LBRACK:
			x = p.parseIndex(x, false)
		default:
			return x
		}
	}
	return x
}

// parseIndex parses `[i]` or `[lo:hi:step]` after x; the current token
// is the `[`.
func (p *parser) parseIndex(x Expr, optional bool) Expr {
	p.next()
	var parts [3]Expr
	colons := 0
	for {
		if p.tok.kind != COLON && p.tok.kind != RBRACK {
			parts[colons] = p.parseTest()
		}
		if p.tok.kind != COLON || colons == 2 {
			break
		}
		p.next()
		colons++
	}
	p.expectClosing(RBRACK)
	span := Span{startOf(x), p.prevEnd}
	if colons == 0 {
		if parts[0] == nil {
			p.errorf(span.End, span.End, "expected an index expression")
			parts[0] = &BadExpr{Span{span.End, span.End}}
		}
		return &IndexExpr{Span: span, X: x, Index: parts[0], Optional: optional}
	}
	return &SliceExpr{Span: span, X: x, Lo: parts[0], Hi: parts[1], Step: parts[2], Optional: optional}
}

// parseCallArgs parses `(args)`: positional arguments, `*x`, `**x` and
// `name=value` keywords.
func (p *parser) parseCallArgs() (args []Expr, kws []*Keyword) {
	p.next()
	for !p.atListEnd(RPAREN) {
		mark := p.ntok
		switch p.tok.kind {
		case STAR, STARSTAR:
			s := &StarredExpr{Double: p.tok.kind == STARSTAR}
			s.Start = p.tok.pos
			p.next()
			s.X = p.parseTest()
			s.End = p.prevEnd
			args = append(args, s)
		default:
			x := p.parseTest()
			if p.tok.kind == ASSIGN {
				p.next()
				k := &Keyword{Value: p.parseTest()}
				k.Span = Span{startOf(x), p.prevEnd}
				if id, ok := x.(*Ident); ok {
					k.Name = id
				} else {
					p.errorf(startOf(x), endOf(x), "keyword argument name must be an identifier")
					k.Name = &Ident{Span: Span{startOf(x), startOf(x)}}
				}
				kws = append(kws, k)
				break
			}
			if len(kws) > 0 {
				p.errorCode(diag.InvalidSyntax, startOf(x), endOf(x), "pass positional arguments before keyword arguments",
					"positional argument follows keyword argument")
			}
			args = append(args, x)
		}
		if !p.got(COMMA) || p.ntok == mark {
			break
		}
	}
	p.expectClosing(RPAREN)
	return args, kws
}

// parseOperand parses an operand: a name (or schema expression), a
// literal, a parenthesized expression, a list, a config, a lambda or a
// quantifier expression.
func (p *parser) parseOperand(allowSchema bool) Expr {
	switch p.tok.kind {
	case IDENT, SCHEMA, MIXIN, PROTOCOL, RULE, CHECK:
		return p.parseNameOrSchema(allowSchema)
	case INT, FLOAT:
		lit, ok := numberValue(p.tok)
		if !ok {
			p.errorf(p.tok.pos, p.tok.end, "number literal %s is out of range", p.tok.lit)
		}
		n := &NumberLit{}
		*n = lit
		n.Span = Span{p.tok.pos, p.tok.end}
		p.next()
		return n
	case STRING:
		return p.parseString()
	case TRUE, FALSE, NONE, UNDEFINED:
		c := &NameConstant{Span: Span{p.tok.pos, p.tok.end}, Value: p.tok.kind}
		p.next()
		return c
	case LPAREN:
		e := &ParenExpr{}
		e.Start = p.tok.pos
		p.next()
		e.X = p.parseTest()
		if p.tok.kind == COMMA {
			p.errorCode(diag.InvalidSyntax, p.tok.pos, p.tok.end, "use a list: [a, b]", "tuples are not supported")
			for !p.atListEnd(RPAREN) {
				p.next()
			}
		}
		p.expectClosing(RPAREN)
		e.End = p.prevEnd
		return e
	case LBRACK:
		return p.parseList()
	case LBRACE:
		return p.parseConfig()
	case LAMBDA:
		return p.parseLambda()
	case ALL, ANY, MAP, FILTER:
		return p.parseQuant()
	}
	p.errorExpected("expression")
	return &BadExpr{Span{p.tok.pos, p.tok.pos}}
}

// parseNameOrSchema parses a name, a dotted name, and the schema
// expressions `Name {...}` and `pkg.Name(args) {...}`.
func (p *parser) parseNameOrSchema(allowSchema bool) Expr {
	var x Expr = p.parseIdent()
	for p.tok.kind == DOT && !p.lineBreak() {
		p.next()
		sel := p.parseSelName()
		x = &SelectorExpr{Span: Span{startOf(x), sel.End}, X: x, Sel: sel}
	}
	if !allowSchema || p.lineBreak() {
		return x
	}
	switch p.tok.kind {
	case LBRACE:
		return p.parseSchemaExpr(x, nil, nil, false)
	case LPAREN:
		args, kws := p.parseCallArgs()
		if p.tok.kind == LBRACE && !p.lineBreak() {
			return p.parseSchemaExpr(x, args, kws, true)
		}
		return &CallExpr{Span: Span{startOf(x), p.prevEnd}, Fn: x, Args: args, Keywords: kws}
	}
	return x
}

// parseSchemaExpr parses the config of a schema expression named name.
func (p *parser) parseSchemaExpr(name Expr, args []Expr, kws []*Keyword, call bool) *SchemaExpr {
	s := &SchemaExpr{Name: name, Args: args, Keywords: kws, HasCall: call}
	cfg := p.parseConfig()
	if c, ok := cfg.(*ConfigExpr); ok {
		s.Config = c
	} else {
		p.errorf(startOf(cfg), endOf(cfg), "a schema expression takes a config, not a comprehension")
		s.Config = &ConfigExpr{Span: Span{startOf(cfg), endOf(cfg)}}
	}
	s.Span = Span{startOf(name), p.prevEnd}
	return s
}

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
