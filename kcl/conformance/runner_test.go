package conformance

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"akua.dev/akua/kcl"
	"akua.dev/akua/kcl/diag"
)

func TestParseSettings(t *testing.T) {
	tests := []struct {
		yaml string
		want []string
	}{
		{"kcl_options: -D k=v -Y s.yaml\n", []string{"-D", "k=v", "-Y", "s.yaml"}},
		{"kcl_options:   -D a=1   -n\n", []string{"-D", "a=1", "-n"}},
		{"kcl_options:\n", nil},
		{"other: 1\n", nil},
		{"", nil},
		// Verbatim words: no shell quoting, no variable expansion.
		{`kcl_options: -D id="007" -D d={"a":[1,2]} ${KCL_MOD}/p.k` + "\n",
			[]string{"-D", `id="007"`, "-D", `d={"a":[1,2]}`, "${KCL_MOD}/p.k"}},
		{"kcl_options: -O :a.b='x'\n", []string{"-O", ":a.b='x'"}},
	}
	for _, tt := range tests {
		got, err := ParseSettings([]byte(tt.yaml))
		if err != nil {
			t.Errorf("ParseSettings(%q): %v", tt.yaml, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseSettings(%q) = %q, want %q", tt.yaml, got, tt.want)
		}
	}
	for _, bad := range []string{"kcl_options: [a, b]\n", "kcl_options: {\n"} {
		if got, err := ParseSettings([]byte(bad)); err == nil {
			t.Errorf("ParseSettings(%q) = %q, want an error", bad, got)
		}
	}
}

// writeTree creates files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const typeErrGolden = `error[E2G22]: TypeError
 --> ${CWD}/main.k:3:1
  |
3 | a: str = 1
  | ^ expected str, got int(1)
`

// fixtureCorpus is a small corpus; fakeRun's behaviour depends on each
// case's directory name.
var fixtureCorpus = map[string]string{
	"a/ok/main.k":                "a = 1",
	"a/ok/stdout.golden":         "a: 1\nb: 'x'\n",
	"a/ok/settings.yaml":         "kcl_options: -D k=v -Y one.yaml two.yaml -n\n",
	"a/wrong/main.k":             "a = 1",
	"a/wrong/stdout.golden":      "a: 2\n",
	"a/typeerr/main.k":           "a = 1",
	"a/typeerr/stderr.golden":    typeErrGolden,
	"a/othererr/main.k":          "a = 1",
	"a/othererr/stderr.golden":   typeErrGolden,
	"a/plainerr/main.k":          "a = 1",
	"a/plainerr/stderr.golden":   typeErrGolden,
	"a/noerr/main.k":             "a = 1",
	"a/noerr/stderr.golden":      typeErrGolden,
	"b/disabled/_main.k":         "a = 1",
	"b/disabled/stdout.golden":   "a: 1\n",
	"b/nogolden/main.k":          "a = 1",
	"b/deep/er/ok/main.k":        "a = 1",
	"b/deep/er/ok/stdout.golden": "a: 1\nb: x\n",
	"b/panic/main.k":             "a = 1",
	"b/panic/stdout.golden":      "a: 1\n",
	"b/hang/main.k":              "a = 1",
	"b/hang/stdout.golden":       "a: 1\n",
	"b/slow/main.k":              "a = 1",
	"b/slow/stderr.golden":       typeErrGolden,
	"b/badopts/main.k":           "a = 1",
	"b/badopts/stdout.golden":    "a: 1\n",
	"b/badopts/settings.yaml":    "kcl_options: --bogus\n",
}

func fakeRun(ctx context.Context, files []string, opt kcl.RunOptions) (*kcl.Result, error) {
	switch filepath.Base(opt.WorkDir) {
	case "ok":
		if filepath.Base(filepath.Dir(opt.WorkDir)) == "a" {
			want := kcl.RunOptions{WorkDir: opt.WorkDir, Options: []string{"k=v"},
				Settings: []string{"one.yaml", "two.yaml"}, DisableNone: true}
			if !reflect.DeepEqual(files, []string{"main.k"}) || !reflect.DeepEqual(opt, want) {
				return nil, errors.New("unexpected arguments")
			}
		}
		return &kcl.Result{YAML: []byte("a: 1\nb: x\n")}, nil
	case "wrong":
		return &kcl.Result{YAML: []byte("a: 1\n")}, nil
	case "typeerr":
		return nil, diag.List{diag.New(diag.TypeError, diag.Pos{File: "main.k", Line: 3, Col: 1}, "expected str, got int(1)")}
	case "othererr":
		return nil, diag.New(diag.NameError, diag.Pos{File: "main.k", Line: 1, Col: 1}, "name 'x' is not defined")
	case "plainerr":
		return nil, errors.New("not a diagnostic")
	case "panic":
		panic("boom")
	case "hang":
		select {} // ignores its context
	case "slow":
		<-ctx.Done()
		return nil, diag.New(diag.Canceled, diag.Pos{}, "canceled")
	}
	return &kcl.Result{}, nil
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, fixtureCorpus)
	cases, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cases {
		names = append(names, c.Name+":"+c.Kind.String())
	}
	want := []string{
		"a/noerr:stderr", "a/ok:stdout", "a/othererr:stderr", "a/plainerr:stderr",
		"a/typeerr:stderr", "a/wrong:stdout",
		"b/badopts:stdout", "b/deep/er/ok:stdout", "b/hang:stdout", "b/panic:stdout", "b/slow:stderr",
	}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Load cases:\n got %q\nwant %q", names, want)
	}
	if got := cases[1].Args; !reflect.DeepEqual(got, []string{"main.k", "-D", "k=v", "-Y", "one.yaml", "two.yaml", "-n"}) {
		t.Errorf("a/ok args = %q", got)
	}
}

func TestRunAll(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, fixtureCorpus)
	cases, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{Run: fakeRun, Timeout: 200 * time.Millisecond, Workers: 3}
	results := r.RunAll(context.Background(), cases)
	want := map[string]string{ // case → "" (pass) or a substring of the reason
		"a/ok":         "",
		"a/wrong":      `$.a: got int "1", want int "2"`,
		"a/typeerr":    "",
		"a/othererr":   "",
		"a/plainerr":   "error without a KCL diagnostic",
		"a/noerr":      "want an error",
		"b/deep/er/ok": "",
		"b/panic":      "panic: boom",
		"b/hang":       "timed out",
		"b/slow":       "timed out",
		"b/badopts":    "kcl_options: unknown flag: --bogus",
	}
	for i, res := range results {
		if res.Case != cases[i] {
			t.Fatalf("result %d is for %s, want %s", i, res.Case.Name, cases[i].Name)
		}
		w := want[res.Case.Name]
		switch {
		case w == "" && !res.Pass:
			t.Errorf("%s failed (%s), want pass", res.Case.Name, res.Reason)
		case w != "" && res.Pass:
			t.Errorf("%s passed, want failure %q", res.Case.Name, w)
		case w != "" && !strings.Contains(res.Reason, w):
			t.Errorf("%s failed with %q, want %q", res.Case.Name, res.Reason, w)
		}
	}
	exact := map[string]bool{}
	for _, res := range results {
		exact[res.Case.Name] = res.Exact
	}
	if !exact["a/typeerr"] || exact["a/othererr"] {
		t.Errorf("Exact: typeerr=%v (want true), othererr=%v (want false)", exact["a/typeerr"], exact["a/othererr"])
	}

	total, byDir := Summarize(results)
	if total.Passed() != 4 || total.Total() != 11 || byDir["a"].StderrPass != 2 || byDir["a"].StderrExact != 1 {
		t.Errorf("Summarize: total %+v, a %+v", total, *byDir["a"])
	}
	table := Table(results)
	for _, s := range []string{"directory", "TOTAL", "2/4", "4/11"} {
		if !strings.Contains(table, s) {
			t.Errorf("Table lacks %q:\n%s", s, table)
		}
	}
}

func TestRunAllStopsAfterTimeouts(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for _, n := range []string{"h1", "h2", "h3", "h4"} {
		files["x/"+n+"/hang/main.k"] = "a = 1"
		files["x/"+n+"/hang/stdout.golden"] = "a: 1\n"
	}
	writeTree(t, dir, files)
	cases, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{Run: fakeRun, Timeout: 50 * time.Millisecond, Workers: 1, MaxTimeouts: 2}
	start := time.Now()
	results := r.RunAll(context.Background(), cases)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("RunAll took %s", d)
	}
	for i, res := range results {
		if i < 2 && !strings.Contains(res.Reason, "timed out") {
			t.Errorf("case %d: %q, want a timeout", i, res.Reason)
		}
		if i >= 2 && !strings.Contains(res.Reason, "not run") {
			t.Errorf("case %d: %q, want not run", i, res.Reason)
		}
	}
}

func TestRatchetRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "passing.txt")
	got, err := ReadRatchet(path)
	if err != nil || got != nil {
		t.Fatalf("ReadRatchet(missing) = %q, %v", got, err)
	}
	if err := WriteRatchet(path, []string{"b/y", "a/x", "b/y", "a/w"}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "# ") || !strings.HasSuffix(string(data), "\na/w\na/x\nb/y\n") {
		t.Errorf("ratchet file:\n%s", data)
	}
	got, err = ReadRatchet(path)
	if err != nil || !reflect.DeepEqual(got, []string{"a/w", "a/x", "b/y"}) {
		t.Errorf("ReadRatchet = %q, %v", got, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestLocateEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvCorpus, dir)
	got, ok, err := Locate()
	if err != nil || !ok || got != dir {
		t.Errorf("Locate() = %q, %v, %v; want %q", got, ok, err, dir)
	}
	t.Setenv(EnvCorpus, filepath.Join(dir, "missing"))
	if _, _, err := Locate(); err == nil {
		t.Error("Locate() with a missing override: no error")
	}
}
