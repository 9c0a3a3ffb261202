package helm

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl/diag"
)

func TestTemplateErrors(t *testing.T) {
	helpers := "{{- define \"c.name\" -}}\n{{ .Values.deep.missing.key }}\n{{- end }}\n" +
		"{{- define \"c.req\" -}}\n{{ required \"c.req needs key\" .Values.key }}\n{{- end }}\n"
	cases := []struct {
		name, tpl        string
		file             string // template file the position must name
		line, col        int
		message, noteAt  string
		noteLine, nNotes int
	}{
		{name: "nil pointer", tpl: "a: 1\nb: {{ .Values.a.b.c }}\n", file: "cm.yaml", line: 2, col: 13,
			message: "c/templates/cm.yaml: at <.Values.a.b.c>: nil pointer evaluating interface {}.b"},
		{name: "parse error", tpl: "a: 1\nb: {{ .Values.x \n", file: "cm.yaml", line: 3, message: "parse error: unclosed action"},
		{name: "unknown function", tpl: "a: {{ nosuchfn 1 }}\n", file: "cm.yaml", line: 1,
			message: `function "nosuchfn" not defined`},
		{name: "required", tpl: "a: 1\nb: {{ required \"image.tag is required\" .Values.image }}\n", file: "cm.yaml",
			line: 2, col: 6, message: "c/templates/cm.yaml: image.tag is required"},
		{name: "fail", tpl: "{{ if true }}\n{{ fail \"this chart needs a license\" }}\n{{ end }}\n", file: "cm.yaml",
			line: 2, message: "this chart needs a license"},
		{name: "in helper", tpl: "a: {{ include \"c.name\" . }}\n", file: "_helpers.tpl", line: 2, col: 10,
			message: `executing "c.name" at <.Values.deep.missing.key>: nil pointer evaluating interface {}.missing`, nNotes: 1, noteAt: "cm.yaml", noteLine: 1},
		// helm keeps only the outermost position of fail/required.
		{name: "required in helper", tpl: "a: 1\nb: {{ include \"c.req\" . }}\n", file: "cm.yaml", line: 2, col: 6,
			message: "c/templates/cm.yaml: c.req needs key"},
		{name: "wrong type", tpl: "a: {{ add \"x\" .Values.list.x }}\n", file: "cm.yaml", line: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, dir := writeChart(t, map[string]string{
				"Chart.yaml":             "apiVersion: v2\nname: c\nversion: 1.0.0\n",
				"templates/_helpers.tpl": helpers,
				"templates/cm.yaml":      c.tpl,
			})
			d := renderErr(t, Options{Root: root, Chart: dir, Values: map[string]any{"list": []any{1}}})
			if d.Code != TemplateError {
				t.Fatalf("code %v, want %v: %v", d.Code, TemplateError, d)
			}
			if want := filepath.Join(dir, "templates", c.file); d.Pos.File != want || d.Pos.Line != c.line ||
				(c.col != 0 && d.Pos.Col != c.col) {
				t.Errorf("pos %v, want %s:%d:%d", d.Pos, want, c.line, c.col)
			}
			if !strings.Contains(d.Message, c.message) || d.Suggestion == "" || d.Message != strings.TrimSpace(d.Message) {
				t.Errorf("message %q (suggestion %q), want it to contain %q", d.Message, d.Suggestion, c.message)
			}
			if len(d.Notes) != c.nNotes {
				t.Fatalf("notes %+v, want %d", d.Notes, c.nNotes)
			}
			if c.nNotes > 0 && (d.Notes[0].Pos.File != filepath.Join(dir, "templates", c.noteAt) || d.Notes[0].Pos.Line != c.noteLine) {
				t.Errorf("note %+v, want %s:%d", d.Notes[0], c.noteAt, c.noteLine)
			}
		})
	}
}

func TestInvalidYAMLOutput(t *testing.T) {
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml":        "apiVersion: v2\nname: c\nversion: 1.0.0\n",
		"templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: {{ .Values.v }}\n",
	})
	d := renderErr(t, Options{Root: root, Chart: dir})
	if d.Code != TemplateError || d.Pos.File != filepath.Join(dir, "templates", "cm.yaml") ||
		!strings.Contains(d.Message, "c/templates/cm.yaml renders invalid YAML") {
		t.Errorf("got %v %v", d.Code, d)
	}
}

func TestChartErrors(t *testing.T) {
	chartYAML := "apiVersion: v2\nname: c\nversion: 1.0.0\n"
	cases := []struct {
		name    string
		files   map[string]string
		chart   string // relative to the root, default "chart"
		code    diag.Code
		file    string // Pos.File relative to the chart, "" for the chart itself
		line    int
		message string
	}{
		{name: "missing chart", files: map[string]string{"x": ""}, chart: "nope", code: ChartError, message: "no chart at"},
		{name: "missing Chart.yaml", files: map[string]string{"values.yaml": "a: 1\n"}, code: ChartError,
			message: "no Chart.yaml in"},
		{name: "bad values.yaml", files: map[string]string{"Chart.yaml": chartYAML, "values.yaml": "a: 1\nb: [\n"},
			code: ChartError, file: "values.yaml", line: 2, message: "cannot load values.yaml"},
		{name: "bad Chart.yaml", files: map[string]string{"Chart.yaml": "name: [\n"}, code: ChartError, file: "Chart.yaml",
			line: 1, message: "cannot load Chart.yaml"},
		{name: "library chart", files: map[string]string{"Chart.yaml": chartYAML + "type: library\n"}, code: ChartError,
			message: "library charts are not installable"},
		{name: "missing dependency", files: map[string]string{"Chart.yaml": chartYAML +
			"dependencies:\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.com\n"},
			code: ChartError, message: "missing in charts/ directory: redis"},
		{name: "kubeVersion", files: map[string]string{"Chart.yaml": chartYAML + "kubeVersion: \"<1.30.0-0\"\n"},
			code: ChartError, file: "Chart.yaml", message: "incompatible with Kubernetes v1.37.0"},
		{name: "not a tgz", files: map[string]string{"x": ""}, chart: "x", code: ChartError,
			message: "x is not a usable chart archive"},
		{name: "bad helmignore", files: map[string]string{"Chart.yaml": chartYAML, ".helmignore": "a/**/b\n"},
			code: ChartError, file: ".helmignore", message: "bad .helmignore"},
		{name: "subchart values not a map", files: map[string]string{"Chart.yaml": chartYAML, "values.yaml": "sub: 3\n",
			"charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n"}, code: ValuesError,
			message: "type mismatch on sub"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, dir := writeChart(t, c.files)
			if c.chart != "" {
				dir = filepath.Join(root, "chart", c.chart)
			}
			d := renderErr(t, Options{Root: root, Chart: dir})
			want := dir
			if c.file != "" {
				want = filepath.Join(dir, c.file)
			}
			if d.Code != c.code || d.Pos.File != want || d.Pos.Line != c.line || !strings.Contains(d.Message, c.message) ||
				d.Suggestion == "" {
				t.Errorf("got %v %v (%+v), want %v at %s:%d with %q", d.Code, d, d.Pos, c.code, want, c.line, c.message)
			}
		})
	}
}

func TestOptionErrors(t *testing.T) {
	root, dir := exampleChart(t, "helm-hello", "hello")
	for _, opts := range []Options{
		{Release: "Not_Valid"},
		{Release: strings.Repeat("a", 54)},
		{KubeVersion: "one.two"},
	} {
		opts.Root, opts.Chart = root, dir
		if d := renderErr(t, opts); d.Code != OptionsError || d.Suggestion == "" {
			t.Errorf("%+v: got %v %v", opts, d.Code, d)
		}
	}
	// Values that cannot be YAML.
	d := renderErr(t, Options{Root: root, Chart: dir, Values: map[string]any{"f": func() {}}})
	if d.Code != ValuesError {
		t.Errorf("func value: %v %v", d.Code, d)
	}
}

func TestSchemaErrors(t *testing.T) {
	root, dir := exampleChart(t, "webapp", "webapp")
	d := renderErr(t, Options{Root: root, Chart: dir, Values: map[string]any{
		"replicaCount": "two",
		"service":      map[string]any{"type": "Internal"},
	}})
	if d.Code != ValuesError || d.Pos.File != filepath.Join(dir, "values.schema.json") || d.Path != "replicaCount" ||
		!strings.Contains(d.Message, "at '/replicaCount': got string, want integer") ||
		!strings.Contains(d.Message, "at '/service/type': value must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'") {
		t.Errorf("got %v %v (path %q)", d.Code, d, d.Path)
	}
}

// TestPathEscape: no chart file may come from outside the root.
func TestPathEscape(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte("kind: Secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := func(t *testing.T, target, name string) {
		if err := os.Symlink(target, name); err != nil {
			t.Skip("symlinks not available: " + err.Error())
		}
	}
	t.Run("template symlink", func(t *testing.T) {
		root, dir := writeChart(t, map[string]string{"Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
			"templates/ok.yaml": ""})
		link(t, filepath.Join(outside, "secret.yaml"), filepath.Join(dir, "templates", "leak.yaml"))
		if d := renderErr(t, Options{Root: root, Chart: dir}); d.Code != pathguard.Escape || !strings.Contains(d.Message, "templates/leak.yaml") {
			t.Errorf("got %v %v", d.Code, d)
		}
	})
	t.Run("files symlink to a directory", func(t *testing.T) {
		root, dir := writeChart(t, map[string]string{"Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n"})
		link(t, outside, filepath.Join(dir, "files"))
		if d := renderErr(t, Options{Root: root, Chart: dir}); d.Code != pathguard.Escape {
			t.Errorf("got %v %v", d.Code, d)
		}
	})
	t.Run("chart symlink", func(t *testing.T) {
		root, _ := writeChart(t, map[string]string{"x": ""})
		_, other := writeChart(t, map[string]string{"Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n"})
		link(t, other, filepath.Join(root, "linked"))
		if d := renderErr(t, Options{Root: root, Chart: filepath.Join(root, "linked")}); d.Code != pathguard.Escape {
			t.Errorf("got %v %v", d.Code, d)
		}
	})
	t.Run("symlink inside the root", func(t *testing.T) {
		root, dir := writeChart(t, map[string]string{"Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
			"shared/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n"})
		if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
			t.Fatal(err)
		}
		link(t, filepath.Join(dir, "shared", "cm.yaml"), filepath.Join(dir, "templates", "cm.yaml"))
		if got := kinds(t, render(t, Options{Root: root, Chart: dir})); len(got) != 1 || got[0] != "ConfigMap/shared" {
			t.Errorf("got %v", got)
		}
	})
}

func TestCancel(t *testing.T) {
	root, dir := exampleChart(t, "helm-hello", "hello")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Template(ctx, Options{Root: root, Chart: dir}); diag.From(err)[0].Code != diag.Canceled {
		t.Errorf("canceled context: %v", err)
	}
	// A template that loops for a long time: Template returns at the
	// deadline, not when the loop ends.
	root, dir = cmChart(t, `len (until 1)`)
	slow := "{{ range until 4000 }}{{ range until 4000 }}{{ end }}{{ end }}"
	if err := os.WriteFile(filepath.Join(dir, "templates", "slow.yaml"), []byte(slow), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Template(ctx, Options{Root: root, Chart: dir})
	if d := diag.From(err); d[0].Code != diag.Canceled || time.Since(start) > 2*time.Second {
		t.Errorf("deadline: %v after %v", err, time.Since(start))
	}
}
