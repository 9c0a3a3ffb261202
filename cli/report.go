package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"

	"akua.dev/akua/kcl/diag"
)

// A reporter prints the error a command ended with. It is the only
// place akua prints errors.
//
// Text (the default) goes to stderr, one block per diagnostic, in the
// format of SPEC §11:
//
//	error[E1001]: InvalidSyntax: unexpected token ')'
//	 --> main.k:3:5
//	  |
//	3 | a = )
//	  |     ^ unexpected token ')'
//	  = help: ...
//
// Errors that carry no KCL diagnostic print the same way with a CLI
// code and no position: "error[E_USAGE]: unknown flag: --x". Colour is
// used only when stderr is a terminal, TERM is not "dumb" and NO_COLOR
// is unset or empty.
//
// With --json the error is one JSON document on stdout (where --json
// output always goes), so a caller parses stdout whatever the outcome:
//
//	{
//	  "level": "error", "code": "E2G22", "title": "TypeError",
//	  "message": "expected str, got int(1)",
//	  "file": "main.k", "line": 1, "column": 1, "suggestion": "",
//	  "errors": [ { ...the same fields, for every diagnostic... } ]
//	}
//
// The top-level fields describe the first diagnostic; "errors" lists all
// of them, the first included, so both `.code` and `.errors[]` work.
// Every field is always present: "" and 0 mean unknown.
type reporter struct {
	stdout, stderr io.Writer
	json           bool
}

// A jsonDiagnostic is one diagnostic in --json output.
type jsonDiagnostic struct {
	Level      string `json:"level"`
	Code       string `json:"code"`
	Title      string `json:"title"`
	Message    string `json:"message"`
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Suggestion string `json:"suggestion"`
	// Path is the data path the error concerns (input.routing.tls).
	Path string `json:"path,omitempty"`
}

// A jsonError is the --json error document.
type jsonError struct {
	jsonDiagnostic
	Errors []jsonDiagnostic `json:"errors"`
}

// report prints e and returns its exit code.
func (r *reporter) report(e *ExitError) int {
	if e.Quiet {
		return e.Code
	}
	list := r.diagnostics(e)
	if r.json {
		r.writeJSON(list)
	} else {
		r.writeText(list)
	}
	return e.Code
}

// diagnostics returns what to print for e: its KCL diagnostics, or one
// diagnostic made of its message.
func (r *reporter) diagnostics(e *ExitError) diag.List {
	if l := hasDiagnostics(e.Err); l != nil {
		if e.Help != "" && len(l) == 1 && l[0].Suggestion == "" {
			d := *l[0]
			d.Suggestion = e.Help
			return diag.List{&d}
		}
		return l
	}
	msg := "unknown error"
	if e.Err != nil {
		msg = strings.TrimSpace(e.Err.Error())
	}
	return diag.List{{Code: diag.Code{ID: e.id()}, Message: msg, Suggestion: e.Help}}
}

func (r *reporter) writeText(list diag.List) {
	opt := diag.RenderOptions{Color: useColor(r.stderr), Source: sourceFromDisk()}
	var b bytes.Buffer
	for i, d := range list {
		if i > 0 {
			b.WriteByte('\n')
		}
		diag.Render(&b, d, opt)
	}
	r.stderr.Write(b.Bytes())
}

func (r *reporter) writeJSON(list diag.List) {
	doc := jsonError{Errors: make([]jsonDiagnostic, 0, len(list))}
	for _, d := range list {
		level := "error"
		if d.Warning {
			level = "warning"
		}
		doc.Errors = append(doc.Errors, jsonDiagnostic{
			Level:      level,
			Code:       d.Code.ID,
			Title:      d.Code.Title,
			Message:    d.Message,
			File:       d.Pos.File,
			Line:       d.Pos.Line,
			Column:     d.Pos.Col,
			Suggestion: d.Suggestion,
			Path:       d.Path,
		})
	}
	if len(doc.Errors) > 0 {
		doc.jsonDiagnostic = doc.Errors[0]
	}
	writeJSON(r.stdout, doc)
}

// writeJSON writes v as one indented JSON document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// sourceFromDisk returns a diag.SourceFunc reading (and caching) files
// named by diagnostics, relative to the working directory.
func sourceFromDisk() diag.SourceFunc {
	cache := map[string][]byte{}
	return func(file string) ([]byte, bool) {
		if data, ok := cache[file]; ok {
			return data, data != nil
		}
		data, err := os.ReadFile(file)
		if err != nil {
			data = nil
		}
		cache[file] = data
		return data, data != nil
	}
}

// useColor reports whether to colour output written to w.
func useColor(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}

// isTerminal reports whether f is a terminal (a character device; this
// also counts /dev/null, which is harmless).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
