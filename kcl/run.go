package kcl

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	_ "akua.dev/akua/kcl/lib/all"
	"akua.dev/akua/kcl/syntax"
)

// A prepared run: files parsed, overrides applied, thread set up.
type prepared struct {
	parsed   []*syntax.File
	th       *eval.Thread
	printed  *bytes.Buffer
	warnings []*diag.Diagnostic
	options  []OptionInfo // set instead of th when ListOptions
	opt      RunOptions   // the options with -Y settings files applied
}

// prepare parses files and builds the thread that evaluates them.
func prepare(ctx context.Context, files []string, opt RunOptions) (*prepared, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	files, settingOpts, err := applySettings(files, &opt)
	if err != nil {
		return nil, err
	}
	for i, f := range files {
		// ${KCL_MOD} is the package root: the nearest directory above
		// the working directory holding kcl.mod.
		if strings.Contains(f, "${KCL_MOD}") {
			wd := opt.WorkDir
			if wd == "" {
				wd = "."
			}
			files[i] = strings.ReplaceAll(f, "${KCL_MOD}", modRoot(wd))
		}
	}
	if len(files) == 0 {
		return nil, &diag.Diagnostic{Code: diag.CompileError, Message: "no input file"}
	}
	parsed, err := parseFiles(opt.WorkDir, files)
	if err != nil {
		return nil, err
	}
	if opt.ListOptions {
		return &prepared{options: listOptions(parsed), opt: opt}, nil
	}
	p := &prepared{parsed: parsed, printed: &bytes.Buffer{}, warnings: importWarnings(parsed), opt: opt}
	if err := applyOverrides(parsed, opt.Overrides); err != nil {
		return nil, err
	}
	p.th = &eval.Thread{
		Ctx:              ctx,
		Deterministic:    opt.Deterministic,
		StrictRangeCheck: opt.StrictRangeCheck,
		Stdout:           p.printed,
		MaxSteps:         opt.MaxSteps,
		MaxDepth:         opt.MaxDepth,
		MaxMemory:        limit(opt.MaxMemory, DefaultMaxMemory),
		Decorators:       opt.Decorators,
	}
	cliOpts, err := parseOptions(opt.Options)
	if err != nil {
		return nil, err
	}
	for _, k := range cliOpts.Keys() {
		v, _ := cliOpts.Get(k)
		settingOpts.Set(k, v)
	}
	keys := make([]string, 0, len(opt.OptionValues))
	for k := range opt.OptionValues {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, err := eval.FromGo(opt.OptionValues[k])
		if err != nil {
			return nil, fmt.Errorf("option %s: %w", k, err)
		}
		settingOpts.Set(k, v)
	}
	p.th.Options = settingOpts
	loader := newFileLoader(filepath.Dir(parsed[0].Name), opt)
	p.th.Loader = loader
	// file.* functions are confined to the package root, or the sandbox.
	p.th.FileRoot = loader.root
	if opt.Sandbox != "" {
		p.th.FileRoot = opt.Sandbox
	}
	return p, nil
}

// run parses files, evaluates them as the main package and prints the
// result as YAML.
func run(ctx context.Context, files []string, opt RunOptions) (res *Result, err error) {
	p, err := prepare(ctx, files, opt)
	if err != nil {
		return nil, err
	}
	opt = p.opt
	if opt.ListOptions {
		return &Result{Options: p.options}, nil
	}
	th, printed, warnings := p.th, p.printed, p.warnings
	out, err := eval.EvalFiles(th, p.parsed)
	if err != nil {
		return nil, relocate(err)
	}
	if stream, ok := th.ManifestsOutput(); ok {
		// manifests.yaml_stream replaces the program's normal output.
		printed.Write(stream)
		return &Result{YAML: printed.Bytes(), Warnings: append(warnings, th.Warnings()...)}, nil
	}
	doc, err := assembleOutput(th, out, opt)
	if err != nil {
		return nil, err
	}
	y, err := encodeOutput(doc, opt)
	if err != nil {
		return nil, err
	}
	printed.Write(y)
	if max := limit(opt.MaxOutput, DefaultMaxOutput); max > 0 && int64(printed.Len()) > max {
		return nil, &diag.Diagnostic{Code: diag.OutputLimit,
			Message:    fmt.Sprintf("output of %d bytes exceeds the limit of %d bytes", printed.Len(), max),
			Suggestion: "the program prints too much; raise the output limit if this is intended"}
	}
	return &Result{YAML: printed.Bytes(), Warnings: append(warnings, th.Warnings()...)}, nil
}

// limit resolves a limit option: 0 means def, a negative value none.
func limit(v, def int64) int64 {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}

// parseFiles reads and parses every file, reporting all syntax errors.
func parseFiles(workDir string, files []string) ([]*syntax.File, error) {
	var out []*syntax.File
	var errs diag.List
	for _, name := range files {
		path := name
		if !filepath.IsAbs(path) && workDir != "" {
			path = filepath.Join(workDir, path)
		}
		src, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, &diag.Diagnostic{Code: diag.CannotFindModule,
				Pos: diag.Pos{File: name}, Message: "cannot read file: " + strings.TrimPrefix(err.Error(), "open ")})
			continue
		}
		f, err := syntax.ParseFile(path, src)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		out = append(out, f)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// assembleOutput builds the document `kcl run` prints: the values of
// top-level expression statements unioned with the public globals.
func assembleOutput(th *eval.Thread, out *eval.Output, opt RunOptions) (eval.Value, error) {
	var acc eval.Value = eval.Undefined
	var err error
	for _, s := range out.Scalars {
		if acc, err = unionScalar(th, acc, s); err != nil {
			return nil, err
		}
	}
	globals := eval.NewDict(len(out.Globals))
	for _, g := range out.Globals {
		if !opt.ShowHidden && strings.HasPrefix(g.Name, "_") {
			continue
		}
		if !isOutputValue(g.Value) {
			continue
		}
		globals.Set(g.Name, g.Value)
	}
	if globals.Len() > 0 || len(out.Scalars) == 0 {
		if acc, err = unionScalar(th, acc, globals); err != nil {
			return nil, err
		}
	}
	return acc, nil
}

func unionScalar(th *eval.Thread, acc, v eval.Value) (eval.Value, error) {
	switch acc.(type) {
	case eval.UndefinedType, eval.NoneType:
		return v, nil
	}
	if _, ok := acc.(*eval.Dict); ok {
		if _, ok := v.(*eval.Dict); ok {
			return eval.Union(th, acc, v)
		}
	}
	if _, ok := acc.(*eval.Schema); ok {
		return eval.Union(th, acc, v)
	}
	return v, nil
}

// isOutputValue reports whether a global's value is printed.
func isOutputValue(v eval.Value) bool {
	switch v.(type) {
	case eval.UndefinedType, *eval.Lambda, *eval.Builtin, *eval.SchemaType, *eval.Module, *eval.Rule:
		return false
	}
	return v != nil
}

func encodeOutput(doc eval.Value, opt RunOptions) ([]byte, error) {
	popt := eval.PlanOptions{SortKeys: opt.SortKeys, DisableNone: opt.DisableNone, ShowHidden: opt.ShowHidden}
	if len(opt.PathSelectors) > 0 {
		return selectPaths(doc, opt.PathSelectors, popt)
	}
	return eval.EncodeYAML(doc, popt)
}
