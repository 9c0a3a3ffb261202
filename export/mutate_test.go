package export

// This file breaks a valid input in one place, at a random position the
// schema constrains, to make the invalid variants of the faithfulness
// test.

import (
	"fmt"
	"sort"
	"strings"

	"akua.dev/akua/kcl/eval"
)

// A site is a value in an input and the schema that constrains it.
type site struct {
	set    func(any) // replaces the value in its parent
	del    func()    // removes it from its parent mapping (nil for items)
	value  any       // the value
	schema map[string]any
}

// sites lists the positions of v, depth first.
func (z *fuzzer) sites(v any, s map[string]any, set func(any), del func(), out *[]site) {
	s = z.deref(s)
	*out = append(*out, site{set: set, del: del, value: v, schema: s})
	if v == nil {
		return
	}
	if anyOf, ok := s["anyOf"].([]any); ok {
		// Descend only into a nullable single schema (T | None).
		var only map[string]any
		for _, m := range anyOf {
			if mm := m.(map[string]any); mm["type"] != "null" {
				if only != nil {
					return
				}
				only = mm
			}
		}
		if only != nil {
			*out = (*out)[:len(*out)-1]
			z.sites(v, only, set, del, out)
		}
		return
	}
	switch x := v.(type) {
	case *eval.OrderedMap:
		props, _ := s["properties"].(map[string]any)
		for _, k := range append([]string(nil), x.Keys...) {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if add, isSchema := s["additionalProperties"].(map[string]any); isSchema {
					ps = add
				} else {
					continue
				}
			}
			z.sites(x.Values[k], ps, func(nv any) { x.Set(k, nv) }, func() { deleteKey(x, k) }, out)
		}
	case []any:
		items, ok := s["items"].(map[string]any)
		if !ok {
			return
		}
		for i := range x {
			z.sites(x[i], items, func(nv any) { x[i] = nv }, nil, out)
		}
	}
}

func deleteKey(m *eval.OrderedMap, k string) {
	if _, ok := m.Values[k]; !ok {
		return
	}
	delete(m.Values, k)
	for i, x := range m.Keys {
		if x == k {
			m.Keys = append(m.Keys[:i], m.Keys[i+1:]...)
			return
		}
	}
}

// mutate returns a copy of valid broken in one place, and what was done.
func (z *fuzzer) mutate(valid any) (any, string) {
	v := deepCopyValue(valid)
	var all []site
	z.sites(v, z.root, func(nv any) { v = nv }, nil, &all)
	for try := 0; try < 20; try++ {
		st := all[z.rnd.Intn(len(all))]
		var muts []func() string
		s := st.schema
		if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
			muts = append(muts, func() string { st.set("zz-not-in-enum"); return "value outside enum" })
		}
		if ts := types(s); len(ts) > 0 {
			muts = append(muts, func() string {
				w := z.wrongValue(ts)
				st.set(w)
				return fmt.Sprintf("wrong type %T", w)
			})
		}
		if st.value != nil {
			muts = append(muts, func() string { st.set(nil); return "null" })
		}
		if st.del != nil {
			muts = append(muts, func() string { st.del(); return "property removed" })
		}
		for _, b := range []struct {
			key   string
			delta int64
		}{{"minimum", -1}, {"exclusiveMinimum", 0}, {"maximum", 1}, {"exclusiveMaximum", 0}} {
			if n, ok := s[b.key].(int64); ok {
				muts = append(muts, func() string { st.set(n + b.delta); return "outside " + b.key })
			}
		}
		if m, ok := s["multipleOf"].(int64); ok && m > 1 {
			muts = append(muts, func() string { st.set(m + 1); return "not a multiple" })
		}
		if n, ok := s["maxLength"].(int64); ok {
			muts = append(muts, func() string { st.set(strings.Repeat("x", int(n)+1)); return "too long" })
		}
		if n, ok := s["minLength"].(int64); ok && n > 0 {
			muts = append(muts, func() string { st.set(strings.Repeat("x", int(n)-1)); return "too short" })
		}
		if _, ok := s["pattern"].(string); ok {
			muts = append(muts, func() string { st.set("NOT VALID!"); return "pattern mismatch" })
		}
		if l, ok := st.value.([]any); ok {
			if n, ok := s["maxItems"].(int64); ok {
				muts = append(muts, func() string {
					items, _ := s["items"].(map[string]any)
					for int64(len(l)) <= n {
						l = append(l, z.valid(items, 3))
					}
					st.set(l)
					return "too many items"
				})
			}
			if n, ok := s["minItems"].(int64); ok && n > 0 && int64(len(l)) >= n {
				muts = append(muts, func() string { st.set(l[:n-1]); return "too few items" })
			}
		}
		if m, ok := st.value.(*eval.OrderedMap); ok {
			if s["additionalProperties"] == false {
				muts = append(muts, func() string { m.Set("zz_unknown", int64(1)); return "unknown property" })
			}
			req := asList(s["required"])
			if len(req) > 0 {
				k := req[z.rnd.Intn(len(req))].(string)
				muts = append(muts, func() string { deleteKey(m, k); return "required " + k + " removed" })
				muts = append(muts, func() string { m.Set(k, nil); return "required " + k + " null" })
			}
			if pn, ok := s["propertyNames"].(map[string]any); ok && pn["enum"] != nil {
				muts = append(muts, func() string { m.Set("zz_bad_key", "v"); return "bad key" })
			}
		}
		if len(muts) > 0 {
			return v, muts[z.rnd.Intn(len(muts))]()
		}
	}
	return v, "unchanged"
}

// wrongValue is a value of a JSON type none of ts.
func (z *fuzzer) wrongValue(ts []string) any {
	allowed := map[string]bool{}
	for _, t := range ts {
		allowed[t] = true
	}
	if allowed["number"] {
		allowed["integer"] = true
	}
	candidates := []struct {
		t string
		v any
	}{{"string", "wrong"}, {"integer", int64(7)}, {"boolean", true}, {"array", []any{}},
		{"object", eval.NewOrderedMap(0)}, {"number", 1.5}}
	var wrong []any
	for _, c := range candidates {
		if !allowed[c.t] {
			wrong = append(wrong, c.v)
		}
	}
	if len(wrong) == 0 {
		return nil
	}
	return wrong[z.rnd.Intn(len(wrong))]
}

func deepCopyValue(v any) any {
	switch x := v.(type) {
	case *eval.OrderedMap:
		m := eval.NewOrderedMap(x.Len())
		for _, k := range x.Keys {
			m.Set(k, deepCopyValue(x.Values[k]))
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopyValue(e)
		}
		return l
	}
	return v
}

// sortedCounts formats a tally deterministically.
func sortedCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%d", k, m[k])
	}
	return b.String()
}
