package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// spanOf renders a node's span as "L:C-L:C".
func spanOf(n Node) string {
	s, e := n.Bounds()
	return fmt.Sprintf("%d:%d-%d:%d", s.Line, s.Col, e.Line, e.Col)
}

func TestPositions(t *testing.T) {
	src := `x = a + b * 2
s = "ab${x + 1}cd"
t = """
  ${y: #yaml}
"""
schema S:
    @d
    a?: int = 1

    b: str
f = lambda q {
    q
}
import .m as n
c = {k: v, **w}
`
	f, err := ParseFile("t.k", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	assign := f.Stmts[0].(*AssignStmt)
	bin := assign.Value.(*BinaryExpr)
	interp := f.Stmts[1].(*AssignStmt).Value.(*InterpString)
	fv := interp.Parts[1].(*FormattedValue)
	fv2 := f.Stmts[2].(*AssignStmt).Value.(*InterpString).Parts[1].(*FormattedValue)
	schema := f.Stmts[3].(*SchemaStmt)
	attr := schema.Body[0].(*SchemaAttr)
	lambda := f.Stmts[4].(*AssignStmt).Value.(*LambdaExpr)
	imp := f.Stmts[5].(*ImportStmt)
	cfg := f.Stmts[6].(*AssignStmt).Value.(*ConfigExpr)
	tests := []struct {
		name string
		n    Node
		want string
	}{
		{"assign", assign, "1:1-1:14"},
		{"binary", bin, "1:5-1:14"},
		{"binary.Y", bin.Y, "1:9-1:14"},
		{"interp", interp, "2:5-2:19"},
		{"interp text", interp.Parts[0], "2:6-2:8"},
		{"formatted value", fv, "2:8-2:16"},
		{"interpolated expr", fv.X, "2:10-2:15"},
		{"interp tail", interp.Parts[2], "2:16-2:18"},
		{"multi-line interpolated expr", fv2.X, "4:5-4:6"},
		{"schema", schema, "6:1-10:11"},
		{"attr", attr, "7:5-8:16"},
		{"attr type", attr.Type, "8:9-8:12"},
		{"decorator", attr.Decorators[0], "7:5-7:7"},
		{"lambda", lambda, "11:5-13:2"},
		{"lambda body", lambda.Body[0], "12:5-12:6"},
		{"import", imp, "14:1-14:15"},
		{"alias", imp.Alias, "14:14-14:15"},
		{"config entry", cfg.Entries[0], "15:6-15:10"},
		{"unpack entry", cfg.Entries[1], "15:12-15:15"},
		{"file", f, "1:1-16:1"},
	}
	for _, tt := range tests {
		if got := spanOf(tt.n); got != tt.want {
			t.Errorf("%s: span %s, want %s", tt.name, got, tt.want)
		}
	}
	if attr.NamePos != (Pos{8, 5}) {
		t.Errorf("attr NamePos = %v", attr.NamePos)
	}
	if bin.OpPos != (Pos{1, 7}) {
		t.Errorf("binary OpPos = %v", bin.OpPos)
	}
	if imp.PathEnd != (Pos{14, 10}) || imp.Path != ".m" {
		t.Errorf("import path %q ends at %v", imp.Path, imp.PathEnd)
	}
}

func TestLambdaInArm(t *testing.T) {
	src := `c = {
    if a:
        f = lambda x {
            x
        }
    b = 1
}
d = 2
`
	f, err := ParseFile("t.k", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := `(assign (targets c) {(if-entry (branch a (= f (lambda (params x) (expr x))))) (= b 1)}) (assign (targets d) 2)`
	if got := dump(f); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if p := checkSpans(f); len(p) > 0 {
		t.Error(strings.Join(p, "\n"))
	}
}
