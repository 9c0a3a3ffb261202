// Package manifests is KCL's manifests system module
// (reference/kcl-docs/model/manifests.md; upstream
// kclvm/runtime/src/manifests): yaml_stream makes the program print a
// YAML stream of the given values instead of its variables.
package manifests

import (
	"strings"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("manifests", New) }

// New returns the manifests module.
func New() *eval.Module {
	return libkit.Module("manifests", libkit.Funcs(map[string]eval.BuiltinFunc{
		"yaml_stream": yamlStream,
	}), nil)
}

// yaml_stream(values: [any], opts: {str:} = {sort_keys = False,
// ignore_private = False, ignore_none = False, sep = "---"}) sets the
// program's output (eval.Thread.ManifestsOutput) to the YAML documents
// of values, each without its final newline, joined by "\n" + sep +
// "\n". The last call wins. (The documentation gives ignore_private a
// default of True; upstream's code, followed here, uses False.)
func yamlStream(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var values, opts eval.Value
	if err := eval.UnpackArgs("yaml_stream", args, "values", &values, "opts?", &opts); err != nil {
		return nil, err
	}
	var opt libkit.EncodeOptions
	sep := "---"
	if opts != eval.None {
		d, ok := opts.(*eval.Dict)
		if s, isSchema := opts.(*eval.Schema); isSchema {
			d, ok = s.Attrs, true
		}
		if !ok {
			return nil, eval.Errorf(eval.ErrType, "Invalid options arguments in yaml_stream(): expect config, got %s", opts.Type())
		}
		flag := func(key string) bool {
			v, ok := d.Get(key)
			return ok && v.Truth()
		}
		opt.SortKeys, opt.IgnorePrivate, opt.IgnoreNone = flag("sort_keys"), flag("ignore_private"), flag("ignore_none")
		if v, ok := d.Get("sep"); ok && v != eval.None && v != eval.Undefined {
			sep = eval.ToStr(v)
		}
	}
	l, ok := values.(*eval.List)
	if !ok {
		return nil, eval.Errorf(eval.ErrType, "yaml_stream() argument 'values': expected list, got %s", values.Type())
	}
	docs := make([]string, len(l.Elems))
	for i, v := range l.Elems {
		docs[i] = strings.TrimSuffix(libkit.YAML(v, opt), "\n")
	}
	out := strings.Join(docs, "\n"+sep+"\n")
	if out != "" {
		out += "\n"
	}
	th.SetManifestsOutput([]byte(out))
	return eval.None, nil
}
