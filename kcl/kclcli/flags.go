// Package kclcli holds the command-line grammar of upstream `kcl run`:
// it turns an argument vector such as `main.k -D k=v -Y settings.yaml`
// into input files and a kcl.RunOptions. `akua kcl run` binds the same
// flags onto its cobra command, and the conformance runner parses the
// `kcl_options` of each corpus case with Parse, so both read command
// lines identically.
//
// The flags are upstream's (kclvm_cli run):
//
//	-D, --argument key=value      top-level option, repeatable
//	-Y, --setting file            settings file, repeatable
//	-O, --overrides path=value    override (path- deletes), repeatable
//	-S, --path_selector path      output path selector, repeatable
//	-n, --disable_none            drop null-valued keys
//	-r, --strict_range_check      32-bit int/float range checks
//	-d, --debug                   debug mode
//	-k, --sort_keys               sort output keys
//	-H, --show_hidden             print hidden (_x) variables
//	-l, --list_options            list option() calls instead of running
//	-o, --output file             write the output to file
//
// Values are taken verbatim: `-D k=v`, `-Dk=v` and `--argument=k=v` are
// the same, and commas are not separators (`-S a.{b,c}` is one selector).
// Upstream's -Y takes several files at once (`-Y a.yaml b.yaml`): a
// positional argument ending in .yaml, .yml or .json is therefore a
// settings file too, appended after those given with -Y.
package kclcli

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"akua.dev/akua/kcl"
)

// Flags holds the values of the `kcl run` flags. The zero value is the
// defaults; Register binds the fields to a flag set.
type Flags struct {
	Arguments        []string // -D key=value
	Settings         []string // -Y file
	Overrides        []string // -O path=value
	PathSelectors    []string // -S path
	DisableNone      bool     // -n
	StrictRangeCheck bool     // -r
	Debug            bool     // -d
	SortKeys         bool     // -k
	ShowHidden       bool     // -H
	ListOptions      bool     // -l
	Output           string   // -o file
	Externals        []string // -E name=path
	// Limits (akua's own flags; upstream has none).
	MaxSteps  int64 // --max-steps
	MaxDepth  int   // --max-depth
	MaxMemory int64 // --max-memory (bytes)
	MaxOutput int64 // --max-output (bytes)
}

// Register defines the `kcl run` flags on fs, bound to f's fields.
func (f *Flags) Register(fs *pflag.FlagSet) {
	fs.StringArrayVarP(&f.Arguments, "argument", "D", nil, "top-level option `key=value`, read by option(\"key\") (repeatable)")
	fs.StringArrayVarP(&f.Settings, "setting", "Y", nil, "settings `file` with kcl_cli_configs and kcl_options (repeatable)")
	fs.StringArrayVarP(&f.Overrides, "overrides", "O", nil, "override `path=value`, or path- to delete (repeatable)")
	fs.StringArrayVarP(&f.PathSelectors, "path_selector", "S", nil, "print only the value at `path` (repeatable)")
	fs.BoolVarP(&f.DisableNone, "disable_none", "n", false, "drop null-valued keys from the output")
	fs.BoolVarP(&f.StrictRangeCheck, "strict_range_check", "r", false, "check ints and floats against 32-bit ranges")
	fs.BoolVarP(&f.Debug, "debug", "d", false, "run in debug mode")
	fs.BoolVarP(&f.SortKeys, "sort_keys", "k", false, "sort dict keys in the output")
	fs.BoolVarP(&f.ShowHidden, "show_hidden", "H", false, "include hidden (_name) variables in the output")
	fs.BoolVarP(&f.ListOptions, "list_options", "l", false, "list the option() calls of the program instead of running it")
	fs.StringVarP(&f.Output, "output", "o", "", "write the output to `file` instead of stdout")
	fs.StringArrayVarP(&f.Externals, "external", "E", nil, "external package `name=path` (repeatable)")
	fs.Int64Var(&f.MaxSteps, "max-steps", 0, "stop after `n` evaluation steps (0: no limit)")
	fs.IntVar(&f.MaxDepth, "max-depth", 0, "maximum `n` of nested calls and schema instantiations (0: 1000)")
	fs.Int64Var(&f.MaxMemory, "max-memory", 0, "memory budget in `bytes` for strings, lists and dicts (0: 1 GiB, -1: none)")
	fs.Int64Var(&f.MaxOutput, "max-output", 0, "maximum output size in `bytes` (0: 64 MiB, -1: none)")
}

// An Invocation is a parsed `kcl run` command line.
type Invocation struct {
	// Files are the KCL input files and directories, in order.
	Files []string
	// Output is the -o file, "" for stdout.
	Output string
	// Options are the run options; WorkDir is left empty.
	Options kcl.RunOptions
}

// Invocation combines f with the positional arguments of the command
// line into an Invocation. Positional settings files (see the package
// documentation) are moved to Options.Settings.
func (f *Flags) Invocation(args []string) Invocation {
	inv := Invocation{
		Output: f.Output,
		Options: kcl.RunOptions{
			Options:          clone(f.Arguments),
			Settings:         clone(f.Settings),
			Overrides:        clone(f.Overrides),
			PathSelectors:    clone(f.PathSelectors),
			DisableNone:      f.DisableNone,
			StrictRangeCheck: f.StrictRangeCheck,
			Debug:            f.Debug,
			SortKeys:         f.SortKeys,
			ShowHidden:       f.ShowHidden,
			ListOptions:      f.ListOptions,
			Externals:        externals(f.Externals),
			MaxSteps:         f.MaxSteps,
			MaxDepth:         f.MaxDepth,
			MaxMemory:        f.MaxMemory,
			MaxOutput:        f.MaxOutput,
		},
	}
	for _, a := range args {
		if IsSettingsFile(a) {
			inv.Options.Settings = append(inv.Options.Settings, a)
		} else {
			inv.Files = append(inv.Files, a)
		}
	}
	return inv
}

// IsSettingsFile reports whether a positional argument names a settings
// file (.yaml, .yml or .json) rather than a KCL input.
func IsSettingsFile(arg string) bool {
	switch strings.ToLower(filepath.Ext(arg)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Parse parses a complete `kcl run` argument vector (without the
// program and subcommand names), e.g. the words of a corpus case's
// `main.k <kcl_options>`. Unknown flags and missing values are errors.
func Parse(argv []string) (Invocation, error) {
	var f Flags
	fs := pflag.NewFlagSet("kcl run", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	f.Register(fs)
	if err := fs.Parse(argv); err != nil {
		return Invocation{}, err
	}
	return f.Invocation(fs.Args()), nil
}

func clone(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}

// externals parses `-E name=path` arguments; an entry without `=` is a
// path whose last element names the package.
func externals(args []string) map[string]string {
	if len(args) == 0 {
		return nil
	}
	m := make(map[string]string, len(args))
	for _, a := range args {
		name, path, ok := strings.Cut(a, "=")
		if !ok {
			path = a
			name = filepath.Base(filepath.Clean(a))
		}
		m[name] = path
	}
	return m
}
