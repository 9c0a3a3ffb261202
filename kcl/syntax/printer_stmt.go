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
		p.branchHeader(i, b.Start, b.Cond)
		if p.flat {
			p.print(" ")
			p.flatStmts(b.Body)
			if i+1 < len(s.Branches) {
				p.print(" ")
			}
			continue
		}
		end := next
		if i+1 < len(s.Branches) {
			end = s.Branches[i+1].Start
		}
		p.block(branchLine(b.Start, b.Cond), end, s.Start.Col, b.Body)
	}
}

// branchHeader prints `if cond:`, `elif cond:` or `else:` for arm i of
// an if statement, config if-entry or list if-item, after the comments
// before it.
func (p *printer) branchHeader(i int, start Pos, cond Expr) {
	if i > 0 && !p.flat {
		p.leading(start, false, false)
	}
	switch {
	case i == 0:
		p.print("if ")
	case cond != nil:
		p.print("elif ")
	default:
		p.print("else")
	}
	p.expr(cond)
	p.print(":")
}

// branchLine returns the source line an arm's header ends on.
func branchLine(start Pos, cond Expr) int32 {
	if cond != nil {
		return nodeEndLine(cond)
	}
	return start.Line
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
	keyword := "schema"
	switch s.Kind {
	case KindMixin:
		keyword = "mixin"
	case KindProtocol:
		keyword = "protocol"
	}
	var parents []Expr
	if s.Parent != nil {
		parents = []Expr{s.Parent}
	}
	header := p.declHeader(s.Decorators, keyword, s.Name, s.Params, parents, s.For)
	items := schemaItems(s)
	p.indent++
	defer func() { p.indent-- }()
	if len(s.Checks) == 0 {
		printBlock(p, header, next, s.Start.Col, items, nil, p.stmt)
		return
	}
	// The check block follows a blank line. Comments before it that are
	// indented less than its lines go before `check:`; comments after
	// it belong to it when indented like its lines, else to the body.
	first := s.Checks[0].Start
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
	p.indent++
	printBlock(p, 0, next, first.Col-1, s.Checks, nil, func(c *CheckExpr, next Pos) { p.stmt(c, next) })
	p.indent--
	p.tail(next, s.Start.Col, false)
}

// schemaItems returns the items of a schema's body but its checks, in
// source order: docstring, mixins, index signature, attributes and
// statements.
func schemaItems(s *SchemaStmt) []Node {
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
	return items
}

// declHeader prints the decorators and header line of a schema or rule,
// `keyword Name[params](parents) for host:`, and returns the source
// line the header ends on.
func (p *printer) declHeader(decos []*Decorator, keyword string, name *Ident, params []*Param, parents []Expr, host Expr) int32 {
	var start Pos
	var header int32
	if name != nil {
		start, header = name.Start, name.End.Line
	}
	p.decorators(decos, start)
	p.print(keyword + " ")
	p.ident(name)
	if len(params) > 0 {
		p.print("[")
		p.params(params)
		p.print("]")
		header = max(header, params[len(params)-1].End.Line)
	}
	if len(parents) > 0 {
		p.print("(")
		p.exprList(parents)
		p.print(")")
		header = max(header, nodeEndLine(parents[len(parents)-1]))
	}
	if host != nil {
		p.print(" for ")
		p.expr(host)
		header = max(header, nodeEndLine(host))
	}
	p.print(":")
	return header
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
	header := p.declHeader(s.Decorators, "rule", s.Name, s.Params, s.Parents, s.For)
	items := make([]Node, 0, len(s.Checks)+1)
	if s.Doc != nil {
		items = append(items, s.Doc)
	}
	for _, c := range s.Checks {
		items = append(items, c)
	}
	p.indent++
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
