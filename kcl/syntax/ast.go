package syntax

// This file holds the abstract syntax tree. Every node records the
// position of its first byte (Start) and the position just after its
// last byte (End). Slices of children keep source order.

// A Node is any element of the syntax tree.
type Node interface {
	// Bounds returns the node's start and end positions. (It is not
	// called Span: a method may not share the embedded field's name.)
	Bounds() (start, end Pos)
}

// A Span is embedded in every node.
type Span struct {
	Start, End Pos
}

// Bounds returns the node's start and end positions.
func (s *Span) Bounds() (start, end Pos) { return s.Start, s.End }

// An Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// A Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// A Type is a type annotation node.
type Type interface {
	Node
	typeNode()
}

// A File is one parsed source file.
type File struct {
	Span
	Name     string     // file name as given to the parser
	Doc      *StringLit // module docstring: a leading string statement
	Stmts    []Stmt
	Comments []*Comment // every comment, in source order (for the printer)
}

// A Comment is a `# ...` comment; Text includes the `#`.
type Comment struct {
	Span
	Text string
}

// ---- Expressions ----

// An Ident is a single name. Dotted names (`a.b`) are SelectorExprs.
type Ident struct {
	Span
	Name string // without a leading `$`
}

// A NumberLit is an int or float literal, maybe with a unit suffix.
type NumberLit struct {
	Span
	Raw     string // source text, e.g. "0x1F", "1_000", "2.5e3", "1Ki"
	IsFloat bool
	Int     int64   // value when !IsFloat (before applying Suffix)
	Float   float64 // value when IsFloat
	Suffix  string  // unit suffix: n u m k K M G T P Ki Mi Gi Ti Pi, or ""
}

// A StringLit is a string literal with no interpolation, or one text
// part of an InterpString. Adjacent literals are concatenated by the
// parser into one StringLit (Raw keeps all of them, space-separated).
type StringLit struct {
	Span
	Raw   string // source text including prefix and quotes
	Value string // decoded value
}

// An InterpString is a string literal holding `${...}` interpolations.
// Parts alternate text (*StringLit, Raw empty, Value decoded) and
// *FormattedValue, in order.
type InterpString struct {
	Span
	Raw   string // source text including prefix and quotes
	Parts []Expr
}

// A FormattedValue is one `${X}` or `${X: spec}` inside a string; Spec
// is the text after the colon, trimmed (e.g. "#json", "#yaml").
type FormattedValue struct {
	Span
	X    Expr
	Spec string
}

// A NameConstant is True, False, None or Undefined.
type NameConstant struct {
	Span
	Value Token // TRUE, FALSE, NONE, UNDEFINED
}

// A ParenExpr is `(X)`.
type ParenExpr struct {
	Span
	X Expr
}

// A UnaryExpr is `Op X` for Op in + - ~ not.
type UnaryExpr struct {
	Span
	Op    Token
	OpPos Pos
	X     Expr
}

// A BinaryExpr is `X Op Y` for arithmetic, bitwise and logical (and, or)
// operators. Comparisons are CompareExprs.
type BinaryExpr struct {
	Span
	X     Expr
	Op    Token
	OpPos Pos
	Y     Expr
}

// A CompareOp is one comparison operator; `not in` and `is not` are
// their own kinds.
type CompareOp int8

// Comparison operators.
const (
	CmpEq CompareOp = iota
	CmpNe
	CmpLt
	CmpLe
	CmpGt
	CmpGe
	CmpIn
	CmpNotIn
	CmpIs
	CmpIsNot
)

var compareOpNames = [...]string{"==", "!=", "<", "<=", ">", ">=", "in", "not in", "is", "is not"}

func (op CompareOp) String() string { return compareOpNames[op] }

// A CompareExpr is a possibly chained comparison `X op1 Y1 op2 Y2 ...`,
// meaning `X op1 Y1 and Y1 op2 Y2 ...`.
type CompareExpr struct {
	Span
	X   Expr
	Ops []CompareOp
	Ys  []Expr
}

// An IfExpr is `Then if Cond else Else`.
type IfExpr struct {
	Span
	Then, Cond, Else Expr
}

// A SelectorExpr is `X.Sel` or, when Optional, `X?.Sel`.
type SelectorExpr struct {
	Span
	X        Expr
	Sel      *Ident
	Optional bool
}

// An IndexExpr is `X[Index]` or `X?[Index]`.
type IndexExpr struct {
	Span
	X        Expr
	Index    Expr
	Optional bool
}

// A SliceExpr is `X[Lo:Hi:Step]` (any part may be nil) or `X?[...]`.
type SliceExpr struct {
	Span
	X            Expr
	Lo, Hi, Step Expr
	Optional     bool
}

// A CallExpr is `Fn(Args..., Keywords...)`.
type CallExpr struct {
	Span
	Fn       Expr
	Args     []Expr     // positional; may contain *StarredExpr (`*x`, `**x`)
	Keywords []*Keyword // name=value
}

// A Keyword is a `name=value` call argument.
type Keyword struct {
	Span
	Name  *Ident
	Value Expr
}

// A StarredExpr is `*X` in a list or call, or `**X` (Double) in a
// call. In a config expression `**X` is a ConfigEntry of kind
// EntryUnpack instead.
type StarredExpr struct {
	Span
	X      Expr
	Double bool
}

// A ListExpr is `[Elts...]`. Elements may be *StarredExpr and *ListIfItem.
type ListExpr struct {
	Span
	Elts []Expr
}

// A ListIfItem is an `if`/`elif`/`else` item inside a list literal:
// `[if cond: a, b elif c: d else: e]`.
type ListIfItem struct {
	Span
	Branches []*ListBranch
}

// A ListBranch is one arm of a ListIfItem; Cond is nil for `else`.
type ListBranch struct {
	Span
	Cond  Expr
	Items []Expr
}

// A CompClause is `for Vars in Iter if Ifs[0] if Ifs[1]...`.
type CompClause struct {
	Span
	Vars []*Ident // one or two loop variables
	Iter Expr
	Ifs  []Expr
}

// A ListComp is `[Elt for ... in ... if ...]`.
type ListComp struct {
	Span
	Elt     Expr
	Clauses []*CompClause
}

// A DictComp is `{Key: Value for ... in ...}`; Op is the entry operator.
type DictComp struct {
	Span
	Entry   *ConfigEntry
	Clauses []*CompClause
}

// An EntryOp is the operator of a config entry.
type EntryOp int8

// Config entry operators.
const (
	OpUnion    EntryOp = iota // key: value
	OpOverride                // key = value
	OpInsert                  // key += value
)

func (op EntryOp) String() string { return [...]string{":", "=", "+="}[op] }

// A ConfigExpr is a config (dict) literal `{ entries }`.
type ConfigExpr struct {
	Span
	Entries []*ConfigEntry
}

// An EntryKind says what a ConfigEntry holds.
type EntryKind int8

// Config entry kinds.
const (
	EntryKV     EntryKind = iota // Key Op Value
	EntryUnpack                  // **Value
	EntryIf                      // If
)

// A ConfigEntry is one entry of a ConfigExpr or the entry of a DictComp.
// For EntryKV, Key is the key expression: an Ident or dotted
// SelectorExpr chain (`a.b.c: 1` means nested keys), a string literal,
// or any other expression (its value is the key).
type ConfigEntry struct {
	Span
	Kind  EntryKind
	Key   Expr
	Op    EntryOp
	OpPos Pos
	Value Expr
	If    *ConfigIfEntry
}

// A ConfigIfEntry is `if cond: entries elif ...: entries else: entries`
// inside a config literal.
type ConfigIfEntry struct {
	Span
	Branches []*ConfigBranch
}

// A ConfigBranch is one arm of a ConfigIfEntry; Cond is nil for `else`.
type ConfigBranch struct {
	Span
	Cond    Expr
	Entries []*ConfigEntry
}

// A SchemaExpr is `Name {config}` or `Name(args) {config}`.
type SchemaExpr struct {
	Span
	Name     Expr   // Ident or SelectorExpr chain (pkg.Schema)
	Args     []Expr // nil when there are no parentheses
	Keywords []*Keyword
	HasCall  bool // parentheses were written
	Config   *ConfigExpr
}

// A QuantExpr is `Op Vars in Iter { Body if Cond }` for Op in all, any,
// map, filter.
type QuantExpr struct {
	Span
	Op   Token
	Vars []*Ident
	Iter Expr
	Body Expr
	Cond Expr // may be nil
}

// A LambdaExpr is `lambda params -> Ret { body }`.
type LambdaExpr struct {
	Span
	Params []*Param
	Ret    Type // may be nil
	Body   []Stmt
}

// A Param is a schema, rule or lambda parameter `name: Type = Default`.
type Param struct {
	Span
	Name    *Ident
	Type    Type // may be nil
	Default Expr // may be nil
}

// A BadExpr stands where the parser could not read an expression.
type BadExpr struct {
	Span
}

// ---- Types ----

// A NamedType is a basic type (int, float, str, bool, any) or a schema
// or alias name, possibly dotted (`pkg.Schema`).
type NamedType struct {
	Span
	Name string
}

// A ListType is `[Elem]`; Elem is nil for `[]`.
type ListType struct {
	Span
	Elem Type
}

// A DictType is `{Key: Value}`; either may be nil (`{:}`, `{str:}`).
type DictType struct {
	Span
	Key, Value Type
}

// A UnionType is `A | B | ...`.
type UnionType struct {
	Span
	Types []Type
}

// A LiteralType is a literal used as a type: a string, number, True,
// False or None. Value is *StringLit, *NumberLit (Neg for `-1`) or
// *NameConstant.
type LiteralType struct {
	Span
	Value Expr
}

// A FuncType is `(Params) -> Ret`.
type FuncType struct {
	Span
	Params []Type
	Ret    Type // may be nil
}

// ---- Statements ----

// An ExprStmt is an expression used as a statement; several
// comma-separated expressions form one statement.
type ExprStmt struct {
	Span
	Exprs []Expr
}

// An AssignStmt is `t1 = t2 = ... = Value` or `t: Type = Value`.
// Targets are Ident, SelectorExpr or IndexExpr.
type AssignStmt struct {
	Span
	Targets []Expr
	Type    Type // may be nil
	Value   Expr
}

// An AugAssignStmt is `Target op= Value`.
type AugAssignStmt struct {
	Span
	Target Expr
	Op     Token // PLUS_EQ, MINUS_EQ, ...
	OpPos  Pos
	Value  Expr
}

// A UnificationStmt is `Target: SchemaExpr`.
type UnificationStmt struct {
	Span
	Target *Ident
	Value  *SchemaExpr
}

// An AssertStmt is `assert Test if Cond, Msg`.
type AssertStmt struct {
	Span
	Test Expr
	Cond Expr // may be nil
	Msg  Expr // may be nil
}

// An ImportStmt is `import path as Alias`. Path keeps leading dots
// (`.sub`, `..pkg.mod`).
type ImportStmt struct {
	Span
	Path    string
	PathEnd Pos
	Alias   *Ident // may be nil
}

// A TypeAliasStmt is `type Name = Type`.
type TypeAliasStmt struct {
	Span
	Name *Ident
	Type Type
}

// An IfStmt is `if c: ... elif c: ... else: ...`.
type IfStmt struct {
	Span
	Branches []*IfBranch
}

// An IfBranch is one arm of an IfStmt; Cond is nil for `else`.
type IfBranch struct {
	Span
	Cond Expr
	Body []Stmt
}

// A Decorator is `@Name` or `@Name(args)`.
type Decorator struct {
	Span
	Name     Expr // Ident or SelectorExpr
	Args     []Expr
	Keywords []*Keyword
	HasCall  bool
}

// A SchemaKind tells a schema, a mixin and a protocol apart.
type SchemaKind int8

// Schema kinds.
const (
	KindSchema SchemaKind = iota
	KindMixin
	KindProtocol
)

// A SchemaStmt declares a schema, mixin or protocol.
//
//	@dec
//	schema Name[params](Parent) for Protocol:
//	    """doc"""
//	    mixin [A, B]
//	    body...
//	    [key: str]: int
//	    check:
//	        ...
type SchemaStmt struct {
	Span
	Decorators []*Decorator
	Kind       SchemaKind
	Name       *Ident
	Params     []*Param
	Parent     Expr // Ident or SelectorExpr; may be nil
	For        Expr // protocol host; may be nil
	Doc        *StringLit
	Mixins     []Expr // Ident or SelectorExpr
	Body       []Stmt // *SchemaAttr and ordinary statements, in order
	IndexSig   *IndexSignature
	Checks     []*CheckExpr
}

// A SchemaAttr declares an attribute: `@dec name?: Type = Value`.
type SchemaAttr struct {
	Span
	Decorators []*Decorator
	Name       string // identifier or string-literal name
	NamePos    Pos
	Optional   bool
	Type       Type
	Op         Token  // ASSIGN, or an augmented operator such as PIPE_EQ; 0 when no value
	Value      Expr   // may be nil
	Doc        string // docstring comment taken from the schema docstring's Attributes section, filled by later phases
}

// An IndexSignature is `[Key: KeyType]: ValueType = Default` or
// `[...KeyType]: ValueType`.
type IndexSignature struct {
	Span
	KeyName   *Ident // may be nil
	AnyOther  bool   // `...` was written
	KeyType   Type
	ValueType Type
	Default   Expr // may be nil
}

// A CheckExpr is one line of a check block or rule: `Test if Cond, Msg`.
type CheckExpr struct {
	Span
	Test Expr
	Cond Expr // may be nil
	Msg  Expr // may be nil
}

// A RuleStmt declares a rule.
type RuleStmt struct {
	Span
	Decorators []*Decorator
	Name       *Ident
	Params     []*Param
	Parents    []Expr
	For        Expr
	Doc        *StringLit
	Checks     []*CheckExpr
}

func (*Ident) exprNode()          {}
func (*NumberLit) exprNode()      {}
func (*StringLit) exprNode()      {}
func (*InterpString) exprNode()   {}
func (*FormattedValue) exprNode() {}
func (*NameConstant) exprNode()   {}
func (*ParenExpr) exprNode()      {}
func (*UnaryExpr) exprNode()      {}
func (*BinaryExpr) exprNode()     {}
func (*CompareExpr) exprNode()    {}
func (*IfExpr) exprNode()         {}
func (*SelectorExpr) exprNode()   {}
func (*IndexExpr) exprNode()      {}
func (*SliceExpr) exprNode()      {}
func (*CallExpr) exprNode()       {}
func (*StarredExpr) exprNode()    {}
func (*ListExpr) exprNode()       {}
func (*ListIfItem) exprNode()     {}
func (*ListComp) exprNode()       {}
func (*DictComp) exprNode()       {}
func (*ConfigExpr) exprNode()     {}
func (*SchemaExpr) exprNode()     {}
func (*QuantExpr) exprNode()      {}
func (*LambdaExpr) exprNode()     {}
func (*BadExpr) exprNode()        {}

func (*NamedType) typeNode()   {}
func (*ListType) typeNode()    {}
func (*DictType) typeNode()    {}
func (*UnionType) typeNode()   {}
func (*LiteralType) typeNode() {}
func (*FuncType) typeNode()    {}

func (*ExprStmt) stmtNode()        {}
func (*AssignStmt) stmtNode()      {}
func (*AugAssignStmt) stmtNode()   {}
func (*UnificationStmt) stmtNode() {}
func (*AssertStmt) stmtNode()      {}
func (*ImportStmt) stmtNode()      {}
func (*TypeAliasStmt) stmtNode()   {}
func (*IfStmt) stmtNode()          {}
func (*SchemaStmt) stmtNode()      {}
func (*SchemaAttr) stmtNode()      {}
func (*RuleStmt) stmtNode()        {}
