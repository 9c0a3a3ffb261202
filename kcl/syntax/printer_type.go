package syntax

// This file prints type annotations.

import "strings"

// typ prints a type: `int`, `[T]`, `{K:V}`, `A | B`, a literal type or
// `(A, B) -> R`.
func (p *printer) typ(t Type) {
	switch t := t.(type) {
	case nil:
	case *NamedType:
		// Each part of a dotted name that is a keyword needs its `$`:
		// `$True` names a type, `True` is a literal type.
		parts := strings.Split(t.Name, ".")
		for i, part := range parts {
			if part != "any" { // the type `any` is written bare
				parts[i] = identText(part)
			}
		}
		p.print(strings.Join(parts, "."))
	case *ListType:
		p.print("[")
		p.typ(t.Elem)
		p.print("]")
	case *DictType:
		p.print("{")
		p.typ(t.Key)
		p.print(":")
		p.typ(t.Value)
		p.print("}")
	case *UnionType:
		for i, u := range t.Types {
			if i > 0 {
				p.print(" | ")
			}
			p.typ(u)
		}
	case *LiteralType:
		p.expr(t.Value)
	case *FuncType:
		p.print("(")
		for i, a := range t.Params {
			if i > 0 {
				p.print(", ")
			}
			p.typ(a)
		}
		p.print(")")
		if t.Ret != nil {
			p.print(" -> ")
			p.typ(t.Ret)
		}
	}
}
