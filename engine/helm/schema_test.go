package helm

import (
	"path/filepath"
	"strings"
	"testing"
)

// values.schema.json: helm's validator decides; akua positions the
// error and refuses schemas that reach outside themselves.

const schemaChart = "apiVersion: v2\nname: c\nversion: 1.0.0\n"

func TestSchemaSubchart(t *testing.T) {
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml":                      schemaChart,
		"templates/cm.yaml":               cmHead + "  a: b\n",
		"charts/sub/Chart.yaml":           "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
		"charts/sub/values.yaml":          "port: 80\n",
		"charts/sub/values.schema.json":   `{"type": "object", "properties": {"port": {"type": "integer", "maximum": 1000}}}`,
		"charts/sub/templates/empty.yaml": "",
	})
	d := renderErr(t, Options{Root: root, Chart: dir, Values: map[string]any{"sub": map[string]any{"port": 8080}}})
	if d.Code != ValuesError || d.Pos.File != filepath.Join(dir, "charts", "sub", "values.schema.json") || d.Path != "sub.port" ||
		!strings.Contains(d.Message, "chart sub: at '/port': maximum: got 8,080, want 1,000") {
		t.Errorf("got %v %v (path %q)", d.Code, d, d.Path)
	}
	render(t, Options{Root: root, Chart: dir, Values: map[string]any{"sub": map[string]any{"port": 443}}})
}

func TestSchemaUnusable(t *testing.T) {
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml":         schemaChart,
		"values.schema.json": `{"type": 5}`,
	})
	d := renderErr(t, Options{Root: root, Chart: dir})
	if d.Code != ValuesError || d.Pos.File != filepath.Join(dir, "values.schema.json") || d.Path != "" {
		t.Errorf("got %v %v (path %q)", d.Code, d, d.Path)
	}
	t.Log(d, d.Suggestion)
}

// TestSchemaRefs: a reference helm's validator would load from the
// disk or the network is refused before validating; references inside
// the document and to built-in metaschemas are fine.
func TestSchemaRefs(t *testing.T) {
	for _, c := range []struct {
		schema, ref string // ref "" → accepted
	}{
		{`{"$ref": "https://example.com/s.json"}`, "https://example.com/s.json"},
		{`{"properties": {"a": {"$ref": "defs.json#/a"}}}`, "defs.json#/a"},
		{`{"properties": {"a": {"items": [{"$ref": "file:///etc/passwd"}]}}}`, "file:///etc/passwd"},
		{`{"$schema": "https://example.com/my-meta"}`, "https://example.com/my-meta"},
		{`{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"a": {"type": "object"}}, "properties": {"x": {"$ref": "#/definitions/a"}}}`, ""},
		{`{"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {"b": {"$id": "b.json", "type": "object"}}, "properties": {"x": {"$ref": "b.json"}}}`, ""},
		{`{"properties": {"x": {"$ref": "http://json-schema.org/draft-07/schema#"}}}`, ""},
		{`{"properties": {"$ref": {"type": "object"}}}`, ""},
	} {
		root, dir := writeChart(t, map[string]string{"Chart.yaml": schemaChart, "values.schema.json": c.schema,
			"templates/cm.yaml": cmHead + "  a: b\n"})
		opts := Options{Root: root, Chart: dir, Values: map[string]any{"x": map[string]any{}}}
		if c.ref == "" {
			render(t, opts)
			continue
		}
		d := renderErr(t, opts)
		if d.Code != ChartError || d.Pos.File != filepath.Join(dir, "values.schema.json") ||
			!strings.Contains(d.Message, `refers to "`+c.ref+`", outside the schema`) || !strings.Contains(d.Suggestion, "$defs") {
			t.Errorf("%s: got %v %v", c.schema, d.Code, d)
		}
	}
}
