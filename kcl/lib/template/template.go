// Package template is KCL's template system module
// (reference/kcl-docs/model/template.md; upstream
// kclvm/runtime/src/template, which uses the handlebars crate):
// execute renders a Handlebars template with data, html_escape escapes
// text for HTML. The Handlebars subset is described in parse.go and
// render.go.
package template

import (
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("template", New) }

// New returns the template module.
func New() *eval.Module {
	return libkit.Module("template", libkit.Funcs(map[string]eval.BuiltinFunc{
		"execute":     execute,
		"html_escape": htmlEscapeFn,
	}), nil)
}

// execute(template: str, data: {str:any} = {}) -> str renders template
// with data as its context.
func execute(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var tmpl string
	var data eval.Value
	if err := eval.UnpackArgs("execute", args, "template", &tmpl, "data?", &data); err != nil {
		return nil, err
	}
	if data == eval.None {
		data = eval.NewDict(0)
	}
	nodes, err := parseTemplate(tmpl)
	if err != nil {
		return nil, eval.Errorf(eval.ErrEval, "execute(): invalid template: %v", err)
	}
	plain := eval.Plan(libkit.UnitsToFloat(data), eval.PlanOptions{ShowHidden: true})
	out, err := render(nodes, plain)
	if err != nil {
		return nil, eval.Errorf(eval.ErrEval, "execute(): %v", err)
	}
	return eval.Str(out), nil
}

// html_escape(data: str) -> str replaces & < > " ' ` = with HTML
// entities, as Handlebars does for {{expr}}.
func htmlEscapeFn(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var data string
	if err := eval.UnpackArgs("html_escape", args, "data", &data); err != nil {
		return nil, err
	}
	return eval.Str(htmlEscape(data)), nil
}
