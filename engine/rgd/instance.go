package rgd

// This file checks an instance against the RGD's SimpleSchema and
// applies defaults, as the API server does for the CRD kro generates:
// nulls are dropped, absent fields take their default (recursively, so
// a defaulted struct gets its fields' defaults), then types, required
// fields, enums, bounds, patterns and validation rules are checked.
// Unlike the API server it refuses unknown fields instead of pruning
// them: at compile time an unknown field is a typo worth reporting.

import (
	"fmt"
	"math"
	"unicode/utf8"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// A validator collects the problems found in one value.
type validator struct {
	rules *ruleChecker // nil: validation markers are not evaluated
	errs  []*diag.Diagnostic
}

func (v *validator) fail(path, hint, format string, args ...any) {
	d := errorf(CodeSchema, path, format, args...)
	d.Suggestion = hint
	v.errs = append(v.errs, d)
}

// value checks x against f and returns x with defaults applied.
func (v *validator) value(f *field, x any, path string) any {
	switch f.kind {
	case kStruct:
		m, ok := asMap(x)
		if !ok {
			v.fail(path, "", "expected object, got %s", typeName(x))
			return x
		}
		x = v.structValue(f, m, path)
	case kObject:
		if _, ok := asMap(x); !ok {
			v.fail(path, "", "expected object, got %s", typeName(x))
			return x
		}
	case kMap:
		m, ok := asMap(x)
		if !ok {
			v.fail(path, "", "expected %s, got %s", f.typeName, typeName(x))
			return x
		}
		out := eval.NewOrderedMap(m.Len())
		for _, k := range m.Keys {
			if e := m.Values[k]; e != nil {
				out.Set(k, v.value(f.elem, e, joinKey(path, k)))
			}
		}
		x = out
	case kArray:
		l, ok := x.([]any)
		if !ok {
			v.fail(path, "", "expected %s, got %s", f.typeName, typeName(x))
			return x
		}
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = v.value(f.elem, e, joinIndex(path, i))
		}
		v.arrayBounds(f, out, path)
		x = out
	case kString:
		s, ok := x.(string)
		if !ok {
			v.fail(path, "", "expected string, got %s", typeName(x))
			return x
		}
		v.stringBounds(f, s, path)
	case kInteger:
		switch n := x.(type) {
		case int64:
		case float64:
			if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
				v.fail(path, "", "expected integer, got float %v", n)
				return x
			}
			x = int64(n)
		default:
			v.fail(path, "", "expected integer, got %s", typeName(x))
			return x
		}
		v.numberBounds(f, x, path)
	case kFloat:
		if _, ok := toFloat(x); !ok {
			v.fail(path, "", "expected float, got %s", typeName(x))
			return x
		}
		v.numberBounds(f, x, path)
	case kBoolean:
		if _, ok := x.(bool); !ok {
			v.fail(path, "", "expected boolean, got %s", typeName(x))
			return x
		}
	}
	if v.rules != nil {
		for _, rule := range f.rules {
			if err := v.rules.check(rule, x); err != nil {
				v.fail(path, "", "%v", err)
			}
		}
	}
	return x
}

// structValue checks the fields of a struct in declaration order, so
// the result's key order follows the schema, not the caller.
func (v *validator) structValue(f *field, m *eval.OrderedMap, path string) *eval.OrderedMap {
	out := eval.NewOrderedMap(len(f.names))
	for _, name := range f.names {
		cf, cpath := f.props[name], joinKey(path, name)
		cv, ok := m.Get(name)
		if !ok || cv == nil {
			if !cf.hasDefault {
				if contains(f.required, name) {
					v.fail(cpath, "", "required field is missing")
				}
				continue
			}
			cv = deepCopy(cf.def)
		}
		out.Set(name, v.value(cf, cv, cpath))
	}
	for _, k := range m.Keys {
		if _, ok := f.props[k]; !ok {
			v.fail(joinKey(path, k), didYouMean(k, f.names), "unknown field (the schema declares %s)", quoteList(f.names))
		}
	}
	return out
}

func (v *validator) stringBounds(f *field, s, path string) {
	if len(f.enum) > 0 && !contains(f.enum, any(s)) {
		var names []string
		for _, e := range f.enum {
			names = append(names, e.(string))
		}
		v.fail(path, didYouMean(s, names), "%q is not one of %s", s, quoteList(names))
	}
	n := int64(utf8.RuneCountInString(s))
	if f.minLength != nil && n < *f.minLength {
		v.fail(path, "", "length %d is less than minLength %d", n, *f.minLength)
	}
	if f.maxLength != nil && n > *f.maxLength {
		v.fail(path, "", "length %d is more than maxLength %d", n, *f.maxLength)
	}
	if f.pattern != nil && !f.pattern.MatchString(s) {
		v.fail(path, "", "%q does not match pattern %s", s, f.pattern)
	}
}

func (v *validator) numberBounds(f *field, x any, path string) {
	if len(f.enum) > 0 && !contains(f.enum, x) {
		v.fail(path, "", "%v is not one of %s", x, quoteList(anyStrings(f.enum)))
	}
	n, _ := toFloat(x)
	if f.minimum != nil && n < *f.minimum {
		v.fail(path, "", "%v is less than minimum %v", x, *f.minimum)
	}
	if f.maximum != nil && n > *f.maximum {
		v.fail(path, "", "%v is more than maximum %v", x, *f.maximum)
	}
}

func (v *validator) arrayBounds(f *field, l []any, path string) {
	n := int64(len(l))
	if f.minItems != nil && n < *f.minItems {
		v.fail(path, "", "%d items, fewer than minItems %d", n, *f.minItems)
	}
	if f.maxItems != nil && n > *f.maxItems {
		v.fail(path, "", "%d items, more than maxItems %d", n, *f.maxItems)
	}
	if f.unique {
		seen := map[string]int{}
		for i, e := range l {
			k := jsonText(e)
			if j, dup := seen[k]; dup {
				v.fail(joinIndex(path, i), "", "duplicate of item %d (uniqueItems)", j)
			}
			seen[k] = i
		}
	}
}

// instanceKeys are the top-level keys an instance may have; status is
// accepted and dropped (a cluster writes it).
var instanceKeys = []string{"apiVersion", "kind", "metadata", "spec", "status"}

// schemaVar checks the instance and builds the value of the CEL
// variable `schema`: apiVersion, kind, metadata and the defaulted spec.
func schemaVar(d *definition, instance any, rules *ruleChecker) (*eval.OrderedMap, error) {
	inst, ok := asMap(instance)
	if !ok {
		return nil, errorf(CodeSchema, "", "the instance must be an object, got %s", typeName(instance))
	}
	v := &validator{rules: rules}
	for _, k := range inst.Keys {
		if !contains(instanceKeys, k) {
			v.fail(joinKey("", k), didYouMean(k, instanceKeys), "unknown top-level field of the instance")
		}
	}
	if s, ok := get(inst, "apiVersion"); ok && s != d.apiVersion {
		v.fail("apiVersion", "use "+d.apiVersion+" or leave it out", "instance apiVersion %s does not match the RGD's %s", jsonText(s), d.apiVersion)
	}
	if s, ok := get(inst, "kind"); ok && s != d.kind {
		v.fail("kind", "use "+d.kind+" or leave it out", "instance kind %s does not match the RGD's %s", jsonText(s), d.kind)
	}
	meta, ok := get(inst, "metadata")
	metaMap, isMap := asMap(meta)
	switch {
	case !ok:
		v.fail("metadata", "set metadata.name on the instance", "the instance has no metadata")
	case !isMap:
		v.fail("metadata", "", "expected object, got %s", typeName(meta))
	default:
		if name, _ := get(metaMap, "name"); name == nil || name == "" {
			v.fail("metadata.name", "set metadata.name on the instance", "the instance has no name")
		} else if _, isStr := name.(string); !isStr {
			v.fail("metadata.name", "", "expected string, got %s", typeName(name))
		}
	}
	spec, _ := get(inst, "spec")
	if spec == nil {
		spec = eval.NewOrderedMap(0)
	}
	spec = v.value(d.spec, spec, "spec")
	if len(v.errs) > 0 {
		if len(v.errs) == 1 {
			return nil, v.errs[0]
		}
		return nil, diag.List(v.errs)
	}
	out := eval.NewOrderedMap(4)
	out.Set("apiVersion", d.apiVersion)
	out.Set("kind", d.kind)
	out.Set("metadata", deepCopy(meta))
	out.Set("spec", spec)
	return out, nil
}

func toFloat(x any) (float64, bool) {
	switch n := x.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func contains[T comparable](list []T, x T) bool {
	for _, e := range list {
		if e == x {
			return true
		}
	}
	return false
}

func anyStrings(xs []any) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprint(x)
	}
	return out
}
