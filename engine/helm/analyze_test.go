package helm

import (
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestParseFuncsMatchHelm: the analysis parses with the function names
// helm's engine defines. Every name akua knows must parse in helm (a
// chart calling each one renders), env and expandenv in neither.
func TestParseFuncsMatchHelm(t *testing.T) {
	var names []string
	for name := range parseFuncs() {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("{{- if false }}")
	for _, n := range names {
		b.WriteString("{{ " + n + " }}")
	}
	b.WriteString("{{ end }}")
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml":         "apiVersion: v2\nname: c\nversion: 1.0.0\n",
		"templates/all.yaml": b.String(),
	})
	if docs := render(t, Options{Root: root, Chart: dir}); len(docs) != 0 {
		t.Errorf("documents: %v", sourcesOf(docs))
	}
	for _, fn := range []string{"env", "expandenv"} {
		if _, ok := parseFuncs()[fn]; ok {
			t.Errorf("%s is in the analysis' functions", fn)
		}
	}
	for _, fn := range helmFuncs {
		if _, ok := parseFuncs()[fn]; !ok {
			t.Errorf("%s missing", fn)
		}
	}
}

// refusal renders files and returns the diagnostic it fails with,
// checking it is a refusal of fn at file:line.
func refusal(t *testing.T, files map[string]string, opts Options, fn, file string, line int) (string, Options) {
	t.Helper()
	files["Chart.yaml"] = "apiVersion: v2\nname: c\nversion: 1.0.0\n"
	root, dir := writeChart(t, files)
	opts.Root, opts.Chart = root, dir
	d := renderErr(t, opts)
	if d.Code != Nondeterministic || d.Pos.File != filepath.Join(dir, filepath.FromSlash(file)) || d.Pos.Line != line ||
		!strings.Contains(d.Message, fn+" is not allowed") {
		t.Errorf("got %v %v, want %s refused at %s:%d", d.Code, d, fn, file, line)
	}
	var notes []string
	for _, n := range d.Notes {
		rel, _ := filepath.Rel(dir, n.Pos.File)
		notes = append(notes, filepath.ToSlash(rel)+":"+strconv.Itoa(n.Pos.Line)+" "+n.Message)
	}
	msg := d.Message + "\n" + strings.Join(notes, "\n")
	t.Logf("%s\n%s", msg, d.Suggestion)
	return msg, opts
}

const cmHead = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n"

// TestRefusedByReach: the analysis follows what a template can run,
// not what it ran.
func TestRefusedByReach(t *testing.T) {
	t.Run("clock in a branch not taken", func(t *testing.T) {
		refusal(t, map[string]string{"templates/cm.yaml": cmHead + "  a: {{ if .Values.stamp }}{{ now }}{{ end }}\n"},
			Options{}, "now", "templates/cm.yaml", 6)
	})
	t.Run("random data taken", func(t *testing.T) {
		refusal(t, map[string]string{"templates/cm.yaml": cmHead + "  a: {{ .Values.password | default (randAlpha 16) }}\n"},
			Options{}, "randAlpha", "templates/cm.yaml", 6)
	})
	t.Run("random data not taken", func(t *testing.T) {
		// A second render shows the output does not depend on it.
		files := map[string]string{
			"Chart.yaml":        "apiVersion: v2\nname: c\nversion: 1.0.0\n",
			"templates/cm.yaml": cmHead + "  a: {{ .Values.password | default (randAlpha 16) }}\n  b: {{ if .Values.random }}{{ randAlpha 4 }}{{ end }}\n",
		}
		root, dir := writeChart(t, files)
		docs := render(t, Options{Root: root, Chart: dir, Values: map[string]any{"password": "given"}})
		if len(docs) != 1 || !strings.Contains(string(docs[0].YAML), "a: given") {
			t.Errorf("documents: %v", docs)
		}
	})
	t.Run("printf include", func(t *testing.T) {
		msg, _ := refusal(t, map[string]string{
			"templates/_h.tpl":  "{{ define \"c.id\" }}\n{{- uuidv4 }}{{ end }}",
			"templates/cm.yaml": cmHead + "  a: {{ include (printf \"%s.id\" .Chart.Name) . }}\n",
		}, Options{}, "uuidv4", "templates/_h.tpl", 2)
		if !strings.Contains(msg, "templates/cm.yaml:6 included from here") {
			t.Errorf("notes: %s", msg)
		}
	})
	t.Run("unknown include name", func(t *testing.T) {
		refusal(t, map[string]string{
			"templates/_h.tpl":  "{{ define \"c.unused\" }}{{ now }}{{ end }}{{ define \"c.used\" }}x{{ end }}",
			"templates/cm.yaml": cmHead + "  a: {{ include .Values.helper . }}\n",
		}, Options{Values: map[string]any{"helper": "c.used"}}, "now", "templates/_h.tpl", 1)
	})
	t.Run("template action", func(t *testing.T) {
		refusal(t, map[string]string{
			"templates/_h.tpl":  "{{ define \"c.pw\" }}{{ htpasswd \"u\" \"p\" }}{{ end }}",
			"templates/cm.yaml": cmHead + "  a: {{ template \"c.pw\" . }}\n",
		}, Options{}, "htpasswd", "templates/_h.tpl", 1)
	})
	t.Run("variable from values", func(t *testing.T) {
		refusal(t, map[string]string{"templates/cm.yaml": cmHead + "{{ $t := .Values.when }}\n  a: {{ date \"2006\" $t }}\n"},
			Options{}, "date", "templates/cm.yaml", 7)
	})
	t.Run("tpl of a value", func(t *testing.T) {
		msg, _ := refusal(t, map[string]string{"templates/cm.yaml": cmHead + "  a: {{ tpl .Values.other.t . }}\n"},
			Options{Values: map[string]any{"msg": "x", "other": map[string]any{"t": "id-{{ randNumeric 3 }}"}}},
			"randNumeric", "templates/cm.yaml", 6)
		if !strings.Contains(msg, "values.other.t") {
			t.Errorf("message does not name the value: %s", msg)
		}
	})
	t.Run("tpl of a file", func(t *testing.T) {
		msg, _ := refusal(t, map[string]string{
			"files/app.conf":    "id = {{ include \"c.id\" . }}\n",
			"templates/_h.tpl":  "{{ define \"c.id\" }}{{ uuidv4 }}{{ end }}",
			"templates/cm.yaml": cmHead + "  a: {{ tpl (.Files.Get \"files/app.conf\") . | quote }}\n",
		}, Options{}, "uuidv4", "templates/_h.tpl", 1)
		if !strings.Contains(msg, "templates/cm.yaml:6 tpl renders text from file c/files/app.conf here") {
			t.Errorf("notes: %s", msg)
		}
	})
	t.Run("tpl of a constant", func(t *testing.T) {
		refusal(t, map[string]string{"templates/cm.yaml": cmHead + "  a: {{ tpl \"{{ now }}\" . }}\n"}, Options{}, "now", "templates/cm.yaml", 6)
	})
}

// TestReachNotTooFar: what no template in the output can reach may
// call refused functions.
func TestReachNotTooFar(t *testing.T) {
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
		// podinfo's pattern: a checksum of another template by path.
		"templates/config.yaml": cmHead + "  a: b\n",
		"templates/deploy.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n" +
			"    sum: {{ include (print $.Template.BasePath \"/config.yaml\") . | sha256sum }}\n" +
			"    msg: {{ tpl .Values.msg . | quote }}\n",
		"templates/_h.tpl":       "{{ define \"c.unused\" }}{{ now }}{{ end }}",
		"templates/tests/t.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: t-{{ randAlphaNum 5 | lower }}\n  annotations:\n    helm.sh/hook: test\n",
		"files/notes.txt":        "{{ this is not a template",
	})
	vals := map[string]any{"msg": "release {{ .Release.Name }}", "alerts": "{{ $labels.instance }} is down"}
	docs := render(t, Options{Root: root, Chart: dir, SkipTests: true, Values: vals})
	if got := sourcesOf(docs); !reflect.DeepEqual(got, []string{"c/templates/config.yaml", "c/templates/deploy.yaml"}) {
		t.Errorf("documents %v", got)
	}
	if !strings.Contains(string(docs[1].YAML), `msg: "release release"`) {
		t.Errorf("tpl output:\n%s", docs[1].YAML)
	}
}
