package cli

// This file holds `akua fmt`: format KCL and Rego files in place, or
// report (and show) what formatting would change. The formatting itself
// is formatSource (fmt_rego.go): syntax.FormatSource for KCL, OPA's
// formatter for Rego. The unified diff of --diff is internal/textdiff.

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"akua.dev/akua/internal/atomicfile"
	"akua.dev/akua/internal/textdiff"
	"akua.dev/akua/kcl/diag"
)

func init() { addCommand(newFmtCmd) }

// notFormatted is the code of a --check failure: one per file.
var notFormatted = diag.Code{ID: "E_FMT", Title: "NotFormatted"}

// fmtOptions are the flags of `akua fmt`.
type fmtOptions struct {
	check bool // write nothing; fail when a file would change
	diff  bool // print a unified diff of each change instead of writing
}

func newFmtCmd() *cobra.Command {
	var opt fmtOptions
	cmd := &cobra.Command{
		Use:   "fmt [files|dirs...]",
		Short: "Format KCL and Rego files in the standard style",
		Long: `Fmt rewrites KCL files in KCL's standard style (as upstream 'kcl fmt'
does): four-space indentation, one space around operators, configs and
lists on one line or one entry per line as written, blank lines around
schemas, comments kept where they are. Rego files (.rego) are formatted
as 'opa fmt' formats them.

With no arguments it formats every .k and .rego file under the current
directory; a directory argument is searched recursively, skipping
directories whose name starts with a dot and vendor directories. Files
are rewritten in place, and only when formatting changes them; their
names are printed. '-' formats KCL from standard input to standard
output.

--check writes nothing and fails (exit 1) naming each file that is not
formatted. --diff writes nothing and prints a unified diff of what
formatting would change. A file with syntax errors is left as it is;
its errors are reported with their positions and the command fails.`,
		Example: `  akua fmt
  akua fmt package.k lib/
  akua fmt --check
  akua fmt --diff --check .`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFmt(cmd, args, opt)
		},
	}
	cmd.Flags().BoolVar(&opt.check, "check", false, "write nothing; fail naming the files that are not formatted")
	cmd.Flags().BoolVar(&opt.diff, "diff", false, "write nothing; print a unified diff of the changes")
	return cmd
}

// A fmtFile is the outcome for one file, as --json prints it.
type fmtFile struct {
	Path    string `json:"path"`
	Changed bool   `json:"changed"`        // formatting changes the file
	Diff    string `json:"diff,omitempty"` // with --diff, the unified diff
}

// A fmtReport is the --json output of `akua fmt`.
type fmtReport struct {
	Files   []fmtFile `json:"files"`
	Changed int       `json:"changed"` // how many files formatting changes
	Written bool      `json:"written"` // whether changed files were rewritten
}

func runFmt(cmd *cobra.Command, args []string, opt fmtOptions) error {
	if len(args) == 0 {
		args = []string{"."}
	}
	if slices.Contains(args, "-") {
		if len(args) > 1 {
			return usageErrorf(cmd, "'-' (standard input) cannot be combined with other paths")
		}
		return fmtStdin(cmd, opt)
	}
	files, err := fmtFiles(args)
	if err != nil {
		return err
	}
	write := !opt.check && !opt.diff
	rep := fmtReport{Files: make([]fmtFile, 0, len(files)), Written: write}
	var errs diag.List
	out := cmd.OutOrStdout()
	for _, name := range files {
		res, err := fmtOne(name, write, opt.diff)
		if err != nil {
			if l := hasDiagnostics(err); l != nil {
				errs = append(errs, l...)
				continue
			}
			return err
		}
		rep.Files = append(rep.Files, res)
		if !res.Changed {
			continue
		}
		rep.Changed++
		if opt.check {
			errs = append(errs, &diag.Diagnostic{Code: notFormatted,
				Message: "file is not formatted", Pos: diag.Pos{File: name},
				Suggestion: "run 'akua fmt' to format it"})
		}
		if jsonOutput(cmd) {
			continue
		}
		if opt.diff {
			io.WriteString(out, res.Diff)
		} else if write {
			fmt.Fprintln(out, name)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	if jsonOutput(cmd) {
		return writeJSON(out, rep)
	}
	return nil
}

// fmtOne formats one file: it rewrites it when write is set and the
// formatting changes it, and with diff describes the change.
func fmtOne(name string, write, diff bool) (fmtFile, error) {
	res := fmtFile{Path: name}
	src, err := os.ReadFile(name)
	if err != nil {
		return res, err
	}
	out, err := formatSource(name, src)
	if err != nil {
		return res, err
	}
	if bytes.Equal(src, out) {
		return res, nil
	}
	res.Changed = true
	if diff {
		res.Diff = unifiedDiff(name, src, out)
	}
	if write {
		if err := rewriteFile(name, out); err != nil {
			return res, systemError(err)
		}
	}
	return res, nil
}

// fmtStdin formats standard input to standard output.
func fmtStdin(cmd *cobra.Command, opt fmtOptions) error {
	const name = "<stdin>"
	src, err := io.ReadAll(cmd.InOrStdin())
	if err != nil {
		return systemError(err)
	}
	out, err := formatSource(name, src)
	if err != nil {
		return err
	}
	changed := !bytes.Equal(src, out)
	res := fmtFile{Path: name, Changed: changed}
	if opt.diff && changed {
		res.Diff = unifiedDiff(name, src, out)
	}
	if opt.check && changed {
		return diag.List{{Code: notFormatted, Message: "standard input is not formatted"}}
	}
	w := cmd.OutOrStdout()
	switch {
	case jsonOutput(cmd):
		n := 0
		if changed {
			n = 1
		}
		return writeJSON(w, fmtReport{Files: []fmtFile{res}, Changed: n})
	case opt.diff:
		_, err = io.WriteString(w, res.Diff)
	case !opt.check:
		_, err = w.Write(out)
	}
	return err
}

// fmtFiles returns the files named by args: files as given, and the .k
// and .rego files under directories, skipping dot and vendor
// directories and dot files. The list is sorted and has no duplicates.
func fmtFiles(args []string) ([]string, error) {
	var files []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path != arg && (strings.HasPrefix(name, ".") || name == "vendor") {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && isFormattable(name) && !strings.HasPrefix(name, ".") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

// rewriteFile replaces the contents of the file name (following
// symbolic links, keeping its mode) with data, atomically.
func rewriteFile(name string, data []byte) error {
	return atomicfile.Write(name, data, 0o644)
}

// unifiedDiff returns the unified diff that turns a into b, both the
// contents of the file name, with git's a/ and b/ labels; "" when equal.
func unifiedDiff(name string, a, b []byte) string {
	n := filepath.ToSlash(name)
	return textdiff.Unified("a/"+n, "b/"+n, a, b)
}
