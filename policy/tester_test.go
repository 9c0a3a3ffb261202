package policy

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestRunTestsPass(t *testing.T) {
	rep, err := RunTests(context.Background(), []string{examplePolicies}, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Passed != 6 || rep.Failed != 0 || rep.Skipped != 0 || len(rep.Tests) != 6 {
		t.Errorf("passed %d, failed %d, skipped %d of %d; want 6, 0, 0 of 6", rep.Passed, rep.Failed, rep.Skipped, len(rep.Tests))
	}
	first := rep.Tests[0]
	if first.File != "testdata/policies/budget_test.rego" || first.Name != "test_within_budget" ||
		first.Package != "k8s.budget_test" || first.Line != 14 || first.Status != TestPass {
		t.Errorf("first test = %+v", first)
	}
	if rep.Coverage != nil {
		t.Error("coverage reported without being asked for")
	}
}

func TestRunTestsFailures(t *testing.T) {
	rep, err := RunTests(context.Background(), []string{"testdata/failing"}, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Passed != 1 || rep.Failed != 2 || rep.Skipped != 1 {
		t.Errorf("passed %d, failed %d, skipped %d; want 1, 2, 1", rep.Passed, rep.Failed, rep.Skipped)
	}
	got := map[string]TestResult{}
	for _, r := range rep.Tests {
		got[r.Name] = r
	}
	for name, want := range map[string]TestStatus{
		"test_pass": TestPass, "test_fail": TestFail, "todo_test_later": TestSkip, "test_error": TestError,
	} {
		if got[name].Status != want {
			t.Errorf("%s: status %s, want %s", name, got[name].Status, want)
		}
	}
	if m := got["test_error"].Message; !strings.Contains(m, "conflicting values") {
		t.Errorf("error message = %q", m)
	}
	d := got["test_fail"].Diagnostic()
	if d == nil || d.Code != CodeTest || d.Pos.String() != "testdata/failing/checks_test.rego:7:1" ||
		d.Message != "failing_test.test_fail: test failed" {
		t.Errorf("diagnostic = %+v", d)
	}
	if got["test_pass"].Diagnostic() != nil {
		t.Error("a passing test has a diagnostic")
	}
}

func TestRunTestsFilter(t *testing.T) {
	rep, err := RunTests(context.Background(), []string{examplePolicies}, "budget", false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Passed != 3 || len(rep.Tests) != 3 {
		t.Errorf("filtered: %d tests, %d passed; want 3, 3", len(rep.Tests), rep.Passed)
	}
	if _, err := RunTests(context.Background(), []string{examplePolicies}, "(", false); err == nil {
		t.Error("no error for a bad filter")
	}
}

func TestRunTestsCoverage(t *testing.T) {
	rep, err := RunTests(context.Background(), []string{examplePolicies}, "", true)
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Coverage
	if c == nil || c.Percent <= 50 || c.Percent > 100 || c.CoveredLines == 0 || len(c.Files) != 5 {
		t.Fatalf("coverage = %+v", c)
	}
	// replicas.rego has no tests.
	for _, f := range c.Files {
		if strings.HasSuffix(f.File, "replicas.rego") && (f.Percent != 0 || len(f.NotCovered) == 0) {
			t.Errorf("replicas.rego: %+v", f)
		}
	}
	// Reports are the same on every run: no durations, fixed order.
	again, err := RunTests(context.Background(), []string{examplePolicies}, "", true)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(rep)
	b, _ := json.Marshal(again)
	if string(a) != string(b) {
		t.Errorf("reports differ:\n%s\n%s", a, b)
	}
}

func TestRunTestsSandboxed(t *testing.T) {
	// Tests get the policy builtins, no more.
	_, err := RunTestFiles(context.Background(), []File{{Name: "x_test.rego",
		Src: []byte("package x\n\ntest_net if http.send({\"method\": \"get\", \"url\": \"http://localhost\"})\n")}}, "", false)
	checkDiag(t, err, CodeCapability, "x_test.rego:3:13", "http.send")
	_, err = RunTests(context.Background(), []string{"testdata/bad/syntax"}, "", false)
	checkDiag(t, err, CodeParse, "testdata/bad/syntax/bad.rego:5:1", "unexpected")
}
