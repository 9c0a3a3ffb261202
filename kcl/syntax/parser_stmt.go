package syntax

// This file parses statements: the file, simple statements
// (expressions, assignments, unification, assert, import, type
// aliases), if statements and blocks. Schemas and rules are in
// parser_schema.go.

import "akua.dev/akua/kcl/diag"

// A where tells the statement parser what encloses a statement.
type where int8

const (
	inFile   where = iota // top level
	inSchema              // schema body: attributes allowed
	inBlock               // if body or lambda body
)

// parseFile parses the whole file into f, appending statements as they
// are parsed so a bailout still leaves a partial tree.
func (p *parser) parseFile(f *File) {
	f.Start = Pos{Line: 1, Col: 1}
	first := true
	for p.tok.kind != EOF {
		switch p.tok.kind {
		case NEWLINE, SEMI, DEDENT:
			p.next()
			continue
		case INDENT:
			p.errorCode(diag.IndentationError, p.tok.pos, p.tok.end, "", "unexpected indent")
			p.next()
			continue
		}
		mark := p.ntok
		s := p.parseStmt(inFile)
		if d := docString(s); d != nil && first {
			f.Doc = d
		} else if s != nil {
			f.Stmts = append(f.Stmts, s)
		}
		first = false
		if p.ntok == mark {
			p.next()
		}
	}
	f.End = p.tok.pos
}

// docString returns the string literal of a statement made of a lone
// plain string, the form of a docstring.
func docString(s Stmt) *StringLit {
	if es, ok := s.(*ExprStmt); ok && len(es.Exprs) == 1 {
		if lit, ok := es.Exprs[0].(*StringLit); ok {
			return lit
		}
	}
	return nil
}

// parseStmt parses one statement.
func (p *parser) parseStmt(w where) Stmt {
	switch p.tok.kind {
	case IF:
		return p.parseIfStmt(w)
	case AT:
		start := p.tok.pos
		decos := p.parseDecorators()
		switch p.tok.kind {
		case SCHEMA, MIXIN, PROTOCOL, RULE:
			if w != inFile {
				p.errorf(p.tok.pos, p.tok.end, "%s statement is only allowed at the top level", p.tok.kind)
			}
			if p.tok.kind == RULE {
				return p.parseRuleStmt(decos, start)
			}
			return p.parseSchemaStmt(decos, start)
		}
		if w == inSchema {
			return p.parseSchemaAttrStmt(decos, start)
		}
		p.errorExpected("schema or rule after decorators")
		p.syncLine()
		return nil
	case SCHEMA, MIXIN, PROTOCOL, RULE:
		// These keywords are also names (`protocol: "TCP"`): they start a
		// declaration only when a name follows.
		if p.peek(1).kind != IDENT {
			break
		}
		if w != inFile {
			p.errorf(p.tok.pos, p.tok.end, "%s statement is only allowed at the top level", p.tok.kind)
		}
		if p.tok.kind == RULE {
			return p.parseRuleStmt(nil, p.tok.pos)
		}
		return p.parseSchemaStmt(nil, p.tok.pos)
	case IMPORT:
		if w != inFile {
			p.errorf(p.tok.pos, p.tok.end, "import statement is only allowed at the top level")
		}
		return p.endStmt(p.parseImportStmt())
	case ASSERT:
		return p.endStmt(p.parseAssertStmt())
	case IDENT:
		if p.tok.lit == "type" && p.tok.off+4 == p.tok.eoff {
			if next := p.peek(1); next.kind == IDENT && !next.nl {
				return p.endStmt(p.parseTypeAliasStmt())
			}
		}
	}
	return p.parseSimpleStmt(w)
}

// endStmt ends a simple statement (see endLine) and returns it.
func (p *parser) endStmt(s Stmt) Stmt {
	p.endLine()
	return s
}

// endLine ends a line-sized construct: it must be followed by a
// newline, a semicolon, or the end of its block.
func (p *parser) endLine() {
	switch p.tok.kind {
	case NEWLINE, SEMI:
		p.next()
	case EOF, DEDENT, RBRACE:
	case COMMA:
		p.errorCode(diag.InvalidSyntax, p.tok.pos, p.tok.end, "write several values as a list: [a, b]",
			"expected newline, got ','")
		p.syncLine()
	default:
		p.errorExpected("newline")
		p.syncLine()
	}
}

// parseSimpleStmt parses an expression statement, an assignment, an
// augmented assignment, a unification or, in a schema body, an
// attribute declaration.
func (p *parser) parseSimpleStmt(w where) Stmt {
	start := p.tok.pos
	x := p.parseTest()
	switch k := p.tok.kind; {
	case k == COLON || k == QUESTION && w == inSchema:
		return p.endStmt(p.parseAnnotated(x, w, nil, start))
	case k == ASSIGN:
		s := &AssignStmt{Targets: []Expr{x}}
		for p.got(ASSIGN) {
			s.Targets = append(s.Targets, p.parseTest())
		}
		s.Value = s.Targets[len(s.Targets)-1]
		s.Targets = s.Targets[:len(s.Targets)-1]
		for _, t := range s.Targets {
			p.checkTarget(t)
		}
		s.Span = Span{start, p.prevEnd}
		return p.endStmt(s)
	case isAugAssign(k):
		s := &AugAssignStmt{Target: x, Op: k, OpPos: p.tok.pos}
		p.checkTarget(x)
		p.next()
		s.Value = p.parseTest()
		s.Span = Span{start, p.prevEnd}
		return p.endStmt(s)
	}
	s := &ExprStmt{Exprs: []Expr{x}}
	for p.tok.kind == COMMA {
		p.next()
		s.Exprs = append(s.Exprs, p.parseTest())
	}
	s.Span = Span{start, p.prevEnd}
	return p.endStmt(s)
}

// parseAnnotated parses what follows `x` when the current token is `:`
// (or `?:` in a schema body): a typed assignment, a unification
// `x: Schema {...}` or a schema attribute.
func (p *parser) parseAnnotated(x Expr, w where, decos []*Decorator, start Pos) Stmt {
	optional := false
	if p.tok.kind == QUESTION {
		optional = true
		p.next()
	}
	p.expect(COLON)
	typ := p.parseType()
	if (p.tok.kind == LBRACE || p.tok.kind == LPAREN) && !optional && decos == nil {
		if nt, ok := typ.(*NamedType); ok && nt.Name != "" {
			// Unification: the "type" names the schema.
			var args []Expr
			var kws []*Keyword
			call := p.tok.kind == LPAREN
			if call {
				args, kws = p.parseCallArgs()
				if p.tok.kind != LBRACE {
					p.errorExpected("'{'")
				}
			}
			s := &UnificationStmt{Value: p.parseSchemaExpr(nameExpr(nt), args, kws, call)}
			if id, ok := x.(*Ident); ok {
				s.Target = id
			} else {
				p.errorf(startOf(x), endOf(x), "expected identifier as unification target")
			}
			s.Span = Span{start, p.prevEnd}
			return s
		}
	}
	if w == inSchema {
		a := &SchemaAttr{Decorators: decos, Optional: optional, Type: typ}
		switch n := x.(type) {
		case *Ident:
			a.Name, a.NamePos = n.Name, n.Start
		case *StringLit:
			a.Name, a.NamePos = n.Value, n.Start
		default:
			p.errorf(startOf(x), endOf(x), "attribute name must be an identifier or a string")
		}
		if k := p.tok.kind; k == ASSIGN || isAugAssign(k) {
			a.Op = k
			p.next()
			a.Value = p.parseTest()
		}
		a.Span = Span{start, p.prevEnd}
		return a
	}
	s := &AssignStmt{Targets: []Expr{x}, Type: typ}
	p.checkTarget(x)
	if p.tok.kind != ASSIGN {
		p.errorExpected("'=' after the type annotation")
		s.Value = &BadExpr{Span{p.tok.pos, p.tok.pos}}
	} else {
		p.next()
		s.Value = p.parseTest()
	}
	s.Span = Span{start, p.prevEnd}
	return s
}

// nameExpr turns the name of a named type back into the Ident or
// SelectorExpr chain it was written as.
func nameExpr(t *NamedType) Expr {
	name := t.Name
	pos := t.Start
	var x Expr
	for {
		i := 0
		for i < len(name) && name[i] != '.' {
			i++
		}
		id := &Ident{Span: Span{pos, Pos{pos.Line, pos.Col + int32(i)}}, Name: name[:i]}
		if x == nil {
			x = id
		} else {
			x = &SelectorExpr{Span: Span{t.Start, id.End}, X: x, Sel: id}
		}
		if i == len(name) {
			break
		}
		name = name[i+1:]
		pos = Pos{pos.Line, id.End.Col + 1}
	}
	if s, ok := x.(*SelectorExpr); ok {
		s.End = t.End
	} else {
		x.(*Ident).End = t.End
	}
	return x
}

// checkTarget reports an expression that cannot be assigned to.
func (p *parser) checkTarget(x Expr) {
	switch x := x.(type) {
	case *Ident, *SelectorExpr, *IndexExpr, *BadExpr:
	default:
		p.errorf(startOf(x), endOf(x), "cannot assign to this expression")
	}
}

func isAugAssign(k Token) bool {
	switch k {
	case PLUS_EQ, MINUS_EQ, STAR_EQ, STARSTAR_EQ, SLASH_EQ, SLASHSLASH_EQ,
		PERCENT_EQ, LTLT_EQ, GTGT_EQ, AMP_EQ, PIPE_EQ, CIRCUMFLEX_EQ:
		return true
	}
	return false
}

// parseImportStmt parses `import .a.b as c`.
func (p *parser) parseImportStmt() *ImportStmt {
	s := &ImportStmt{}
	s.Start = p.tok.pos
	p.next()
	pathStart := p.tok.off
	for p.tok.kind == DOT || p.tok.kind == ELLIPSIS {
		p.next()
	}
	for {
		if p.tok.kind != IDENT && !p.tok.kind.IsKeyword() {
			p.errorExpected("identifier")
			break
		}
		p.next()
		if p.tok.kind != DOT {
			break
		}
		p.next()
	}
	s.PathEnd = p.prevEnd
	s.Path = compactPath(p.sc.src[pathStart:max(pathStart, p.prevOff)])
	if p.got(AS) {
		s.Alias = p.parseIdent()
	}
	s.End = p.prevEnd
	return s
}

// compactPath drops the blanks and comments an import path may contain
// when written across lines.
func compactPath(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(isLetter(c) || isDigit(c) || c == '.' || c == '$') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '$' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\':
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// parseAssertStmt parses `assert test if cond, msg`.
func (p *parser) parseAssertStmt() *AssertStmt {
	s := &AssertStmt{}
	s.Start = p.tok.pos
	p.next()
	s.Test = p.parseOr()
	if p.got(IF) {
		s.Cond = p.parseOr()
	}
	if p.got(COMMA) {
		s.Msg = p.parseTest()
	}
	s.End = p.prevEnd
	return s
}

// parseTypeAliasStmt parses `type Name = T`.
func (p *parser) parseTypeAliasStmt() *TypeAliasStmt {
	s := &TypeAliasStmt{}
	s.Start = p.tok.pos
	p.next()
	s.Name = p.parseIdent()
	p.expect(ASSIGN)
	s.Type = p.parseType()
	s.End = p.prevEnd
	return s
}

// parseIfStmt parses an if statement with its elif and else arms.
func (p *parser) parseIfStmt(w where) *IfStmt {
	s := &IfStmt{}
	s.Start = p.tok.pos
	for {
		kw := p.tok.kind
		b := &IfBranch{}
		b.Start = p.tok.pos
		p.next()
		if kw == ELSE && p.tok.kind == IF {
			p.errorCode(diag.InvalidSyntax, b.Start, p.tok.end, "write 'elif'",
				"'else if' here is invalid in KCL, consider using the 'elif' keyword")
			p.next()
			kw = ELIF
		}
		if kw != ELSE {
			b.Cond = p.parseTest()
		}
		p.expect(COLON)
		b.Body = p.parseBlock(w)
		b.End = p.prevEnd
		s.Branches = append(s.Branches, b)
		if kw == ELSE || p.tok.kind != ELIF && p.tok.kind != ELSE {
			break
		}
	}
	s.End = p.prevEnd
	return s
}

// parseBlock parses the body of an if arm: a simple statement on the
// same line, or an indented block.
func (p *parser) parseBlock(w where) []Stmt {
	if w == inSchema {
		w = inBlock
	}
	if p.tok.kind != NEWLINE {
		if p.tok.kind == EOF {
			p.errorExpected("statement")
			return nil
		}
		var s Stmt
		if p.tok.kind == ASSERT {
			s = p.endStmt(p.parseAssertStmt())
		} else {
			s = p.parseSimpleStmt(w)
		}
		return []Stmt{s}
	}
	p.next()
	if p.tok.kind != INDENT {
		p.errorCode(diag.IndentationError, p.tok.pos, p.tok.end, "indent the statements of the block",
			"expected an indented block")
		return nil
	}
	p.next()
	stmts := p.parseStmtList(w)
	p.got(DEDENT)
	return stmts
}

// parseStmtList parses statements up to the DEDENT or EOF ending a block.
func (p *parser) parseStmtList(w where) []Stmt {
	p.enter()
	defer p.leave()
	var list []Stmt
	for p.tok.kind != DEDENT && p.tok.kind != EOF {
		switch p.tok.kind {
		case NEWLINE, SEMI:
			p.next()
			continue
		case INDENT:
			p.errorCode(diag.IndentationError, p.tok.pos, p.tok.end, "", "unexpected indent")
			p.next()
			list = append(list, p.parseStmtList(w)...)
			p.got(DEDENT)
			continue
		}
		mark := p.ntok
		if s := p.parseStmt(w); s != nil {
			list = append(list, s)
		}
		if p.ntok == mark {
			p.errorExpected("statement")
			p.next()
		}
	}
	return list
}

// parseIdent parses a name.
func (p *parser) parseIdent() *Ident {
	id := &Ident{Span: Span{p.tok.pos, p.tok.end}, Name: p.tok.lit}
	if p.tok.kind != IDENT && !isSoftKeyword(p.tok.kind) {
		p.errorExpected("identifier")
		id.Name = ""
		id.End = id.Start
		return id
	}
	p.next()
	return id
}

// parseDottedName parses `a.b.c` into an Ident or SelectorExpr chain.
func (p *parser) parseDottedName() Expr {
	var x Expr = p.parseIdent()
	for p.tok.kind == DOT {
		p.next()
		sel := p.parseSelName()
		x = &SelectorExpr{Span: Span{startOf(x), sel.End}, X: x, Sel: sel}
	}
	return x
}

// parseSelName parses the name after a `.`; keywords are allowed.
func (p *parser) parseSelName() *Ident {
	if p.tok.kind.IsKeyword() {
		id := &Ident{Span: Span{p.tok.pos, p.tok.end}, Name: p.tok.lit}
		p.next()
		return id
	}
	return p.parseIdent()
}

// isSoftKeyword reports whether a keyword may also be used as a name,
// as upstream KCL allows: `rule: Rule`, `protocol: "TCP"`, `if check:`.
func isSoftKeyword(k Token) bool {
	switch k {
	case SCHEMA, MIXIN, PROTOCOL, RULE, CHECK:
		return true
	}
	return false
}
