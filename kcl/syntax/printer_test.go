package syntax

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestFormatGolden")

// corpusDir is the KCL conformance corpus, read (never copied) when present.
const corpusDir = "../../../shared/kcl-conformance/grammar"

// TestFormatGolden formats each testdata/fmt/*.input and compares the
// result with the matching .golden file; -update rewrites the goldens.
// Every golden must be a fixed point and keep the input's tree.
func TestFormatGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "fmt", "*.input"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/fmt/*.input files")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := FormatSource(in, src)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			golden := strings.TrimSuffix(in, ".input") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Format(%s) differs from %s:\n%s", in, golden, lineDiff(string(want), string(got)))
			}
			checkRoundTrip(t, in, src)
		})
	}
}

// TestCorpusRoundTrip formats every .k file of the conformance corpus
// that parses and checks that the output parses to the same tree, keeps
// every comment, and formats to itself.
func TestCorpusRoundTrip(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not found: %v", err)
	}
	var files, parsed int
	err := filepath.WalkDir(corpusDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".k") {
			return err
		}
		files++
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if _, err := ParseFile(path, src); err != nil {
			return nil // syntax-error cases and unsupported syntax
		}
		parsed++
		rel, _ := filepath.Rel(corpusDir, path)
		t.Run(rel, func(t *testing.T) { checkRoundTrip(t, path, src) })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d .k files, %d parse and were formatted", files, parsed)
}

// checkRoundTrip checks that src, which parses, formats to text that
// parses to the same tree with the same comments and formats to itself.
func checkRoundTrip(t *testing.T, name string, src []byte) {
	t.Helper()
	if err := roundTrip(name, src); err != nil {
		t.Error(err)
	}
}

// roundTrip returns what goes wrong when formatting src, which parses.
func roundTrip(name string, src []byte) error {
	f1, err := ParseFile(name, src)
	if err != nil {
		return fmt.Errorf("parse input: %v", err)
	}
	out1 := Format(f1)
	f2, err := ParseFile(name, out1)
	if err != nil {
		return fmt.Errorf("output does not parse: %v\n--- output:\n%s", err, out1)
	}
	if d := treeDiff(f1, f2); d != "" {
		return fmt.Errorf("output parses to another tree: %s\n--- output:\n%s", d, out1)
	}
	if c1, c2 := commentTexts(f1), commentTexts(f2); !reflect.DeepEqual(c1, c2) {
		return fmt.Errorf("comments differ:\ninput:  %q\noutput: %q\n--- output:\n%s", c1, c2, out1)
	}
	if out2 := Format(f2); !bytes.Equal(out1, out2) {
		return fmt.Errorf("formatting is not idempotent:\n%s", lineDiff(string(out1), string(out2)))
	}
	return nil
}

// commentTexts returns the text of f's comments, as the printer writes them.
func commentTexts(f *File) []string {
	var s []string
	for _, c := range f.Comments {
		s = append(s, commentText(c))
	}
	return s
}

var (
	posType  = reflect.TypeFor[Pos]()
	spanType = reflect.TypeFor[Span]()
)

// treeDiff compares two syntax trees, ignoring positions, the file name
// and comments, and describes the first difference ("" when equal).
func treeDiff(a, b *File) string {
	return valueDiff("File", reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem())
}

func valueDiff(path string, a, b reflect.Value) string {
	if a.Type() != b.Type() {
		return fmt.Sprintf("%s: %s vs %s", path, a.Type(), b.Type())
	}
	switch a.Kind() {
	case reflect.Interface, reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: %v vs %v", path, describe(a), describe(b))
			}
			return ""
		}
		return valueDiff(path, a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d vs %d elements", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := valueDiff(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Struct:
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if f.Type == posType || f.Type == spanType || a.Type() == reflect.TypeFor[File]() && (f.Name == "Comments" || f.Name == "Name") {
				continue
			}
			if d := valueDiff(path+"."+f.Name, a.Field(i), b.Field(i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !a.Equal(b) {
		return fmt.Sprintf("%s: %#v vs %#v", path, a, b)
	}
	return ""
}

// describe names the dynamic type of an interface or pointer value.
func describe(v reflect.Value) string {
	if v.IsNil() {
		return "nil"
	}
	return v.Elem().Type().String()
}

// lineDiff returns a minimal line diff of want and got for test output.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	// Longest common subsequence by dynamic programming; inputs are small.
	lcs := make([][]int, len(w)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(g)+1)
	}
	for i := len(w) - 1; i >= 0; i-- {
		for j := len(g) - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case i < len(w) && j < len(g) && w[i] == g[j]:
			fmt.Fprintf(&b, "  %s\n", w[i])
			i, j = i+1, j+1
		case j < len(g) && (i == len(w) || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&b, "+ %s\n", g[j])
			j++
		default:
			fmt.Fprintf(&b, "- %s\n", w[i])
			i++
		}
	}
	return b.String()
}

// ---- Hand-built trees ----

func id(name string) *Ident           { return &Ident{Name: name} }
func num(raw string) *NumberLit       { return &NumberLit{Raw: raw} }
func str(raw string) *StringLit       { return &StringLit{Raw: raw} }
func named(name string) *NamedType    { return &NamedType{Name: name} }
func kv(k, v Expr) *ConfigEntry       { return &ConfigEntry{Key: k, Value: v} }
func bin(x Expr, op Token, y Expr) Expr { return &BinaryExpr{X: x, Op: op, Y: y} }

func TestExprString(t *testing.T) {
	tests := []struct {
		e    Expr
		want string
	}{
		{id("a"), "a"},
		{id("if"), "$if"},
		{num("0x1F"), "0x1F"},
		{&NumberLit{Int: 2, Suffix: "Ki"}, "2Ki"},
		{&NumberLit{IsFloat: true, Float: 2}, "2.0"},
		{str(`'x'`), `'x'`},
		{&StringLit{Value: "a\"b"}, `"a\"b"`},
		{&InterpString{Parts: []Expr{&StringLit{Value: "n="}, &FormattedValue{X: id("n"), Spec: "#json"}}}, `"n=${n: #json}"`},
		{&NameConstant{Value: UNDEFINED}, "Undefined"},
		{&UnaryExpr{Op: NOT, X: id("a")}, "not a"},
		{&UnaryExpr{Op: MINUS, X: &UnaryExpr{Op: TILDE, X: num("3")}}, "-~3"},
		{bin(id("a"), AND, &ParenExpr{X: bin(id("b"), OR, id("c"))}), "a and (b or c)"},
		{bin(num("1"), PLUS, bin(num("2"), STAR, num("3"))), "1 + 2 * 3"},
		{&CompareExpr{X: num("0"), Ops: []CompareOp{CmpLe, CmpNotIn}, Ys: []Expr{id("x"), id("y")}}, "0 <= x not in y"},
		{&CompareExpr{X: id("x"), Ops: []CompareOp{CmpIsNot}, Ys: []Expr{&NameConstant{Value: NONE}}}, "x is not None"},
		{&IfExpr{Then: num("1"), Cond: id("c"), Else: num("2")}, "1 if c else 2"},
		{&SelectorExpr{X: &SelectorExpr{X: id("a"), Sel: id("b"), Optional: true}, Sel: id("c")}, "a?.b.c"},
		{&IndexExpr{X: id("a"), Index: num("0"), Optional: true}, "a?[0]"},
		{&SliceExpr{X: id("l"), Lo: num("1"), Hi: num("2")}, "l[1:2]"},
		{&SliceExpr{X: id("l"), Step: &UnaryExpr{Op: MINUS, X: num("1")}}, "l[::-1]"},
		{&SliceExpr{X: id("l"), Lo: bin(id("i"), PLUS, num("1"))}, "l[i + 1 :]"},
		{&SliceExpr{X: id("l"), Hi: &CallExpr{Fn: id("f")}, Step: num("2")}, "l[: f() : 2]"},
		{&CallExpr{Fn: id("f"), Args: []Expr{id("a"), &StarredExpr{X: id("b")}, &StarredExpr{X: id("c"), Double: true}},
			Keywords: []*Keyword{{Name: id("end"), Value: str(`''`)}}}, `f(a, *b, **c, end='')`},
		{&ListExpr{}, "[]"},
		{&ListExpr{Elts: []Expr{num("1"), &StarredExpr{X: id("l")}}}, "[1, *l]"},
		{&ListComp{Elt: id("x"), Clauses: []*CompClause{{Vars: []*Ident{id("i"), id("x")}, Iter: id("l"), Ifs: []Expr{id("x"), id("i")}}}},
			"[x for i, x in l if x if i]"},
		{&DictComp{Entry: kv(id("k"), id("v")), Clauses: []*CompClause{{Vars: []*Ident{id("k"), id("v")}, Iter: id("d")}}},
			"{k: v for k, v in d}"},
		{&ConfigExpr{}, "{}"},
		{&ConfigExpr{Entries: []*ConfigEntry{
			kv(&SelectorExpr{X: id("a"), Sel: id("b")}, num("1")),
			{Key: str(`"c"`), Op: OpOverride, Value: num("2")},
			{Key: id("d"), Op: OpInsert, Value: &ListExpr{}},
			{Kind: EntryUnpack, Value: id("e")},
		}}, `{a.b: 1, "c" = 2, d += [], **e}`},
		{&ConfigExpr{Entries: []*ConfigEntry{{Kind: EntryIf, If: &ConfigIfEntry{Branches: []*ConfigBranch{
			{Cond: id("c"), Entries: []*ConfigEntry{kv(id("a"), num("1")), kv(id("b"), num("2"))}},
			{Entries: []*ConfigEntry{kv(id("a"), num("3"))}},
		}}}}}, "{if c: a: 1, b: 2 else: a: 3}"},
		{&ListExpr{Elts: []Expr{&ListIfItem{Branches: []*ListBranch{
			{Cond: id("c"), Items: []Expr{num("1")}},
			{Cond: id("d"), Items: []Expr{num("2"), num("3")}},
		}}}}, "[if c: 1 elif d: 2, 3]"},
		{&SchemaExpr{Name: &SelectorExpr{X: id("pkg"), Sel: id("S")}, Config: &ConfigExpr{}}, "pkg.S {}"},
		{&SchemaExpr{Name: id("S"), HasCall: true, Keywords: []*Keyword{{Name: id("n"), Value: num("1")}},
			Config: &ConfigExpr{Entries: []*ConfigEntry{kv(id("a"), num("1"))}}}, "S(n=1) {a: 1}"},
		{&QuantExpr{Op: ALL, Vars: []*Ident{id("x")}, Iter: id("l"), Body: bin(id("x"), GT, num("0"))}, "all x in l { x > 0 }"},
		{&QuantExpr{Op: FILTER, Vars: []*Ident{id("k"), id("v")}, Iter: id("d"), Body: id("v"), Cond: id("k")}, "filter k, v in d { v if k }"},
		{&LambdaExpr{Params: []*Param{{Name: id("x"), Type: named("int")}, {Name: id("y"), Default: num("1")}}, Ret: named("int"),
			Body: []Stmt{&ExprStmt{Exprs: []Expr{bin(id("x"), PLUS, id("y"))}}}}, "lambda x: int, y = 1 -> int { x + y }"},
		{&LambdaExpr{}, "lambda {}"},
		{&BadExpr{}, "<error>"},
	}
	for _, tt := range tests {
		if got := ExprString(tt.e); got != tt.want {
			t.Errorf("ExprString(%#v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestTypeString(t *testing.T) {
	tests := []struct {
		t    Type
		want string
	}{
		{named("int"), "int"},
		{named("pkg.Schema"), "pkg.Schema"},
		{&ListType{Elem: named("int")}, "[int]"},
		{&ListType{}, "[]"},
		{&DictType{Key: named("str"), Value: named("any")}, "{str:any}"},
		{&DictType{Key: named("str")}, "{str:}"},
		{&DictType{}, "{:}"},
		{&UnionType{Types: []Type{&LiteralType{Value: str(`"a"`)}, &LiteralType{Value: str(`"b"`)}}}, `"a" | "b"`},
		{&UnionType{Types: []Type{named("int"), &LiteralType{Value: &NameConstant{Value: NONE}}}}, "int | None"},
		{&LiteralType{Value: &UnaryExpr{Op: MINUS, X: num("1")}}, "-1"},
		{&FuncType{Params: []Type{named("int")}, Ret: named("str")}, "(int) -> str"},
		{&FuncType{Params: []Type{named("int"), &ListType{Elem: named("any")}}}, "(int, [any])"},
		{&ListType{Elem: &DictType{Key: named("str"), Value: &UnionType{Types: []Type{named("int"), named("str")}}}}, "[{str:int | str}]"},
	}
	for _, tt := range tests {
		if got := TypeString(tt.t); got != tt.want {
			t.Errorf("TypeString(%#v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

// TestFormatHandBuilt formats a tree without positions: no comments, one
// line per construct, blank lines only where the style requires them.
func TestFormatHandBuilt(t *testing.T) {
	f := &File{
		Doc: str(`"""Module doc."""`),
		Stmts: []Stmt{
			&ImportStmt{Path: "math"},
			&ImportStmt{Path: "..pkg.mod", Alias: id("mod")},
			&SchemaStmt{
				Decorators: []*Decorator{{Name: id("deprecated"), HasCall: true, Keywords: []*Keyword{{Name: id("strict"), Value: &NameConstant{Value: FALSE}}}}},
				Name:       id("Person"), Params: []*Param{{Name: id("n"), Type: named("str"), Default: str(`"x"`)}},
				Parent: id("Base"), Doc: str(`"""Person."""`), Mixins: []Expr{id("AMixin"), id("BMixin")},
				IndexSig: &IndexSignature{AnyOther: true, KeyType: named("str"), ValueType: named("int")},
				Body: []Stmt{
					&SchemaAttr{Name: "name", Type: named("str"), Op: ASSIGN, Value: id("n")},
					&SchemaAttr{Name: "attr-x", Optional: true, Type: &ListType{Elem: named("int")}},
					&SchemaAttr{Name: "labels", Type: &DictType{Key: named("str"), Value: named("str")}, Op: PIPE_EQ, Value: &ConfigExpr{}},
					&IfStmt{Branches: []*IfBranch{
						{Cond: id("a"), Body: []Stmt{&AssignStmt{Targets: []Expr{id("b")}, Value: num("1")}}},
						{Cond: id("c"), Body: []Stmt{&AugAssignStmt{Target: id("b"), Op: PLUS_EQ, Value: num("2")}}},
						{Body: []Stmt{&AssertStmt{Test: id("b"), Msg: str(`"m"`)}}},
					}},
				},
				Checks: []*CheckExpr{{Test: bin(id("age"), GT, num("0")), Cond: id("age"), Msg: str(`"age"`)}},
			},
			&RuleStmt{Name: id("R"), Parents: []Expr{id("A"), id("B")}, For: id("P"), Checks: []*CheckExpr{{Test: id("x")}}},
			&AssignStmt{Targets: []Expr{id("x"), id("y")}, Type: named("int"), Value: num("1")},
			&UnificationStmt{Target: id("p"), Value: &SchemaExpr{Name: id("Person"), Config: &ConfigExpr{}}},
			&TypeAliasStmt{Name: id("T"), Type: &UnionType{Types: []Type{named("int"), named("str")}}},
			&ExprStmt{Exprs: []Expr{id("a"), id("b")}},
		},
	}
	want := `"""Module doc."""
import math
import ..pkg.mod as mod

@deprecated(strict=False)
schema Person[n: str = "x"](Base):
    """Person."""
    mixin [AMixin, BMixin]
    [...str]: int
    name: str = n
    "attr-x"?: [int]
    labels: {str:str} |= {}
    if a:
        b = 1
    elif c:
        b += 2
    else:
        assert b, "m"

    check:
        age > 0 if age, "age"

rule R(A, B) for P:
    x

x: int = y = 1
p: Person {}
type T = int | str
a, b
`
	if got := string(Format(f)); got != want {
		t.Errorf("Format:\n%s", lineDiff(want, got))
	}
	if got := Format(&File{}); len(got) != 0 {
		t.Errorf("Format(empty file) = %q, want empty", got)
	}
}
