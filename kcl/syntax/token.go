// Package syntax holds KCL's scanner, parser, abstract syntax tree and
// printer. It knows nothing of evaluation: every node carries its start
// and end positions so later phases can point at source text.
package syntax

import "fmt"

// A Token is a lexical token kind.
type Token int8

// Token kinds. The order groups them: special, literals, operators,
// delimiters, keywords.
const (
	ILLEGAL Token = iota
	EOF
	NEWLINE
	INDENT
	DEDENT
	COMMENT // only produced when the scanner keeps comments

	// Literals.
	IDENT  // name, also `$name` (escaped keyword)
	INT    // 123, 0x1f, 0o17, 0b11, 1Ki (Suffix holds the unit)
	FLOAT  // 1.5, 1e3
	STRING // "..", '..', """..""", r"..": raw text kept, decoded on parse

	// Operators.
	PLUS        // +
	MINUS       // -
	STAR        // *
	STARSTAR    // **
	SLASH       // /
	SLASHSLASH  // //
	PERCENT     // %
	LTLT        // <<
	GTGT        // >>
	AMP         // &
	PIPE        // |
	CIRCUMFLEX  // ^
	TILDE       // ~
	LT          // <
	GT          // >
	LE          // <=
	GE          // >=
	EQL         // ==
	NEQ         // !=
	ASSIGN      // =
	PLUS_EQ     // +=
	MINUS_EQ    // -=
	STAR_EQ     // *=
	STARSTAR_EQ // **=
	SLASH_EQ    // /=
	SLASHSLASH_EQ
	PERCENT_EQ // %=
	LTLT_EQ    // <<=
	GTGT_EQ    // >>=
	AMP_EQ     // &=
	PIPE_EQ    // |=
	CIRCUMFLEX_EQ

	// Delimiters.
	LPAREN   // (
	RPAREN   // )
	LBRACK   // [
	RBRACK   // ]
	LBRACE   // {
	RBRACE   // }
	COMMA    // ,
	COLON    // :
	DOT      // .
	SEMI     // ;
	AT       // @
	QUESTION // ?
	ARROW    // ->
	ELLIPSIS // ...

	// Keywords.
	keywordBeg
	TRUE
	FALSE
	NONE
	UNDEFINED
	IMPORT
	AND
	OR
	IN
	IS
	NOT
	AS
	IF
	ELSE
	ELIF
	FOR
	SCHEMA
	MIXIN
	PROTOCOL
	CHECK
	ASSERT
	ALL
	ANY
	MAP
	FILTER
	LAMBDA
	RULE
	TYPE // soft keyword: only at the start of `type X = ...`
	keywordEnd
)

var tokenNames = [...]string{
	ILLEGAL: "illegal token", EOF: "end of file", NEWLINE: "newline",
	INDENT: "indent", DEDENT: "dedent", COMMENT: "comment",
	IDENT: "identifier", INT: "int literal", FLOAT: "float literal", STRING: "string literal",
	PLUS: "+", MINUS: "-", STAR: "*", STARSTAR: "**", SLASH: "/", SLASHSLASH: "//",
	PERCENT: "%", LTLT: "<<", GTGT: ">>", AMP: "&", PIPE: "|", CIRCUMFLEX: "^",
	TILDE: "~", LT: "<", GT: ">", LE: "<=", GE: ">=", EQL: "==", NEQ: "!=",
	ASSIGN: "=", PLUS_EQ: "+=", MINUS_EQ: "-=", STAR_EQ: "*=", STARSTAR_EQ: "**=",
	SLASH_EQ: "/=", SLASHSLASH_EQ: "//=", PERCENT_EQ: "%=", LTLT_EQ: "<<=",
	GTGT_EQ: ">>=", AMP_EQ: "&=", PIPE_EQ: "|=", CIRCUMFLEX_EQ: "^=",
	LPAREN: "(", RPAREN: ")", LBRACK: "[", RBRACK: "]", LBRACE: "{", RBRACE: "}",
	COMMA: ",", COLON: ":", DOT: ".", SEMI: ";", AT: "@", QUESTION: "?",
	ARROW: "->", ELLIPSIS: "...",
	TRUE: "True", FALSE: "False", NONE: "None", UNDEFINED: "Undefined",
	IMPORT: "import", AND: "and", OR: "or", IN: "in", IS: "is", NOT: "not",
	AS: "as", IF: "if", ELSE: "else", ELIF: "elif", FOR: "for", SCHEMA: "schema",
	MIXIN: "mixin", PROTOCOL: "protocol", CHECK: "check", ASSERT: "assert",
	ALL: "all", ANY: "any", MAP: "map", FILTER: "filter", LAMBDA: "lambda",
	RULE: "rule", TYPE: "type",
}

// String returns the token's spelling (operators, keywords) or a
// description (literal and special kinds).
func (t Token) String() string {
	if t >= 0 && int(t) < len(tokenNames) && tokenNames[t] != "" {
		return tokenNames[t]
	}
	return fmt.Sprintf("token(%d)", int(t))
}

// IsKeyword reports whether t is a reserved word.
func (t Token) IsKeyword() bool { return t > keywordBeg && t < keywordEnd }

// keywords maps reserved words to their tokens. `type` is absent: it is
// a soft keyword the parser recognises by position, so `type` stays a
// valid attribute name (as in Kubernetes schemas).
var keywords = map[string]Token{
	"True": TRUE, "False": FALSE, "None": NONE, "Undefined": UNDEFINED,
	"import": IMPORT, "and": AND, "or": OR, "in": IN, "is": IS, "not": NOT,
	"as": AS, "if": IF, "else": ELSE, "elif": ELIF, "for": FOR,
	"schema": SCHEMA, "mixin": MIXIN, "protocol": PROTOCOL, "check": CHECK,
	"assert": ASSERT, "all": ALL, "any": ANY, "map": MAP, "filter": FILTER,
	"lambda": LAMBDA, "rule": RULE,
}

// LookupKeyword returns the token for a reserved word, or IDENT.
func LookupKeyword(name string) Token {
	if t, ok := keywords[name]; ok {
		return t
	}
	return IDENT
}

// A Pos is a 1-based line and column (in bytes) within one file. The
// zero Pos means "unknown".
type Pos struct {
	Line, Col int32
}

// IsValid reports whether p is a known position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Before reports whether p comes strictly before q.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// A Position is a Pos qualified by its file name, for diagnostics.
type Position struct {
	File      string
	Line, Col int
}

func (p Position) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}
