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

var updateGolden = flag.Bool("update", false, "rewrite the golden files of TestFormatGolden")

// fmtCorpusDir is the KCL conformance corpus, read (never copied) when present.
const fmtCorpusDir = "../../../shared/kcl-conformance/grammar"

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
			if *updateGolden {
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
	if _, err := os.Stat(fmtCorpusDir); err != nil {
		t.Skipf("corpus not found: %v", err)
	}
	var files, parsed int
	err := filepath.WalkDir(fmtCorpusDir, func(path string, d os.DirEntry, err error) error {
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
		rel, _ := filepath.Rel(fmtCorpusDir, path)
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
				return fmt.Sprintf("%s: %v vs %v", path, typeName(a), typeName(b))
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

// typeName names the dynamic type of an interface or pointer value.
func typeName(v reflect.Value) string {
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

// An astBuilder builds trees by hand, without positions.
type astBuilder struct{}

func (astBuilder) id(name string) *Ident             { return &Ident{Name: name} }
func (astBuilder) num(raw string) *NumberLit         { return &NumberLit{Raw: raw} }
func (astBuilder) str(raw string) *StringLit         { return &StringLit{Raw: raw} }
func (astBuilder) named(name string) *NamedType      { return &NamedType{Name: name} }
func (astBuilder) kv(k, v Expr) *ConfigEntry         { return &ConfigEntry{Key: k, Value: v} }
func (astBuilder) bin(x Expr, op Token, y Expr) Expr { return &BinaryExpr{X: x, Op: op, Y: y} }

func TestExprString(t *testing.T) {
	var b astBuilder
	tests := []struct {
		e    Expr
		want string
	}{
		{b.id("a"), "a"},
		{b.id("if"), "$if"},
		{b.num("0x1F"), "0x1F"},
		{&NumberLit{Int: 2, Suffix: "Ki"}, "2Ki"},
		{&NumberLit{IsFloat: true, Float: 2}, "2.0"},
		{b.str(`'x'`), `'x'`},
		{&StringLit{Value: "a\"b"}, `"a\"b"`},
		{&StringLit{Value: "${x}$y\\\n\x01\xe8"}, "\"\\${x}$y\\\\\\n\\x01\xe8\""},
		{&InterpString{Parts: []Expr{&StringLit{Value: "n="}, &FormattedValue{X: b.id("n"), Spec: "#json"}}}, `"n=${n: #json}"`},
		{&NameConstant{Value: UNDEFINED}, "Undefined"},
		{&UnaryExpr{Op: NOT, X: b.id("a")}, "not a"},
		{&UnaryExpr{Op: MINUS, X: &UnaryExpr{Op: TILDE, X: b.num("3")}}, "-~3"},
		{b.bin(b.id("a"), AND, &ParenExpr{X: b.bin(b.id("b"), OR, b.id("c"))}), "a and (b or c)"},
		{b.bin(b.num("1"), PLUS, b.bin(b.num("2"), STAR, b.num("3"))), "1 + 2 * 3"},
		{&CompareExpr{X: b.num("0"), Ops: []CompareOp{CmpLe, CmpNotIn}, Ys: []Expr{b.id("x"), b.id("y")}}, "0 <= x not in y"},
		{&CompareExpr{X: b.id("x"), Ops: []CompareOp{CmpIsNot}, Ys: []Expr{&NameConstant{Value: NONE}}}, "x is not None"},
		{&IfExpr{Then: b.num("1"), Cond: b.id("c"), Else: b.num("2")}, "1 if c else 2"},
		{&SelectorExpr{X: &SelectorExpr{X: b.id("a"), Sel: b.id("b"), Optional: true}, Sel: b.id("c")}, "a?.b.c"},
		{&IndexExpr{X: b.id("a"), Index: b.num("0"), Optional: true}, "a?[0]"},
		{&SliceExpr{X: b.id("l"), Lo: b.num("1"), Hi: b.num("2")}, "l[1:2]"},
		{&SliceExpr{X: b.id("l"), Step: &UnaryExpr{Op: MINUS, X: b.num("1")}}, "l[::-1]"},
		{&SliceExpr{X: b.id("l"), Lo: b.bin(b.id("i"), PLUS, b.num("1"))}, "l[i + 1 :]"},
		{&SliceExpr{X: b.id("l"), Hi: &CallExpr{Fn: b.id("f")}, Step: b.num("2")}, "l[: f() : 2]"},
		{&CallExpr{Fn: b.id("f"), Args: []Expr{b.id("a"), &StarredExpr{X: b.id("b")}, &StarredExpr{X: b.id("c"), Double: true}},
			Keywords: []*Keyword{{Name: b.id("end"), Value: b.str(`''`)}}}, `f(a, *b, **c, end='')`},
		{&ListExpr{}, "[]"},
		{&ListExpr{Elts: []Expr{b.num("1"), &StarredExpr{X: b.id("l")}}}, "[1, *l]"},
		{&ListComp{Elt: b.id("x"), Clauses: []*CompClause{{Vars: []*Ident{b.id("i"), b.id("x")}, Iter: b.id("l"), Ifs: []Expr{b.id("x"), b.id("i")}}}},
			"[x for i, x in l if x if i]"},
		{&DictComp{Entry: b.kv(b.id("k"), b.id("v")), Clauses: []*CompClause{{Vars: []*Ident{b.id("k"), b.id("v")}, Iter: b.id("d")}}},
			"{k: v for k, v in d}"},
		{&ConfigExpr{}, "{}"},
		{&ConfigExpr{Entries: []*ConfigEntry{
			b.kv(&SelectorExpr{X: b.id("a"), Sel: b.id("b")}, b.num("1")),
			{Key: b.str(`"c"`), Op: OpOverride, Value: b.num("2")},
			{Key: b.id("d"), Op: OpInsert, Value: &ListExpr{}},
			{Kind: EntryUnpack, Value: b.id("e")},
		}}, `{a.b: 1, "c" = 2, d += [], **e}`},
		{&ConfigExpr{Entries: []*ConfigEntry{{Kind: EntryIf, If: &ConfigIfEntry{Branches: []*ConfigBranch{
			{Cond: b.id("c"), Entries: []*ConfigEntry{b.kv(b.id("a"), b.num("1")), b.kv(b.id("b"), b.num("2"))}},
			{Entries: []*ConfigEntry{b.kv(b.id("a"), b.num("3"))}},
		}}}}}, "{if c: a: 1, b: 2 else: a: 3}"},
		{&ListExpr{Elts: []Expr{&ListIfItem{Branches: []*ListBranch{
			{Cond: b.id("c"), Items: []Expr{b.num("1")}},
			{Cond: b.id("d"), Items: []Expr{b.num("2"), b.num("3")}},
		}}}}, "[if c: 1 elif d: 2, 3]"},
		{&SchemaExpr{Name: &SelectorExpr{X: b.id("pkg"), Sel: b.id("S")}, Config: &ConfigExpr{}}, "pkg.S {}"},
		{&SchemaExpr{Name: b.id("S"), HasCall: true, Keywords: []*Keyword{{Name: b.id("n"), Value: b.num("1")}},
			Config: &ConfigExpr{Entries: []*ConfigEntry{b.kv(b.id("a"), b.num("1"))}}}, "S(n=1) {a: 1}"},
		{&QuantExpr{Op: ALL, Vars: []*Ident{b.id("x")}, Iter: b.id("l"), Body: b.bin(b.id("x"), GT, b.num("0"))}, "all x in l { x > 0 }"},
		{&QuantExpr{Op: FILTER, Vars: []*Ident{b.id("k"), b.id("v")}, Iter: b.id("d"), Body: b.id("v"), Cond: b.id("k")}, "filter k, v in d { v if k }"},
		{&LambdaExpr{Params: []*Param{{Name: b.id("x"), Type: b.named("int")}, {Name: b.id("y"), Default: b.num("1")}}, Ret: b.named("int"),
			Body: []Stmt{&ExprStmt{Exprs: []Expr{b.bin(b.id("x"), PLUS, b.id("y"))}}}}, "lambda x: int, y = 1 -> int { x + y }"},
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
	var b astBuilder
	tests := []struct {
		t    Type
		want string
	}{
		{b.named("int"), "int"},
		{b.named("pkg.Schema"), "pkg.Schema"},
		{&ListType{Elem: b.named("int")}, "[int]"},
		{&ListType{}, "[]"},
		{&DictType{Key: b.named("str"), Value: b.named("any")}, "{str:any}"},
		{&DictType{Key: b.named("str")}, "{str:}"},
		{&DictType{}, "{:}"},
		{&UnionType{Types: []Type{&LiteralType{Value: b.str(`"a"`)}, &LiteralType{Value: b.str(`"b"`)}}}, `"a" | "b"`},
		{&UnionType{Types: []Type{b.named("int"), &LiteralType{Value: &NameConstant{Value: NONE}}}}, "int | None"},
		{&LiteralType{Value: &UnaryExpr{Op: MINUS, X: b.num("1")}}, "-1"},
		{&FuncType{Params: []Type{b.named("int")}, Ret: b.named("str")}, "(int) -> str"},
		{&FuncType{Params: []Type{b.named("int"), &ListType{Elem: b.named("any")}}}, "(int, [any])"},
		{&ListType{Elem: &DictType{Key: b.named("str"), Value: &UnionType{Types: []Type{b.named("int"), b.named("str")}}}}, "[{str:int | str}]"},
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
	var b astBuilder
	f := &File{
		Doc: b.str(`"""Module doc."""`),
		Stmts: []Stmt{
			&ImportStmt{Path: "math"},
			&ImportStmt{Path: "..pkg.mod", Alias: b.id("mod")},
			&SchemaStmt{
				Decorators: []*Decorator{{Name: b.id("deprecated"), HasCall: true, Keywords: []*Keyword{{Name: b.id("strict"), Value: &NameConstant{Value: FALSE}}}}},
				Name:       b.id("Person"), Params: []*Param{{Name: b.id("n"), Type: b.named("str"), Default: b.str(`"x"`)}},
				Parent: b.id("Base"), Doc: b.str(`"""Person."""`), Mixins: []Expr{b.id("AMixin"), b.id("BMixin")},
				IndexSig: &IndexSignature{AnyOther: true, KeyType: b.named("str"), ValueType: b.named("int")},
				Body: []Stmt{
					&SchemaAttr{Name: "name", Type: b.named("str"), Op: ASSIGN, Value: b.id("n")},
					&SchemaAttr{Name: "attr-x", Optional: true, Type: &ListType{Elem: b.named("int")}},
					&SchemaAttr{Name: "labels", Type: &DictType{Key: b.named("str"), Value: b.named("str")}, Op: PIPE_EQ, Value: &ConfigExpr{}},
					&IfStmt{Branches: []*IfBranch{
						{Cond: b.id("a"), Body: []Stmt{&AssignStmt{Targets: []Expr{b.id("b")}, Value: b.num("1")}}},
						{Cond: b.id("c"), Body: []Stmt{&AugAssignStmt{Target: b.id("b"), Op: PLUS_EQ, Value: b.num("2")}}},
						{Body: []Stmt{&AssertStmt{Test: b.id("b"), Msg: b.str(`"m"`)}}},
					}},
				},
				Checks: []*CheckExpr{{Test: b.bin(b.id("age"), GT, b.num("0")), Cond: b.id("age"), Msg: b.str(`"age"`)}},
			},
			&RuleStmt{Name: b.id("R"), Parents: []Expr{b.id("A"), b.id("B")}, For: b.id("P"), Checks: []*CheckExpr{{Test: b.id("x")}}},
			&AssignStmt{Targets: []Expr{b.id("x"), b.id("y")}, Type: b.named("int"), Value: b.num("1")},
			&UnificationStmt{Target: b.id("p"), Value: &SchemaExpr{Name: b.id("Person"), Config: &ConfigExpr{}}},
			&TypeAliasStmt{Name: b.id("T"), Type: &UnionType{Types: []Type{b.named("int"), b.named("str")}}},
			&ExprStmt{Exprs: []Expr{b.id("a"), b.id("b")}},
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
