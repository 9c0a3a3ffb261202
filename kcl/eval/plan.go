package eval

// This file holds planning: turning a value into the plain tree that is
// printed as YAML or JSON (upstream's val_plan.rs filter_results and
// val_json.rs build_json).

import "sort"

// PlanOptions control planning and output. The zero value is upstream's
// default for `kcl run`.
type PlanOptions struct {
	// SortKeys sorts the keys of every dict (`--sort_keys`).
	SortKeys bool
	// DisableNone drops None values from dicts and lists (`-n`).
	DisableNone bool
	// ShowHidden keeps keys starting with `_` (`--show_hidden`); by
	// default they are dropped from every dict and schema. The json and
	// yaml encoders of the system modules and "${x: #json}" keep them,
	// as upstream, so their callers pass ShowHidden.
	ShowHidden bool
	// QuoteYAML11 quotes strings a YAML 1.1 reader would take for
	// something else (yes, on, 0o17, 1_000), so the output reads back the
	// same in Kubernetes tooling (kubectl's YAML is 1.1). Off, the output
	// is upstream's (YAML 1.2 rules).
	QuoteYAML11 bool
}

// Plan returns v as a plain tree of *Dict (fresh, keys in order or
// sorted), *List, Str, Int, Float, Bool and None:
//
//   - schema instances become dicts of their attributes;
//   - Undefined values, functions, schema types, rules and modules are
//     dropped from dicts and lists (at the top level they plan to None);
//   - keys starting with `_` are dropped unless opt.ShowHidden;
//   - None values are dropped when opt.DisableNone;
//   - numbers with units become their value: an int for k K M G T P Ki
//     Mi Gi Ti Pi, a float for n u m. (Upstream's runtime prints all of
//     them as floats, 1Ki as 1024.0; its conformance goldens, compared
//     as YAML, mostly show ints, and ints are what Kubernetes manifests
//     want.)
func Plan(v Value, opt PlanOptions) Value {
	if p, ok := plan(v, opt); ok {
		return p
	}
	return None
}

// plan returns the planned v and false when v is dropped.
func plan(v Value, opt PlanOptions) (Value, bool) {
	switch v := v.(type) {
	case nil, UndefinedType:
		return nil, false
	case NoneType:
		return None, !opt.DisableNone
	case Bool, Int, Float, Str:
		return v, true
	case *Unit:
		return v.Num, true
	case *List:
		elems := make([]Value, 0, len(v.Elems))
		for _, e := range v.Elems {
			if p, ok := plan(e, opt); ok {
				elems = append(elems, p)
			}
		}
		return NewList(elems), true
	case *Dict:
		return planDict(v, opt), true
	case *Schema:
		return planDict(v.Attrs, opt), true
	}
	// Functions, schema types, rules, modules.
	return nil, false
}

func planDict(d *Dict, opt PlanOptions) *Dict {
	keys := d.Keys()
	if opt.SortKeys {
		keys = append([]string(nil), keys...)
		sort.Strings(keys)
	}
	out := NewDict(len(keys))
	for _, k := range keys {
		if !opt.ShowHidden && len(k) > 0 && k[0] == '_' {
			continue
		}
		v, _ := d.Get(k)
		if p, ok := plan(v, opt); ok {
			out.Set(k, p)
		}
	}
	return out
}
