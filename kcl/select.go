package kcl

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// selectPaths prints the values at `-S a.b.c` paths. A selected list is
// printed as a stream of documents.
func selectPaths(doc eval.Value, paths []string, opt eval.PlanOptions) ([]byte, error) {
	var out []byte
	for _, p := range paths {
		v := doc
		for _, part := range strings.Split(p, ".") {
			d := configOfValue(v)
			if d == nil {
				return nil, &diag.Diagnostic{Code: diag.EvaluationError, Message: "invalid path selector " + p + ": " + part + " not found"}
			}
			next, ok := d.Get(part)
			if !ok {
				return nil, &diag.Diagnostic{Code: diag.EvaluationError, Message: "invalid path selector " + p + ": " + part + " not found"}
			}
			v = next
		}
		var b []byte
		var err error
		if l, ok := v.(*eval.List); ok {
			b, err = eval.EncodeYAMLStream(l.Elems, opt)
		} else {
			b, err = eval.EncodeYAML(v, opt)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
	}
	return out, nil
}

func configOfValue(v eval.Value) *eval.Dict {
	switch v := v.(type) {
	case *eval.Dict:
		return v
	case *eval.Schema:
		return v.Attrs
	}
	return nil
}
