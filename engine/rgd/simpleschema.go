package rgd

// This file turns kro's SimpleSchema (spec.schema.spec and
// spec.schema.types) into a tree of fields that instance validation
// walks. It follows kro's rules: atomic types string, integer, boolean
// and float; `object` for free-form maps; `[]T`; `map[string]T`; nested
// maps for structs; other names refer to spec.schema.types. A struct
// gets the default {} when none of its fields is required and one has a
// default, so nested defaults apply even when the user omits the parent.

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"akua.dev/akua/kcl/eval"
)

// A kind is the shape of a schema field.
type kind int

const (
	kString kind = iota
	kInteger
	kBoolean
	kFloat
	kObject // free-form (x-kubernetes-preserve-unknown-fields)
	kStruct
	kArray
	kMap
)

var kindNames = [...]string{"string", "integer", "boolean", "float", "object", "object", "array", "object"}

// A field is one node of a parsed SimpleSchema.
type field struct {
	kind     kind
	typeName string // as written, for messages: "[]string", "Person"

	names    []string          // struct: field names in declaration order
	props    map[string]*field // struct: fields by name
	required []string          // struct: names of required fields
	elem     *field            // array items, map values

	hasDefault bool
	def        any
	enum       []any
	minimum    *float64
	maximum    *float64
	minLength  *int64
	maxLength  *int64
	minItems   *int64
	maxItems   *int64
	unique     bool
	pattern    *regexp.Regexp
	rules      []string // validation markers: CEL over `self`
}

// maxTypeDepth bounds `[][]...` nesting, as kro does.
const maxTypeDepth = 16

// A schemaParser resolves custom types while parsing one schema.
type schemaParser struct {
	types     *eval.OrderedMap  // spec.schema.types, may be nil
	resolved  map[string]*field // custom types already parsed
	requires  map[string]bool   // custom alias types marked required=true
	resolving map[string]bool   // custom types being parsed (cycle check)
}

// parseSchema parses a SimpleSchema spec map with its custom types.
// Errors name the data path inside the RGD.
func parseSchema(spec, types *eval.OrderedMap, path string) (*field, error) {
	p := &schemaParser{types: types, resolved: map[string]*field{}, requires: map[string]bool{}, resolving: map[string]bool{}}
	if spec == nil {
		spec = eval.NewOrderedMap(0)
	}
	return p.structField(spec, path)
}

// structField parses a nested map of fields.
func (p *schemaParser) structField(m *eval.OrderedMap, path string) (*field, error) {
	f := &field{kind: kStruct, typeName: "object", props: map[string]*field{}}
	childDefault := false
	for _, name := range m.Keys {
		fpath := joinKey(path, name)
		var (
			cf       *field
			required bool
			err      error
		)
		switch v := m.Values[name].(type) {
		case string:
			cf, required, err = p.fieldString(v, fpath)
		case *eval.OrderedMap:
			cf, err = p.structField(v, fpath)
		default:
			err = errorf(CodeDefinition, fpath, "a field is a type string or a map of fields, got %s", typeName(v))
		}
		if err != nil {
			return nil, err
		}
		f.names = append(f.names, name)
		f.props[name] = cf
		if required {
			f.required = append(f.required, name)
		}
		childDefault = childDefault || cf.hasDefault
	}
	if childDefault && len(f.required) == 0 {
		f.hasDefault, f.def = true, eval.NewOrderedMap(0)
	}
	return f, nil
}

// fieldString parses "type | markers" and reports whether the field is
// required in its parent.
func (p *schemaParser) fieldString(s, path string) (*field, bool, error) {
	typ, rest, hasMarkers := strings.Cut(s, "|")
	typ = strings.TrimSpace(typ)
	if typ == "" {
		return nil, false, errorf(CodeDefinition, path, "empty type in %q", s)
	}
	f, required, err := p.parseType(typ, path, 0)
	if err != nil {
		return nil, false, err
	}
	if !hasMarkers {
		return f, required, nil
	}
	ms, err := parseMarkers(rest)
	if err != nil {
		d := errorf(CodeDefinition, path, "%v", err)
		if h, ok := err.(hintError); ok {
			d.Suggestion = h.hint
		}
		return nil, false, d
	}
	// Markers change this use of the type only: copy the node (nested
	// nodes are shared read-only).
	c := *f
	f = &c
	for _, m := range ms {
		r, err := applyMarker(f, m)
		if err != nil {
			return nil, false, errorf(CodeDefinition, path, "marker %s: %v", m.key, err)
		}
		required = required || r
	}
	if f.hasDefault {
		// A default must satisfy its own field, as the API server checks
		// when kro creates the CRD.
		v := &validator{}
		d := v.value(f, deepCopy(f.def), path)
		if len(v.errs) > 0 {
			return nil, false, errorf(CodeDefinition, path, "default %s is not valid: %s", jsonText(f.def), v.errs[0].Message)
		}
		f.def = d
	}
	return f, required, nil
}

// parseType parses a type expression.
func (p *schemaParser) parseType(s, path string, depth int) (*field, bool, error) {
	if depth > maxTypeDepth {
		return nil, false, errorf(CodeDefinition, path, "type nested too deeply: %q", s)
	}
	s = strings.TrimSpace(s)
	switch s {
	case "string":
		return &field{kind: kString, typeName: s}, false, nil
	case "integer":
		return &field{kind: kInteger, typeName: s}, false, nil
	case "boolean":
		return &field{kind: kBoolean, typeName: s}, false, nil
	case "float":
		return &field{kind: kFloat, typeName: s}, false, nil
	case "object":
		return &field{kind: kObject, typeName: s}, false, nil
	}
	if elem, ok := strings.CutPrefix(s, "[]"); ok {
		if strings.TrimSpace(elem) == "" {
			return nil, false, errorf(CodeDefinition, path, "missing element type in %q", s)
		}
		e, _, err := p.parseType(elem, path, depth+1)
		if err != nil {
			return nil, false, err
		}
		return &field{kind: kArray, typeName: s, elem: e}, false, nil
	}
	if strings.HasPrefix(s, "map[") {
		val, ok := strings.CutPrefix(s, "map[string]")
		if !ok {
			return nil, false, errorf(CodeDefinition, path, "map keys must be string in %q", s)
		}
		if strings.TrimSpace(val) == "" {
			return nil, false, errorf(CodeDefinition, path, "missing value type in %q", s)
		}
		e, _, err := p.parseType(val, path, depth+1)
		if err != nil {
			return nil, false, err
		}
		return &field{kind: kMap, typeName: s, elem: e}, false, nil
	}
	return p.custom(s, path)
}

// custom resolves a name from spec.schema.types.
func (p *schemaParser) custom(name, path string) (*field, bool, error) {
	if f, ok := p.resolved[name]; ok {
		return f, p.requires[name], nil
	}
	var spec any
	ok := false
	if p.types != nil {
		spec, ok = p.types.Get(name)
	}
	if !ok {
		cands := []string{"string", "integer", "boolean", "float", "object"}
		if p.types != nil {
			cands = append(cands, p.types.Keys...)
		}
		return nil, false, withSuggestion(errorf(CodeDefinition, path, "unknown type %q", name), "%s", didYouMean(name, cands))
	}
	if p.resolving[name] {
		return nil, false, errorf(CodeDefinition, path, "custom type %q refers to itself through its fields", name)
	}
	p.resolving[name] = true
	defer delete(p.resolving, name)
	tpath := joinKey("spec.schema.types", name)
	var (
		f        *field
		required bool
		err      error
	)
	switch v := spec.(type) {
	case string:
		f, required, err = p.fieldString(v, tpath)
	case *eval.OrderedMap:
		f, err = p.structField(v, tpath)
	default:
		err = errorf(CodeDefinition, tpath, "a type is a type string or a map of fields, got %s", typeName(v))
	}
	if err != nil {
		return nil, false, err
	}
	c := *f
	c.typeName = name
	p.resolved[name], p.requires[name] = &c, required
	return &c, required, nil
}

// applyMarker applies one marker to f and reports whether it makes the
// field required.
func applyMarker(f *field, m marker) (bool, error) {
	switch m.key {
	case "required":
		b, err := strconv.ParseBool(m.value)
		return b, err
	case "default":
		return false, applyDefault(f, m.value)
	case "description", "printColumn":
	case "immutable":
		_, err := strconv.ParseBool(m.value)
		return false, err
	case "enum":
		return false, applyEnum(f, m.value)
	case "minimum", "maximum":
		n, err := strconv.ParseFloat(m.value, 64)
		if err != nil || math.IsNaN(n) {
			return false, fmt.Errorf("not a number: %q", m.value)
		}
		if m.key == "minimum" {
			f.minimum = &n
		} else {
			f.maximum = &n
		}
	case "minLength", "maxLength", "minItems", "maxItems":
		want := kString
		if strings.HasSuffix(m.key, "Items") {
			want = kArray
		}
		if f.kind != want {
			return false, fmt.Errorf("only valid on %s fields, not %s", kindNames[want], f.typeName)
		}
		n, err := strconv.ParseInt(m.value, 10, 64)
		if err != nil || n < 0 {
			return false, fmt.Errorf("not a non-negative integer: %q", m.value)
		}
		switch m.key {
		case "minLength":
			f.minLength = &n
		case "maxLength":
			f.maxLength = &n
		case "minItems":
			f.minItems = &n
		default:
			f.maxItems = &n
		}
	case "pattern":
		if f.kind != kString {
			return false, fmt.Errorf("only valid on string fields, not %s", f.typeName)
		}
		re, err := regexp.Compile(m.value)
		if err != nil || m.value == "" {
			return false, fmt.Errorf("invalid pattern %q", m.value)
		}
		f.pattern = re
	case "uniqueItems":
		if f.kind != kArray {
			return false, fmt.Errorf("only valid on array fields, not %s", f.typeName)
		}
		b, err := strconv.ParseBool(m.value)
		f.unique = b
		return false, err
	case "validation":
		if strings.TrimSpace(m.value) == "" {
			return false, fmt.Errorf("empty rule")
		}
		// Catch syntax errors now, not when an instance sets the field.
		env, err := ruleEnv()
		if err == nil {
			_, err = parse(env, m.value)
		}
		if err != nil {
			return false, fmt.Errorf("rule %q: %v", m.value, err)
		}
		f.rules = append(append([]string(nil), f.rules...), m.value)
	}
	return false, nil
}

// applyDefault parses a default as kro writes it into the CRD: string
// fields take the text as is, other fields parse it as JSON.
func applyDefault(f *field, raw string) error {
	if f.kind == kString {
		f.hasDefault, f.def = true, raw
		return nil
	}
	v, err := decodeJSON(raw, true)
	if err != nil {
		return fmt.Errorf("%q is not a JSON value: %v", raw, err)
	}
	f.hasDefault, f.def = true, v
	return nil
}

// applyEnum parses a comma-separated enum; kro allows it on string and
// integer fields only.
func applyEnum(f *field, raw string) error {
	if f.kind != kString && f.kind != kInteger {
		return fmt.Errorf("only valid on string and integer fields, not %s", f.typeName)
	}
	f.enum = nil
	for _, part := range strings.Split(raw, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return fmt.Errorf("empty enum value in %q", raw)
		}
		if f.kind == kString {
			f.enum = append(f.enum, part)
			continue
		}
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return fmt.Errorf("enum value %q is not an integer", part)
		}
		f.enum = append(f.enum, n)
	}
	return nil
}

// jsonText renders a value compactly for messages.
func jsonText(x any) string {
	s, err := marshalJSON(x)
	if err != nil {
		return fmt.Sprint(x)
	}
	return s
}
