package render

import (
	"fmt"

	"akua.dev/akua/engine/helm"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// helmTemplate renders a chart (akua.helm.template; SPEC §5 Helm) and
// applies the postRenderer lambda to each resource.
func (h *host) helmTemplate(th *eval.Thread, args *eval.Args) (eval.Value, error) {
	opts, err := arg(args, 0, "helm.template")
	if err != nil {
		return nil, err
	}
	chart, _ := strField(opts, "chart")
	chartPath, root, err := h.path(chart)
	if err != nil {
		return nil, err
	}
	o := helm.Options{Root: root, Chart: chartPath}
	if v, ok := field(opts, "values"); ok {
		o.Values, _ = eval.PlainMaps(eval.ToGo(v)).(map[string]any)
	}
	o.Release, _ = strField(opts, "release")
	o.Namespace, _ = strField(opts, "namespace")
	o.KubeVersion, _ = strField(opts, "kubeVersion")
	if v, ok := field(opts, "apiVersions"); ok {
		if l, ok := v.(*eval.List); ok {
			for _, e := range l.Elems {
				if s, ok := e.(eval.Str); ok {
					o.APIVersions = append(o.APIVersions, string(s))
				}
			}
		}
	}
	o.IncludeCRDs = boolField(opts, "includeCRDs", true)
	o.SkipTests = boolField(opts, "skipTests", false)
	docs, err := helm.Template(h.ctx, o)
	if err != nil {
		return nil, err
	}
	raw := make([][]byte, len(docs))
	for i, d := range docs {
		raw[i] = d.YAML
	}
	list, err := documents("helm", raw)
	if err != nil {
		return nil, err
	}
	post, ok := field(opts, "postRenderer")
	if !ok {
		return list, nil
	}
	return postRender(th, post, list)
}

// postRender calls fn on each resource: a dict replaces it, None drops it.
func postRender(th *eval.Thread, fn eval.Value, list *eval.List) (eval.Value, error) {
	c, ok := fn.(eval.Callable)
	if !ok {
		return nil, &diag.Diagnostic{Code: HostArgsError, Message: "postRenderer is a " + fn.Type() + ", want a lambda"}
	}
	out := make([]eval.Value, 0, len(list.Elems))
	for i, r := range list.Elems {
		v, err := c.Call(th, &eval.Args{Pos: []eval.Value{r}})
		if err != nil {
			return nil, err
		}
		switch v.(type) {
		case eval.NoneType:
		case *eval.Dict, *eval.Schema:
			out = append(out, v)
		default:
			return nil, &diag.Diagnostic{Code: HostArgsError,
				Message:    fmt.Sprintf("postRenderer returned a %s for resource %d, want a dict (or None to drop it)", v.Type(), i),
				Suggestion: "end the lambda with the resource: lambda r { r | {...} }"}
		}
	}
	return eval.NewList(out), nil
}

func boolField(v eval.Value, name string, def bool) bool {
	f, ok := field(v, name)
	if !ok {
		return def
	}
	b, ok := f.(eval.Bool)
	if !ok {
		return def
	}
	return bool(b)
}
