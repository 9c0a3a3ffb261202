package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// children returns the direct children of n, as Walk visits them.
func children(n Node) []Node {
	var list []Node
	Walk(n, func(c Node) bool {
		if c == n {
			return true
		}
		list = append(list, c)
		return false
	})
	return list
}

// checkSpans reports the nodes of a tree whose span is empty-positioned
// or inverted, lies outside their parent's span, or starts before the
// end of the previous sibling (Walk must visit in source order).
func checkSpans(root Node) []string {
	var problems []string
	var check func(n Node)
	check = func(n Node) {
		start, end := n.Bounds()
		if _, ok := n.(*File); !ok && !start.IsValid() {
			problems = append(problems, fmt.Sprintf("%T has no position", n))
		}
		if end.Before(start) {
			problems = append(problems, fmt.Sprintf("%T %v-%v: end before start", n, start, end))
		}
		prevEnd := start
		for _, c := range children(n) {
			cs, ce := c.Bounds()
			if cs.Before(start) || end.Before(ce) {
				problems = append(problems, fmt.Sprintf("%T %v-%v outside %T %v-%v", c, cs, ce, n, start, end))
			}
			if cs.Before(prevEnd) {
				problems = append(problems, fmt.Sprintf("%T %v-%v starts before the end %v of its previous sibling in %T", c, cs, ce, prevEnd, n))
			}
			prevEnd = ce
			check(c)
		}
	}
	check(root)
	return problems
}

func TestWalkOrderAndSpans(t *testing.T) {
	src := `import a.b as c
"""Module doc."""

@deco(1, k=2)
schema S[p: int = 1](Base) for Proto:
    """Doc."""
    mixin [M]
    x?: int = 1
    [k: str]: any
    y: {str:[int]} |= {}
    if x > 1:
        z = lambda a, b: int = 2 -> int {
            a + b
        }
    check:
        x > 0 if y, "msg ${x}"

rule R(P):
    x in [1, 2]

v: S {x = 1, **w, if c: d = 1}
l = [*a, if b: c else: d, [e for e in f if e], {g: h for g, h in i}]
q = all x in l { x > 0 if x }
s = a[1:2:3]?.b?[0] as int
t = f(*a, k=1, **b)
u = "${x: #json}" 'y'
type T = int | "a"
assert not a is not b, "m"
w += -1
g: (int) -> str = h
`
	f, err := ParseFile("t.k", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if p := checkSpans(f); len(p) > 0 {
		t.Errorf("span problems:\n%s", strings.Join(p, "\n"))
	}
	// Every node type of the tree is reached.
	seen := map[string]bool{}
	Walk(f, func(n Node) bool {
		seen[fmt.Sprintf("%T", n)] = true
		return true
	})
	for _, typ := range []string{"*syntax.Decorator", "*syntax.IndexSignature", "*syntax.CheckExpr",
		"*syntax.FormattedValue", "*syntax.Keyword", "*syntax.CompClause", "*syntax.ConfigIfEntry",
		"*syntax.ListBranch", "*syntax.Param", "*syntax.FuncType", "*syntax.LiteralType", "*syntax.QuantExpr",
		"*syntax.SliceExpr", "*syntax.StarredExpr", "*syntax.TypeAliasStmt", "*syntax.RuleStmt",
		"*syntax.UnificationStmt", "*syntax.AugAssignStmt", "*syntax.ImportStmt", "*syntax.DictType"} {
		if !seen[typ] {
			t.Errorf("Walk never reached a %s", typ)
		}
	}
	// Returning false prunes.
	n := 0
	Walk(f, func(Node) bool { n++; return false })
	if n != 1 {
		t.Errorf("pruned walk visited %d nodes", n)
	}
}
