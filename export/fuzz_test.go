package export

// This file generates inputs from an exported JSON Schema: values the
// schema should accept, and variants broken in one place (a required
// property removed, a wrong type, a value outside an enum or a bound,
// too many items, an unknown property on a closed object, ...). The
// generator is best effort; the validator's verdict is what the
// faithfulness test compares with render's.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"regexp"
	"sort"
	"strings"

	"akua.dev/akua/kcl/eval"
)

type fuzzer struct {
	rnd  *rand.Rand
	root map[string]any
	// minimal makes valid generate required properties only.
	minimal bool
}

// newFuzzer reads a JSON Schema document; numbers keep their spelling
// (1.0 is a float, 1 an int), as KCL tells them apart.
func newFuzzer(doc []byte, seed int64) (*fuzzer, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	return &fuzzer{rnd: rand.New(rand.NewSource(seed)), root: fixNumbers(root).(map[string]any)}, nil
}

func fixNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if !strings.ContainsAny(string(x), ".eE") {
			i, _ := x.Int64()
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = fixNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = fixNumbers(e)
		}
	}
	return v
}

// deref follows $ref to a definition.
func (z *fuzzer) deref(s map[string]any) map[string]any {
	for i := 0; i < 32; i++ {
		r, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		switch {
		case r == "#":
			s = z.root
		case strings.HasPrefix(r, "#/$defs/"):
			s = z.root["$defs"].(map[string]any)[strings.TrimPrefix(r, "#/$defs/")].(map[string]any)
		default:
			panic("unexpected $ref " + r)
		}
	}
	return s
}

func (z *fuzzer) chance(p float64) bool { return z.rnd.Float64() < p }

func types(s map[string]any) []string {
	switch t := s["type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, x.(string))
		}
		return out
	}
	return nil
}

// valid generates a value s should accept.
func (z *fuzzer) valid(s map[string]any, depth int) any {
	s = z.deref(s)
	if enum, ok := s["enum"].([]any); ok {
		if len(enum) == 0 {
			return nil
		}
		v := enum[z.rnd.Intn(len(enum))]
		if v == nil && len(enum) > 1 && !z.chance(0.3) {
			v = enum[0]
		}
		return v
	}
	if anyOf, ok := s["anyOf"].([]any); ok {
		m := anyOf[z.rnd.Intn(len(anyOf))].(map[string]any)
		if m["type"] == "null" && !z.chance(0.3) {
			m = anyOf[0].(map[string]any)
		}
		return z.valid(m, depth)
	}
	ts := types(s)
	if len(ts) == 0 {
		// Anything goes.
		return []any{"any", int64(7), true, nil}[z.rnd.Intn(4)]
	}
	t := ts[0]
	if len(ts) > 1 && z.chance(0.1) {
		t = ts[z.rnd.Intn(len(ts))]
	}
	for i := 0; i < 20; i++ {
		v := z.validOf(t, s, depth)
		if not, ok := s["not"].(map[string]any); !ok || !containsValue(not["enum"].([]any), v) {
			return v
		}
	}
	return nil
}

func (z *fuzzer) validOf(t string, s map[string]any, depth int) any {
	switch t {
	case "null":
		return nil
	case "boolean":
		return z.chance(0.5)
	case "integer":
		lo, hi := z.bounds(s, true)
		if m, ok := s["multipleOf"].(int64); ok && m > 0 {
			klo, khi := ceilDiv(lo, m), floorDiv(hi, m)
			if khi < klo {
				return klo * m
			}
			return (klo + z.rnd.Int63n(khi-klo+1)) * m
		}
		return lo + z.rnd.Int63n(hi-lo+1)
	case "number":
		lo, hi := z.bounds(s, false)
		return float64(lo) + 0.25 + float64(z.rnd.Int63n(max(hi-lo, 1)))
	case "string":
		return z.str(s)
	case "array":
		n := int64(z.rnd.Intn(4))
		if mn, ok := s["minItems"].(int64); ok && n < mn {
			n = mn
		}
		if mx, ok := s["maxItems"].(int64); ok && n > mx {
			n = mx
		}
		if depth > 4 {
			n = 0
		}
		items, _ := s["items"].(map[string]any)
		out := []any{}
		for i := int64(0); i < n; i++ {
			if items == nil {
				out = append(out, fmt.Sprint("item", i))
			} else {
				out = append(out, z.valid(items, depth+1))
			}
		}
		return out
	case "object":
		return z.object(s, depth)
	}
	panic("unknown type " + t)
}

// bounds is the inclusive range for numbers of s.
func (z *fuzzer) bounds(s map[string]any, integer bool) (lo, hi int64) {
	lo, hi = -3, 200
	if v, ok := num(s["minimum"]); ok {
		lo = int64(v)
		if float64(lo) < v {
			lo++
		}
	}
	if v, ok := num(s["exclusiveMinimum"]); ok {
		lo = int64(v) + 1
	}
	if v, ok := num(s["maximum"]); ok {
		hi = int64(v)
		if !integer {
			hi--
		}
	}
	if v, ok := num(s["exclusiveMaximum"]); ok {
		hi = int64(v) - 1
	}
	if hi-lo > 1000 {
		hi = lo + 1000
	}
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-."

func (z *fuzzer) str(s map[string]any) string {
	mn, _ := s["minLength"].(int64)
	mx, ok := s["maxLength"].(int64)
	if !ok {
		mx = mn + 10
	}
	var re *regexp.Regexp
	if p, ok := s["pattern"].(string); ok {
		re = regexp.MustCompile(p)
	}
	for try := 0; try < 200; try++ {
		n := mn + z.rnd.Int63n(max(mx-mn+1, 1))
		var b strings.Builder
		for i := int64(0); i < n; i++ {
			b.WriteByte(alphabet[z.rnd.Intn(26+z.rnd.Intn(len(alphabet)-25))])
		}
		if re == nil || re.MatchString(b.String()) {
			return b.String()
		}
	}
	return strings.Repeat("a", int(mn))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (z *fuzzer) object(s map[string]any, depth int) *eval.OrderedMap {
	out := eval.NewOrderedMap(0)
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	for _, r := range asList(s["required"]) {
		required[r.(string)] = true
	}
	for _, k := range sortedKeys(props) {
		if required[k] || (!z.minimal && depth < 4 && z.chance(0.5)) {
			out.Set(k, z.valid(props[k].(map[string]any), depth+1))
		}
	}
	if pats, ok := s["patternProperties"].(map[string]any); ok && !z.minimal && z.chance(0.2) {
		for _, p := range sortedKeys(pats) {
			if name := literalPattern(p); name != "" && !required[name] {
				out.Set(name, z.valid(pats[p].(map[string]any), depth+1))
			}
		}
	}
	add, _ := s["additionalProperties"].(map[string]any)
	if _, closed := s["additionalProperties"].(bool); !closed && !z.minimal && depth < 4 {
		var names []any
		if pn, ok := s["propertyNames"].(map[string]any); ok {
			names, _ = pn["enum"].([]any)
			if names == nil {
				return out // no key is valid
			}
		}
		for i := z.rnd.Intn(3); i > 0; i-- {
			key := fmt.Sprintf("key%d", z.rnd.Intn(100))
			if names != nil {
				key = names[z.rnd.Intn(len(names))].(string)
			}
			if _, taken := props[key]; taken {
				continue
			}
			if add == nil {
				out.Set(key, "v")
			} else {
				out.Set(key, z.valid(add, depth+1))
			}
		}
	}
	return out
}

// literalPattern is the name a ^name$ pattern matches, or "".
func literalPattern(p string) string {
	if !strings.HasPrefix(p, "^") || !strings.HasSuffix(p, "$") {
		return ""
	}
	name := strings.ReplaceAll(p[1:len(p)-1], `\`, "")
	if regexp.QuoteMeta(name) != p[1:len(p)-1] {
		return ""
	}
	return name
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }
