package syntax

// This file holds the parser's entry points and its token plumbing:
// lookahead, expectations, error reporting and recovery. The grammar
// is in parser_stmt.go (statements), parser_schema.go (schemas and
// rules), parser_expr.go (operators and operands), parser_compound.go
// (lists, configs, comprehensions, quantifiers, lambdas),
// parser_literal.go (strings) and parser_type.go (types).

import (
	"fmt"

	"akua.dev/akua/kcl/diag"
)

// maxDepth caps the nesting of expressions, types and blocks so that
// hostile input ends in an error rather than a stack overflow.
const maxDepth = 1000

// ParseFile parses a KCL source file. It always returns a tree, partial
// when src has errors; the error, if any, is a diag.List sorted by
// position holding at most one error per line and at most ten errors.
func ParseFile(filename string, src []byte) (f *File, err error) {
	errs := &errorList{file: filename}
	f = &File{Name: filename}
	p := newParser(string(src), errs, true)
	defer func() {
		errs.recoverInto(recover())
		f.Comments = p.sc.comments
		if f.End == (Pos{}) { // parsing stopped early
			f.Start, f.End = Pos{Line: 1, Col: 1}, p.tok.pos
		}
		err = errs.err()
	}()
	p.next()
	p.parseFile(f)
	return f, nil
}

// ParseExpr parses a single KCL expression, such as the value of a
// `-O path=value` override.
func ParseExpr(filename string, src []byte) (x Expr, err error) {
	errs := &errorList{file: filename}
	defer func() {
		errs.recoverInto(recover())
		err = errs.err()
		if x == nil {
			x = &BadExpr{}
		}
	}()
	p := newParser(string(src), errs, false)
	p.next()
	for p.tok.kind == NEWLINE || p.tok.kind == INDENT {
		p.next()
	}
	x = p.parseTest()
	for p.tok.kind == NEWLINE || p.tok.kind == DEDENT {
		p.next()
	}
	if p.tok.kind != EOF {
		p.errorf(p.tok.pos, p.tok.end, "unexpected %s after expression", describe(p.tok))
	}
	return x, nil
}

// A parser holds the state of one parse.
type parser struct {
	sc      scanner
	errs    *errorList
	tok     token    // current token
	ahead   [3]token // lookahead beyond tok
	nahead  int
	prevEnd Pos // end of the previous token
	prevOff int // byte offset of the end of the previous token
	ntok    int // tokens consumed, to detect loops that make no progress
	depth   int
}

// newParser returns a parser for src; the caller reads the first token
// with p.next() once it is ready to recover a bailout.
func newParser(src string, errs *errorList, keepComments bool) *parser {
	p := &parser{errs: errs}
	p.sc.keep = keepComments
	p.sc.init(src, Pos{Line: 1, Col: 1}, false, p.scanError)
	return p
}

func (p *parser) scanError(code diag.Code, pos, end Pos, suggestion, msg string) {
	p.errs.add(code, pos, end, suggestion, msg)
}

// next advances to the next token. prevEnd tracks the last real token:
// nodes end where their last source token ends, not at a synthesized
// NEWLINE or DEDENT.
func (p *parser) next() {
	switch p.tok.kind {
	case NEWLINE, INDENT, DEDENT, EOF:
	default:
		p.prevEnd = p.tok.end
		p.prevOff = p.tok.eoff
	}
	p.ntok++
	if p.nahead > 0 {
		p.tok = p.ahead[0]
		copy(p.ahead[:], p.ahead[1:p.nahead])
		p.nahead--
		return
	}
	p.tok = p.sc.next()
}

// peek returns the n-th token after the current one (n >= 1).
func (p *parser) peek(n int) token {
	for p.nahead < n {
		p.ahead[p.nahead] = p.sc.next()
		p.nahead++
	}
	return p.ahead[n-1]
}

// lineBreak reports whether the current token starts a new line inside
// a list or config literal. There a line break separates items, so such
// a token cannot continue the expression before it: `[a\n -1]` is two
// items and `{a = 1\n **b}` unpacks b. Inside parentheses lines are
// joined as in Python.
func (p *parser) lineBreak() bool {
	return p.tok.nl && (p.tok.brk == '[' || p.tok.brk == '{')
}

// got reports whether the current token is k, consuming it if so.
func (p *parser) got(k Token) bool {
	if p.tok.kind == k {
		p.next()
		return true
	}
	return false
}

// expect consumes a token of kind k, or reports an error and leaves the
// current token in place.
func (p *parser) expect(k Token) Pos {
	pos := p.tok.pos
	if p.tok.kind == k {
		p.next()
		return pos
	}
	p.errorExpected("'" + k.String() + "'")
	return pos
}

// expectClosing consumes the closing bracket k. At the end of the file
// the scanner has already reported the unclosed bracket.
func (p *parser) expectClosing(k Token) {
	if p.got(k) {
		return
	}
	if (p.tok.kind == NEWLINE || p.tok.kind == EOF) && p.sc.done {
		return
	}
	p.errorExpected("'" + k.String() + "'")
}

// atListEnd reports whether a bracketed list ends here: at its closing
// bracket, or at the end of the file when the bracket is unclosed.
func (p *parser) atListEnd(close Token) bool {
	switch p.tok.kind {
	case close, EOF:
		return true
	case NEWLINE:
		return p.sc.done
	}
	return false
}

// errorf reports a syntax error.
func (p *parser) errorf(pos, end Pos, format string, args ...any) {
	p.errs.add(diag.InvalidSyntax, pos, end, "", fmt.Sprintf(format, args...))
}

// errorCode reports an error with a specific code and suggestion.
func (p *parser) errorCode(code diag.Code, pos, end Pos, suggestion, format string, args ...any) {
	p.errs.add(code, pos, end, suggestion, fmt.Sprintf(format, args...))
}

// errorExpected reports that the current token is not what was wanted.
func (p *parser) errorExpected(what string) {
	switch p.tok.kind {
	case INDENT:
		p.errorCode(diag.IndentationError, p.tok.pos, p.tok.end, "", "unexpected indent")
	default:
		p.errorf(p.tok.pos, p.tok.end, "expected %s, got %s", what, describe(p.tok))
	}
}

// describe names a token for an error message.
func describe(t token) string {
	switch t.kind {
	case NEWLINE, EOF, INDENT, DEDENT:
		return t.kind.String()
	case IDENT:
		return "identifier '" + t.lit + "'"
	case INT, FLOAT, STRING:
		return t.kind.String()
	case ILLEGAL:
		return "'" + t.lit + "'"
	}
	return "'" + t.kind.String() + "'"
}

// enter records one more level of nesting and stops the parse when the
// nesting is too deep.
func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.errorf(p.tok.pos, p.tok.end, "nesting exceeds the maximum depth of %d", maxDepth)
		panic(bailout{})
	}
}

func (p *parser) leave() { p.depth-- }

// syncLine skips to the end of the current logical line after an error,
// keeping INDENT and DEDENT balanced so the block structure survives.
func (p *parser) syncLine() {
	depth := 0
	for {
		switch p.tok.kind {
		case EOF:
			return
		case NEWLINE:
			if depth == 0 {
				p.next()
				return
			}
		case INDENT:
			depth++
		case DEDENT:
			if depth == 0 {
				return
			}
			depth--
		}
		p.next()
	}
}

// startOf returns the start of a node.
func startOf(n Node) Pos {
	s, _ := n.Bounds()
	return s
}

// endOf returns the end of a node.
func endOf(n Node) Pos {
	_, e := n.Bounds()
	return e
}
