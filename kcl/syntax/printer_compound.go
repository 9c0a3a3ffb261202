package syntax

// This file prints the expressions whose layout follows the source:
// lists, configs and their if-arms, comprehensions, quantifiers and
// lambdas. Each stays on one line when the source has it so, and is
// otherwise printed one element per line.

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
	_, iterEnd := bounds(x.Iter)
	bodyStart, bodyEnd := bounds(x.Body)
	if x.Cond != nil {
		_, bodyEnd = bounds(x.Cond)
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

// bounds returns the positions of an expression, zero for none.
func bounds(e Expr) (start, end Pos) {
	if e == nil {
		return Pos{}, Pos{}
	}
	return e.Bounds()
}

// startLine returns the source line a node starts on.
func startLine(n Node) int32 {
	start, _ := n.Bounds()
	return start.Line
}
