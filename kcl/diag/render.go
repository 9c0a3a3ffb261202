package diag

import (
	"fmt"
	"io"
	"strings"
)

// A SourceFunc returns the text of a file for rendering source lines,
// or false when it is not available.
type SourceFunc func(file string) ([]byte, bool)

// RenderOptions control Render.
type RenderOptions struct {
	Color  bool       // ANSI colour (callers decide: TTY and no NO_COLOR)
	Source SourceFunc // may be nil: no source lines are shown
}

const (
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiBlue   = "\x1b[1;34m"
	ansiBold   = "\x1b[1m"
	ansiReset  = "\x1b[0m"
)

// Render writes d in the human format:
//
//	error[E1001]: InvalidSyntax: unexpected token ')'
//	 --> main.k:3:5
//	  |
//	3 | a = )
//	  |     ^ unexpected token ')'
//	  = help: ...
func Render(w io.Writer, d *Diagnostic, opt RenderOptions) {
	paint := func(style, s string) string {
		if !opt.Color {
			return s
		}
		return style + s + ansiReset
	}
	level, style := "error", ansiRed
	if d.Warning {
		level, style = "warning", ansiYellow
	}
	head := level
	if d.Code.ID != "" {
		head = fmt.Sprintf("%s[%s]", level, d.Code.ID)
	}
	text := d.Message
	if d.Path != "" {
		text = d.Path + ": " + text
	}
	msg := text
	if d.Code.Title != "" {
		msg = d.Code.Title + ": " + msg
	}
	fmt.Fprintf(w, "%s%s\n", paint(style, head), paint(ansiBold, ": "+msg))
	renderSnippet(w, d.Pos, d.End, text, opt, paint, style)
	for _, n := range d.Notes {
		fmt.Fprintf(w, "%s %s\n", paint(ansiBlue, "  = note:"), n.Message)
		renderSnippet(w, n.Pos, n.End, "", opt, paint, ansiBlue)
	}
	if d.Suggestion != "" {
		fmt.Fprintf(w, "%s %s\n", paint(ansiBlue, "  = help:"), d.Suggestion)
	}
}

func renderSnippet(w io.Writer, pos, end Pos, label string, opt RenderOptions, paint func(string, string) string, style string) {
	if pos.File == "" && pos.Line == 0 {
		return
	}
	line, ok := sourceLine(opt.Source, pos)
	gutter := strings.Repeat(" ", len(fmt.Sprint(pos.Line)))
	fmt.Fprintf(w, "%s%s %s\n", gutter, paint(ansiBlue, "-->"), pos)
	if !ok {
		// No source text (no SourceFunc, unreadable file, line out of
		// range): the position alone is printed.
		return
	}
	fmt.Fprintf(w, "%s %s\n", gutter, paint(ansiBlue, "|"))
	fmt.Fprintf(w, "%s %s\n", paint(ansiBlue, fmt.Sprintf("%d |", pos.Line)), line)
	if pos.Col > 0 {
		width := 1
		if end.Line == pos.Line && end.Col > pos.Col {
			width = end.Col - pos.Col
		}
		// Expand tabs in the padding so the caret lines up under the text.
		pad := make([]byte, 0, pos.Col)
		for i := 0; i < pos.Col-1 && i < len(line); i++ {
			if line[i] == '\t' {
				pad = append(pad, '\t')
			} else {
				pad = append(pad, ' ')
			}
		}
		for i := len(line); i < pos.Col-1; i++ {
			pad = append(pad, ' ')
		}
		caret := strings.Repeat("^", width)
		if label != "" {
			caret += " " + label
		}
		fmt.Fprintf(w, "%s %s%s\n", paint(ansiBlue, gutter+" |"), pad, paint(style, caret))
	}
}

// sourceLine returns line pos.Line of pos.File, and false when it is
// not available.
func sourceLine(src SourceFunc, pos Pos) (string, bool) {
	if src == nil || pos.Line <= 0 {
		return "", false
	}
	data, ok := src(pos.File)
	if !ok {
		return "", false
	}
	lines := strings.Split(string(data), "\n")
	if pos.Line > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[pos.Line-1], "\r"), true
}
