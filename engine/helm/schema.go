package helm

import (
	"encoding/json"
	"sort"
	"strings"

	"helm.sh/helm/v3/pkg/chart"

	"akua.dev/akua/kcl/diag"
)

// values.schema.json is validated by helm's own validator
// (chartutil.ValidateAgainstSchema, through ToRenderValues), so the
// verdict and messages are helm's. One thing is refused first: helm's
// validator follows a $ref to another document, reading it from the
// disk (file:, and relative refs, which resolve against
// file:///values.schema.json) or fetching it over HTTP(S), and loads an
// unknown $schema the same way. A hermetic render does neither, so a
// schema that reaches outside itself is an error, with the fix.

// checkSchemaRefs refuses schemas of c and its subcharts that refer to
// other documents.
func (r *run) checkSchemaRefs(c *chart.Chart) error {
	if len(c.Schema) > 0 {
		var doc any
		// A schema that is not JSON is left to helm, which reports it.
		if json.Unmarshal(c.Schema, &doc) == nil {
			ids := map[string]bool{}
			collectIDs(doc, ids)
			if ref, ok := externalRef(doc, ids); ok {
				return &diag.Diagnostic{Code: ChartError, Pos: diag.Pos{File: r.schemaFile(c)},
					Message: "values.schema.json of chart " + c.Name() + " refers to " + quoteRef(ref) +
						", outside the schema: helm would read it from the disk or the network, which a hermetic render does not do",
					Suggestion: "copy the referenced schema into values.schema.json (under $defs) and refer to it with a \"#/$defs/...\" pointer"}
			}
		}
	}
	for _, d := range c.Dependencies() {
		if err := r.checkSchemaRefs(d); err != nil {
			return err
		}
	}
	return nil
}

func quoteRef(s string) string { return `"` + s + `"` }

// schemaFile is the path on disk of c's values.schema.json.
func (r *run) schemaFile(c *chart.Chart) string {
	if len(c.Schema) > 0 {
		if p, ok := r.src.byData[&c.Schema[0]]; ok {
			return p
		}
	}
	return r.src.file(c.ChartFullPath() + "/values.schema.json")
}

// collectIDs records the $id (draft 4: id) strings of a schema: a $ref
// naming one of them points into the same document.
func collectIDs(v any, ids map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range []string{"$id", "id"} {
			if s, ok := x[k].(string); ok {
				base, _, _ := strings.Cut(s, "#")
				ids[base] = true
			}
		}
		for _, e := range x {
			collectIDs(e, ids)
		}
	case []any:
		for _, e := range x {
			collectIDs(e, ids)
		}
	}
}

// externalRef returns the first reference in v, in key order, that the
// validator would load from elsewhere.
func externalRef(v any, ids map[string]bool) (string, bool) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range []string{"$ref", "$dynamicRef", "$recursiveRef"} {
			if s, ok := x[k].(string); ok && !localRef(s, ids) {
				return s, true
			}
		}
		if s, ok := x["$schema"].(string); ok && !knownDraft(s) {
			return s, true
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ref, ok := externalRef(x[k], ids); ok {
				return ref, true
			}
		}
	case []any:
		for _, e := range x {
			if ref, ok := externalRef(e, ids); ok {
				return ref, true
			}
		}
	}
	return "", false
}

// localRef: a fragment of the current document, a metaschema the
// validator has built in, or a resource the schema embeds under $id.
func localRef(ref string, ids map[string]bool) bool {
	if strings.HasPrefix(ref, "#") {
		return true
	}
	base, _, _ := strings.Cut(ref, "#")
	return knownDraft(base) || ids[base]
}

// knownDraft reports whether u names a metaschema that
// santhosh-tekuri/jsonschema/v6 (helm's validator) has built in and so
// never loads.
func knownDraft(u string) bool {
	u, _ = strings.CutSuffix(u, "#")
	if rest, ok := strings.CutPrefix(u, "http://"); ok {
		u = rest
	} else {
		u = strings.TrimPrefix(u, "https://")
	}
	switch u {
	case "json-schema.org/schema", "json-schema.org/draft/2020-12/schema", "json-schema.org/draft/2019-09/schema",
		"json-schema.org/draft-07/schema", "json-schema.org/draft-06/schema", "json-schema.org/draft-04/schema":
		return true
	}
	return false
}
