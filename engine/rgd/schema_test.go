package rgd

// SimpleSchema: defaults, types, markers, custom types, and the errors
// an instance or a schema gets, with their paths.

import (
	"strings"
	"testing"
)

// specOf instantiates an RGD whose one resource echoes schema.spec and
// returns that spec rendered as YAML.
func specOf(t *testing.T, schema, spec string) (string, error) {
	t.Helper()
	r := fromYAML(t, rgdWith(schema, `
- id: echo
  template:
    apiVersion: v1
    kind: Echo
    metadata: {name: echo}
    spec: ${schema.spec}
`))
	out, err := Instantiate(r, fromYAML(t, "metadata: {name: demo}\nspec:\n"+indent(spec, "  ")))
	if err != nil {
		return "", err
	}
	s, _ := get(out[0], "spec")
	return strings.TrimSpace(toYAML(t, []any{s})), nil
}

func TestSchemaDefaults(t *testing.T) {
	for _, tc := range []struct {
		name, schema, spec, want string
	}{
		{"scalar defaults", `
replicas: integer | default=3
enabled: boolean | default=false
ratio: float | default=0.5
name: string | default="app"`, ``,
			"replicas: 3\nenabled: false\nratio: 0.5\nname: app"},
		{"given values win, order follows the schema", `
replicas: integer | default=3
name: string`, `{name: web, replicas: 5}`,
			"replicas: 5\nname: web"},
		{"null takes the default", `replicas: integer | default=3`, `{replicas: null}`, "replicas: 3"},
		{"nested struct gets default {} so its defaults apply", `
ingress:
  enabled: boolean | default=false
  host: string | default="example.com"`, ``,
			"ingress:\n    enabled: false\n    host: example.com"},
		{"struct with a required field gets no default", `
db:
  url: string | required=true
  pool: integer | default=5`, ``, "{}"},
		{"array, map and object defaults are JSON", `
ports: '[]integer | default=[80, 443]'
labels: 'map[string]string | default={"a": "1"}'
extra: 'object | default={"k": {"n": 1}}'`, ``,
			"ports:\n    - 80\n    - 443\nlabels:\n    a: \"1\"\nextra:\n    k:\n        \"n\": 1"},
		{"custom types with nested defaults", `
people: "[]Person"
boss: Person`, `{people: [{name: ann}, {name: bob, age: 7}], boss: {name: cy}}`,
			"people:\n    - name: ann\n      age: 42\n    - name: bob\n      age: 7\nboss:\n    name: cy\n    age: 42"},
		{"float accepts an integer", `price: float`, `{price: 3}`, "price: 3"},
		{"integral float is an integer", `count: integer`, `{count: 4.0}`, "count: 4"},
		{"map values are checked and kept in order", `env: "map[string]integer"`, `{env: {b: 2, a: 1}}`, "env:\n    b: 2\n    a: 1"},
		{"object keeps anything", `values: object`, `{values: {x: [1, {y: true}]}}`, "values:\n    x:\n        - 1\n        - \"y\": true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			schema := tc.schema
			if strings.Contains(schema, "Person") {
				schema = strings.TrimSpace(schema) // types are added below
			}
			got, err := specOfTypes(t, schema, tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// specOfTypes is specOf with a Person custom type declared.
func specOfTypes(t *testing.T, schema, spec string) (string, error) {
	t.Helper()
	if !strings.Contains(schema, "Person") {
		return specOf(t, schema, spec)
	}
	full := rgdWith(schema, `
- id: echo
  template:
    apiVersion: v1
    kind: Echo
    metadata: {name: echo}
    spec: ${schema.spec}
`)
	full = strings.Replace(full, "    spec:\n", "    types:\n      Person:\n        name: string | required=true\n        age: integer | default=42\n    spec:\n", 1)
	out, err := Instantiate(fromYAML(t, full), fromYAML(t, "metadata: {name: demo}\nspec:\n"+indent(spec, "  ")))
	if err != nil {
		return "", err
	}
	s, _ := get(out[0], "spec")
	return strings.TrimSpace(toYAML(t, []any{s})), nil
}

func TestSchemaViolations(t *testing.T) {
	for _, tc := range []struct {
		name, schema, spec string
		path, msg, hint    string
	}{
		{"wrong type", `replicas: integer`, `{replicas: three}`, "spec.replicas", "expected integer, got string", ""},
		{"fractional integer", `replicas: integer`, `{replicas: 1.5}`, "spec.replicas", "expected integer, got float 1.5", ""},
		{"required", `name: string | required=true`, `{}`, "spec.name", "required field is missing", ""},
		{"required inside a list item", `people: "[]Person"`, `{people: [{age: 1}]}`, "spec.people[0].name", "required field is missing", ""},
		{"enum", `level: string | enum="debug,info,warn"`, `{level: inf}`, "spec.level", `"inf" is not one of debug, info and warn`, "did you mean info?"},
		{"integer enum", `n: integer | enum="1,2"`, `{n: 3}`, "spec.n", "3 is not one of 1 and 2", ""},
		{"minimum", `replicas: integer | minimum=1 maximum=10`, `{replicas: 0}`, "spec.replicas", "0 is less than minimum 1", ""},
		{"maximum", `replicas: integer | minimum=1 maximum=10`, `{replicas: 11}`, "spec.replicas", "11 is more than maximum 10", ""},
		{"unknown field", `replicas: integer`, `{replica: 2}`, "spec.replica", "unknown field (the schema declares replicas)", "did you mean replicas?"},
		{"pattern", `name: string | pattern="^[a-z]+$"`, `{name: Web}`, "spec.name", `"Web" does not match pattern ^[a-z]+$`, ""},
		{"maxLength", `name: string | maxLength=3`, `{name: abcd}`, "spec.name", "length 4 is more than maxLength 3", ""},
		{"uniqueItems", `tags: '[]string | uniqueItems=true'`, `{tags: [a, b, a]}`, "spec.tags[2]", "duplicate of item 0 (uniqueItems)", ""},
		{"minItems", `tags: '[]string | minItems=1'`, `{tags: []}`, "spec.tags", "0 items, fewer than minItems 1", ""},
		{"validation rule", `port: integer | validation="self % 2 == 0"`, `{port: 81}`, "spec.port", `failed validation rule "self % 2 == 0"`, ""},
		{"map value type", `env: "map[string]string"`, `{env: {A: 1}}`, `spec.env.A`, "expected string, got integer", ""},
		{"struct given a scalar", "ingress:\n  enabled: boolean", `{ingress: true}`, "spec.ingress", "expected object, got boolean", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := specOfTypes(t, tc.schema, tc.spec)
			if err == nil {
				t.Fatal("no error")
			}
			d := firstDiag(t, err)
			if d.Code != CodeSchema || d.Path != tc.path || d.Message != tc.msg || d.Suggestion != tc.hint {
				t.Errorf("got %s %q %q hint %q\nwant %s %q %q hint %q", d.Code.ID, d.Path, d.Message, d.Suggestion, CodeSchema.ID, tc.path, tc.msg, tc.hint)
			}
		})
	}
}

func TestSchemaSeveralViolations(t *testing.T) {
	_, err := specOf(t, "a: integer\nb: string | required=true", `{a: x}`)
	if err == nil || !strings.Contains(err.Error(), "spec.a: expected integer, got string (and 1 more errors)") {
		t.Fatalf("got %v", err)
	}
}

func TestSchemaDefinitionErrors(t *testing.T) {
	for _, tc := range []struct {
		name, schema string
		path, msg    string
		hint         string
	}{
		{"unknown type", `name: strng`, "spec.schema.spec.name", `unknown type "strng"`, "did you mean string?"},
		{"number is not a kro type", `n: number`, "spec.schema.spec.n", `unknown type "number"`, ""},
		{"unknown marker", `name: string | requird=true`, "spec.schema.spec.name", `unknown marker "requird"`, "did you mean required?"},
		{"bad default", `n: integer | default=abc`, "spec.schema.spec.n", `marker default: "abc" is not a JSON value: invalid character 'a' looking for beginning of value`, ""},
		{"default breaks its own bounds", `n: integer | default=0 minimum=1`, "spec.schema.spec.n", `default 0 is not valid: 0 is less than minimum 1`, ""},
		{"enum on a boolean", `b: boolean | enum="true"`, "spec.schema.spec.b", "marker enum: only valid on string and integer fields, not boolean", ""},
		{"map key type", `m: "map[int]string"`, "spec.schema.spec.m", `map keys must be string in "map[int]string"`, ""},
		{"bad validation rule", `n: integer | validation="self >"`, "spec.schema.spec.n", `marker validation: rule "self >": Syntax error: mismatched input '<EOF>'`, ""},
		{"marker without value", `n: integer | required`, "spec.schema.spec.n", `marker "required" has no value (want key=value)`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := specOf(t, tc.schema, ``)
			if err == nil {
				t.Fatal("no error")
			}
			d := firstDiag(t, err)
			if d.Code != CodeDefinition || d.Path != tc.path || !strings.HasPrefix(d.Message, tc.msg) || d.Suggestion != tc.hint {
				t.Errorf("got %s %q %q hint %q\nwant %q %q hint %q", d.Code.ID, d.Path, d.Message, d.Suggestion, tc.path, tc.msg, tc.hint)
			}
		})
	}
}

func TestInstanceShape(t *testing.T) {
	r := fromYAML(t, rgdWith(`name: string`, ``))
	for _, tc := range []struct {
		name, instance, path, msg string
	}{
		{"no name", `{spec: {name: a}}`, "metadata", "the instance has no metadata"},
		{"empty name", `{metadata: {name: ""}}`, "metadata.name", "the instance has no name"},
		{"wrong kind", `{kind: Other, metadata: {name: a}}`, "kind", `instance kind "Other" does not match the RGD's App`},
		{"wrong apiVersion", `{apiVersion: x/v1, metadata: {name: a}}`, "apiVersion", `instance apiVersion "x/v1" does not match the RGD's kro.run/v1alpha1`},
		{"unknown top-level key", `{metadata: {name: a}, sepc: {}}`, "sepc", "unknown top-level field of the instance"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Instantiate(r, fromYAML(t, tc.instance))
			if err == nil {
				t.Fatal("no error")
			}
			d := firstDiag(t, err)
			if d.Code != CodeSchema || d.Path != tc.path || d.Message != tc.msg {
				t.Errorf("got %s %q %q, want %q %q", d.Code.ID, d.Path, d.Message, tc.path, tc.msg)
			}
		})
	}
	// apiVersion and kind may be given when they match.
	if _, err := Instantiate(r, fromYAML(t, `{apiVersion: kro.run/v1alpha1, kind: App, metadata: {name: a}}`)); err != nil {
		t.Fatal(err)
	}
}
