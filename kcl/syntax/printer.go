package syntax

// This file holds the printer's entry points and its machinery: the
// output buffer with its indentation, and the comment cursor that puts
// each comment of File.Comments back beside the node it belongs to.
// printer_stmt.go prints statements and blocks, printer_expr.go
// expressions, printer_type.go type annotations.
//
// The layout is upstream KCL's (`kcl fmt`): four-space indentation, one
// space around binary operators, `=` and `:` of config entries, none
// inside brackets or around `=` of keyword arguments, a blank line
// after the imports and around top-level schemas and rules and before
// `check:`, at most one blank line kept where the source has some,
// `if` arms and their config and list counterparts always on lines of
// their own. A config, list, comprehension, quantifier or lambda body
// stays on one line when the source has it so, and is otherwise
// printed one element per line, without commas. Literals are printed
// from their source text.
//
// Comments are placed by position. Those before a statement or element
// go on lines of their own before it; those on the line it ends on go
// after it (so do those from inside it that had no line of their own,
// since the printer never breaks an expression where the source did);
// those after the last statement of an indented block stay in the
// block when indented deeper than the block's header. Unlike upstream,
// a comment at the end of a line stays there.

import (
	"math"
	"sort"
	"strings"
)

// Format returns the canonical source text of f in KCL's standard
// style, with every comment of f.Comments kept. The output ends with
// exactly one newline, or is empty when f holds nothing.
func Format(f *File) []byte {
	p := &printer{comments: f.Comments}
	p.file(f)
	return p.bytes()
}

// FormatSource parses src and formats it. When src does not parse it
// returns the parse error (a diag.List) and no output.
func FormatSource(filename string, src []byte) ([]byte, error) {
	f, err := ParseFile(filename, src)
	if err != nil {
		return nil, err
	}
	return Format(f), nil
}

// ExprString returns e as source text on one line (a long string
// literal keeps its line breaks), e.g. to quote an expression in an
// error message.
func ExprString(e Expr) string {
	p := &printer{flat: true}
	p.expr(e)
	return string(p.buf)
}

// TypeString returns t as source text, e.g. `[int]`, `{str:any}`,
// `"a" | "b"` or `(int) -> str`.
func TypeString(t Type) string {
	p := &printer{flat: true}
	p.typ(t)
	return string(p.buf)
}

// indentUnit is one level of indentation.
const indentUnit = "    "

// noPos is a position after every other: the bound of the file's last
// block.
var noPos = Pos{Line: math.MaxInt32, Col: math.MaxInt32}

// A printer accumulates formatted output.
type printer struct {
	buf    []byte
	indent int  // indentation level of the line being written
	flat   bool // print everything on one line and ignore comments

	comments []*Comment // every comment of the file, in source order
	next     int        // index of the first comment not yet printed

	// lastLine is the source line of the last statement, element or
	// comment printed. A blank line in the output stands where the
	// source has one between lastLine and what comes next; 0 (at the
	// start of a block) suppresses it.
	lastLine int32
}

// bytes returns the output with trailing newlines reduced to one.
func (p *printer) bytes() []byte {
	out := p.buf
	for len(out) > 0 && out[len(out)-1] == '\n' {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return []byte{}
	}
	return append(out, '\n')
}

// ---- Output ----

// atLineStart reports whether the next byte written starts a line.
func (p *printer) atLineStart() bool {
	return len(p.buf) == 0 || p.buf[len(p.buf)-1] == '\n'
}

// print writes s, preceded by the indentation when it starts a line.
func (p *printer) print(s string) {
	if s == "" {
		return
	}
	if p.atLineStart() {
		for range p.indent {
			p.buf = append(p.buf, indentUnit...)
		}
	}
	p.buf = append(p.buf, s...)
}

// newline ends the current line.
func (p *printer) newline() {
	p.buf = append(p.buf, '\n')
}

// ensureNewline ends the current line unless it is empty.
func (p *printer) ensureNewline() {
	if !p.atLineStart() {
		p.newline()
	}
}

// blankLine ends the current line and writes one empty line, unless
// the output is empty or already ends with one.
func (p *printer) blankLine() {
	p.ensureNewline()
	n := len(p.buf)
	if n == 0 || n >= 2 && p.buf[n-2] == '\n' {
		return
	}
	p.newline()
}

// ---- Comments ----

// peek returns the first comment not yet printed, or nil.
func (p *printer) peek() *Comment {
	if p.next < len(p.comments) {
		return p.comments[p.next]
	}
	return nil
}

// commentText returns a comment's text without trailing white space.
func commentText(c *Comment) string {
	return strings.TrimRight(c.Text, " \t\r\f\v")
}

// ownLine prints the next comment on a line of its own. With blanks, a
// blank line from the source before it is kept; force asks for one.
func (p *printer) ownLine(blanks, force bool) {
	c := p.comments[p.next]
	p.next++
	p.ensureNewline()
	if force || blanks && p.lastLine > 0 && c.Start.Line > p.lastLine+1 {
		p.blankLine()
	}
	p.print(commentText(c))
	p.newline()
	p.lastLine = max(p.lastLine, c.Start.Line)
}

// leading prints the comments before pos, each on its own line, ready
// for the node at pos to start a line. With blanks, blank lines of the
// source before each comment and before pos are kept; force asks for
// one blank line before whatever comes first.
func (p *printer) leading(pos Pos, blanks, force bool) {
	for c := p.peek(); c != nil && c.Start.Before(pos); c = p.peek() {
		p.ownLine(blanks, force)
		force = false
	}
	p.ensureNewline()
	if force || blanks && p.lastLine > 0 && pos.Line > p.lastLine+1 {
		p.blankLine()
	}
}

// endLine ends the line of a statement or element that ended on source
// line `line`: comments before limit that start on or before that line
// (those on it, and those from inside the node that had no line of
// their own in the output) follow it, the first at the end of the line,
// the others on lines of their own.
func (p *printer) endLine(line int32, limit Pos) {
	for c := p.peek(); c != nil && c.Start.Line <= line && c.Start.Before(limit); c = p.peek() {
		p.next++
		if !p.atLineStart() {
			p.print("  ")
		}
		p.print(commentText(c))
		p.newline()
		p.lastLine = max(p.lastLine, c.Start.Line)
	}
	p.ensureNewline()
}

// tail prints the comments before end that start after column minCol:
// those after the last element of a block that belong to the block.
// force asks for a blank line before the first one.
func (p *printer) tail(end Pos, minCol int32, force bool) {
	for c := p.peek(); c != nil && c.Start.Before(end) && c.Start.Col > minCol; c = p.peek() {
		p.ownLine(true, force)
		force = false
	}
}

// hasComment reports whether a comment starts in [from, to).
func (p *printer) hasComment(from, to Pos) bool {
	i := sort.Search(len(p.comments), func(i int) bool {
		return !p.comments[i].Start.Before(from)
	})
	return i < len(p.comments) && p.comments[i].Start.Before(to)
}

// ---- Layout ----

// multiline reports whether the bracketed elements of a list, config
// or block spanning [open, close) are printed one per line: when the
// source breaks the line before, between or after them, or puts a
// comment among them. Printing either way gives the same answer again.
func multiline[T Node](p *printer, open, close Pos, elems []T) bool {
	if p.flat {
		return false
	}
	prev := open
	for _, e := range elems {
		start, end := e.Bounds()
		if start.Line > prev.Line || p.hasComment(prev, start) {
			return true
		}
		prev = end
	}
	if len(elems) > 0 && close.Line > prev.Line {
		return true
	}
	return p.hasComment(prev, close)
}

// printBlock prints elems one per line at the current indentation with
// their comments: the block's header (a bracket or a `:`) ended on
// source line header, the block ends before end, and comments after its
// last element belong to it when they start after column minCol (pass
// math.MaxInt32 to leave them to the caller). gap, when not nil, tells
// where a blank line is required between two elements (cur is nil for
// comments after the last one). each prints one element; next bounds it.
func printBlock[T Node](p *printer, header int32, end Pos, minCol int32, elems []T, gap func(prev, cur Node) bool, each func(e T, next Pos)) {
	first := end
	if len(elems) > 0 {
		first, _ = elems[0].Bounds()
	}
	p.endLine(header, first)
	p.lastLine = 0
	var prev Node
	for i, e := range elems {
		start, stop := e.Bounds()
		next := end
		if i+1 < len(elems) {
			next, _ = elems[i+1].Bounds()
		}
		p.leading(start, true, gap != nil && prev != nil && gap(prev, e))
		each(e, next)
		p.endLine(stop.Line, next)
		p.lastLine = max(p.lastLine, stop.Line)
		prev = e
	}
	p.tail(end, minCol, gap != nil && prev != nil && gap(prev, nil))
}
