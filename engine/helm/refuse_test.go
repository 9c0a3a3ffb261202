package helm

import (
	"cmp"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// cmChart is a chart whose ConfigMap prints expr at line 6, column 10.
func cmChart(t *testing.T, expr string) (root, dir string) {
	return writeChart(t, map[string]string{
		"Chart.yaml":        "apiVersion: v2\nname: c\nversion: 1.0.0\n",
		"templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  v: {{ " + expr + " | toString | quote }}\n",
	})
}

// TestRefusedFunctions: every refused function fails, naming the
// template file, line, column and function, with a suggestion.
func TestRefusedFunctions(t *testing.T) {
	cases := []struct{ fn, expr, suggestion string }{
		{"now", "now", ""},
		{"now", "now.Year", ""},
		{"ago", `ago (toDate "2006-01-02" "2020-01-01")`, ""},
		{"date", `date "2006" .Values.nothing`, ""},
		{"date", `date "2006" "2020-01-01"`, ""},
		{"date", `date "2006" 1.5`, ""},
		{"date", `.Values.epoch | date "2006"`, ""},
		{"htmlDate", `htmlDate ""`, ""},
		{"dateInZone", `dateInZone "2006" "" "UTC"`, ""},
		{"date_in_zone", `date_in_zone "2006" 0.5 "UTC"`, ""},
		{"htmlDateInZone", `htmlDateInZone "" "UTC"`, ""},
		{"dateInZone in zone Europe/Berlin", `dateInZone "15:04" (toDate "2006" "2020") "Europe/Berlin"`, ""},
		{"dateInZone with a time zone from a value", `dateInZone "15:04" (toDate "2006" "2020") .Values.tz`, ""},
		{"durationRound", `durationRound (toDate "2006" "2020")`, ""},
		{"randAlphaNum", "randAlphaNum 5", ""},
		{"randAlpha", "randAlpha 5", ""},
		{"randAscii", "randAscii 5", ""},
		{"randNumeric", "randNumeric 5", ""},
		{"randBytes", "randBytes 5", ""},
		{"randInt", "randInt 1 10", ""},
		{"uuidv4", "uuidv4", ""},
		{"uuidv4", "quote uuidv4", ""},
		{"shuffle", `shuffle "abc"`, ""},
		{"bcrypt", `bcrypt "pw"`, ""},
		{"htpasswd", `htpasswd "user" "pw"`, ""},
		{"encryptAES", `encryptAES "key" "text"`, ""},
		{"getHostByName", `getHostByName "example.com"`, ""},
		{"genPrivateKey", `genPrivateKey "rsa"`, ""},
		{"genCA", `(genCA "ca" 365).Cert`, ""},
		{"genCAWithKey", `(genCAWithKey "ca" 365 "key").Cert`, ""},
		{"genSelfSignedCert", `(genSelfSignedCert "x" (list) (list) 365).Cert`, ""},
		{"genSelfSignedCertWithKey", `(genSelfSignedCertWithKey "x" (list) (list) 365 "key").Key`, ""},
		{"genSignedCert", `(genSignedCert "x" (list) (list) 365 .Values.ca).Cert`, ""},
		{"genSignedCertWithKey", `(genSignedCertWithKey "x" (list) (list) 365 .Values.ca "key").Cert`, ""},
		{"keys", `keys (dict "b" 1 "a" 2) | join ","`, "sortAlpha"},
		{"keys", `first (keys (dict "b" 1 "a" 2))`, "sortAlpha"},
		{"values", `values (dict "b" 1 "a" 2) | toJson`, "sortAlpha"},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			root, dir := cmChart(t, c.expr)
			d := renderErr(t, Options{Root: root, Chart: dir, Values: map[string]any{"epoch": 1700000000, "tz": "UTC"}})
			if d.Code != Nondeterministic {
				t.Fatalf("code %v, want %v: %v", d.Code, Nondeterministic, d)
			}
			if want := filepath.Join(dir, "templates", "cm.yaml"); d.Pos.File != want || d.Pos.Line != 6 || d.Pos.Col == 0 {
				t.Errorf("pos %v, want %s:6:col", d.Pos, want)
			}
			if !strings.Contains(d.Message, "c/templates/cm.yaml: "+c.fn+" is not allowed") {
				t.Errorf("message %q does not name the template and %s", d.Message, c.fn)
			}
			if want := cmp.Or(c.suggestion, "pass the value as an input"); !strings.Contains(d.Suggestion, want) {
				t.Errorf("suggestion %q, want it to contain %q", d.Suggestion, want)
			}
		})
	}
}

// TestRefusedInHelper: the position is the call inside the helper;
// the include site is a note.
func TestRefusedInHelper(t *testing.T) {
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml":          "apiVersion: v2\nname: c\nversion: 1.0.0\n",
		"templates/_util.tpl": "{{- define \"c.id\" -}}\nid-{{ uuidv4 }}\n{{- end }}\n",
		"templates/cm.yaml":   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"c.id\" . }}\n",
	})
	d := renderErr(t, Options{Root: root, Chart: dir})
	if d.Code != Nondeterministic || d.Pos.File != filepath.Join(dir, "templates", "_util.tpl") || d.Pos.Line != 2 {
		t.Fatalf("got %v %v", d.Code, d)
	}
	if len(d.Notes) != 1 || d.Notes[0].Pos.File != filepath.Join(dir, "templates", "cm.yaml") || d.Notes[0].Pos.Line != 4 {
		t.Errorf("notes %+v, want the include in cm.yaml:4", d.Notes)
	}
}

// TestRefusedInDroppedDocuments: a template whose documents are not in
// the output may call a refused function: test hooks under SkipTests,
// NOTES.txt, a template that renders nothing.
func TestRefusedInDroppedDocuments(t *testing.T) {
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml":           "apiVersion: v2\nname: c\nversion: 1.0.0\n",
		"templates/cm.yaml":    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n",
		"templates/NOTES.txt":  "installed at {{ now }}\n",
		"templates/empty.yaml": "{{ $x := randAlphaNum 4 }}{{ if eq $x \"nope\" }}kind: X{{ end }}\n",
		"templates/tests/t.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: test-{{ randAlphaNum 5 | lower }}\n" +
			"  annotations:\n    helm.sh/hook: test\n",
	})
	docs := render(t, Options{Root: root, Chart: dir, SkipTests: true})
	if got := sourcesOf(docs); !reflect.DeepEqual(got, []string{"c/templates/cm.yaml"}) {
		t.Errorf("documents %v", got)
	}
	d := renderErr(t, Options{Root: root, Chart: dir})
	if d.Code != Nondeterministic || d.Pos.File != filepath.Join(dir, "templates", "tests", "t.yaml") || d.Pos.Line != 4 ||
		!strings.Contains(d.Message, "randAlphaNum") {
		t.Errorf("without SkipTests: %v %v", d.Code, d)
	}
}

// TestPodinfoTestsRefused: podinfo's test hooks name pods with
// randAlphaNum; with tests kept, the render is refused.
func TestPodinfoTestsRefused(t *testing.T) {
	dir := podinfoDir(t)
	d := renderErr(t, Options{Root: dir, Chart: dir})
	if d.Code != Nondeterministic || !strings.Contains(d.Pos.File, filepath.Join("templates", "tests")) ||
		!strings.Contains(d.Message, "randAlphaNum") || d.Pos.Line == 0 {
		t.Errorf("got %v %v", d.Code, d)
	}
}

func TestEnvRefused(t *testing.T) {
	for _, fn := range []string{"env", "expandenv"} {
		root, dir := cmChart(t, fn+` "HOME"`)
		d := renderErr(t, Options{Root: root, Chart: dir})
		if d.Code != Nondeterministic || d.Pos.File != filepath.Join(dir, "templates", "cm.yaml") || d.Pos.Line != 6 ||
			!strings.Contains(d.Message, fn+" reads the environment") {
			t.Errorf("%s: %v %v", fn, d.Code, d)
		}
	}
}

// TestDeterministicFunctions: functions that only depend on their
// inputs work, the date functions when the analysis sees a time (in
// UTC: TestMain sets time.Local as akua's CLI does), keys and values
// when sorted or only counted.
func TestDeterministicFunctions(t *testing.T) {
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
		"templates/cm.yaml": `{{- $t := toDate "2006-01-02 15:04" "2024-03-01 23:30" -}}
{{- $m := dict "b" 1 "a" 2 "c" 3 -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  date: {{ date "2006-01-02 15:04 MST" $t | quote }}
  unix: {{ date "15:04" 0 | quote }}
  epoch64: {{ date "2006-01-02" (.Values.epoch | int64) | quote }}
  html: {{ htmlDate $t | quote }}
  zone: {{ dateInZone "15:04" $t "Local" | quote }}
  piped: {{ $t | htmlDate | quote }}
  epoch: {{ unixEpoch $t | quote }}
  modified: {{ $t | dateModify "2h" | date "2006-01-02" | quote }}
  duration: {{ duration "90" | quote }}
  round: {{ durationRound "2h10m" | quote }}
  keys: {{ keys $m | sortAlpha | join "," | quote }}
  values: {{ sortAlpha (values $m) | toJson | quote }}
  nkeys: {{ len (keys $m) | quote }}
  hasA: {{ has "a" (keys $m) | quote }}
  ifKeys: {{ if keys $m }}"yes"{{ end }}
  lookup: {{ lookup "v1" "ConfigMap" "ns" "x" | toJson | quote }}
  osBase: {{ osBase "a/b/c.txt" | quote }}
  decrypted: {{ decryptAES "key" "" | quote }}
  dead: {{ if false }}{{ "never" }}{{ end }}
`,
	})
	got := data(t, render(t, Options{Root: root, Chart: dir, Values: map[string]any{"epoch": 1700000000}}), "cm")
	want := map[string]string{
		"date": "2024-03-01 23:30 UTC", "unix": "00:00", "epoch64": "2023-11-14", "html": "2024-03-01", "zone": "23:30",
		"piped": "2024-03-01", "epoch": "1709335800", "modified": "2024-03-02", "duration": "1m30s", "round": "2h",
		"keys": "a,b,c", "values": `["1","2","3"]`, "nkeys": "3", "hasA": "true", "ifKeys": "yes", "lookup": "{}",
		"osBase": "c.txt", "decrypted": "", "dead": "",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}
