package rgd

// This file finds the ${...} expressions of a resource: in every string
// of its template and in its includeWhen/readyWhen lists. A string that
// is exactly one ${expr} is standalone and takes the expression's value
// with its type; any other string holding expressions is a template
// whose expressions must all give strings (kro's rule). Map keys are
// never evaluated, as in kro.

import (
	"fmt"
	"strings"

	"akua.dev/akua/kcl/eval"
)

// An expr is one ${...} expression of an RGD.
type expr struct {
	src      string // CEL source between ${ and }
	path     string // data path of the string holding it
	resource *resource
	compiled *compiled // set by compile
}

// A part is a piece of a template string: literal text or an expression.
type part struct {
	lit string
	e   *expr
}

// A tmplString is a template string that holds expressions.
type tmplString struct {
	parts      []part
	standalone bool
}

// splitExprs cuts s into literal text and ${...} expressions. Braces
// inside an expression nest (map literals), and quotes start CEL string
// literals in which braces and "${" are plain text, so ${"${VAR}"}
// yields the literal ${VAR} as kro documents.
func splitExprs(s string) ([]part, error) {
	var parts []part
	i := 0
	for {
		j := strings.Index(s[i:], "${")
		if j < 0 {
			if i < len(s) {
				parts = append(parts, part{lit: s[i:]})
			}
			return parts, nil
		}
		start := i + j
		if start > i {
			parts = append(parts, part{lit: s[i:start]})
		}
		end, err := exprEnd(s, start+2)
		if err != nil {
			return nil, err
		}
		src := s[start+2 : end]
		if strings.TrimSpace(src) == "" {
			return nil, fmt.Errorf("empty expression ${}")
		}
		parts = append(parts, part{e: &expr{src: src}})
		i = end + 1
	}
}

// exprEnd returns the index of the } closing an expression whose text
// starts at k.
func exprEnd(s string, k int) (int, error) {
	depth, quote := 1, byte(0)
	for ; k < len(s); k++ {
		c := s[k]
		if quote != 0 {
			switch c {
			case '\\':
				k++
			case quote:
				quote = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			quote = c
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return k, nil
			}
		case '$':
			if k+1 < len(s) && s[k+1] == '{' {
				return 0, fmt.Errorf("nested ${ inside an expression; quote it as a CEL string (\"${...}\") to mean the text")
			}
		}
	}
	return 0, fmt.Errorf("unterminated ${ (no closing })")
}

// parseString returns the template form of s, or nil when s holds no
// expression.
func parseString(s string) (*tmplString, error) {
	if !strings.Contains(s, "${") {
		return nil, nil
	}
	parts, err := splitExprs(s)
	if err != nil {
		return nil, err
	}
	// s holds "${", so parts holds an expression (or splitExprs failed).
	return &tmplString{parts: parts, standalone: len(parts) == 1 && parts[0].e != nil}, nil
}

// scanTemplate records the template strings of r's template and
// returns their expressions in document order.
func scanTemplate(r *resource, tmpl *eval.OrderedMap, path string) ([]*expr, error) {
	var out []*expr
	var walk func(x any, path string) error
	walk = func(x any, path string) error {
		switch x := x.(type) {
		case *eval.OrderedMap:
			for _, k := range x.Keys {
				kp := joinKey(path, k)
				if strings.Contains(k, "${") {
					return withSuggestion(errorf(CodeDefinition, kp, "resource %q: map key %q holds an expression; kro never evaluates keys", r.id, k),
						"build the whole map in one expression, e.g. labels: ${{schema.spec.key: \"value\"}}")
				}
				if err := walk(x.Values[k], kp); err != nil {
					return err
				}
			}
		case []any:
			for i, e := range x {
				if err := walk(e, joinIndex(path, i)); err != nil {
					return err
				}
			}
		case string:
			t, err := parseString(x)
			if err != nil {
				return errorf(CodeDefinition, path, "resource %q: %v", r.id, err)
			}
			if t == nil {
				return nil
			}
			if r.strs == nil {
				r.strs = map[string]*tmplString{}
			}
			r.strs[path] = t
			for _, p := range t.parts {
				if p.e != nil {
					p.e.path, p.e.resource = path, r
					out = append(out, p.e)
				}
			}
		}
		return nil
	}
	return out, walk(tmpl, path)
}

// scanConditions reads a list of standalone expressions (includeWhen,
// readyWhen) from a resource entry.
func scanConditions(r *resource, m *eval.OrderedMap, key string) ([]*expr, error) {
	v, ok := m.Get(key)
	if !ok || v == nil {
		return nil, nil
	}
	path := r.path + "." + key
	list, ok := v.([]any)
	if !ok {
		return nil, errorf(CodeDefinition, path, "resource %q: %s must be a list of ${...} expressions, got %s", r.id, key, typeName(v))
	}
	var out []*expr
	for i, item := range list {
		ipath := joinIndex(path, i)
		s, _ := item.(string)
		t, err := parseString(s)
		if err != nil {
			return nil, errorf(CodeDefinition, ipath, "resource %q: %v", r.id, err)
		}
		if t == nil || !t.standalone {
			return nil, withSuggestion(errorf(CodeDefinition, ipath, "resource %q: each %s entry must be exactly one ${...} expression, got %s", r.id, key, jsonText(item)),
				"write the whole condition inside one ${...}; with a YAML block scalar use |- so no newline trails it")
		}
		e := t.parts[0].e
		e.path, e.resource = ipath, r
		out = append(out, e)
	}
	return out, nil
}
