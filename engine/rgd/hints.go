package rgd

// This file turns evaluation failures into suggestions. The common one
// is a missing key: a misspelt field, an optional schema field the user
// left out, or a field a cluster would fill but the template does not
// set.

import (
	"fmt"
	"strconv"
	"strings"

	"akua.dev/akua/kcl/diag"
)

// evalHint suggests a fix for an evaluation error of e.
func evalHint(e *expr, vars map[string]any, msg string) string {
	if key, ok := strings.CutPrefix(msg, "no such key: "); ok {
		return missingKeyHint(e, vars, key)
	}
	if strings.Contains(msg, "no such overload") {
		return "the operand types do not fit the operator or function; convert explicitly, e.g. string(x), int(x), double(x)"
	}
	return ""
}

// missingKeyHint finds the reference that read key and looks at the
// map it read from.
func missingKeyHint(e *expr, vars map[string]any, key string) string {
	for _, ref := range e.compiled.refs {
		for i, seg := range ref.path {
			if seg != key {
				continue
			}
			parent, ok := lookup(vars[ref.root], ref.path[:i])
			m, isMap := asMap(parent)
			if !ok || !isMap {
				continue
			}
			if _, has := m.Get(key); has {
				continue
			}
			prefix := strings.Join(append([]string{ref.root}, ref.path[:i]...), ".")
			if near := diag.Nearest(key, m.Keys); near != "" {
				return fmt.Sprintf("did you mean %s.%s?", prefix, near)
			}
			if ref.root == "schema" && (len(ref.path) == 0 || ref.path[0] != "spec") {
				return fmt.Sprintf("%s.%s is not set on the instance: set it there, or guard it with has(%s.%s) or %s.?%s.orValue(...)",
					prefix, key, prefix, key, prefix, key)
			}
			if ref.root == "schema" {
				return fmt.Sprintf("%s.%s is not set: give the field a default=... marker in the schema, or guard it with has(%s.%s) or %s.?%s.orValue(...)",
					prefix, key, prefix, key, prefix, key)
			}
			return fmt.Sprintf("%s has no %s: at compile time only the fields written in the template of %s are known", prefix, key, ref.root)
		}
	}
	return ""
}

// lookup follows a constant path through maps and lists.
func lookup(x any, path []string) (any, bool) {
	for _, seg := range path {
		if strings.HasPrefix(seg, "[") {
			l, ok := x.([]any)
			i, err := strconv.Atoi(strings.Trim(seg, "[]"))
			if !ok || err != nil || i < 0 || i >= len(l) {
				return nil, false
			}
			x = l[i]
			continue
		}
		v, ok := get(x, seg)
		if !ok {
			return nil, false
		}
		x = v
	}
	return x, true
}
