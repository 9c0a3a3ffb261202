package testrunner

import (
	"akua.dev/akua/internal/testfs"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// example is the package the acceptance tests run on.
const example = "../examples/policy-gate"

func run(t *testing.T, opts Options) *Report {
	t.Helper()
	rep, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// counts returns the number of tests of each kind and status.
func counts(rep *Report) map[string]int {
	m := map[string]int{}
	for _, t := range rep.Tests {
		m[string(t.Kind)+"/"+string(t.Status)]++
	}
	return m
}

func find(rep *Report, name string) *Test {
	for i := range rep.Tests {
		if rep.Tests[i].Name == name {
			return &rep.Tests[i]
		}
	}
	return nil
}

func TestExampleCounts(t *testing.T) {
	rep := run(t, Options{Dir: example})
	for _, tt := range rep.Tests {
		if tt.Failed() {
			t.Errorf("%s failed at %s: %s", tt.Name, tt.Location(), tt.Failure.Message)
		}
	}
	// test_render.k: 4 lambdas; test_schema.k: bare asserts, one test;
	// policies: 4 label, 5 budget and 2 replica tests; tests/basic and
	// tests/production.
	want := map[string]int{"kcl/pass": 5, "rego/pass": 11, "golden/pass": 2}
	if got := counts(rep); !equalCounts(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
	if rep.Passed != 18 || rep.Failed != 0 || rep.Skipped != 0 {
		t.Errorf("summary %d/%d/%d, want 18/0/0", rep.Passed, rep.Failed, rep.Skipped)
	}
	// Kinds come in a fixed order, files and lines in source order.
	if rep.Tests[0].Name != "test_render.k::test_deployment_and_service_per_app" ||
		rep.Tests[len(rep.Tests)-1].Name != "tests/production" {
		t.Errorf("order: first %s, last %s", rep.Tests[0].Name, rep.Tests[len(rep.Tests)-1].Name)
	}
	if tt := find(rep, "test_schema.k"); tt == nil || tt.File != filepath.Join(example, "test_schema.k") {
		t.Errorf("bare-assert file test: %+v", tt)
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestFilter(t *testing.T) {
	rep := run(t, Options{Dir: example, Filter: "budget|production"})
	want := map[string]int{"rego/pass": 5, "golden/pass": 1}
	if got := counts(rep); !equalCounts(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
	rep = run(t, Options{Dir: example, Filter: `test_schema\.k`})
	if len(rep.Tests) != 1 || rep.Tests[0].Name != "test_schema.k" {
		t.Errorf("filter on a file name: %+v", rep.Tests)
	}
	if _, err := Run(context.Background(), Options{Dir: example, Filter: "("}); err == nil {
		t.Error("bad filter: no error")
	}
}

func TestCoverage(t *testing.T) {
	rep := run(t, Options{Dir: example, Coverage: true})
	if rep.Coverage == nil || rep.Coverage.Percent < 90 || len(rep.Coverage.Files) == 0 {
		t.Fatalf("coverage = %+v", rep.Coverage)
	}
	if run(t, Options{Dir: example}).Coverage != nil {
		t.Error("coverage reported without being asked for")
	}
}

func TestNoPackage(t *testing.T) {
	_, err := Run(context.Background(), Options{Dir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "package.k") {
		t.Errorf("err = %v", err)
	}
}

func TestEmptyPackage(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": "resources = []\n"})
	rep := run(t, Options{Dir: dir})
	if len(rep.Tests) != 0 || rep.Failed != 0 {
		t.Errorf("tests = %+v", rep.Tests)
	}
}
