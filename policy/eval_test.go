package policy

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
)

const examplePolicies = "testdata/policies"

// resources reads a YAML file of testdata/resources as Eval input.
func resources(t testing.TB, name string) []any {
	t.Helper()
	path := filepath.Join("testdata", "resources", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := DecodeManifests(path, data)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]any, len(ms))
	for i, m := range ms {
		out[i] = m.Object
	}
	return out
}

func load(t testing.TB, dirs ...string) *Engine {
	t.Helper()
	e, err := Load(context.Background(), dirs, Options{})
	if err != nil {
		t.Fatalf("Load(%v): %v", dirs, err)
	}
	return e
}

// compile compiles in-memory files given as name, source, name, ...
func compile(t testing.TB, nameSrc ...string) (*Engine, error) {
	t.Helper()
	var files []File
	for i := 0; i+1 < len(nameSrc); i += 2 {
		files = append(files, File{Name: nameSrc[i], Src: []byte(nameSrc[i+1])})
	}
	return Compile(context.Background(), files, Options{})
}

func lines(vs []Violation) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, v.String())
	}
	return out
}

func TestEvalViolating(t *testing.T) {
	e := load(t, examplePolicies)
	res, err := e.Eval(context.Background(), Input{
		Resources: resources(t, "violating.yaml"),
		Package:   Package{Name: "shop", Version: "1.0.0"},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantDenies := []string{
		"testdata/policies/budget.rego:21: Deployments request 4.5 CPU cores in total, over the budget of 4",
		"testdata/policies/labels.rego:6: Deployment/api (namespace shop): Deployment api has no team label",
		"testdata/policies/labels.rego:12: Deployment/api (namespace shop): container app uses a :latest image",
	}
	if got := lines(res.Denies); !slices.Equal(got, wantDenies) {
		t.Errorf("denies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantDenies, "\n"))
	}
	wantWarnings := []string{
		"testdata/policies/replicas.rego:4: Deployment/worker: Deployment worker runs a single replica",
	}
	if got := lines(res.Warnings); !slices.Equal(got, wantWarnings) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantWarnings, "\n"))
	}
	if !res.Denied() || res.Resources != 3 {
		t.Errorf("Denied() = %v, Resources = %d; want true, 3", res.Denied(), res.Resources)
	}

	// The object message keeps its extra fields; the budget rule names
	// no resource; the rule names are the ones written.
	latest := res.Denies[2]
	if latest.Rule != "violation" || latest.Package != "k8s.labels" ||
		latest.Details["container"] != "app" || latest.Details["image"] != "nginx:latest" {
		t.Errorf("object violation = %+v", latest)
	}
	if r := latest.Resource; r.Kind != "Deployment" || r.Name != "api" || r.Namespace != "shop" || r.Index != 0 {
		t.Errorf("resource = %+v", r)
	}
	if res.Denies[0].Resource != nil || res.Denies[0].Rule != "deny" {
		t.Errorf("budget violation = %+v, want no resource", res.Denies[0])
	}
}

func TestEvalCompliant(t *testing.T) {
	e := load(t, examplePolicies)
	res, err := e.Eval(context.Background(), Input{Resources: resources(t, "compliant.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Denied() || len(res.Warnings) != 0 {
		t.Errorf("compliant set: denies %q, warnings %q", lines(res.Denies), lines(res.Warnings))
	}
	b, _ := json.Marshal(res)
	if want := `{"denies":[],"warnings":[],"resources":3}`; string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
}

func TestEvalInputs(t *testing.T) {
	// The budget comes from the package inputs when they set it.
	e := load(t, examplePolicies)
	res, err := e.Eval(context.Background(), Input{
		Resources: resources(t, "violating.yaml"),
		Inputs:    map[string]any{"cpuBudget": "5"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range res.Denies {
		if strings.Contains(v.Message, "budget") {
			t.Errorf("budget of 5 cores still denied: %s", v.String())
		}
	}
}

func TestPerResourceSplit(t *testing.T) {
	e := load(t, examplePolicies)
	got := map[string]bool{}
	for _, g := range e.gates {
		got[g.pkg+"."+g.rule] = g.perResource
	}
	want := map[string]bool{
		"k8s.labels.deny":      true,
		"k8s.labels.violation": true,
		"k8s.replicas.warn":    true,
		"k8s.budget.deny":      false, // reads input.resources through helper rules
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: perResource = %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
	if len(e.Rules()) != 4 {
		t.Errorf("Rules() = %q", e.Rules())
	}
}

func TestPerResourceThroughFunction(t *testing.T) {
	// A rule reading input.resource only through a function, or through
	// input as a whole, is still a per-resource rule.
	e, err := compile(t, "p.rego", `package p

name(x) := x.resource.metadata.name

kind := input.resource.kind

deny contains msg if {
	msg := name(input)
}

warn contains msg if {
	kind == "Service"
	msg := "service"
}
`)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range e.gates {
		if !g.perResource {
			t.Errorf("%s: not per-resource", g.rule)
		}
	}
	res, err := e.Eval(context.Background(), Input{Resources: []any{
		map[string]any{"kind": "Service", "metadata": map[string]any{"name": "a"}},
		map[string]any{"kind": "Pod", "metadata": map[string]any{"name": "b"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"p.rego:7: Service/a: a", "p.rego:7: Pod/b: b"}
	if got := lines(res.Denies); !slices.Equal(got, want) {
		t.Errorf("denies = %q, want %q", got, want)
	}
	if got := lines(res.Warnings); !slices.Equal(got, []string{"p.rego:11: Service/a: service"}) {
		t.Errorf("warnings = %q", got)
	}
}

func TestFileAttribution(t *testing.T) {
	// One package over two files: each violation names its own file.
	e, err := compile(t,
		"a.rego", "package main\n\ndeny contains \"from a\" if input.resource.kind == \"Pod\"\n",
		"b.rego", "package main\n\n\ndeny contains \"from b\" if input.resource.kind == \"Pod\"\n",
	)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Eval(context.Background(), Input{Resources: []any{map[string]any{"kind": "Pod", "metadata": map[string]any{"name": "p"}}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.rego:3: Pod/p: from a", "b.rego:4: Pod/p: from b"}
	if got := lines(res.Denies); !slices.Equal(got, want) {
		t.Errorf("denies = %q, want %q", got, want)
	}
}

func TestConftestNames(t *testing.T) {
	// deny_<x>, warn_<x> and violation_<x> are gates; functions and
	// other names are not.
	e, err := compile(t, "p.rego", `package main

deny_latest contains "d" if input.resource
warn_small contains "w" if input.resource
violation_x contains {"msg": "v"} if input.resource
denylist contains "no" if true
deny_fn(x) := {x}
`)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Eval(context.Background(), Input{Resources: []any{map[string]any{"kind": "A", "metadata": map[string]any{"name": "a"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(res.Denies); !slices.Equal(got, []string{"p.rego:3: A/a: d", "p.rego:5: A/a: v"}) {
		t.Errorf("denies = %q", got)
	}
	if got := lines(res.Warnings); !slices.Equal(got, []string{"p.rego:4: A/a: w"}) {
		t.Errorf("warnings = %q", got)
	}
}

func TestDeterministic(t *testing.T) {
	e := load(t, examplePolicies)
	in := Input{Resources: resources(t, "violating.yaml"), Package: Package{Name: "shop"}}
	first, err := e.Eval(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(first)
	for range 20 { // Go map order varies between runs
		res, err := e.Eval(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := json.Marshal(res); string(got) != string(want) {
			t.Fatalf("results differ:\n%s\n%s", got, want)
		}
	}
}

func TestDeduplicated(t *testing.T) {
	// An array-valued gate with repeats reports each message once.
	e, err := compile(t, "p.rego", "package p\n\ndeny := [\"x\", \"x\", \"a\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Eval(context.Background(), Input{})
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(res.Denies); !slices.Equal(got, []string{"p.rego:3: a", "p.rego:3: x"}) {
		t.Errorf("denies = %q", got)
	}
}

// checkDiag asserts that err is a diagnostic list whose first entry has
// code and position pos (file:line:col).
func checkDiag(t *testing.T, err error, code diag.Code, pos, msgPart string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s at %s", code.ID, pos)
	}
	l := diag.From(err)
	d := l[0]
	if d.Code != code || d.Pos.String() != pos || !strings.Contains(d.Message, msgPart) {
		t.Errorf("got %s %s: %s\nwant %s %s: ...%s...", d.Code.ID, d.Pos, d.Message, code.ID, pos, msgPart)
	}
}

func TestSyntaxError(t *testing.T) {
	_, err := Load(context.Background(), []string{"testdata/bad/syntax"}, Options{})
	checkDiag(t, err, CodeParse, "testdata/bad/syntax/bad.rego:5:1", "unexpected } token")

	// Rego v0 syntax gets a hint.
	_, err = compile(t, "v0.rego", "package p\n\ndeny[msg] { msg := \"x\" }\n")
	checkDiag(t, err, CodeParse, "v0.rego:3:1", "keyword is required")
	if s := diag.From(err)[0].Suggestion; !strings.Contains(s, "Rego v1") {
		t.Errorf("suggestion = %q", s)
	}

	// Syntax errors of several files come together.
	_, err = compile(t, "a.rego", "package a\nx := \n", "b.rego", "package b\ny := \n")
	if l := diag.From(err); len(l) < 2 || l[0].Pos.File != "a.rego" || l[len(l)-1].Pos.File != "b.rego" {
		t.Errorf("errors = %v", l)
	}
}

func TestCompileError(t *testing.T) {
	_, err := compile(t, "p.rego", "package p\n\ndeny contains msg if {\n\tcount(1, 2)\n\tmsg := \"x\"\n}\n")
	checkDiag(t, err, CodeCompile, "p.rego:4:2", "rego_type_error")
	_, err = compile(t, "p.rego", "package p\n\ndeny contains msg if {\n\tx == 1\n}\n")
	checkDiag(t, err, CodeCompile, "p.rego:3:15", "unsafe")
	if strings.Contains(err.Error(), copyPrefix) {
		t.Errorf("error shows a generated name: %v", err)
	}
}

func TestCapabilityRefused(t *testing.T) {
	for _, tc := range []struct{ dir, pos, name string }{
		{"http", "testdata/bad/http/http.rego:4:10", "http.send is not available to akua policies: it does network I/O"},
		{"now", "testdata/bad/now/now.rego:4:2", "time.now_ns is not available to akua policies: it reads the clock"},
		{"rand", "testdata/bad/rand/rand.rego:4:2", "rand.intn is not available to akua policies: it reads randomness"},
	} {
		_, err := Load(context.Background(), []string{filepath.Join("testdata/bad", tc.dir)}, Options{})
		checkDiag(t, err, CodeCapability, tc.pos, tc.name)
	}
	for _, call := range []string{
		`net.lookup_ip_addr("example.com")`, `net.cidr_contains("10.0.0.0/8", "10.0.0.1")`,
		`uuid.rfc4122("x")`, `opa.runtime()`, `io.jwt.decode_verify("a", {})`,
	} {
		_, err := compile(t, "p.rego", "package p\n\nx := "+call+"\n")
		checkDiag(t, err, CodeCapability, "p.rego:3:6", "is not available to akua policies")
	}
}

func TestExcludedBuiltins(t *testing.T) {
	got := ExcludedBuiltins()
	for _, name := range []string{
		"http.send", "net.lookup_ip_addr", "net.cidr_contains", "time.now_ns", "rand.intn",
		"uuid.rfc4122", "opa.runtime", "io.jwt.decode_verify", "io.jwt.encode_sign",
		"crypto.x509.parse_and_verify_certificates",
	} {
		if !slices.Contains(got, name) {
			t.Errorf("%s is not excluded", name)
		}
	}
	for _, name := range []string{"sprintf", "units.parse", "time.parse_rfc3339_ns", "print", "yaml.unmarshal"} {
		if slices.Contains(got, name) {
			t.Errorf("%s is excluded", name)
		}
	}
	if !slices.IsSorted(got) {
		t.Error("not sorted")
	}
}

func TestResultShape(t *testing.T) {
	for _, tc := range []struct{ src, msg string }{
		{"package p\n\ndeny if true\n", "rule deny must be a set of messages, got a boolean"},
		{"package p\n\ndeny contains {\"message\": \"x\"} if true\n", `object without a "msg" string`},
		{"package p\n\nwarn contains 1 if true\n", "a message that is a number"},
	} {
		e, err := compile(t, "p.rego", tc.src)
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.Eval(context.Background(), Input{})
		checkDiag(t, err, CodeResult, "p.rego:3:1", tc.msg)
	}
}

func TestEvalError(t *testing.T) {
	e, err := compile(t, "p.rego", `package p

size := "small" if input.resource.n < 10

size := "large" if input.resource.n > 0

deny contains size if true
`)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Eval(context.Background(), Input{Resources: []any{
		map[string]any{"kind": "Thing", "n": 5, "metadata": map[string]any{"name": "t"}},
	}})
	checkDiag(t, err, CodeEval, "p.rego:5:1", "conflicting values")
	checkDiag(t, err, CodeEval, "p.rego:5:1", "while checking Thing/t")
}

func TestPrint(t *testing.T) {
	var out strings.Builder
	e, err := Compile(context.Background(), []File{{Name: "p.rego",
		Src: []byte("package p\n\ndeny contains \"x\" if {\n\tprint(\"seen\", input.resource.kind)\n\tfalse\n}\n")}},
		Options{Print: &out})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Eval(context.Background(), Input{Resources: []any{map[string]any{"kind": "Pod"}}}); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "p.rego:4: seen Pod\n" {
		t.Errorf("print output = %q", got)
	}
}

func TestCanceled(t *testing.T) {
	e := load(t, examplePolicies)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Eval(ctx, Input{Resources: resources(t, "violating.yaml")}); err == nil {
		t.Error("no error from a canceled context")
	}
}

func TestLoadErrors(t *testing.T) {
	_, err := Load(context.Background(), []string{"testdata/nosuchdir"}, Options{})
	if !os.IsNotExist(unwrapAll(err)) {
		t.Errorf("missing dir: %v", err)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "elsewhere.rego"), filepath.Join(dir, "p.rego")); err != nil {
		t.Skip("no symlinks:", err)
	}
	_, err = Load(context.Background(), []string{dir}, Options{})
	checkDiag(t, err, CodeLoad, filepath.Join(dir, "p.rego"), "symbolic link")

	// Empty directory: an engine with nothing to check.
	e := load(t, t.TempDir())
	if len(e.Files()) != 0 || len(e.Rules()) != 0 {
		t.Errorf("empty dir: %v %v", e.Files(), e.Rules())
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}

func TestLoadSkipsTests(t *testing.T) {
	e := load(t, examplePolicies)
	want := []string{"testdata/policies/budget.rego", "testdata/policies/labels.rego", "testdata/policies/replicas.rego"}
	if got := e.Files(); !slices.Equal(got, want) {
		t.Errorf("Files() = %q, want %q", got, want)
	}
}

func TestRestoreNames(t *testing.T) {
	e, err := compile(t, "p.rego", "package p\n\nwarn_x contains 1 if true\n")
	if err != nil {
		t.Fatal(err)
	}
	msg := "rule data.p." + copyPrefix + "0__ is odd"
	if got := restoreNames(msg, e.gates); got != "rule data.p.warn_x is odd" {
		t.Errorf("restoreNames = %q", got)
	}
}

func TestEvalParallelMatchesSerial(t *testing.T) {
	// Enough resources for several goroutines, some of them violating:
	// the parallel result is the serial one, and so is the error.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	rs := benchResources(600)
	for i := 0; i < len(rs); i += 7 {
		delete(rs[i].(map[string]any)["metadata"].(map[string]any), "labels")
	}
	in := Input{Resources: rs}
	par := load(t, examplePolicies)
	ser, err := Load(context.Background(), []string{examplePolicies}, Options{Print: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	a, err := par.Eval(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ser.Eval(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) || len(a.Denies) == 0 {
		t.Errorf("parallel and serial results differ (%d vs %d denies)", len(a.Denies), len(b.Denies))
	}

	e, err := compile(t, "p.rego", "package p\n\nx := 1 if input.resource.bad\n\nx := 2 if input.resource.bad\n\ndeny contains x if true\n")
	if err != nil {
		t.Fatal(err)
	}
	rs = benchResources(600)
	rs[450].(map[string]any)["bad"] = true
	rs[200].(map[string]any)["bad"] = true
	for range 5 {
		_, err = e.Eval(context.Background(), Input{Resources: rs})
		checkDiag(t, err, CodeEval, "p.rego:5:1", "while checking ConfigMap/app-200")
	}
}
