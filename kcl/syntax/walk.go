package syntax

// This file holds Walk, the traversal of a syntax tree.

// Walk traverses the tree rooted at n in depth-first order: it calls
// f(n) and, if f returns true, walks each child of n in source order.
// Nil children are skipped. Comments (File.Comments) and names stored
// as strings (SchemaAttr.Name, ImportStmt.Path) are not nodes and are
// not visited.
func Walk(n Node, f func(Node) bool) {
	if isNilNode(n) || !f(n) {
		return
	}
	w := walker(f)
	switch n := n.(type) {
	case *File:
		w.node(n.Doc)
		walkList(w, n.Stmts)

	// Expressions.
	case *Ident, *NumberLit, *StringLit, *NameConstant, *BadExpr:
	case *InterpString:
		walkList(w, n.Parts)
	case *FormattedValue:
		w.node(n.X)
	case *ParenExpr:
		w.node(n.X)
	case *UnaryExpr:
		w.node(n.X)
	case *BinaryExpr:
		w.node(n.X)
		w.node(n.Y)
	case *CompareExpr:
		w.node(n.X)
		walkList(w, n.Ys)
	case *IfExpr:
		w.node(n.Then)
		w.node(n.Cond)
		w.node(n.Else)
	case *SelectorExpr:
		w.node(n.X)
		w.node(n.Sel)
	case *IndexExpr:
		w.node(n.X)
		w.node(n.Index)
	case *SliceExpr:
		w.node(n.X)
		w.node(n.Lo)
		w.node(n.Hi)
		w.node(n.Step)
	case *CallExpr:
		w.node(n.Fn)
		w.args(n.Args, n.Keywords)
	case *Keyword:
		w.node(n.Name)
		w.node(n.Value)
	case *StarredExpr:
		w.node(n.X)
	case *ListExpr:
		walkList(w, n.Elts)
	case *ListIfItem:
		walkList(w, n.Branches)
	case *ListBranch:
		w.node(n.Cond)
		walkList(w, n.Items)
	case *CompClause:
		walkList(w, n.Vars)
		w.node(n.Iter)
		walkList(w, n.Ifs)
	case *ListComp:
		w.node(n.Elt)
		walkList(w, n.Clauses)
	case *DictComp:
		w.node(n.Entry)
		walkList(w, n.Clauses)
	case *ConfigExpr:
		walkList(w, n.Entries)
	case *ConfigEntry:
		w.node(n.Key)
		w.node(n.Value)
		w.node(n.If)
	case *ConfigIfEntry:
		walkList(w, n.Branches)
	case *ConfigBranch:
		w.node(n.Cond)
		walkList(w, n.Entries)
	case *SchemaExpr:
		w.node(n.Name)
		w.args(n.Args, n.Keywords)
		w.node(n.Config)
	case *QuantExpr:
		walkList(w, n.Vars)
		w.node(n.Iter)
		w.node(n.Body)
		w.node(n.Cond)
	case *LambdaExpr:
		walkList(w, n.Params)
		w.node(n.Ret)
		walkList(w, n.Body)
	case *Param:
		w.node(n.Name)
		w.node(n.Type)
		w.node(n.Default)

	// Types.
	case *NamedType:
	case *ListType:
		w.node(n.Elem)
	case *DictType:
		w.node(n.Key)
		w.node(n.Value)
	case *UnionType:
		walkList(w, n.Types)
	case *LiteralType:
		w.node(n.Value)
	case *FuncType:
		walkList(w, n.Params)
		w.node(n.Ret)

	// Statements.
	case *ExprStmt:
		walkList(w, n.Exprs)
	case *AssignStmt:
		walkList(w, n.Targets)
		w.node(n.Type)
		w.node(n.Value)
	case *AugAssignStmt:
		w.node(n.Target)
		w.node(n.Value)
	case *UnificationStmt:
		w.node(n.Target)
		w.node(n.Value)
	case *AssertStmt:
		w.node(n.Test)
		w.node(n.Cond)
		w.node(n.Msg)
	case *ImportStmt:
		w.node(n.Alias)
	case *TypeAliasStmt:
		w.node(n.Name)
		w.node(n.Type)
	case *IfStmt:
		walkList(w, n.Branches)
	case *IfBranch:
		w.node(n.Cond)
		walkList(w, n.Body)
	case *Decorator:
		w.node(n.Name)
		w.args(n.Args, n.Keywords)
	case *SchemaStmt:
		walkList(w, n.Decorators)
		w.node(n.Name)
		walkList(w, n.Params)
		w.node(n.Parent)
		w.node(n.For)
		w.node(n.Doc)
		walkList(w, n.Mixins)
		// The index signature is kept apart from the body but is
		// visited where it was written.
		sig := n.IndexSig
		for _, s := range n.Body {
			if sig != nil && sig.Start.Before(startOf(s)) {
				w.node(sig)
				sig = nil
			}
			w.node(s)
		}
		w.node(sig)
		walkList(w, n.Checks)
	case *SchemaAttr:
		walkList(w, n.Decorators)
		w.node(n.Type)
		w.node(n.Value)
	case *IndexSignature:
		w.node(n.KeyName)
		w.node(n.KeyType)
		w.node(n.ValueType)
		w.node(n.Default)
	case *CheckExpr:
		w.node(n.Test)
		w.node(n.Cond)
		w.node(n.Msg)
	case *RuleStmt:
		walkList(w, n.Decorators)
		w.node(n.Name)
		walkList(w, n.Params)
		walkList(w, n.Parents)
		w.node(n.For)
		w.node(n.Doc)
		walkList(w, n.Checks)
	}
}

// A walker walks children with the function given to Walk.
type walker func(Node) bool

func (w walker) node(n Node) { Walk(n, w) }

// args walks positional and keyword arguments in source order: a
// starred argument may follow keywords.
func (w walker) args(args []Expr, kws []*Keyword) {
	i, j := 0, 0
	for i < len(args) || j < len(kws) {
		if j == len(kws) || i < len(args) && startOf(args[i]).Before(kws[j].Start) {
			w.node(args[i])
			i++
		} else {
			w.node(kws[j])
			j++
		}
	}
}

func walkList[T Node](w walker, list []T) {
	for _, n := range list {
		w.node(n)
	}
}

// isNilNode reports whether n is nil, including a nil pointer of one
// of the types that appear as optional fields of concrete pointer type
// (File.Doc, ImportStmt.Alias, ConfigEntry.If, ...).
func isNilNode(n Node) bool {
	switch n := n.(type) {
	case nil:
		return true
	case *File:
		return n == nil
	case *StringLit:
		return n == nil
	case *Ident:
		return n == nil
	case *ConfigIfEntry:
		return n == nil
	case *ConfigExpr:
		return n == nil
	case *ConfigEntry:
		return n == nil
	case *SchemaExpr:
		return n == nil
	case *IndexSignature:
		return n == nil
	}
	return false
}
