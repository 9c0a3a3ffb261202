package kcl

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
)

// Lint parses files and runs the checks that need no evaluation:
// syntax errors, parameter order, index signatures, unknown decorators
// (decorators lists those the host accepts besides KCL's own), static
// type errors (package typecheck; names another file may define are not
// reported), and unused or duplicate imports (as warnings). Files are checked one by
// one, so every file's syntax errors are reported.
func Lint(files []string, decorators []string) diag.List {
	var out diag.List
	var parsed []*syntax.File
	for _, name := range files {
		fs, err := parseFiles("", []string{name})
		if err != nil {
			out = append(out, diag.From(err)...)
			continue
		}
		parsed = append(parsed, fs...)
	}
	for _, f := range parsed {
		if err := eval.CheckFiles(decorators, []*syntax.File{f}); err != nil {
			out = append(out, diag.From(err)...)
		}
	}
	out = append(out, importWarnings(parsed)...)
	out.Sort()
	return out
}
