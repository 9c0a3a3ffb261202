// Package collection is KCL's collection system module (upstream
// kclvm/runtime/src/collection; no page in reference/kcl-docs/model):
// union_all merges a list of configs.
package collection

import (
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("collection", New) }

// New returns the collection module.
func New() *eval.Module {
	return libkit.Module("collection", libkit.Funcs(map[string]eval.BuiltinFunc{
		"union_all": unionAll,
	}), nil)
}

// union_all(configs: [{str:}]) -> {str:} is the union (`|`) of the
// configs in order, on a copy of the first; {} for an empty or false
// argument, or one that is not a list.
func unionAll(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var x eval.Value
	if err := eval.UnpackArgs("union_all", args, "configs", &x); err != nil {
		return nil, err
	}
	l, ok := x.(*eval.List)
	if !ok || len(l.Elems) == 0 {
		return eval.NewDict(0), nil
	}
	acc := eval.DeepCopy(l.Elems[0])
	for _, v := range l.Elems[1:] {
		var err error
		if acc, err = eval.Union(th, acc, v); err != nil {
			return nil, err
		}
	}
	return acc, nil
}
