package rgd

// This file reads a ResourceGraphDefinition into a definition: the
// instance's apiVersion and kind, its parsed SimpleSchema, and the
// resources with their templates. Everything kro would reject when the
// RGD is created is rejected here, before any instance is looked at.

import (
	"regexp"

	"akua.dev/akua/kcl/eval"
)

// A definition is a parsed RGD.
type definition struct {
	apiVersion string // of instances: group/version
	kind       string
	spec       *field
	resources  []*resource
	ids        []string // resource ids in declaration order
}

// A resource is one entry of spec.resources.
type resource struct {
	id          string
	index       int
	path        string // spec.resources[i]
	template    *eval.OrderedMap
	includeWhen []*expr                // standalone expressions, in order
	exprs       []*expr                // every expression in the template
	strs        map[string]*tmplString // template strings holding expressions, by data path
	deps        []string
}

var (
	resourceIDRe = regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)
	kindRe       = regexp.MustCompile(`^[A-Z][a-zA-Z0-9]{0,62}$`)
	versionRe    = regexp.MustCompile(`^v[0-9]+(alpha[0-9]+|beta[0-9]+)?$`)
)

// reservedIDs are names kro refuses as resource ids: its own keywords
// and CEL's reserved words.
var reservedIDs = []string{
	"apiVersion", "context", "dependency", "dependencies", "each",
	"externalRef", "externalReference", "externalRefs", "externalReferences",
	"graph", "graphengine", "instance", "item", "items", "kind", "kro",
	"metadata", "namespace", "object", "resource", "resourcegraphdefinition",
	"resourceGraphDefinition", "resources", "root", "runtime", "schema",
	"self", "serviceAccountName", "spec", "status", "this", "variables",
	"vars", "version",
	"true", "false", "null", "in", "as", "break", "const", "continue",
	"else", "for", "function", "if", "import", "let", "loop", "package",
	"return", "var", "void", "while",
}

var resourceKeys = []string{"id", "template", "externalRef", "includeWhen", "readyWhen", "forEach"}

// parseDefinition reads a normalized RGD.
func parseDefinition(x any) (*definition, error) {
	rgd, ok := asMap(x)
	if !ok {
		return nil, errorf(CodeDefinition, "", "a ResourceGraphDefinition must be an object, got %s", typeName(x))
	}
	if k, ok := get(rgd, "kind"); ok && k != "ResourceGraphDefinition" {
		return nil, errorf(CodeDefinition, "kind", "kind is %s, want ResourceGraphDefinition", jsonText(k))
	}
	if av, ok := get(rgd, "apiVersion"); ok && av != "kro.run/v1alpha1" {
		return nil, errorf(CodeDefinition, "apiVersion", "apiVersion is %s, want kro.run/v1alpha1", jsonText(av))
	}
	spec, ok := mapAt(rgd, "spec")
	if !ok {
		return nil, errorf(CodeDefinition, "spec", "the RGD has no spec object")
	}
	schema, ok := mapAt(spec, "schema")
	if !ok {
		return nil, errorf(CodeDefinition, "spec.schema", "the RGD has no spec.schema object")
	}
	d := &definition{}
	kind, _ := get(schema, "kind")
	if s, ok := kind.(string); !ok || !kindRe.MatchString(s) {
		return nil, withSuggestion(errorf(CodeDefinition, "spec.schema.kind", "kind %s is not an UpperCamelCase name", jsonText(kind)), "e.g. kind: WebApplication")
	}
	d.kind = kind.(string)
	version, _ := get(schema, "apiVersion")
	if s, ok := version.(string); !ok || !versionRe.MatchString(s) {
		return nil, withSuggestion(errorf(CodeDefinition, "spec.schema.apiVersion", "apiVersion %s is not a Kubernetes version", jsonText(version)), "e.g. apiVersion: v1alpha1")
	}
	group := "kro.run"
	if g, ok := get(schema, "group"); ok {
		s, isStr := g.(string)
		if !isStr || s == "" {
			return nil, errorf(CodeDefinition, "spec.schema.group", "group must be a non-empty string, got %s", jsonText(g))
		}
		group = s
	}
	d.apiVersion = group + "/" + version.(string)

	var err error
	specSchema, _ := mapAt(schema, "spec")
	if v, ok := get(schema, "spec"); ok && v != nil && specSchema == nil {
		return nil, errorf(CodeDefinition, "spec.schema.spec", "expected a map of fields, got %s", typeName(v))
	}
	types, _ := mapAt(schema, "types")
	if d.spec, err = parseSchema(specSchema, types, "spec.schema.spec"); err != nil {
		return nil, err
	}

	list, _ := get(spec, "resources")
	items, ok := list.([]any)
	if list != nil && !ok {
		return nil, errorf(CodeDefinition, "spec.resources", "expected a list, got %s", typeName(list))
	}
	for i, item := range items {
		r, err := parseResource(item, i, d.ids)
		if err != nil {
			return nil, err
		}
		d.resources = append(d.resources, r)
		d.ids = append(d.ids, r.id)
	}
	return d, nil
}

// parseResource reads one entry of spec.resources; seen holds the ids
// of the entries before it.
func parseResource(x any, i int, seen []string) (*resource, error) {
	path := joinIndex("spec.resources", i)
	m, ok := asMap(x)
	if !ok {
		return nil, errorf(CodeDefinition, path, "a resource must be an object, got %s", typeName(x))
	}
	for _, k := range m.Keys {
		if !contains(resourceKeys, k) {
			return nil, withSuggestion(errorf(CodeDefinition, joinKey(path, k), "unknown resource field %q", k), "%s", didYouMean(k, resourceKeys))
		}
	}
	idv, _ := get(m, "id")
	id, _ := idv.(string)
	switch {
	case id == "":
		return nil, errorf(CodeDefinition, path+".id", "the resource has no id")
	case contains(reservedIDs, id):
		return nil, withSuggestion(errorf(CodeDefinition, path+".id", "id %q is reserved by kro", id), "pick another id, e.g. %sResource", id)
	case !resourceIDRe.MatchString(id):
		return nil, withSuggestion(errorf(CodeDefinition, path+".id", "id %q is not lowerCamelCase", id), "ids start with a lowercase letter and hold only letters and digits")
	case contains(seen, id):
		return nil, errorf(CodeDefinition, path+".id", "duplicate resource id %q", id)
	}
	r := &resource{id: id, index: i, path: path}
	if _, ok := get(m, "externalRef"); ok {
		return nil, withSuggestion(errorf(CodeUnsupported, path+".externalRef", "resource %q: externalRef reads an object from a live cluster and cannot be resolved at compile time", id),
			"pass the values you need through the instance spec, or let kro instantiate this RGD at runtime")
	}
	if fe, ok := get(m, "forEach"); ok && fe != nil {
		return nil, withSuggestion(errorf(CodeUnsupported, path+".forEach", "resource %q: forEach collections are not supported by akua's offline instantiation", id),
			"declare one resource per item, or let kro instantiate this RGD at runtime")
	}
	tmpl, ok := mapAt(m, "template")
	if !ok {
		return nil, errorf(CodeDefinition, path+".template", "resource %q has no template object", id)
	}
	for _, k := range []string{"apiVersion", "kind"} {
		if v, _ := get(tmpl, k); !isString(v) {
			return nil, errorf(CodeDefinition, joinKey(path+".template", k), "resource %q: the template has no %s", id, k)
		}
	}
	if _, ok := mapAt(tmpl, "metadata"); !ok {
		return nil, errorf(CodeDefinition, path+".template.metadata", "resource %q: the template has no metadata object", id)
	}
	r.template = tmpl
	var err error
	if r.exprs, err = scanTemplate(r, tmpl, path+".template"); err != nil {
		return nil, err
	}
	if r.includeWhen, err = scanConditions(r, m, "includeWhen"); err != nil {
		return nil, err
	}
	if _, err = scanConditions(r, m, "readyWhen"); err != nil {
		return nil, err
	}
	return r, nil
}

func isString(x any) bool {
	_, ok := x.(string)
	return ok
}

// mapAt returns m[key] when it is a map.
func mapAt(m *eval.OrderedMap, key string) (*eval.OrderedMap, bool) {
	v, _ := m.Get(key)
	return asMap(v)
}
