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
	return fromYAMLNode(node.Content[0])
}

// fromYAMLNode converts a decoded YAML node, keeping mapping order.
func fromYAMLNode(n *yaml.Node) (eval.Value, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		switch x := v.(type) {
		case nil:
			return eval.None, nil
		case bool:
			return eval.Bool(x), nil
		case int:
			return eval.Int(x), nil
		case int64:
			return eval.Int(x), nil
		case float64:
			return eval.Float(x), nil
		case string:
			return eval.Str(x), nil
		}
		return eval.Str(n.Value), nil
	case yaml.SequenceNode:
		l := eval.NewList(nil)
		for _, c := range n.Content {
			v, err := fromYAMLNode(c)
			if err != nil {
				return nil, err
			}
			l.Append(v)
		}
		return l, nil
	case yaml.MappingNode:
		d := eval.NewDict(len(n.Content) / 2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := fromYAMLNode(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			d.Set(n.Content[i].Value, v)
		}
		return d, nil
	case yaml.AliasNode:
		return fromYAMLNode(n.Alias)
	}
	return eval.None, nil
}
