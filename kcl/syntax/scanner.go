package syntax

// This file holds the scanner: it turns source bytes into tokens and,
// like Python's tokenizer, produces NEWLINE, INDENT and DEDENT from the
// line structure.
//
// KCL mixes the two ways Python treats line breaks. Outside brackets a
// line break ends a statement and indentation opens and closes blocks.
// Inside brackets lines are joined implicitly. But some constructs put
// an indented block inside brackets: a lambda body `lambda x { ... }`,
// and the `if`/`elif`/`else` arms of config and list literals. The
// scanner therefore keeps a stack of contexts: brackets, where line
// breaks are ignored, and blocks, where they matter. The file is the
// bottom block. The parser turns a `{` it has just read into a block
// (lambda bodies) and pushes a block after the `:` of an `if` arm inside
// a literal; such an arm block ends at the first line indented no
// deeper than the line of its `if`, or at the closing bracket.

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"akua.dev/akua/kcl/diag"
)

// A token is one scanned token. It is a value type: the scanner
// allocates nothing per token, and lit is a slice of the source.
type token struct {
	kind Token
	nl   bool   // first token on its physical line
	brk  byte   // innermost enclosing bracket ('(', '[', '{'), or 0 inside a block
	bad  bool   // malformed literal (already reported)
	sfx  uint8  // INT: length of the unit suffix
	pos  Pos    // first byte
	end  Pos    // just after the last byte
	off  int    // byte offset of pos
	eoff int    // byte offset of end
	ind  indent // indentation of the token's physical line
	lit  string // IDENT: the name (without '$'); literals: the source text
}

// An indent is the leading whitespace of a line. Like upstream KCL,
// tabs and spaces are counted apart: one line is deeper than another
// only if it has at least as many of both.
type indent struct {
	tabs, spaces int32
}

// cmp orders two indentations; ok is false when the order depends on
// the width of a tab.
func (a indent) cmp(b indent) (ord int, ok bool) {
	switch {
	case a.tabs == b.tabs:
		switch {
		case a.spaces < b.spaces:
			return -1, true
		case a.spaces > b.spaces:
			return 1, true
		}
		return 0, true
	case a.tabs < b.tabs:
		return -1, a.spaces <= b.spaces
	default:
		return 1, a.spaces >= b.spaces
	}
}

// A scanContext is an open bracket or block.
type scanContext struct {
	open  byte // '(', '[', '{'; ':' for an arm block; 0 for the file (or an interpolation)
	block bool // line breaks and indentation are significant
	pos   Pos  // position of the opening token
	lev   int  // block: index in scanner.levels of this block's base level
}

// An errorHandler receives the scanner's diagnostics.
type errorHandler func(code diag.Code, pos, end Pos, suggestion, msg string)

// A scanner tokenizes one source text.
type scanner struct {
	src     string
	off     int   // read offset
	line    int32 // current line
	lineOff int   // offset of the current line's first byte (may be negative for sub-scanners)
	errh    errorHandler

	comments []*Comment // collected comments, nil when not kept
	keep     bool       // keep comments

	ctx    []scanContext
	levels []indent // indentation levels of all open blocks

	queue []token // tokens scanned but not yet returned
	qhead int

	atBOL      bool   // at the beginning of a physical line
	nl         bool   // the next token is the first on its physical line
	lineHasTok bool   // the innermost block's logical line has tokens
	curInd     indent // indentation of the current physical line
	done       bool   // EOF returned
}

// init prepares s to scan src. A sub-scanner (for an interpolated
// expression) starts at pos inside a virtual bracket.
func (s *scanner) init(src string, pos Pos, sub bool, errh errorHandler) {
	s.src = src
	s.errh = errh
	s.line = pos.Line
	s.lineOff = -int(pos.Col - 1)
	s.ctx = s.ctx[:0]
	s.levels = append(s.levels[:0], indent{})
	if sub {
		s.ctx = append(s.ctx, scanContext{open: 0, pos: pos})
	} else {
		s.ctx = append(s.ctx, scanContext{block: true, pos: pos})
		s.atBOL = true
		if len(src) >= 3 && src[:3] == "\xEF\xBB\xBF" { // byte order mark
			s.off = 3
			s.lineOff = 3
		}
	}
}

// next returns the next token.
func (s *scanner) next() token {
	for s.qhead == len(s.queue) {
		s.queue = s.queue[:0]
		s.qhead = 0
		s.scan()
	}
	t := s.queue[s.qhead]
	s.qhead++
	return t
}

func (s *scanner) pos(off int) Pos {
	return Pos{Line: s.line, Col: int32(off - s.lineOff + 1)}
}

func (s *scanner) error(code diag.Code, pos, end Pos, suggestion, msg string) {
	if s.errh != nil {
		s.errh(code, pos, end, suggestion, msg)
	}
}

func (s *scanner) top() *scanContext { return &s.ctx[len(s.ctx)-1] }

// emit queues a synthesized token (NEWLINE, INDENT, DEDENT, EOF).
func (s *scanner) emit(kind Token, pos, end Pos, off int) {
	s.queue = append(s.queue, token{kind: kind, pos: pos, end: end, off: off, eoff: off})
}

// scan queues at least one token.
func (s *scanner) scan() {
	if s.done {
		p := s.pos(len(s.src))
		s.emit(EOF, p, p, len(s.src))
		return
	}
	for {
		if s.atBOL {
			s.beginLine()
		}
		for s.off < len(s.src) {
			c := s.src[s.off]
			if c != ' ' && c != '\t' && c != '\f' {
				break
			}
			s.off++
		}
		if s.off >= len(s.src) {
			s.atEOF()
			return
		}
		switch c := s.src[s.off]; c {
		case '\n', '\r':
			s.newline()
			if len(s.queue) > 0 {
				return
			}
		case '#':
			s.comment()
		case '\\':
			s.continuation()
		default:
			s.token()
			return
		}
	}
}

// beginLine measures the indentation of a new physical line and, in a
// block, turns it into INDENT and DEDENT tokens.
func (s *scanner) beginLine() {
	s.atBOL = false
	var ind indent
	i := s.off
loop:
	for ; i < len(s.src); i++ {
		switch s.src[i] {
		case ' ':
			ind.spaces++
		case '\t':
			ind.tabs++
		case '\f':
		default:
			break loop
		}
	}
	s.off = i
	if i >= len(s.src) {
		return
	}
	switch c := s.src[i]; c {
	case '\n', '\r', '#':
		return // blank or comment-only line: no indentation
	default:
		s.curInd = ind
		s.nl = true
		closer := c == ')' || c == ']' || c == '}'
		s.indentLine(ind, s.pos(i), closer)
	}
}

// indentLine compares the indentation of a line with the innermost
// block's levels and queues INDENT or DEDENT tokens. A line indented no
// deeper than an arm block's base ends that block, and the enclosing
// context sees the line in turn.
func (s *scanner) indentLine(ind indent, pos Pos, closer bool) {
	for {
		c := s.top()
		if !c.block {
			return
		}
		if closer && c.open != 0 {
			return // the closing bracket ends the block itself
		}
		top := s.levels[len(s.levels)-1]
		ord, ok := ind.cmp(top)
		if !ok {
			s.error(diag.TabError, pos, pos, "indent with spaces only", "inconsistent use of tabs and spaces in indentation")
			return
		}
		if ord > 0 {
			s.levels = append(s.levels, ind)
			s.emit(INDENT, pos, pos, s.off)
			return
		}
		for ord < 0 && len(s.levels)-1 > c.lev {
			s.levels = s.levels[:len(s.levels)-1]
			s.emit(DEDENT, pos, pos, s.off)
			ord, ok = ind.cmp(s.levels[len(s.levels)-1])
			if !ok {
				s.error(diag.TabError, pos, pos, "indent with spaces only", "inconsistent use of tabs and spaces in indentation")
				return
			}
		}
		switch {
		case ord > 0:
			s.error(diag.IndentationError, pos, pos, "align the line with an enclosing block", "unindent does not match any outer indentation level")
			return
		case ord == 0 && len(s.levels)-1 > c.lev:
			return // a line of the block
		case c.open == ':':
			// At or left of the base of an arm block: the arm ends.
			s.popContext(pos)
			continue
		}
		return
	}
}

// popContext pops the innermost context. A block first queues, at p,
// the NEWLINE ending its last logical line (unless already queued) and
// a DEDENT for each level above its base.
func (s *scanner) popContext(p Pos) {
	c := s.top()
	if c.block {
		if s.lineHasTok {
			s.emit(NEWLINE, p, p, s.off)
			s.lineHasTok = false
		}
		for len(s.levels)-1 > c.lev {
			s.levels = s.levels[:len(s.levels)-1]
			s.emit(DEDENT, p, p, s.off)
		}
		s.levels = s.levels[:c.lev]
	}
	s.ctx = s.ctx[:len(s.ctx)-1]
}

// newline handles a line break.
func (s *scanner) newline() {
	start := s.off
	if s.src[s.off] == '\r' && s.off+1 < len(s.src) && s.src[s.off+1] == '\n' {
		s.off++
	}
	s.off++
	if s.top().block && s.lineHasTok {
		p := s.pos(start)
		s.queue = append(s.queue, token{kind: NEWLINE, pos: p, end: Pos{p.Line, p.Col + 1}, off: start, eoff: start + 1})
		s.lineHasTok = false
	}
	s.line++
	s.lineOff = s.off
	s.atBOL = true
}

// comment scans a `#` comment up to the end of the line.
func (s *scanner) comment() {
	start := s.off
	for s.off < len(s.src) && s.src[s.off] != '\n' && s.src[s.off] != '\r' {
		s.off++
	}
	if s.keep {
		s.comments = append(s.comments, &Comment{
			Span: Span{Start: s.pos(start), End: s.pos(s.off)},
			Text: s.src[start:s.off],
		})
	}
}

// continuation handles a `\` that joins two physical lines.
func (s *scanner) continuation() {
	start := s.off
	i := s.off + 1
	for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t' || s.src[i] == '\f') {
		i++
	}
	if i < len(s.src) && (s.src[i] == '\n' || s.src[i] == '\r') {
		if s.src[i] == '\r' && i+1 < len(s.src) && s.src[i+1] == '\n' {
			i++
		}
		s.off = i + 1
		s.line++
		s.lineOff = s.off
		return
	}
	if i >= len(s.src) {
		s.off = i
		return
	}
	p := s.pos(start)
	s.error(diag.InvalidSyntax, p, Pos{p.Line, p.Col + 1}, "", "unexpected character after line continuation character")
	s.off++
}

// atEOF queues the tokens that end the file: NEWLINE, the DEDENTs of
// all open blocks, and EOF.
func (s *scanner) atEOF() {
	p := s.pos(s.off)
	for i := len(s.ctx) - 1; i >= 0; i-- {
		if c := s.ctx[i]; c.open != 0 && c.open != ':' {
			s.error(diag.InvalidSyntax, c.pos, Pos{c.pos.Line, c.pos.Col + 1}, "",
				"'"+string(c.open)+"' was never closed")
			break
		}
	}
	for len(s.ctx) > 1 {
		s.popContext(p)
	}
	if s.lineHasTok && s.ctx[0].block {
		s.emit(NEWLINE, p, p, s.off)
	}
	s.lineHasTok = false
	for n := len(s.levels) - 1; n > 0; n-- {
		s.emit(DEDENT, p, p, s.off)
	}
	s.levels = s.levels[:1]
	s.emit(EOF, p, p, s.off)
	s.done = true
}

// token scans one token starting at s.off.
func (s *scanner) token() {
	start := s.off
	c := s.src[start]
	t := token{nl: s.nl, pos: s.pos(start), off: start, ind: s.curInd}
	if top := s.top(); !top.block {
		t.brk = top.open
	}
	s.nl = false
	switch {
	case isLetter(c) || c >= utf8.RuneSelf:
		if (c == 'r' || c == 'R') && start+1 < len(s.src) && (s.src[start+1] == '"' || s.src[start+1] == '\'') {
			s.off++
			s.scanString(&t)
			break
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s.src[start:])
			if !unicode.IsLetter(r) {
				s.off += size
				t.kind = ILLEGAL
				s.error(diag.InvalidSyntax, t.pos, s.pos(s.off), "", invalidChar(r))
				break
			}
		}
		s.scanIdent()
		t.lit = s.src[start:s.off]
		t.kind = LookupKeyword(t.lit)
	case isDigit(c) || c == '.' && start+1 < len(s.src) && isDigit(s.src[start+1]):
		s.scanNumber(&t)
	case c == '"' || c == '\'':
		s.scanString(&t)
	case c == '$':
		s.off++
		if s.off < len(s.src) && (isLetter(s.src[s.off]) || s.src[s.off] >= utf8.RuneSelf) {
			s.scanIdent()
			t.kind = IDENT
			t.lit = s.src[start+1 : s.off]
		} else {
			t.kind = ILLEGAL
			s.error(diag.InvalidSyntax, t.pos, s.pos(s.off), "", "'$' must be followed by an identifier")
		}
	default:
		s.off++
		t.kind = s.scanOperator(c)
		switch t.kind {
		case LPAREN, LBRACK, LBRACE:
			s.ctx = append(s.ctx, scanContext{open: c, pos: t.pos})
		case RPAREN, RBRACK, RBRACE:
			s.closeBracket(c, t.pos)
			t.brk = 0
			if top := s.top(); !top.block {
				t.brk = top.open
			}
		case ILLEGAL:
			msg, sugg := invalidChar(rune(c)), ""
			if c == '!' {
				msg, sugg = "invalid token '!', consider using 'not'", "write 'not x' or 'x != y'"
			}
			s.error(diag.InvalidSyntax, t.pos, s.pos(s.off), sugg, msg)
		}
	}
	s.lineHasTok = true
	t.eoff = s.off
	if t.lit == "" {
		t.lit = s.src[start:s.off]
	}
	// A literal may span lines: s.pos already reflects the new line.
	t.end = s.pos(s.off)
	s.queue = append(s.queue, t)
}

// closeBracket pops the context that a closing bracket ends, with the
// arm and lambda blocks inside it.
func (s *scanner) closeBracket(c byte, pos Pos) {
	var want byte
	switch c {
	case ')':
		want = '('
	case ']':
		want = '['
	default:
		want = '{'
	}
	for {
		top := s.top()
		if top.open == ':' {
			s.popContext(pos)
			continue
		}
		if top.open == 0 {
			s.error(diag.InvalidSyntax, pos, Pos{pos.Line, pos.Col + 1}, "", "unmatched '"+string(c)+"'")
			return
		}
		if top.open == want {
			s.popContext(pos)
			s.lineHasTok = true
			return
		}
		// Mismatch: close the inner bracket if an outer one matches,
		// else treat c as the inner bracket's closer.
		deeper := false
		for i := len(s.ctx) - 2; i >= 0 && s.ctx[i].open != 0; i-- {
			if s.ctx[i].open == want {
				deeper = true
				break
			}
		}
		s.error(diag.InvalidSyntax, pos, Pos{pos.Line, pos.Col + 1}, "",
			"closing '"+string(c)+"' does not match opening '"+string(top.open)+"'")
		s.popContext(pos)
		s.lineHasTok = true
		if !deeper {
			return
		}
	}
}

// blockify turns the `{` just scanned (the parser's current token, at
// offset off) into a lambda body block whose base is the indentation
// base. It reports whether it could.
func (s *scanner) blockify(off int, base indent) bool {
	if s.qhead != len(s.queue) {
		return false
	}
	c := s.top()
	if c.open != '{' || c.block || s.off != off+1 {
		return false
	}
	c.block = true
	c.lev = len(s.levels)
	s.levels = append(s.levels, base)
	s.lineHasTok = true
	return true
}

// pushArm opens an arm block after the `:` of an `if`, `elif` or
// `else` inside a bracket; base is the indentation of the line of the
// keyword. It reports whether it could.
func (s *scanner) pushArm(pos Pos, base indent) bool {
	if s.qhead != len(s.queue) || s.top().block {
		return false
	}
	s.ctx = append(s.ctx, scanContext{open: ':', block: true, pos: pos, lev: len(s.levels)})
	s.levels = append(s.levels, base)
	s.lineHasTok = true
	return true
}

// dropArm removes the innermost arm block when the arm turned out to
// fit on one line. Only the first token of the arm has been scanned,
// so the arm may lie under that token's bracket.
func (s *scanner) dropArm() {
	for i := len(s.ctx) - 1; i >= 0 && i >= len(s.ctx)-2; i-- {
		if c := s.ctx[i]; c.open == ':' && len(s.levels)-1 == c.lev {
			s.levels = s.levels[:c.lev]
			s.ctx = append(s.ctx[:i], s.ctx[i+1:]...)
			return
		}
	}
}

func (s *scanner) scanIdent() {
	for s.off < len(s.src) {
		c := s.src[s.off]
		if isLetter(c) || isDigit(c) {
			s.off++
			continue
		}
		if c < utf8.RuneSelf {
			return
		}
		r, size := utf8.DecodeRuneInString(s.src[s.off:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return
		}
		s.off += size
	}
}

// scanOperator scans an operator or delimiter whose first byte c has
// been consumed.
func (s *scanner) scanOperator(c byte) Token {
	switch c {
	case '(':
		return LPAREN
	case ')':
		return RPAREN
	case '[':
		return LBRACK
	case ']':
		return RBRACK
	case '{':
		return LBRACE
	case '}':
		return RBRACE
	case ',':
		return COMMA
	case ':':
		return COLON
	case ';':
		return SEMI
	case '@':
		return AT
	case '?':
		return QUESTION
	case '~':
		return TILDE
	case '.':
		if s.match("..") {
			return ELLIPSIS
		}
		return DOT
	case '+':
		return s.withEq(PLUS, PLUS_EQ)
	case '-':
		if s.match(">") {
			return ARROW
		}
		return s.withEq(MINUS, MINUS_EQ)
	case '*':
		if s.match("*") {
			return s.withEq(STARSTAR, STARSTAR_EQ)
		}
		return s.withEq(STAR, STAR_EQ)
	case '/':
		if s.match("/") {
			return s.withEq(SLASHSLASH, SLASHSLASH_EQ)
		}
		return s.withEq(SLASH, SLASH_EQ)
	case '%':
		return s.withEq(PERCENT, PERCENT_EQ)
	case '&':
		return s.withEq(AMP, AMP_EQ)
	case '|':
		return s.withEq(PIPE, PIPE_EQ)
	case '^':
		return s.withEq(CIRCUMFLEX, CIRCUMFLEX_EQ)
	case '<':
		if s.match("<") {
			return s.withEq(LTLT, LTLT_EQ)
		}
		return s.withEq(LT, LE)
	case '>':
		if s.match(">") {
			return s.withEq(GTGT, GTGT_EQ)
		}
		return s.withEq(GT, GE)
	case '=':
		return s.withEq(ASSIGN, EQL)
	case '!':
		if s.match("=") {
			return NEQ
		}
	}
	return ILLEGAL
}

func (s *scanner) match(text string) bool {
	if len(s.src)-s.off >= len(text) && s.src[s.off:s.off+len(text)] == text {
		s.off += len(text)
		return true
	}
	return false
}

func (s *scanner) withEq(plain, eq Token) Token {
	if s.match("=") {
		return eq
	}
	return plain
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }

// invalidChar describes a character that cannot start a token.
func invalidChar(r rune) string {
	if r == utf8.RuneError {
		return "invalid UTF-8 encoding"
	}
	if unicode.IsPrint(r) {
		return "unknown start of token '" + string(r) + "'"
	}
	return fmt.Sprintf("unknown start of token %U", r)
}
