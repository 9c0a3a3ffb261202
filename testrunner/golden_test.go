package testrunner

import (
	"akua.dev/akua/internal/testfs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGoldenDrift(t *testing.T) {
	dir := testfs.Copy(t, example)
	golden := filepath.Join(dir, "tests", "production", GoldenFile)
	orig, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	// Change one value.
	changed := strings.Replace(string(orig), "replicas: 4", "replicas: 5", 1)
	if changed == string(orig) {
		t.Fatal("the production golden has no `replicas: 4`")
	}
	if err := os.WriteFile(golden, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}

	rep := run(t, Options{Dir: dir, Golden: GoldenVerify})
	if rep.Failed != 1 || rep.Passed != 17 {
		t.Errorf("summary %d passed %d failed, want 17/1", rep.Passed, rep.Failed)
	}
	tt := find(rep, "tests/production")
	if tt == nil || tt.Status != Fail {
		t.Fatalf("tests/production: %+v", tt)
	}
	d := tt.Failure.Diff
	for _, want := range []string{"--- " + filepath.ToSlash(golden), "+++ rendered", "-  replicas: 5\n", "+  replicas: 4\n", "@@ -8,7 +8,7 @@"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	if tt.Location() != golden+":11" || !strings.Contains(tt.Failure.Message, "--golden=update") {
		t.Errorf("failure at %s: %s", tt.Location(), tt.Failure.Message)
	}
	if got, _ := os.ReadFile(golden); string(got) != changed {
		t.Error("verify rewrote the golden")
	}

	// Update rewrites it; verify passes again.
	rep = run(t, Options{Dir: dir, Golden: GoldenUpdate})
	if tt := find(rep, "tests/production"); tt == nil || tt.Status != Pass || !tt.Updated {
		t.Errorf("update: %+v", tt)
	}
	if tt := find(rep, "tests/basic"); tt == nil || tt.Updated {
		t.Errorf("an unchanged golden was rewritten: %+v", tt)
	}
	if got, _ := os.ReadFile(golden); string(got) != string(orig) {
		t.Errorf("update wrote:\n%s", got)
	}
	if rep := run(t, Options{Dir: dir}); rep.Failed != 0 {
		t.Errorf("after update: %d failed", rep.Failed)
	}
}

func TestGoldenMissingAndBroken(t *testing.T) {
	dir := testfs.Copy(t, example)
	if err := os.Remove(filepath.Join(dir, "tests", "basic", GoldenFile)); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"tests/orphan/" + GoldenFile: "kind: x\n", // no inputs
		"tests/bad/inputs.yaml":      "team: t\n", // apps missing: the render fails
		"tests/denied/inputs.yaml":   "team: \"\"\napps: {api: {image: a:1}}\n",
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep := run(t, Options{Dir: dir, Filter: "^tests/"})
	check := func(name string, status Status, msg string) {
		t.Helper()
		tt := find(rep, name)
		if tt == nil || tt.Status != status || !strings.Contains(tt.Failure.Message, msg) {
			t.Errorf("%s: %+v %+v, want %s %q", name, tt, tt.Failure, status, msg)
		}
	}
	check("tests/basic", Fail, "--golden=update")
	check("tests/orphan", Error, "no inputs.yaml")
	check("tests/bad", Error, "apps")
	check("tests/denied", Error, "a policy denies the render: Deployment/api")
	if rep.Failed != 4 || rep.Passed != 1 {
		t.Errorf("summary %d passed %d failed", rep.Passed, rep.Failed)
	}
	if _, err := os.Stat(filepath.Join(dir, "tests", "basic", GoldenFile)); err == nil {
		t.Error("verify wrote a missing golden")
	}
}
