package render

import (
	"path/filepath"

	"akua.dev/akua/engine/kustomize"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// kustomizeBuild builds a kustomization (akua.kustomize.build).
func (h *host) kustomizeBuild(th *eval.Thread, args *eval.Args) (eval.Value, error) {
	v, err := arg(args, 0, "kustomize.build")
	if err != nil {
		return nil, err
	}
	p, ok := v.(eval.Str)
	if !ok {
		return nil, &diag.Diagnostic{Code: HostArgsError, Message: "kustomize.build: path is a " + v.Type() + ", want a str"}
	}
	dir, root, err := h.path(string(p))
	if err != nil {
		return nil, err
	}
	docs, err := kustomize.Build(h.ctx, kustomize.Options{Root: root, Path: filepath.Clean(dir)})
	if err != nil {
		return nil, err
	}
	return documents("kustomize", docs)
}
