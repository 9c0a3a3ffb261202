// Package render is akua's pipeline (SPEC §4): package.k plus inputs in,
// resources out, through the KCL engine with the akua stdlib and its
// engines (Helm, Kustomize, kro RGDs, other packages) bound, under the
// sandbox and limits of SPEC §12 and the determinism of §13.
package render

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/registry/resolve"
	"akua.dev/akua/stdlib"
)

// PackageError is the code of a package that cannot be found or read.
var PackageError = diag.Code{ID: "E_PACKAGE", Title: "PackageError"}

// Defaults of SPEC §12.
const (
	DefaultTimeout         = 30 * time.Second
	DefaultMaxPackageDepth = 16
)

// Options configure a render.
type Options struct {
	// Package is package.k or its directory ("" is ./package.k).
	Package string
	// Inputs are inputs files, merged in order; Set are `path=value`
	// overrides applied after them.
	Inputs []string
	Set    []string
	// InputValues, when set, are the inputs (Inputs and Set unused).
	InputValues *eval.OrderedMap
	// Timeout caps the render's wall clock (0: DefaultTimeout; <0 none).
	Timeout time.Duration
	// Limits of the KCL evaluation (0: the engine's defaults).
	MaxSteps  int64
	MaxMemory int64
	MaxDepth  int
	// MaxOutput caps the bytes of all rendered YAML (0: 64 MiB).
	MaxOutput int64
	// MaxPackageDepth caps pkg.render nesting (0: 16).
	MaxPackageDepth int
	// Offline forbids the network for dependencies: they must be
	// vendored or cached.
	Offline bool
	// Resolve, when set, configures dependency resolution (cache,
	// registry client); Offline is applied over it.
	Resolve *resolve.Options
}

// Result is a successful render.
type Result struct {
	Package    string           // absolute path of package.k
	Dir        string           // the package directory
	Inputs     *eval.OrderedMap // the merged inputs
	InputFiles []string         // inputs files read, in order
	Resources  []Resource
	Hash       string
	Warnings   []*diag.Diagnostic
	Timings    Timings
}

// Timings of a render's phases.
type Timings struct {
	Inputs, Eval, Encode time.Duration
}

// Render runs the pipeline. Errors are *diag.Diagnostic or diag.List
// values with positions in the user's files.
func Render(ctx context.Context, opts Options) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	switch {
	case opts.Timeout == 0:
		opts.Timeout = DefaultTimeout
	case opts.Timeout < 0:
		opts.Timeout = 0
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	return render(ctx, opts, nil)
}

// Locate returns the absolute path of the package.k opts names and its
// directory, symlink-free.
func Locate(pkg string) (file, dir string, err error) {
	if pkg == "" {
		pkg = "package.k"
	}
	abs, err := filepath.Abs(pkg)
	if err != nil {
		return "", "", err
	}
	file, err = packageFile(abs)
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			return "", "", err
		}
		if errors.Is(err, fs.ErrNotExist) {
			return "", "", &diag.Diagnostic{Code: PackageError, Message: fmt.Sprintf("no package at %s", pkg),
				Suggestion: "run in a package directory, pass --package path/to/package.k, or create one with `akua init`"}
		}
		return "", "", err
	}
	dir, err = pathguard.Root(filepath.Dir(file))
	if err != nil {
		return "", "", err
	}
	return filepath.Join(dir, filepath.Base(file)), dir, nil
}

// Plan returns the merged inputs a render would use, without evaluating.
func Plan(opts Options) (*eval.OrderedMap, []string, error) {
	_, dir, err := Locate(opts.Package)
	if err != nil {
		return nil, nil, err
	}
	return LoadInputs(dir, opts.Inputs, opts.Set)
}

func render(ctx context.Context, opts Options, stack []string) (*Result, error) {
	file, dir, err := Locate(opts.Package)
	if err != nil {
		return nil, err
	}
	res := &Result{Package: file, Dir: dir}
	t0 := time.Now()
	res.Inputs, res.InputFiles = opts.InputValues, nil
	if res.Inputs == nil {
		if res.Inputs, res.InputFiles, err = LoadInputs(dir, opts.Inputs, opts.Set); err != nil {
			return nil, err
		}
	}
	t1 := time.Now()
	h := &host{ctx: ctx, root: dir, opts: opts, stack: append(append([]string(nil), stack...), file)}
	ro := kcl.RunOptions{
		Deterministic: true,
		Sandbox:       dir, // imports and file.* stay in the package
		OptionValues:  map[string]any{"input": res.Inputs},
		MaxSteps:      opts.MaxSteps,
		MaxMemory:     opts.MaxMemory,
		MaxDepth:      opts.MaxDepth,
	}
	h.bind(&ro)
	deps, err := lockedDeps(ctx, dir, opts)
	if err != nil {
		return nil, err
	}
	if err := h.bindDeps(&ro, deps); err != nil {
		return nil, err
	}
	ev, err := kcl.Eval(ctx, []string{file}, ro)
	if err != nil {
		return nil, err
	}
	res.Warnings = ev.Warnings
	t2 := time.Now()
	v, _ := ev.Global("resources")
	if res.Resources, err = collectResources(v); err != nil {
		if d, ok := err.(*diag.Diagnostic); ok {
			d.Pos = resourcesPos(file)
		}
		return nil, err
	}
	max := opts.MaxOutput
	if max == 0 {
		max = kcl.DefaultMaxOutput
	}
	var total int64
	for _, r := range res.Resources {
		total += int64(len(r.YAML))
	}
	if max > 0 && total > max {
		return nil, &diag.Diagnostic{Code: diag.OutputLimit,
			Message:    fmt.Sprintf("rendered output of %d bytes exceeds the limit of %d bytes", total, max),
			Suggestion: "the package produces too much; raise the output limit if this is intended"}
	}
	res.Hash = Hash(res.Resources)
	res.Timings = Timings{Inputs: t1.Sub(t0), Eval: t2.Sub(t1), Encode: time.Since(t2)}
	return res, nil
}

// Bind makes the akua stdlib importable in a KCL run of the package in
// dir (`akua kcl run`, tests, export): the embedded `akua.*` modules,
// their engines confined to dir, @ui decorators accepted, and the
// package's locked dependencies importable as in a render.
func Bind(ctx context.Context, opt *kcl.RunOptions, dir string, opts Options) error {
	root, err := pathguard.Root(dir)
	if err != nil {
		return err
	}
	h := &host{ctx: ctx, root: root, opts: opts}
	h.bind(opt)
	deps, err := lockedDeps(ctx, root, opts)
	if err != nil {
		return err
	}
	return h.bindDeps(opt, deps)
}

// resolveOptions are the dependency resolution options of a render.
func (o Options) resolveOptions() resolve.Options {
	r := resolve.Options{}
	if o.Resolve != nil {
		r = *o.Resolve
	}
	r.Offline = r.Offline || o.Offline
	return r
}

func (h *host) bind(ro *kcl.RunOptions) {
	ro.Packages = map[string]fs.FS{stdlib.Package: stdlib.FS()}
	ro.Modules = map[string]*eval.Module{stdlib.HostModule: h.module()}
	ro.Decorators = HostDecorators
}

// HostDecorators are the decorators akua accepts on package schemas
// besides KCL's own: @ui(...) hints, read by export, ignored by render.
var HostDecorators = []string{"ui"}

var resourcesRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^resources\s*(:[^=\n]*)?=`) })

// resourcesPos is where package.k assigns `resources`, for shape errors
// (the file itself when it does not).
func resourcesPos(file string) diag.Pos {
	src, err := os.ReadFile(file)
	if err != nil {
		return diag.Pos{File: file}
	}
	loc := resourcesRE().FindIndex(src)
	if loc == nil {
		return diag.Pos{File: file}
	}
	return diag.Pos{File: file, Line: 1 + strings.Count(string(src[:loc[0]]), "\n"), Col: 1}
}
