package kcl

import (
	"strings"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// parseOptions turns `-D key=value` arguments into the option dict.
// Values are read as YAML scalars, lists or dicts, so `-D n=1` is an int
// and `-D s=abc` a string.
func parseOptions(args []string) (*eval.Dict, error) {
	d := eval.NewDict(len(args))
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return nil, &diag.Diagnostic{Code: diag.IllegalParameter, Message: "invalid option " + a + ": expected key=value"}
		}
		val, err := parseOptionValue(v)
		if err != nil {
			return nil, &diag.Diagnostic{Code: diag.IllegalParameter, Message: "invalid value of option " + k + ": " + err.Error()}
		}
		d.Set(k, val)
	}
	return d, nil
}

func parseOptionValue(s string) (eval.Value, error) {
	if s == "" {
		return eval.Str(""), nil
	}
	var node yaml.Node
	if err := yaml.Unmarshal([]byte(s), &node); err != nil {
		return eval.Str(s), nil
	}
	if len(node.Content) == 0 {
		return eval.Str(s), nil
	}
	return eval.FromGo(&node)
}
