package syntax

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// dump renders a syntax tree as a compact S-expression, for tests that
// check tree shapes.
func dump(n Node) string {
	var b strings.Builder
	d := dumper{&b}
	d.node(n)
	return b.String()
}

type dumper struct{ b *strings.Builder }

func (d dumper) p(format string, args ...any) { fmt.Fprintf(d.b, format, args...) }

// list prints "(head x y ...)" with nil children shown as "_".
func (d dumper) list(head string, nodes ...Node) {
	d.p("(%s", head)
	for _, n := range nodes {
		d.p(" ")
		d.node(n)
	}
	d.p(")")
}

func exprs[T Node](xs []T) []Node {
	out := make([]Node, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// isNil reports whether n is nil or a typed nil pointer.
func isNil(n Node) bool {
	if n == nil {
		return true
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

func (d dumper) node(n Node) {
	if isNil(n) {
		d.p("_")
		return
	}
	switch n := n.(type) {
	case *File:
		if n.Doc != nil {
			d.p("(doc %q) ", n.Doc.Value)
		}
		for i, s := range n.Stmts {
			if i > 0 {
				d.p(" ")
			}
			d.node(s)
		}
	case *Ident:
		d.p("%s", n.Name)
	case *NumberLit:
		d.p("%s", n.Raw)
	case *StringLit:
		d.p("%s", strconv.Quote(n.Value))
	case *InterpString:
		d.list("interp", exprs(n.Parts)...)
	case *FormattedValue:
		d.p("(fmt ")
		d.node(n.X)
		if n.Spec != "" {
			d.p(" %s", n.Spec)
		}
		d.p(")")
	case *NameConstant:
		d.p("%s", n.Value)
	case *ParenExpr:
		d.list("paren", n.X)
	case *UnaryExpr:
		d.list(n.Op.String(), n.X)
	case *BinaryExpr:
		d.list(n.Op.String(), n.X, n.Y)
	case *CompareExpr:
		d.p("(cmp ")
		d.node(n.X)
		for i, op := range n.Ops {
			d.p(" %s ", op)
			d.node(n.Ys[i])
		}
		d.p(")")
	case *IfExpr:
		d.list("if", n.Cond, n.Then, n.Else)
	case *SelectorExpr:
		head := "."
		if n.Optional {
			head = "?."
		}
		d.list(head, n.X, n.Sel)
	case *IndexExpr:
		head := "index"
		if n.Optional {
			head = "?index"
		}
		d.list(head, n.X, n.Index)
	case *SliceExpr:
		head := "slice"
		if n.Optional {
			head = "?slice"
		}
		d.list(head, n.X, n.Lo, n.Hi, n.Step)
	case *CallExpr:
		d.list("call", append([]Node{n.Fn}, append(exprs(n.Args), exprs(n.Keywords)...)...)...)
	case *Keyword:
		d.node(n.Name)
		d.p("=")
		d.node(n.Value)
	case *StarredExpr:
		head := "*"
		if n.Double {
			head = "**"
		}
		d.list(head, n.X)
	case *ListExpr:
		d.p("[")
		for i, x := range n.Elts {
			if i > 0 {
				d.p(" ")
			}
			d.node(x)
		}
		d.p("]")
	case *ListIfItem:
		d.list("if-item", exprs(n.Branches)...)
	case *ListBranch:
		d.list("branch", append([]Node{n.Cond}, exprs(n.Items)...)...)
	case *CompClause:
		d.p("(for (")
		for i, v := range n.Vars {
			if i > 0 {
				d.p(" ")
			}
			d.node(v)
		}
		d.p(") ")
		d.node(n.Iter)
		for _, c := range n.Ifs {
			d.p(" if ")
			d.node(c)
		}
		d.p(")")
	case *ListComp:
		d.list("listcomp", append([]Node{n.Elt}, exprs(n.Clauses)...)...)
	case *DictComp:
		d.list("dictcomp", append([]Node{n.Entry}, exprs(n.Clauses)...)...)
	case *ConfigExpr:
		d.p("{")
		for i, e := range n.Entries {
			if i > 0 {
				d.p(" ")
			}
			d.node(e)
		}
		d.p("}")
	case *ConfigEntry:
		switch n.Kind {
		case EntryKV:
			d.list(n.Op.String(), n.Key, n.Value)
		case EntryUnpack:
			d.list("**", n.Value)
		case EntryIf:
			d.node(n.If)
		}
	case *ConfigIfEntry:
		d.list("if-entry", exprs(n.Branches)...)
	case *ConfigBranch:
		d.list("branch", append([]Node{n.Cond}, exprs(n.Entries)...)...)
	case *SchemaExpr:
		d.p("(schema ")
		d.node(n.Name)
		if n.HasCall {
			d.list("args", append(exprs(n.Args), exprs(n.Keywords)...)...)
		}
		d.p(" ")
		d.node(n.Config)
		d.p(")")
	case *QuantExpr:
		d.p("(%s (", n.Op)
		for i, v := range n.Vars {
			if i > 0 {
				d.p(" ")
			}
			d.node(v)
		}
		d.p(") ")
		d.node(n.Iter)
		d.p(" ")
		d.node(n.Body)
		if n.Cond != nil {
			d.p(" if ")
			d.node(n.Cond)
		}
		d.p(")")
	case *LambdaExpr:
		d.p("(lambda ")
		d.list("params", exprs(n.Params)...)
		if n.Ret != nil {
			d.p(" -> ")
			d.node(n.Ret)
		}
		for _, s := range n.Body {
			d.p(" ")
			d.node(s)
		}
		d.p(")")
	case *Param:
		d.node(n.Name)
		if n.Type != nil {
			d.p(":")
			d.node(n.Type)
		}
		if n.Default != nil {
			d.p("=")
			d.node(n.Default)
		}
	case *BadExpr:
		d.p("BAD")
	case *NamedType:
		d.p("%s", n.Name)
	case *ListType:
		d.p("[")
		if n.Elem != nil {
			d.node(n.Elem)
		}
		d.p("]")
	case *DictType:
		d.p("{")
		if n.Key != nil {
			d.node(n.Key)
		}
		d.p(":")
		if n.Value != nil {
			d.node(n.Value)
		}
		d.p("}")
	case *UnionType:
		d.list("|", exprs(n.Types)...)
	case *LiteralType:
		d.list("lit", n.Value)
	case *FuncType:
		d.p("(func ")
		d.list("params", exprs(n.Params)...)
		d.p(" ")
		d.node(n.Ret)
		d.p(")")
	case *ExprStmt:
		d.list("expr", exprs(n.Exprs)...)
	case *AssignStmt:
		d.p("(assign ")
		d.list("targets", exprs(n.Targets)...)
		if n.Type != nil {
			d.p(" :")
			d.node(n.Type)
		}
		d.p(" ")
		d.node(n.Value)
		d.p(")")
	case *AugAssignStmt:
		d.list("aug"+n.Op.String(), n.Target, n.Value)
	case *UnificationStmt:
		d.list("unify", n.Target, n.Value)
	case *AssertStmt:
		d.list("assert", n.Test, n.Cond, n.Msg)
	case *ImportStmt:
		d.p("(import %s", n.Path)
		if n.Alias != nil {
			d.p(" as %s", n.Alias.Name)
		}
		d.p(")")
	case *TypeAliasStmt:
		d.list("type", n.Name, n.Type)
	case *IfStmt:
		d.list("if", exprs(n.Branches)...)
	case *IfBranch:
		d.list("branch", append([]Node{n.Cond}, exprs(n.Body)...)...)
	case *Decorator:
		d.p("@")
		d.node(n.Name)
		if n.HasCall {
			d.list("args", append(exprs(n.Args), exprs(n.Keywords)...)...)
		}
	case *SchemaStmt:
		d.p("(%s ", [...]string{"schema", "mixin", "protocol"}[n.Kind])
		d.node(n.Name)
		for _, x := range n.Decorators {
			d.p(" ")
			d.node(x)
		}
		if n.Params != nil {
			d.p(" ")
			d.list("params", exprs(n.Params)...)
		}
		if n.Parent != nil {
			d.p(" (parent ")
			d.node(n.Parent)
			d.p(")")
		}
		if n.For != nil {
			d.p(" (for ")
			d.node(n.For)
			d.p(")")
		}
		if n.Doc != nil {
			d.p(" (doc %q)", n.Doc.Value)
		}
		if n.Mixins != nil {
			d.p(" ")
			d.list("mixins", exprs(n.Mixins)...)
		}
		for _, s := range n.Body {
			d.p(" ")
			d.node(s)
		}
		if n.IndexSig != nil {
			d.p(" ")
			d.node(n.IndexSig)
		}
		if n.Checks != nil {
			d.p(" ")
			d.list("check", exprs(n.Checks)...)
		}
		d.p(")")
	case *SchemaAttr:
		d.p("(attr ")
		for _, x := range n.Decorators {
			d.node(x)
			d.p(" ")
		}
		d.p("%s", n.Name)
		if n.Optional {
			d.p("?")
		}
		d.p(" ")
		d.node(n.Type)
		if n.Op != 0 {
			d.p(" %s ", n.Op)
			d.node(n.Value)
		}
		d.p(")")
	case *IndexSignature:
		d.p("(index-sig ")
		if n.KeyName != nil {
			d.node(n.KeyName)
			d.p(" ")
		}
		if n.AnyOther {
			d.p("...")
		}
		d.node(n.KeyType)
		d.p(" ")
		d.node(n.ValueType)
		if n.Default != nil {
			d.p(" = ")
			d.node(n.Default)
		}
		d.p(")")
	case *CheckExpr:
		d.list("c", n.Test, n.Cond, n.Msg)
	case *RuleStmt:
		d.p("(rule ")
		d.node(n.Name)
		for _, x := range n.Decorators {
			d.p(" ")
			d.node(x)
		}
		if n.Params != nil {
			d.p(" ")
			d.list("params", exprs(n.Params)...)
		}
		if n.Parents != nil {
			d.p(" ")
			d.list("parents", exprs(n.Parents)...)
		}
		if n.For != nil {
			d.p(" (for ")
			d.node(n.For)
			d.p(")")
		}
		if n.Doc != nil {
			d.p(" (doc %q)", n.Doc.Value)
		}
		for _, c := range n.Checks {
			d.p(" ")
			d.node(c)
		}
		d.p(")")
	default:
		d.p("<%T>", n)
	}
}
