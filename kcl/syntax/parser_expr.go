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
