package syntax

// This file holds the error list shared by the scanner and parser.

import (
	"fmt"

	"akua.dev/akua/kcl/diag"
)

// maxErrors is the number of syntax errors after which parsing stops.
const maxErrors = 10

// bailout is the panic value that stops parsing after too many errors
// or too deep a nesting; the API functions recover it.
type bailout struct{}

// An errorList collects syntax errors: at most one per line, at most
// maxErrors in all.
type errorList struct {
	file  string
	list  diag.List
	lines []int32 // lines that have an error
}

// add records an error unless its line already has one. It panics with
// bailout once maxErrors errors are recorded.
func (e *errorList) add(code diag.Code, pos, end Pos, suggestion, msg string) {
	for _, l := range e.lines {
		if l == pos.Line {
			return
		}
	}
	e.lines = append(e.lines, pos.Line)
	d := &diag.Diagnostic{
		Code:       code,
		Message:    msg,
		Pos:        diag.Pos{File: e.file, Line: int(pos.Line), Col: int(pos.Col)},
		Suggestion: suggestion,
	}
	if end.Line == pos.Line && end.Col > pos.Col {
		d.End = diag.Pos{File: e.file, Line: int(end.Line), Col: int(end.Col)}
	}
	e.list = append(e.list, d)
	if len(e.list) >= maxErrors {
		panic(bailout{})
	}
}

// err returns the sorted list as an error, or nil.
func (e *errorList) err() error {
	if len(e.list) == 0 {
		return nil
	}
	e.list.Sort()
	return e.list
}

// recoverInto turns a panic into a diagnostic at the API boundary: a
// bailout just ends parsing; anything else is a bug reported as an
// internal error rather than a crash.
func (e *errorList) recoverInto(r any) {
	if r == nil {
		return
	}
	if _, ok := r.(bailout); ok {
		return
	}
	e.list = append(e.list, &diag.Diagnostic{
		Code:    diag.InternalError,
		Message: fmt.Sprintf("internal error: parser panic: %v", r),
		Pos:     diag.Pos{File: e.file},
	})
}
