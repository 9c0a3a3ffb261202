package render

// This file turns a chart's values.schema.json into the KCL schema
// `charts.<alias>.Values` (SPEC §3 typed imports): properties become
// attributes with KCL types and docstrings. Every attribute is optional
// (the chart's values.yaml supplies defaults) unless the JSON Schema
// requires it, and unknown keys stay allowed unless the schema closes
// the object, so the type never rejects values Helm would accept.

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// jsonSchema is the subset of JSON Schema the generator reads.
type jsonSchema struct {
	Type                 any                    `json:"type"`
	Description          string                 `json:"description"`
	Properties           map[string]*jsonSchema `json:"properties"`
	Required             []string               `json:"required"`
	Items                *jsonSchema            `json:"items"`
	AdditionalProperties json.RawMessage        `json:"additionalProperties"`
	Enum                 []any                  `json:"enum"`
}

// valuesSchema returns KCL source declaring `schema Values` (and the
// nested schemas it uses) from a values.schema.json document; with no
// document, Values accepts any keys.
func valuesSchema(doc []byte) (string, error) {
	g := &schemaGen{}
	if len(doc) == 0 {
		return "schema Values:\n    \"\"\"The chart's values (it has no values.schema.json).\"\"\"\n    [...str]: any\n", nil
	}
	var s jsonSchema
	if err := json.Unmarshal(doc, &s); err != nil {
		return "", fmt.Errorf("values.schema.json: %w", err)
	}
	g.object("Values", &s)
	return g.b.String(), nil
}

type schemaGen struct {
	b    strings.Builder
	seen map[string]bool
}

// object writes schema name for an object JSON Schema, nested objects
// first-come as their own schemas named after their path.
func (g *schemaGen) object(name string, s *jsonSchema) {
	if g.seen == nil {
		g.seen = map[string]bool{}
	}
	g.seen[name] = true
	var body strings.Builder
	fmt.Fprintf(&body, "schema %s:\n", name)
	if s.Description != "" {
		fmt.Fprintf(&body, "    %s\n", docString(s.Description))
	}
	required := map[string]bool{}
	for _, r := range s.Required {
		required[r] = true
	}
	keys := make([]string, 0, len(s.Properties))
	for k := range s.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var nested []func()
	for _, k := range keys {
		p := s.Properties[k]
		if p == nil {
			continue
		}
		t := g.kclType(name+exportName(k), p, &nested)
		opt := "?"
		if required[k] {
			opt = ""
		}
		fmt.Fprintf(&body, "    %s%s: %s\n", attrName(k), opt, t)
		if p.Description != "" {
			fmt.Fprintf(&body, "    %s\n", docString(p.Description))
		}
	}
	if closed := string(s.AdditionalProperties); closed != "false" {
		body.WriteString("    [...str]: any\n")
	}
	if len(keys) == 0 && string(s.AdditionalProperties) == "false" {
		body.WriteString("    pass\n")
	}
	g.b.WriteString(body.String())
	g.b.WriteString("\n")
	for _, f := range nested {
		f()
	}
}

// kclType maps a property's JSON Schema type to a KCL type.
func (g *schemaGen) kclType(name string, s *jsonSchema, nested *[]func()) string {
	if len(s.Enum) > 0 {
		var lits []string
		for _, e := range s.Enum {
			switch e := e.(type) {
			case string:
				lits = append(lits, strconv.Quote(e))
			case bool:
				lits = append(lits, map[bool]string{true: "True", false: "False"}[e])
			case float64:
				lits = append(lits, strconv.FormatFloat(e, 'f', -1, 64))
			default:
				return "any"
			}
		}
		return strings.Join(lits, " | ")
	}
	var types []string
	switch t := s.Type.(type) {
	case string:
		types = []string{t}
	case []any:
		for _, e := range t {
			if str, ok := e.(string); ok {
				types = append(types, str)
			}
		}
	}
	var out []string
	for _, t := range types {
		switch t {
		case "string":
			out = append(out, "str")
		case "integer":
			out = append(out, "int")
		case "number":
			out = append(out, "float")
		case "boolean":
			out = append(out, "bool")
		case "null":
			// optional attributes already accept None
		case "array":
			item := "any"
			if s.Items != nil {
				item = g.kclType(name+"Item", s.Items, nested)
			}
			out = append(out, "["+item+"]")
		case "object":
			if len(s.Properties) > 0 && !g.seen[name] {
				g.seen[name] = true
				*nested = append(*nested, func() { g.object(name, s) })
				out = append(out, name)
			} else {
				out = append(out, "{str:}")
			}
		default:
			return "any"
		}
	}
	if len(out) == 0 {
		return "any"
	}
	return strings.Join(out, " | ")
}

// attrName quotes keys that are not KCL identifiers.
func attrName(k string) string {
	for i, r := range k {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return strconv.Quote(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}

// exportName makes a schema-name fragment of a key: "image" → "Image".
func exportName(k string) string {
	var b strings.Builder
	up := true
	for _, r := range k {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			if up && r >= 'a' && r <= 'z' {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}

// docString quotes s as a KCL docstring.
func docString(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"""`, `\"\"\"`)
	return `"""` + s + `"""`
}
