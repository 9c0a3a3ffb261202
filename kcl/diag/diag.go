// Package diag holds the diagnostics every phase of the KCL engine
// reports: a stable code, a message, a position with a caret span, an
// optional suggestion, and for runtime errors a backtrace. Codes follow
// upstream KCL's (E1001 InvalidSyntax, E2G22 TypeError, ...) so users
// and tools that know KCL recognise them.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// A Code is a stable diagnostic code with its upstream-style title.
type Code struct {
	ID    string // e.g. "E1001"
	Title string // e.g. "InvalidSyntax"
}

// Codes used by the engine. New codes are added here only.
var (
	InvalidSyntax = Code{"E1001", "InvalidSyntax"}
	// Upstream reports tab and indentation errors as E1001 InvalidSyntax.
	TabError          = Code{"E1001", "InvalidSyntax"}
	IndentationError  = Code{"E1001", "InvalidSyntax"}
	IllegalParameter  = Code{"E1001", "IllegalParameterError"}
	ImmutableError    = Code{"E1001", "ImmutableError"}
	IndexSignatureErr = Code{"E1001", "IndexSignatureError"}
	CannotFindModule  = Code{"E2F04", "CannotFindModule"}
	FailedLoadModule  = Code{"E2F05", "FailedLoadModule"}
	RecursiveLoad     = Code{"E2F06", "RecursiveLoad"}
	// PathEscape: an import or path leaves the host's sandbox.
	PathEscape         = Code{"E_PATH_ESCAPE", "PathEscape"}
	TypeError          = Code{"E2G22", "TypeError"}
	CompileError       = Code{"E2L23", "CompileError"}
	NameError          = Code{"E2L25", "NameError"}
	UniqueKeyError     = Code{"E2L28", "UniqueKeyError"}
	IllegalAttribute   = Code{"E2A31", "IllegalAttributeError"}
	IllegalInherit     = Code{"E2D34", "IllegalInheritError"}
	CycleInherit       = Code{"E2D32", "CycleInheritError"}
	EvaluationError    = Code{"E3M38", "EvaluationError"}
	AssertionError     = Code{"E3M38", "AssertionError"}
	SchemaCheckFailure = Code{"E3M38", "SchemaCheckFailure"}
	RecursionError     = Code{"E3M44", "RecursionError"}
	AttributeError     = Code{"E3M38", "AttributeError"}
	KeyError           = Code{"E3M38", "KeyError"}
	IndexError         = Code{"E3M38", "IndexError"}
	ValueError         = Code{"E3M38", "ValueError"}
	ZeroDivisionError  = Code{"E3M38", "ZeroDivisionError"}
	OverflowError      = Code{"E3M38", "OverflowError"}
	// Limits: each has its own code, so hosts can tell them apart.
	MemoryLimit   = Code{"E3M40", "MemoryLimitExceeded"}
	OutputLimit   = Code{"E3M42", "OutputLimitExceeded"}
	StepLimit     = Code{"E3M43", "StepLimitExceeded"}
	Canceled      = Code{"E3M41", "Canceled"}
	InternalError = Code{"E9999", "InternalError"}
	// Warnings.
	UnusedImport    = Code{"W2F01", "UnusedImport"}
	DuplicateImport = Code{"W2F02", "DuplicateImport"}
)

// A Pos is a position in a named file: 1-based line and column (in
// bytes). Line 0 means the position is unknown.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return "<unknown>"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// A Note is a secondary position attached to a diagnostic, e.g. the
// declaration a type error refers to, or a frame of a backtrace.
type Note struct {
	Pos     Pos
	End     Pos
	Message string
}

// A Diagnostic is one error or warning.
type Diagnostic struct {
	Code       Code
	Warning    bool
	Message    string // lowercase, no trailing period
	Pos        Pos    // where the caret points
	End        Pos    // end of the caret span (same line), may be zero
	Suggestion string // "did you mean ..." etc.; may be empty
	// Path is the data path the error concerns, from the top-level
	// value down (`input.routing.tls`), for type and merge errors.
	Path  string
	Notes []Note // related positions, outermost frame last
}

func (d *Diagnostic) Error() string {
	var b strings.Builder
	if d.Pos.Line > 0 || d.Pos.File != "" {
		b.WriteString(d.Pos.String())
		b.WriteString(": ")
	}
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// New returns a diagnostic at pos.
func New(code Code, pos Pos, format string, args ...any) *Diagnostic {
	return &Diagnostic{Code: code, Pos: pos, Message: fmt.Sprintf(format, args...)}
}

// A List is a sorted list of diagnostics; as an error it reports the
// first one and how many follow.
type List []*Diagnostic

func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns l as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Sort orders the list by file, line and column.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// From extracts the diagnostics carried by err: a *Diagnostic, a List,
// or anything wrapping one. Other errors become one diagnostic of code
// EvaluationError with no position.
func From(err error) List {
	if err == nil {
		return nil
	}
	switch e := err.(type) {
	case *Diagnostic:
		return List{e}
	case List:
		return e
	}
	// An error type may convert itself (an As method), as registry
	// errors do.
	var d *Diagnostic
	if errors.As(err, &d) && d != nil {
		return List{d}
	}
	type unwrapper interface{ Unwrap() error }
	if u, ok := err.(unwrapper); ok && u.Unwrap() != nil {
		if l := From(u.Unwrap()); len(l) > 0 && l[0].Code != (Code{}) {
			return l
		}
	}
	return List{{Code: EvaluationError, Message: err.Error()}}
}
