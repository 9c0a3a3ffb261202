package syntax

// This file prints type annotations.

// typ prints a type: `int`, `[T]`, `{K:V}`, `A | B`, a literal type or
// `(A, B) -> R`.
func (p *printer) typ(t Type) {
	switch t := t.(type) {
	case nil:
	case *NamedType:
		p.print(t.Name)
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
