package helm

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"

	"akua.dev/akua/kcl/diag"
)

// normalizeValues gives the caller's values the shape `helm template
// -f values.yaml` gives a values file: helm reads it with
// sigs.k8s.io/yaml, through JSON, so every number is a float64 (3
// prints as 3, 1000000 as 1e+06). A JSON round trip does the same, and
// leaves the caller's map untouched by what helm does to values.
func normalizeValues(v map[string]any) (map[string]any, error) {
	if v == nil {
		return map[string]any{}, nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, &diag.Diagnostic{Code: ValuesError,
			Message:    fmt.Sprintf("values cannot be passed to helm: %v", err),
			Suggestion: "values must be representable in YAML: maps with string keys, lists, strings, finite numbers, booleans and null"}
	}
	out := map[string]any{}
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, &diag.Diagnostic{Code: ValuesError, Message: fmt.Sprintf("values cannot be passed to helm: %v", err)}
	}
	return out, nil
}

// renderValues sets r.top to the template data helm builds for an
// install (chartutil.ToRenderValues: chart defaults coalesced with
// vals, release, capabilities), with the values validated against the
// charts' values.schema.json. The schemas are checked first not to
// reach outside themselves: helm would follow such a $ref to the disk
// or the network.
func (r *run) renderValues(vals map[string]any, caps *chartutil.Capabilities) error {
	if err := r.checkSchemaRefs(r.chart); err != nil {
		return err
	}
	top, err := chartutil.ToRenderValues(r.chart, vals, chartutil.ReleaseOptions{
		Name:      r.opts.Release,
		Namespace: r.opts.Namespace,
		Revision:  1,
		IsInstall: true,
	}, caps)
	if err != nil {
		if strings.HasPrefix(err.Error(), schemaErrorHeader) {
			return r.schemaDiag(err.Error())
		}
		return &diag.Diagnostic{Code: ValuesError, Pos: diag.Pos{File: r.opts.Chart},
			Message: "cannot merge values with the chart's: " + err.Error(), Suggestion: "a subchart's values must be a map"}
	}
	r.top = top
	return nil
}

// schemaErrorHeader starts the error chartutil.ToRenderValues returns
// when values.schema.json rejects the values. The lines after it name
// each failing chart ("webapp:") and list its violations
// ("- at '/replicaCount': got string, want integer").
const schemaErrorHeader = "values don't meet the specifications of the schema(s)"

// schemaDiag turns a schema error into a diagnostic at the first
// failing chart's values.schema.json; Path is the first failing value.
// helm's validator lists violations in map order, so they are sorted.
func (r *run) schemaDiag(msg string) *diag.Diagnostic {
	d := &diag.Diagnostic{Code: ValuesError, Pos: diag.Pos{File: r.opts.Chart},
		Suggestion: "change the values to match the chart's values.schema.json"}
	var charts []string                 // failing charts, in helm's order
	violations := map[string][]string{} // chart → its violations, each with its sub-violations
	for _, l := range strings.Split(strings.TrimSpace(msg), "\n")[1:] {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
		case !strings.HasPrefix(l, " ") && !strings.HasPrefix(t, "- ") && strings.HasSuffix(t, ":"):
			charts = append(charts, strings.TrimSuffix(t, ":"))
		case len(charts) == 0:
		case strings.HasPrefix(l, " ") && len(violations[charts[len(charts)-1]]) > 0:
			v := violations[charts[len(charts)-1]]
			v[len(v)-1] += "\n" + t // a sub-violation (anyOf, oneOf...)
		default:
			violations[charts[len(charts)-1]] = append(violations[charts[len(charts)-1]], t)
		}
	}
	var parts []string
	for _, name := range charts {
		vs := violations[name]
		for i, v := range vs {
			lines := strings.Split(v, "\n")
			sort.Strings(lines[1:])
			vs[i] = strings.TrimPrefix(strings.Join(lines, " "), "- ")
		}
		sort.Strings(vs)
		parts = append(parts, fmt.Sprintf("chart %s: %s", name, strings.Join(vs, "; ")))
	}
	d.Message = "values don't meet the specifications of the schema of " + strings.Join(parts, "; ")
	if len(charts) == 0 {
		return d
	}
	c, p := findChart(r.chart, charts[0], nil)
	if c != nil {
		d.Pos.File = r.schemaFile(c)
	}
	if vs := violations[charts[0]]; len(vs) > 0 {
		if ptr, ok := strings.CutPrefix(vs[0], "at '"); ok {
			ptr, _, _ = strings.Cut(ptr, "'")
			d.Path = strings.TrimPrefix(strings.Join(p, ".")+dotted(ptr), ".")
		} else {
			d.Suggestion = "fix values.schema.json: helm cannot use it"
		}
	}
	return d
}

// findChart returns the first chart named name in c's tree that has a
// schema (chartutil.ValidateAgainstSchema names charts so), with the
// names of the subcharts leading to it.
func findChart(c *chart.Chart, name string, p []string) (*chart.Chart, []string) {
	if c.Name() == name && c.Schema != nil {
		return c, p
	}
	for _, d := range c.Dependencies() {
		if f, fp := findChart(d, name, append(p[:len(p):len(p)], d.Name())); f != nil {
			return f, fp
		}
	}
	return nil, nil
}

// dotted turns a JSON pointer into a values path: /a/0/b → .a[0].b
func dotted(ptr string) string {
	var b strings.Builder
	for _, p := range strings.Split(ptr, "/")[1:] {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		if p != "" && strings.Trim(p, "0123456789") == "" {
			b.WriteString("[" + p + "]")
		} else {
			b.WriteString("." + p)
		}
	}
	return b.String()
}
