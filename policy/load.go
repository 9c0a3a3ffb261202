// This file finds, reads and parses policy files.

package policy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"akua.dev/akua/kcl/diag"
)

// DefaultDir is the directory of a package that holds its policies.
const DefaultDir = "policies"

// Options control Load and Compile. The zero value is the default.
type Options struct {
	// Print receives the output of Rego print() calls, one line each
	// prefixed with file:line; nil discards it.
	Print io.Writer
}

// A File is one policy source: its name (used in diagnostics, so
// usually a path the user can open) and its text.
type File struct {
	Name string
	Src  []byte
}

// Load reads the policies under dirs (DefaultDir when dirs is empty) and
// compiles them. Every `*.rego` file below each directory is read,
// except `*_test.rego` files and hidden directories; an argument that
// names a file is read as it is. A directory that does not exist is an
// error wrapping fs.ErrNotExist; a directory with no policies yields an
// engine with no rules (see Engine.Files).
func Load(ctx context.Context, dirs []string, opts Options) (*Engine, error) {
	files, err := readFiles(dirs, false)
	if err != nil {
		return nil, err
	}
	return Compile(ctx, files, opts)
}

// readFiles reads the Rego files under dirs, tests included or not,
// sorted by name.
func readFiles(dirs []string, tests bool) ([]File, error) {
	names, err := findFiles(dirs, tests)
	if err != nil {
		return nil, err
	}
	files := make([]File, 0, len(names))
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: name, Src: src})
	}
	return files, nil
}

// findFiles returns the names of the Rego files under dirs, sorted and
// without repeats (directories may overlap).
func findFiles(dirs []string, tests bool) ([]string, error) {
	if len(dirs) == 0 {
		dirs = []string{DefaultDir}
	}
	var names []string
	var errs diag.List
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch {
			case path == dir && d.Type()&fs.ModeSymlink != 0:
				// WalkDir would not enter it, and a gate that silently
				// loads nothing is worse than an error.
				errs = append(errs, &diag.Diagnostic{Code: CodeLoad, Pos: diag.Pos{File: path},
					Message: "policy directory is a symbolic link; give the directory it points to"})
				return nil
			case d.IsDir():
				if path != dir && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			case !strings.HasSuffix(path, ".rego"):
				return nil
			case !tests && isTestFile(path):
				return nil
			case d.Type()&fs.ModeSymlink != 0:
				// A policy directory may sit in an untrusted package: a
				// link could make akua parse (and quote, in a syntax
				// error) a file outside it.
				errs = append(errs, &diag.Diagnostic{Code: CodeLoad, Pos: diag.Pos{File: path},
					Message: "policy file is a symbolic link; akua reads only regular files"})
				return nil
			case !d.Type().IsRegular():
				return nil
			}
			names = append(names, path)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading policies: %w", err)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// isTestFile reports whether name is a Rego test file.
func isTestFile(name string) bool {
	return strings.HasSuffix(name, "_test.rego")
}

// parseFiles parses every file as Rego v1 and reports the syntax errors
// of all of them at once.
func parseFiles(files []File) (map[string]*ast.Module, error) {
	mods := make(map[string]*ast.Module, len(files))
	var errs diag.List
	popts := ast.ParserOptions{
		RegoVersion:       ast.RegoV1,
		Capabilities:      capabilities(),
		ProcessAnnotation: true,
	}
	for _, f := range files {
		if _, dup := mods[f.Name]; dup {
			errs = append(errs, &diag.Diagnostic{Code: CodeLoad, Pos: diag.Pos{File: f.Name},
				Message: "policy file given twice"})
			continue
		}
		m, err := ast.ParseModuleWithOpts(f.Name, string(f.Src), popts)
		if err != nil {
			var l diag.List
			if errors.As(asDiagnostics(err, CodeParse), &l) {
				errs = append(errs, l...)
				continue
			}
			return nil, err
		}
		if m == nil { // an empty file parses to no module
			errs = append(errs, &diag.Diagnostic{Code: CodeParse, Pos: diag.Pos{File: f.Name, Line: 1, Col: 1},
				Message: "empty policy file: a Rego file starts with a package declaration"})
			continue
		}
		mods[f.Name] = m
	}
	if len(errs) > 0 {
		errs.Sort()
		if len(errs) > maxErrors {
			errs = errs[:maxErrors]
		}
		return nil, errs
	}
	return mods, nil
}
