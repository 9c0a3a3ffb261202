package cli

import (
	"akua.dev/akua/internal/testfs"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// policyGate is the example package of `akua test` and the policy gate.
const policyGate = "../examples/policy-gate"

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestTestExample(t *testing.T) {
	code, stdout, stderr := akua(t, "test", policyGate)
	if code != 0 || lastLine(stdout) != "18 passed, 0 failed, 0 skipped" {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	code, stdout, _ = akua(t, "test", policyGate, "--filter", "team_label", "--coverage")
	if code != 0 || lastLine(stdout) != "4 passed, 0 failed, 0 skipped" || !strings.Contains(stdout, "rego coverage: ") {
		t.Errorf("--filter --coverage: exit %d\n%s", code, stdout)
	}
}

func TestTestGoldenVerify(t *testing.T) {
	dir := testfs.Copy(t, policyGate)
	golden := filepath.Join(dir, "tests", "production", "expected.golden.yaml")
	data := readFile(t, golden)
	broken := strings.Replace(data, "cpu: 500m", "cpu: 400m", 1)
	if err := os.WriteFile(golden, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	// verify is the default, with CI set or not.
	for _, args := range [][]string{{"--golden=verify"}, {}} {
		t.Setenv("CI", map[bool]string{true: "true", false: ""}[len(args) == 0])
		code, stdout, stderr := akua(t, append([]string{"test", dir}, args...)...)
		if code != 1 || lastLine(stdout) != "17 passed, 1 failed, 0 skipped" || !strings.Contains(stderr, "E_TEST") {
			t.Fatalf("%v: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
		}
		for _, want := range []string{
			"FAIL " + golden + ":30: tests/production: the render differs",
			"    -            cpu: 400m\n",
			"    +            cpu: 500m\n",
		} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v: stdout lacks %q:\n%s", args, want, stdout)
			}
		}
	}
	if readFile(t, golden) != broken {
		t.Error("verify rewrote the golden")
	}

	// Bare --golden updates.
	code, stdout, _ := akua(t, "test", dir, "--golden")
	if code != 0 || !strings.Contains(stdout, "updated "+golden+"\n") || readFile(t, golden) != data {
		t.Errorf("--golden: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := akua(t, "test", dir, "--golden=sideways"); code != 1 || !strings.Contains(stderr, "want verify or update") {
		t.Errorf("--golden=sideways: exit %d\n%s", code, stderr)
	}
}

func TestTestFailureLocations(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"package.k": "resources = []\n",
		"test_a.k":  "test_ok = lambda {\n    assert True\n}\n\ntest_bad = lambda {\n    assert 1 + 1 == 3, \"arithmetic\"\n}\n",
		"b_test.k":  "x = {a = 1}\ny = x.a.b.c\n",
	})
	code, stdout, _ := akua(t, "test", dir)
	if code != 1 || lastLine(stdout) != "1 passed, 2 failed, 0 skipped" {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	for _, want := range []string{
		"FAIL " + filepath.Join(dir, "test_a.k") + ":6:12: test_a.k::test_bad: arithmetic\n",
		"FAIL " + filepath.Join(dir, "b_test.k") + ":2:",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code, _, stderr := akua(t, "test", dir, "--filter", "("); code != 1 || !strings.Contains(stderr, "E_USAGE") {
		t.Errorf("bad filter: exit %d\n%s", code, stderr)
	}
}

func TestTestJSONAndJUnit(t *testing.T) {
	junit := filepath.Join(t.TempDir(), "out", "report.xml")
	os.MkdirAll(filepath.Dir(junit), 0o755)
	code, stdout, stderr := akua(t, "test", policyGate, "--json", "--junit", junit)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	var rep struct {
		Tests []struct {
			Kind, Name, Status string
		}
		Passed, Failed int
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || len(rep.Tests) != 18 || rep.Passed != 18 {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	var doc struct {
		Tests  int `xml:"tests,attr"`
		Suites []struct {
			Name string `xml:"name,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(readFile(t, junit)), &doc); err != nil || doc.Tests != 18 || len(doc.Suites) != 3 {
		t.Errorf("--junit: %v %+v", err, doc)
	}

	// A failing run: exit 1, the same report with the failure in it (one
	// document), the JUnit file written all the same.
	dir := testfs.Copy(t, policyGate)
	golden := filepath.Join(dir, "tests", "basic", "expected.golden.yaml")
	os.WriteFile(golden, []byte(strings.Replace(readFile(t, golden), "team: search", "team: find", 1)), 0o644)
	code, stdout, _ = akua(t, "test", dir, "--json", "--junit", junit)
	rep.Tests, rep.Passed, rep.Failed = nil, 0, 0
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 1 || rep.Failed != 1 || rep.Passed != 17 {
		t.Errorf("failing --json: exit %d, %v\n%s", code, err, stdout)
	}
	failed := ""
	for _, tc := range rep.Tests {
		if tc.Status != "pass" {
			failed += tc.Name
		}
	}
	if !strings.Contains(failed, "tests/basic") {
		t.Errorf("failing test %q, want tests/basic", failed)
	}
	if !strings.Contains(readFile(t, junit), "<failure ") {
		t.Error("JUnit of a failing run has no <failure>")
	}
}

// The render side of the policy example: a deny exits 3 and writes
// nothing, a compliant input renders, a warning is printed and exits 0.
func TestPolicyGateRender(t *testing.T) {
	dir := testfs.Copy(t, policyGate)
	out := filepath.Join(t.TempDir(), "deploy")

	for _, set := range []string{"team=", "apps.api.replicas=10"} {
		code, _, stderr := akua(t, "render", "--package", dir, "--out", out, "--set", set)
		if code != 3 || !strings.Contains(stderr, "E_POLICY_DENY") {
			t.Errorf("--set %s: exit %d\n%s", set, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("--set %s: %s written", set, out)
		}
	}

	code, stdout, stderr := akua(t, "render", "--package", dir, "--out", out)
	if code != 0 || !strings.Contains(stdout, "rendered 4 resources") || stderr != "" {
		t.Fatalf("compliant: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, f := range []string{"000-deployment-api.yaml", "001-service-api.yaml", "002-deployment-worker.yaml", "003-service-worker.yaml"} {
		if readFile(t, filepath.Join(out, f)) != readFile(t, filepath.Join(policyGate, "rendered", f)) {
			t.Errorf("%s differs from the committed rendered/", f)
		}
	}

	// A deny leaves the previous output as it was.
	before := readFile(t, filepath.Join(out, "000-deployment-api.yaml"))
	code, _, stderr = akua(t, "render", "--package", dir, "--out", out, "--set", "team=", "--set", "apps.api.replicas=7")
	if code != 3 || !strings.Contains(stderr, "has no team label") || !strings.Contains(stderr, "over the dev budget of 2 cores") {
		t.Errorf("both rules: exit %d\n%s", code, stderr)
	}
	if readFile(t, filepath.Join(out, "000-deployment-api.yaml")) != before {
		t.Error("a denied render changed the output")
	}

	code, stdout, stderr = akua(t, "render", "--package", dir, "--out", out, "--set", "apps.worker.replicas=1")
	if code != 0 || !strings.Contains(stderr, "W_POLICY_WARN") || !strings.Contains(stderr, "Deployment worker runs a single replica") ||
		!strings.Contains(stdout, "rendered 4 resources") {
		t.Errorf("warning: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "002-deployment-worker.yaml")), "replicas: 1") {
		t.Error("a warned render was not written")
	}
}
