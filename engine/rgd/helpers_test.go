package rgd

// Test helpers: YAML fixtures become values the way a KCL caller would
// hand them over (eval.FromGo then eval.ToGo keeps key order).

import (
	"errors"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"

	"gopkg.in/yaml.v3"
)

// fromYAML decodes one YAML document into an ordered value.
func fromYAML(t *testing.T, src string) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatalf("bad fixture: %v", err)
	}
	v, err := eval.FromGo(&n)
	if err != nil {
		t.Fatalf("bad fixture: %v", err)
	}
	return eval.ToGo(v)
}

// toYAML renders results as a YAML stream, keys in order.
func toYAML(t *testing.T, docs []any) string {
	t.Helper()
	var b strings.Builder
	for i, d := range docs {
		if i > 0 {
			b.WriteString("---\n")
		}
		out, err := yaml.Marshal(d)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		b.Write(out)
	}
	return b.String()
}

// firstDiag returns the first diagnostic carried by err.
func firstDiag(t *testing.T, err error) *diag.Diagnostic {
	t.Helper()
	var d *diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	if l := diag.From(err); len(l) > 0 {
		return l[0]
	}
	t.Fatalf("no diagnostic in %v", err)
	return nil
}

// rgdWith builds a minimal RGD around a schema spec and resources, both
// YAML, indented as under spec.schema.spec and spec.resources.
func rgdWith(schemaSpec, resources string) string {
	if strings.TrimSpace(resources) == "" {
		resources = "[]"
	}
	return "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata:\n  name: test\nspec:\n  schema:\n    apiVersion: v1alpha1\n    kind: App\n    spec:\n" +
		indent(schemaSpec, "      ") + "  resources:\n" + indent(resources, "    ")
}

func indent(s, pre string) string {
	s = strings.Trim(s, "\n")
	if s == "" {
		return pre + "{}\n"
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pre + l
		}
	}
	return strings.Join(lines, "\n") + "\n"
}
