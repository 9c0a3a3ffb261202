package syntax

// This file prints expressions: literals from their source text (Raw),
// operators with one space around them, calls, selectors and indexes
// with none. printer_compound.go prints the expressions whose layout
// follows the source.

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
