package syntax

// This file prints expressions. Literals print from their source text
// (Raw); the rest print with one space around binary operators and none
// inside brackets. Configs, lists, comprehensions, quantifiers and
// lambdas keep the one-line or multi-line layout of the source.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// expr prints an expression.
func (p *printer) expr(e Expr) {
	switch x := e.(type) {
	case nil:
	case *Ident:
		p.ident(x)
	case *NumberLit:
		p.print(numberText(x))
	case *StringLit:
		p.print(stringText(x))
	case *InterpString:
		p.print(interpText(x))
	case *FormattedValue:
		p.formattedValue(x)
	case *NameConstant:
		p.print(x.Value.String())
	case *ParenExpr:
		p.print("(")
		p.expr(x.X)
		p.print(")")
	case *UnaryExpr:
		p.print(x.Op.String())
		if x.Op == NOT {
			p.print(" ")
		}
		p.expr(x.X)
	case *BinaryExpr:
		p.expr(x.X)
		p.print(" " + x.Op.String() + " ")
		p.expr(x.Y)
	case *CompareExpr:
		p.expr(x.X)
		for i, op := range x.Ops {
			p.print(" " + op.String() + " ")
			if i < len(x.Ys) {
				p.expr(x.Ys[i])
			}
		}
	case *IfExpr:
		p.expr(x.Then)
		p.print(" if ")
		p.expr(x.Cond)
		p.print(" else ")
		p.expr(x.Else)
	case *SelectorExpr:
		p.expr(x.X)
		if x.Optional {
			p.print("?")
		}
		p.print(".")
		p.ident(x.Sel)
	case *IndexExpr:
		p.expr(x.X)
		if x.Optional {
			p.print("?")
		}
		p.print("[")
		p.expr(x.Index)
		p.print("]")
	case *SliceExpr:
		p.slice(x)
	case *CallExpr:
		p.expr(x.Fn)
		p.print("(")
		p.args(x.Args, x.Keywords)
		p.print(")")
	case *StarredExpr:
		if x.Double {
			p.print("**")
		} else {
			p.print("*")
		}
		p.expr(x.X)
	case *ListExpr:
		p.list(x)
	case *ListIfItem:
		p.listIf(x, noPos)
	case *ListComp:
		p.print("[")
		p.comprehension(x.Start, x.End, x.Elt, x.Clauses)
		p.print("]")
	case *DictComp:
		p.print("{")
		p.comprehension(x.Start, x.End, x.Entry, x.Clauses)
		p.print("}")
	case *ConfigExpr:
		p.config(x)
	case *SchemaExpr:
		p.expr(x.Name)
		if x.HasCall || len(x.Args) > 0 || len(x.Keywords) > 0 {
			p.print("(")
			p.args(x.Args, x.Keywords)
			p.print(")")
		}
		p.print(" ")
		p.config(x.Config)
	case *QuantExpr:
		p.quant(x)
	case *LambdaExpr:
		p.lambda(x)
	case *BadExpr:
		p.print("<error>")
	}
}

// ident prints a name as the source wrote it: with a `$` when its span
// is one byte wider than the name. A name without a position (built by
// hand) gets a `$` when it is a keyword.
func (p *printer) ident(x *Ident) {
	if x == nil {
		return
	}
	if x.Start.Line > 0 && x.End.Line == x.Start.Line {
		if int(x.End.Col-x.Start.Col) == len(x.Name)+1 {
			p.print("$" + x.Name)
		} else {
			p.print(x.Name)
		}
		return
	}
	p.print(identText(x.Name))
}

// identText returns how name is written: `$name` for a keyword.
func identText(name string) string {
	if LookupKeyword(name) != IDENT {
		return "$" + name
	}
	return name
}

// isIdent reports whether s is an identifier.
func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return s != ""
}

// quote returns s as a double-quoted KCL string literal whose value is
// s: quotes, backslashes, control characters and the `$` of `${` are
// escaped, other bytes (even invalid UTF-8) written as they are.
func quote(s string) string {
	b := []byte{'"'}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case c == '\t':
			b = append(b, `\t`...)
		case c < 0x20 || c == 0x7f:
			b = append(b, fmt.Sprintf(`\x%02x`, c)...)
		case c == '$' && strings.HasPrefix(s[i+1:], "{"):
			b = append(b, `\$`...)
		default:
			b = append(b, c)
		}
	}
	return string(append(b, '"'))
}

// numberText returns a number's source text, or for a literal built by
// hand its value with its unit suffix.
func numberText(x *NumberLit) string {
	if x.Raw != "" {
		return x.Raw
	}
	if x.IsFloat {
		s := strconv.FormatFloat(x.Float, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEIN") {
			s += ".0"
		}
		return s
	}
	return strconv.FormatInt(x.Int, 10) + x.Suffix
}

// stringText returns a string literal's source text, or for a literal
// built by hand its value quoted.
func stringText(x *StringLit) string {
	if x.Raw != "" {
		return x.Raw
	}
	return quote(x.Value)
}

// interpText returns an interpolated string's source text, or for one
// built by hand its parts in double quotes.
func interpText(x *InterpString) string {
	if x.Raw != "" {
		return x.Raw
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, part := range x.Parts {
		switch part := part.(type) {
		case *StringLit:
			q := quote(part.Value)
			b.WriteString(q[1 : len(q)-1])
		case *FormattedValue:
			p := &printer{flat: true}
			p.formattedValue(part)
			b.Write(p.buf)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// formattedValue prints `${X}` or `${X: spec}`.
func (p *printer) formattedValue(x *FormattedValue) {
	p.print("${")
	p.expr(x.X)
	if x.Spec != "" {
		p.print(": " + x.Spec)
	}
	p.print("}")
}

// exprList prints expressions separated by commas.
func (p *printer) exprList(list []Expr) {
	for i, e := range list {
		if i > 0 {
			p.print(", ")
		}
		p.expr(e)
	}
}

// args prints call arguments: positional ones, then `name=value`.
func (p *printer) args(args []Expr, keywords []*Keyword) {
	p.exprList(args)
	for i, k := range keywords {
		if i > 0 || len(args) > 0 {
			p.print(", ")
		}
		p.ident(k.Name)
		p.print("=")
		p.expr(k.Value)
	}
}

// params prints parameters `name: Type = default`.
func (p *printer) params(list []*Param) {
	for i, a := range list {
		if i > 0 {
			p.print(", ")
		}
		p.ident(a.Name)
		if a.Type != nil {
			p.print(": ")
			p.typ(a.Type)
		}
		if a.Default != nil {
			p.print(" = ")
			p.expr(a.Default)
		}
	}
}

// slice prints `X[lo:hi:step]`. As the code style asks, the colons get
// spaces around them (but not towards an omitted part) when a part is
// more than a name or literal: `l[i + 1 :]`.
func (p *printer) slice(x *SliceExpr) {
	p.expr(x.X)
	if x.Optional {
		p.print("?")
	}
	p.print("[")
	parts := []Expr{x.Lo, x.Hi}
	if x.Step != nil {
		parts = append(parts, x.Step)
	}
	spaced := !isSimple(x.Lo) || !isSimple(x.Hi) || !isSimple(x.Step)
	for i, e := range parts {
		if i > 0 {
			if spaced && parts[i-1] != nil {
				p.print(" ")
			}
			p.print(":")
			if spaced && e != nil {
				p.print(" ")
			}
		}
		p.expr(e)
	}
	p.print("]")
}

// isSimple reports whether e is absent or a name, literal or dotted
// name, maybe signed: a slice part printed without spaces.
func isSimple(e Expr) bool {
	switch x := e.(type) {
	case nil, *Ident, *NumberLit, *StringLit, *NameConstant:
		return true
	case *UnaryExpr:
		return x.Op != NOT && isSimple(x.X)
	case *SelectorExpr:
		return isSimple(x.X)
	}
	return false
}

// ---- Lists and configs ----

// list prints a list literal.
func (p *printer) list(x *ListExpr) {
	multi := multiline(p, x.Start, x.End, x.Elts)
	for _, e := range x.Elts {
		if _, ok := e.(*ListIfItem); ok && !p.flat {
			multi = true
		}
	}
	p.print("[")
	if multi {
		p.indent++
		printBlock(p, x.Start.Line, x.End, 0, x.Elts, nil, p.listElt)
		p.indent--
	} else {
		p.exprList(x.Elts)
	}
	p.print("]")
}

// listElt prints one element of a multi-line list or list if-item.
func (p *printer) listElt(e Expr, next Pos) {
	if x, ok := e.(*ListIfItem); ok {
		p.listIf(x, next)
		return
	}
	p.expr(e)
}

// listIf prints an `if` item of a list literal and its elif and else
// arms, each arm's items indented below it; next bounds it.
func (p *printer) listIf(x *ListIfItem, next Pos) {
	for i, b := range x.Branches {
		p.branchHeader(i, b.Start, b.Cond)
		if p.flat {
			p.print(" ")
			p.exprList(b.Items)
			if i+1 < len(x.Branches) {
				p.print(" ")
			}
			continue
		}
		end := next
		if i+1 < len(x.Branches) {
			end = x.Branches[i+1].Start
		}
		p.indent++
		printBlock(p, branchLine(b.Start, b.Cond), end, x.Start.Col, b.Items, nil, p.listElt)
		p.indent--
	}
}

// branchHeader prints `if cond:`, `elif cond:` or `else:` for arm i,
// after the comments before it.
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

// config prints a config literal.
func (p *printer) config(x *ConfigExpr) {
	if x == nil {
		p.print("{}")
		return
	}
	p.print("{")
	if p.configMultiline(x) {
		p.indent++
		printBlock(p, x.Start.Line, x.End, 0, x.Entries, nil, p.entry)
		p.indent--
	} else {
		for i, e := range x.Entries {
			if i > 0 {
				p.print(", ")
			}
			p.entry(e, noPos)
		}
	}
	p.print("}")
}

// configMultiline reports whether a config is printed one entry per
// line: when the source has it so, and always when it holds an `if`
// entry.
func (p *printer) configMultiline(x *ConfigExpr) bool {
	if p.flat {
		return false
	}
	for _, e := range x.Entries {
		if e.Kind == EntryIf {
			return true
		}
	}
	return multiline(p, x.Start, x.End, x.Entries)
}

// entry prints a config entry `key: value`, `key = value`,
// `key += value`, `**value` or an `if` entry; next bounds it.
func (p *printer) entry(e *ConfigEntry, next Pos) {
	switch e.Kind {
	case EntryUnpack:
		p.print("**")
		p.expr(e.Value)
	case EntryIf:
		p.configIf(e.If, next)
	default:
		p.expr(e.Key)
		if e.Op == OpUnion {
			p.print(": ")
		} else {
			p.print(" " + e.Op.String() + " ")
		}
		p.expr(e.Value)
	}
}

// configIf prints an `if` entry of a config and its elif and else
// arms, each arm's entries indented below it; next bounds it.
func (p *printer) configIf(x *ConfigIfEntry, next Pos) {
	if x == nil {
		return
	}
	for i, b := range x.Branches {
		p.branchHeader(i, b.Start, b.Cond)
		if p.flat {
			for j, e := range b.Entries {
				if j > 0 {
					p.print(",")
				}
				p.print(" ")
				p.entry(e, noPos)
			}
			if i+1 < len(x.Branches) {
				p.print(" ")
			}
			continue
		}
		end := next
		if i+1 < len(x.Branches) {
			end = x.Branches[i+1].Start
		}
		p.indent++
		printBlock(p, branchLine(b.Start, b.Cond), end, x.Start.Col, b.Entries, nil, p.entry)
		p.indent--
	}
}

// comprehension prints the inside of a list or dict comprehension
// spanning [open, close): the element then its clauses, on one line, or
// on a line of their own when the source broke the line after the
// opening bracket or before the closing one.
func (p *printer) comprehension(open, close Pos, elt Node, clauses []*CompClause) {
	start, last := elt.Bounds()
	if len(clauses) > 0 {
		last = clauses[len(clauses)-1].End
	}
	multi := !p.flat && (start.Line > open.Line || close.Line > last.Line || p.hasComment(open, start))
	if multi {
		p.indent++
		p.endLine(open.Line, start)
		p.lastLine = 0
		p.leading(start, false, false)
	}
	switch elt := elt.(type) {
	case Expr:
		p.expr(elt)
	case *ConfigEntry:
		p.entry(elt, noPos)
	}
	for _, c := range clauses {
		p.print(" for ")
		for i, v := range c.Vars {
			if i > 0 {
				p.print(", ")
			}
			p.ident(v)
		}
		p.print(" in ")
		p.expr(c.Iter)
		for _, cond := range c.Ifs {
			p.print(" if ")
			p.expr(cond)
		}
	}
	if multi {
		p.endLine(last.Line, close)
		p.tail(close, 0, false)
		p.indent--
	}
}

// ---- Quantifiers and lambdas ----

// quant prints `all x in xs { body if cond }`, on one line when the
// source has it so, else with the body on a line of its own.
func (p *printer) quant(x *QuantExpr) {
	p.print(x.Op.String() + " ")
	for i, v := range x.Vars {
		if i > 0 {
			p.print(", ")
		}
		p.ident(v)
	}
	p.print(" in ")
	p.expr(x.Iter)
	p.print(" {")
	_, iterEnd := x.Iter.Bounds()
	bodyStart, bodyEnd := x.Body.Bounds()
	if x.Cond != nil {
		_, bodyEnd = x.Cond.Bounds()
	}
	multi := !p.flat && (bodyStart.Line > iterEnd.Line || x.End.Line > bodyEnd.Line || p.hasComment(iterEnd, x.End))
	if multi {
		p.indent++
		p.endLine(iterEnd.Line, bodyStart)
		p.lastLine = 0
		p.leading(bodyStart, false, false)
	} else {
		p.print(" ")
	}
	p.expr(x.Body)
	if x.Cond != nil {
		p.print(" if ")
		p.expr(x.Cond)
	}
	if multi {
		p.endLine(bodyEnd.Line, x.End)
		p.tail(x.End, 0, false)
		p.indent--
		p.print("}")
	} else {
		p.print(" }")
	}
}

// lambda prints `lambda params -> Ret { body }`: the body on one line
// when the source has a single simple statement there, else indented.
func (p *printer) lambda(x *LambdaExpr) {
	p.print("lambda")
	header := x.Start.Line
	if len(x.Params) > 0 {
		p.print(" ")
		p.params(x.Params)
		header = max(header, x.Params[len(x.Params)-1].End.Line)
	}
	if x.Ret != nil {
		p.print(" -> ")
		p.typ(x.Ret)
		header = max(header, nodeEndLine(x.Ret))
	}
	switch {
	case len(x.Body) == 0 && (p.flat || !p.hasComment(x.Start, x.End)):
		p.print(" {}")
	case p.flat:
		p.print(" { ")
		p.flatStmts(x.Body)
		p.print(" }")
	case len(x.Body) == 1 && isSimpleStmt(x.Body[0]) && !p.hasComment(x.Start, x.End) &&
		startLine(x.Body[0]) == header && nodeEndLine(x.Body[0]) == x.End.Line:
		p.print(" { ")
		p.stmt(x.Body[0], x.End)
		p.print(" }")
	default:
		p.print(" {")
		p.block(header, x.End, 0, x.Body)
		p.print("}")
	}
}

// isSimpleStmt reports whether s is a statement that fits on one line
// (ignoring the layout of its expressions).
func isSimpleStmt(s Stmt) bool {
	switch s.(type) {
	case *ExprStmt, *AssignStmt, *AugAssignStmt, *UnificationStmt, *AssertStmt:
		return true
	}
	return false
}

// startLine returns the source line a node starts on.
func startLine(n Node) int32 {
	start, _ := n.Bounds()
	return start.Line
}
