package syntax

// This file prints statements: the file's top level, indented blocks,
// schemas, rules and their parts.

import (
	"math"
	"sort"
)

// file prints the module docstring and the top-level statements, then
// every comment left.
func (p *printer) file(f *File) {
	items := make([]Node, 0, len(f.Stmts)+1)
	if f.Doc != nil {
		items = append(items, f.Doc)
	}
	for _, s := range f.Stmts {
		items = append(items, s)
	}
	printBlock(p, 0, noPos, 0, items, topLevelGap, p.stmt)
}

// topLevelGap reports whether a blank line separates top-level items
// prev and cur (nil for trailing comments): after imports, and around
// schemas and rules.
func topLevelGap(prev, cur Node) bool {
	switch prev.(type) {
	case *SchemaStmt, *RuleStmt:
		return true
	case *ImportStmt:
		if _, ok := cur.(*ImportStmt); !ok && cur != nil {
			return true
		}
	}
	switch cur.(type) {
	case *SchemaStmt, *RuleStmt:
		return true
	}
	return false
}

// stmt prints one statement, or one item of a schema body: a
// docstring, the mixin line, the index signature or a check. next is
// the position of what follows it in the source.
func (p *printer) stmt(n Node, next Pos) {
	switch s := n.(type) {
	case *ExprStmt:
		p.exprList(s.Exprs)
	case *AssignStmt:
		for i, t := range s.Targets {
			p.expr(t)
			if i == 0 && s.Type != nil {
				p.print(": ")
				p.typ(s.Type)
			}
			p.print(" = ")
		}
		p.expr(s.Value)
	case *AugAssignStmt:
		p.expr(s.Target)
		p.print(" " + s.Op.String() + " ")
		p.expr(s.Value)
	case *UnificationStmt:
		p.ident(s.Target)
		p.print(": ")
		p.expr(s.Value)
	case *AssertStmt:
		p.print("assert ")
		p.check(s.Test, s.Cond, s.Msg)
	case *ImportStmt:
		p.print("import " + s.Path)
		if s.Alias != nil {
			p.print(" as ")
			p.ident(s.Alias)
		}
	case *TypeAliasStmt:
		p.print("type ")
		p.ident(s.Name)
		p.print(" = ")
		p.typ(s.Type)
	case *IfStmt:
		p.ifStmt(s, next)
	case *SchemaStmt:
		p.schemaStmt(s, next)
	case *SchemaAttr:
		p.schemaAttr(s)
	case *RuleStmt:
		p.ruleStmt(s, next)
	case *StringLit: // a docstring
		p.expr(s)
	case *mixinLine:
		p.print("mixin [")
		p.exprList(s.mixins)
		p.print("]")
	case *IndexSignature:
		p.indexSignature(s)
	case *CheckExpr:
		p.check(s.Test, s.Cond, s.Msg)
	}
}

// flatStmts prints statements on one line, separated by semicolons.
func (p *printer) flatStmts(list []Stmt) {
	for i, s := range list {
		if i > 0 {
			p.print("; ")
		}
		p.stmt(s, noPos)
	}
}

// block prints the indented body of a compound statement whose header
// ended on source line header; the body ends before end, and comments
// after its last statement belong to it when indented deeper than col.
func (p *printer) block(header int32, end Pos, col int32, body []Stmt) {
	p.indent++
	printBlock(p, header, end, col, body, nil, func(s Stmt, next Pos) { p.stmt(s, next) })
	p.indent--
}

// ifStmt prints an if statement with its elif and else arms.
func (p *printer) ifStmt(s *IfStmt, next Pos) {
	for i, b := range s.Branches {
		if i > 0 {
			p.leading(b.Start, false, false)
		}
		header := b.Start.Line
		switch {
		case i == 0:
			p.print("if ")
		case b.Cond != nil:
			p.print("elif ")
		default:
			p.print("else")
		}
		if b.Cond != nil {
			p.expr(b.Cond)
			header = nodeEndLine(b.Cond)
		}
		p.print(":")
		end := next
		if i+1 < len(s.Branches) {
			end = s.Branches[i+1].Start
		}
		if p.flat {
			p.print(" ")
			p.flatStmts(b.Body)
			if i+1 < len(s.Branches) {
				p.print(" ")
			}
			continue
		}
		p.block(header, end, s.Start.Col, b.Body)
	}
}

// decorators prints each decorator on a line of its own; first is the
// position of what follows them.
func (p *printer) decorators(list []*Decorator, first Pos) {
	for i, d := range list {
		if i > 0 {
			p.leading(d.Start, false, false)
		}
		p.decorator(d)
		next := first
		if i+1 < len(list) {
			next = list[i+1].Start
		}
		p.endLine(d.End.Line, next)
	}
	if len(list) > 0 {
		p.leading(first, false, false)
	}
}

// decorator prints `@name` or `@name(args)`.
func (p *printer) decorator(d *Decorator) {
	p.print("@")
	p.expr(d.Name)
	if d.HasCall || len(d.Args) > 0 || len(d.Keywords) > 0 {
		p.print("(")
		p.args(d.Args, d.Keywords)
		p.print(")")
	}
}

// A mixinLine stands for a schema's `mixin [...]` line in its body.
type mixinLine struct {
	Span
	mixins []Expr
}

// schemaStmt prints a schema, mixin or protocol declaration.
func (p *printer) schemaStmt(s *SchemaStmt, next Pos) {
	p.decorators(s.Decorators, s.Name.Start)
	switch s.Kind {
	case KindMixin:
		p.print("mixin ")
	case KindProtocol:
		p.print("protocol ")
	default:
		p.print("schema ")
	}
	p.ident(s.Name)
	header := s.Name.End.Line
	if len(s.Params) > 0 {
		p.print("[")
		p.params(s.Params)
		p.print("]")
		header = max(header, s.Params[len(s.Params)-1].End.Line)
	}
	if s.Parent != nil {
		p.print("(")
		p.expr(s.Parent)
		p.print(")")
		header = max(header, nodeEndLine(s.Parent))
	}
	if s.For != nil {
		p.print(" for ")
		p.expr(s.For)
		header = max(header, nodeEndLine(s.For))
	}
	p.print(":")

	// The body's items in source order: docstring, mixins, attributes
	// and statements, index signature.
	var items []Node
	if s.Doc != nil {
		items = append(items, s.Doc)
	}
	if len(s.Mixins) > 0 {
		m := &mixinLine{mixins: s.Mixins}
		m.Start, _ = s.Mixins[0].Bounds()
		_, m.End = s.Mixins[len(s.Mixins)-1].Bounds()
		if m.End.Line > m.Start.Line {
			// Written one per line: the closing bracket, whose position
			// the tree does not keep, is taken to be on a line of its own.
			m.End.Line++
		}
		items = append(items, m)
	}
	if s.IndexSig != nil {
		items = append(items, s.IndexSig)
	}
	for _, st := range s.Body {
		items = append(items, st)
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, _ := items[i].Bounds()
		b, _ := items[j].Bounds()
		return a.Before(b)
	})
	if p.flat {
		p.print(" ...")
		return
	}
	if len(s.Checks) == 0 {
		p.indent++
		printBlock(p, header, next, s.Start.Col, items, nil, p.stmt)
		p.indent--
		return
	}
	// Comments before the check block that are indented less than its
	// lines go before `check:`, after the blank line that precedes it.
	first := s.Checks[0].Start
	p.indent++
	printBlock(p, header, first, math.MaxInt32, items, nil, p.stmt)
	force := len(items) > 0
	for c := p.peek(); c != nil && c.Start.Before(first) && c.Start.Col < first.Col; c = p.peek() {
		p.ownLine(true, force)
		force = false
	}
	if force {
		p.blankLine()
	}
	p.print("check:")
	// Comments after the last check belong to the check block when
	// indented like its lines, else to the schema body.
	p.indent++
	printBlock(p, 0, next, first.Col-1, s.Checks, nil, func(c *CheckExpr, next Pos) { p.stmt(c, next) })
	p.indent--
	p.tail(next, s.Start.Col, false)
	p.indent--
}

// schemaAttr prints a schema attribute declaration.
func (p *printer) schemaAttr(a *SchemaAttr) {
	p.decorators(a.Decorators, a.NamePos)
	p.print(attrName(a.Name))
	if a.Optional {
		p.print("?")
	}
	if a.Type != nil {
		p.print(": ")
		p.typ(a.Type)
	}
	if a.Value != nil {
		op := a.Op
		if op == ILLEGAL {
			op = ASSIGN
		}
		p.print(" " + op.String() + " ")
		p.expr(a.Value)
	}
}

// attrName returns how a schema attribute's name is written: as is
// when it is an identifier, quoted otherwise.
func attrName(name string) string {
	if isIdent(name) {
		return identText(name)
	}
	return quote(name)
}

// indexSignature prints `[key: KeyType]: ValueType = default`.
func (p *printer) indexSignature(s *IndexSignature) {
	p.print("[")
	if s.KeyName != nil {
		p.ident(s.KeyName)
		p.print(": ")
	}
	if s.AnyOther {
		p.print("...")
	}
	p.typ(s.KeyType)
	p.print("]: ")
	p.typ(s.ValueType)
	if s.Default != nil {
		p.print(" = ")
		p.expr(s.Default)
	}
}

// ruleStmt prints a rule declaration.
func (p *printer) ruleStmt(s *RuleStmt, next Pos) {
	p.decorators(s.Decorators, s.Name.Start)
	p.print("rule ")
	p.ident(s.Name)
	header := s.Name.End.Line
	if len(s.Params) > 0 {
		p.print("[")
		p.params(s.Params)
		p.print("]")
		header = max(header, s.Params[len(s.Params)-1].End.Line)
	}
	if len(s.Parents) > 0 {
		p.print("(")
		p.exprList(s.Parents)
		p.print(")")
		header = max(header, nodeEndLine(s.Parents[len(s.Parents)-1]))
	}
	if s.For != nil {
		p.print(" for ")
		p.expr(s.For)
		header = max(header, nodeEndLine(s.For))
	}
	p.print(":")
	if p.flat {
		p.print(" ...")
		return
	}
	p.indent++
	items := make([]Node, 0, len(s.Checks)+1)
	if s.Doc != nil {
		items = append(items, s.Doc)
	}
	for _, c := range s.Checks {
		items = append(items, c)
	}
	printBlock(p, header, next, s.Start.Col, items, nil, p.stmt)
	p.indent--
}

// check prints `test if cond, msg` of a check or assert.
func (p *printer) check(test, cond, msg Expr) {
	p.expr(test)
	if cond != nil {
		p.print(" if ")
		p.expr(cond)
	}
	if msg != nil {
		p.print(", ")
		p.expr(msg)
	}
}

// nodeEndLine returns the source line a node ends on.
func nodeEndLine(n Node) int32 {
	_, end := n.Bounds()
	return end.Line
}
