// Package libkit holds what the system modules under kcl/lib share:
// building a module value, the encoding options of json, yaml and
// manifests, and file access confined to the host's file root.
package libkit

import (
	"sort"

	"akua.dev/akua/kcl/eval"
)

// A Func is one function of a system module.
type Func struct {
	Fn eval.BuiltinFunc
	// Nondeterministic marks functions that read the clock, randomness
	// or the environment: they are refused when the thread asks for
	// determinism.
	Nondeterministic bool
}

// Module returns the system module name with the given functions and
// constants, its members in name order. Each function is a builtin
// named "module.function".
func Module(name string, funcs map[string]Func, consts map[string]eval.Value) *eval.Module {
	keys := make([]string, 0, len(funcs)+len(consts))
	for k := range funcs {
		keys = append(keys, k)
	}
	for k := range consts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	members := eval.NewDict(len(keys))
	for _, k := range keys {
		if f, ok := funcs[k]; ok {
			b := eval.NewBuiltin(name+"."+k, f.Fn)
			b.Nondeterministic = f.Nondeterministic
			members.Set(k, b)
			continue
		}
		members.Set(k, consts[k])
	}
	return &eval.Module{Name: name, Members: members}
}

// Funcs is a shorthand for a map of deterministic functions.
func Funcs(fns map[string]eval.BuiltinFunc) map[string]Func {
	out := make(map[string]Func, len(fns))
	for k, fn := range fns {
		out[k] = Func{Fn: fn}
	}
	return out
}
