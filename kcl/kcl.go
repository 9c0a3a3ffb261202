// Package kcl is the Go API of akua's pure-Go KCL engine: parse,
// evaluate and print KCL programs the way upstream `kcl run` does. It
// knows nothing of akua; the host supplies files, options and modules.
package kcl

import (
	"bytes"
	"context"
	"io/fs"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// RunOptions configure Run. The zero value runs with upstream defaults.
type RunOptions struct {
	// WorkDir resolves relative file names; "" means the process's.
	WorkDir string
	// Options are `-D key=value` top-level options, in order; values are
	// parsed like upstream (YAML/JSON scalars, lists and dicts).
	Options []string
	// Settings are `-Y` settings files (kcl_cli_configs, kcl_options).
	Settings []string
	// Overrides are `-O path=value` (or `path-` to delete) overrides.
	Overrides []string
	// PathSelectors are `-S path` selectors for the output.
	PathSelectors []string
	// DisableNone drops null-valued keys from the output (`-n`).
	DisableNone bool
	// StrictRangeCheck enables 32-bit int / float range checks (`-r`).
	StrictRangeCheck bool
	// Debug enables debug output (`-d`).
	Debug bool
	// SortKeys sorts dict keys in the output (`--sort_keys`).
	SortKeys bool
	// ShowHidden includes hidden `_x` variables in the output.
	ShowHidden bool
	// ListOptions makes Run list the option() calls instead of running.
	ListOptions bool
	// Deterministic refuses clock, environment and random builtins.
	Deterministic bool
	// Externals maps external KCL package names to their root
	// directories (upstream's `-E name=path`, or the [dependencies] of
	// kcl.mod as a host resolves them): `import k8s.api.apps.v1` loads
	// api/apps/v1 under the root of the package named k8s.
	Externals map[string]string
	// Packages are virtual KCL packages the host provides from a file
	// system instead of the disk (embedded modules): `import akua.helm`
	// reads helm.k, or the helm/ directory, of Packages["akua"]. They
	// take precedence over Externals and local directories.
	Packages map[string]fs.FS
	// Modules are native modules the host provides for this run,
	// importable by their full path (`import akua.host`), found before
	// any file. Their builtins can close over the host's state.
	Modules map[string]*eval.Module
	// Decorators are decorator names the host accepts besides KCL's own
	// (@deprecated, @info), e.g. "ui"; evaluation ignores them.
	Decorators []string
	// Sandbox, when set, confines the program: every imported file must
	// resolve (symlinks followed) inside it or inside an external
	// package's root, and file access (file.*) is limited to it.
	Sandbox string
	// OptionValues are top-level options given as Go values (the forms
	// eval.FromGo accepts), applied after Options.
	OptionValues map[string]any

	// Limits. Exceeding one stops the run with its own diagnostic code:
	// E3M40 memory, E3M41 canceled (the context's deadline is the
	// wall-clock limit), E3M42 output, E3M43 steps, E3M44 recursion.
	//
	// MaxSteps bounds evaluation steps (0: unlimited).
	MaxSteps int64
	// MaxDepth bounds nested calls and schema instantiations (0: 1000).
	MaxDepth int
	// MaxMemory bounds the bytes of strings, lists and dicts the program
	// builds (0: DefaultMaxMemory; -1: unlimited).
	MaxMemory int64
	// MaxOutput bounds the size of the printed output (0:
	// DefaultMaxOutput; -1: unlimited).
	MaxOutput int64
}

// Default limits, as SPEC §12 sets them for a render.
const (
	DefaultMaxMemory = 1 << 30  // 1 GiB
	DefaultMaxOutput = 64 << 20 // 64 MiB
)

// A Result is the output of Run.
type Result struct {
	// YAML is the program's output, as `kcl run` prints it (print()
	// output first).
	YAML []byte
	// Warnings are diagnostics that did not stop the run: unused and
	// duplicate imports, non-strict deprecations.
	Warnings []*diag.Diagnostic
	// Options lists the option() calls of the program when
	// RunOptions.ListOptions is set (and the program is not run).
	Options []OptionInfo
}

// An OptionInfo describes one option() call, as `kcl run -l` lists it.
type OptionInfo struct {
	Name     string `json:"name"`
	Type     string `json:"type,omitempty"`
	Required bool   `json:"required"`
	Default  string `json:"default,omitempty"`
	Help     string `json:"help,omitempty"`
	File     string `json:"file"`
	Line     int    `json:"line"`
}

// An Evaluation is a program's values, for hosts that use them
// directly rather than as printed YAML.
type Evaluation struct {
	// Globals are the main package's variables in first-assignment
	// order, hidden (`_x`) ones included.
	Globals []eval.NamedValue
	// Printed is the output of print() calls.
	Printed []byte
	// Warnings are diagnostics that did not stop the evaluation.
	Warnings []*diag.Diagnostic

	th *eval.Thread
}

// Call calls fn, a value of this evaluation (a global lambda, say),
// with args on a fresh thread that has the run's options, imports,
// limits and host settings; printed is its print() output. Errors are
// diagnostics, as Eval's; ctx bounds the call.
func (e *Evaluation) Call(ctx context.Context, fn eval.Value, args ...eval.Value) (v eval.Value, printed []byte, err error) {
	var out bytes.Buffer
	th := e.th.Fork(ctx, &out)
	v, caught, err := eval.Catch(th, fn, &eval.Args{Pos: args})
	if err == nil && caught != nil {
		err = caught
	}
	return v, out.Bytes(), err
}

// Global returns the value of the global called name.
func (e *Evaluation) Global(name string) (eval.Value, bool) {
	for _, g := range e.Globals {
		if g.Name == name {
			return g.Value, true
		}
	}
	return nil, false
}

// Eval evaluates the program made of files like Run but returns its
// values instead of printing them. PathSelectors, SortKeys, ShowHidden,
// DisableNone, ListOptions and MaxOutput do not apply.
func Eval(ctx context.Context, files []string, opt RunOptions) (*Evaluation, error) {
	p, err := prepare(ctx, files, opt)
	if err != nil {
		return nil, err
	}
	out, err := eval.EvalFiles(p.th, p.parsed)
	if err != nil {
		return nil, relocate(err)
	}
	return &Evaluation{Globals: out.Globals, Printed: p.printed.Bytes(),
		Warnings: append(p.warnings, p.th.Warnings()...), th: p.th}, nil
}

// Run evaluates the KCL program made of files (the main package) and
// returns its YAML output. Errors are diag.List or *diag.Diagnostic
// values with positions; use diag.From to read them.
func Run(ctx context.Context, files []string, opt RunOptions) (*Result, error) {
	return run(ctx, files, opt)
}
