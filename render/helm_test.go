package render

import (
	"akua.dev/akua/internal/testfs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const chartYAML = "apiVersion: v2\nname: app\nversion: 0.1.0\n"

func helmPkg(call string) string {
	return "import akua.helm\n\nresources = helm.template(helm.Template {" + call + "})\n"
}

func TestHelmTemplateThroughRender(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{
		"package.k": helmPkg(`chart = "./charts/app", release = "web", values = {n = 2, big = 1000000}, postRenderer = lambda r {
    r | {metadata.labels.team = "a"} if r.kind == "ConfigMap" else None
}`),
		"charts/app/Chart.yaml":            chartYAML,
		"charts/app/values.yaml":           "n: 1\n",
		"charts/app/templates/cm.yaml":     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  n: {{ .Values.n | quote }}\n  big: {{ .Values.big | quote }}\n",
		"charts/app/templates/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\n",
	})
	res, err := renderDir(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Resources) != 1 {
		t.Fatalf("postRenderer returning None must drop the Secret: %d resources", len(res.Resources))
	}
	got := string(res.Resources[0].YAML)
	for _, want := range []string{"name: web", "team: a", "'n': '2'", "big: '1e+06'"} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered ConfigMap lacks %q:\n%s", want, got)
		}
	}
}

func TestHelmErrorsThroughRender(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "Chart.yaml"), []byte(chartYAML), 0o644)
	cases := []struct {
		name  string
		files map[string]string
		code  string
		where string // a file the error must point into
	}{
		{"escape", map[string]string{"package.k": helmPkg(`chart = "../../` + filepath.Base(outside) + `"`)}, "E_PATH_ESCAPE", "package.k"},
		{"absolute", map[string]string{"package.k": helmPkg(`chart = "` + filepath.ToSlash(outside) + `"`)}, "E_PATH_ESCAPE", "package.k"},
		{"missing", map[string]string{"package.k": helmPkg(`chart = "./charts/nope"`)}, "E_PATH_NOT_FOUND", "package.k"},
		{"template error", map[string]string{
			"package.k":                    helmPkg(`chart = "./charts/app"`),
			"charts/app/Chart.yaml":        chartYAML,
			"charts/app/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ required \"db.host is required\" .Values.db }}\n",
		}, "E_HELM_TEMPLATE", "cm.yaml"},
		{"nondeterministic", map[string]string{
			"package.k":                    helmPkg(`chart = "./charts/app"`),
			"charts/app/Chart.yaml":        chartYAML,
			"charts/app/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ randAlphaNum 8 }}\n",
		}, "E_HELM_NONDETERMINISTIC", "cm.yaml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := testfs.Tree(t, c.files)
			if c.name == "escape" {
				// The chart sits beside the package's parent: ../../<name>.
				dir2 := filepath.Join(filepath.Dir(outside), "x", "pkg")
				os.MkdirAll(dir2, 0o755)
				os.WriteFile(filepath.Join(dir2, "package.k"), []byte(c.files["package.k"]), 0o644)
				dir = dir2
			}
			d := mustFail(t, dir, Options{}, c.code)
			if !strings.Contains(d.Pos.File, c.where) || d.Pos.Line == 0 {
				t.Errorf("error at %v, want a line in %s: %v", d.Pos, c.where, d)
			}
		})
	}
}
