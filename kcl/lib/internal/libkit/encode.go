package libkit

// This file holds the serialization options of json.encode,
// yaml.encode and manifests.yaml_stream (upstream's JsonEncodeOptions
// and YamlEncodeOptions) and the conversion they share.

import "akua.dev/akua/kcl/eval"

// EncodeOptions are the options of the json and yaml encoders. The zero
// value is upstream's default: keys in order, private (`_x`) keys and
// None values kept, JSON on one line.
type EncodeOptions struct {
	SortKeys      bool
	IgnorePrivate bool
	IgnoreNone    bool
	// Indent is the JSON indent in spaces; 0 (or less) writes one line.
	Indent int
}

// Plan returns the eval.PlanOptions for o.
func (o EncodeOptions) Plan() eval.PlanOptions {
	return eval.PlanOptions{SortKeys: o.SortKeys, DisableNone: o.IgnoreNone, ShowHidden: !o.IgnorePrivate}
}

// JSON encodes v as json.encode does.
func JSON(v eval.Value, o EncodeOptions) string {
	indent := ""
	for i := 0; i < o.Indent; i++ {
		indent += " "
	}
	b, _ := eval.EncodeJSON(UnitsToFloat(v), o.Plan(), indent)
	return string(b)
}

// YAML encodes v as one YAML document, as yaml.encode does (with a
// trailing newline).
func YAML(v eval.Value, o EncodeOptions) string {
	b, _ := eval.EncodeYAML(UnitsToFloat(v), o.Plan())
	return string(b)
}

// UnitsToFloat returns v with every number with a unit (1Ki) replaced
// by its value as a float, as upstream's encoders write them (1024.0);
// schema instances become dicts of their attributes. Containers are
// copied only when something in them changes.
func UnitsToFloat(v eval.Value) eval.Value {
	switch x := v.(type) {
	case *eval.Unit:
		switch n := x.Num.(type) {
		case eval.Int:
			return eval.Float(float64(n))
		default:
			return n
		}
	case *eval.List:
		var out []eval.Value
		for i, e := range x.Elems {
			c := UnitsToFloat(e)
			if out == nil && c != e {
				out = make([]eval.Value, len(x.Elems))
				copy(out, x.Elems[:i])
			}
			if out != nil {
				out[i] = c
			}
		}
		if out == nil {
			return x
		}
		return eval.NewList(out)
	case *eval.Schema:
		return dictUnitsToFloat(x.Attrs, true)
	case *eval.Dict:
		return dictUnitsToFloat(x, false)
	}
	return v
}

func dictUnitsToFloat(d *eval.Dict, force bool) eval.Value {
	var out *eval.Dict
	keys := d.Keys()
	for i, k := range keys {
		e, _ := d.Get(k)
		c := UnitsToFloat(e)
		if out == nil && (c != e || force) {
			out = eval.NewDict(len(keys))
			for _, pk := range keys[:i] {
				pv, _ := d.Get(pk)
				out.Set(pk, pv)
			}
		}
		if out != nil {
			out.Set(k, c)
		}
	}
	if out == nil {
		if force {
			return eval.NewDict(0)
		}
		return d
	}
	return out
}
