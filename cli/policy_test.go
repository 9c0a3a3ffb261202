package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// examplePolicies are the policies of package policy's tests: a team
// label rule, a latest-image violation, a cross-resource CPU budget and
// a single-replica warning.
const examplePolicies = "../policy/testdata/policies"

// policyTree returns a temporary package directory with the example
// policies in policies/ and the rendered manifests of the named file of
// ../policy/testdata/resources split into deploy/NNN-*.yaml files, and
// makes it the working directory.
func policyTree(t *testing.T, resources string) string {
	t.Helper()
	files := map[string]string{}
	entries, err := os.ReadDir(examplePolicies)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(examplePolicies, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files["policies/"+e.Name()] = string(data)
	}
	data, err := os.ReadFile(filepath.Join("../policy/testdata/resources", resources))
	if err != nil {
		t.Fatal(err)
	}
	for i, doc := range strings.Split(string(data), "---\n") {
		files[filepath.Join("deploy", "00"+string(rune('0'+i))+"-resource.yaml")] = doc
	}
	dir := writeTree(t, files)
	t.Chdir(dir)
	return dir
}

// snapshot returns the names and contents of the files under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		out[path] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPolicyCheckDeny(t *testing.T) {
	dir := policyTree(t, "violating.yaml")
	before := snapshot(t, dir)
	code, stdout, stderr := runCLI(t, "", "policy", "check")
	if code != ExitPolicy {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitPolicy, stderr)
	}
	if want := "3 resources checked against 3 policy files: 3 denied, 1 warning\n"; stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
	for _, want := range []string{
		"error[E_POLICY_DENY]: PolicyDeny: Deployment/api (namespace shop): Deployment api has no team label\n",
		" --> policies/labels.rego:6:1\n",
		"6 | deny contains msg if {\n",
		"= note: Deployment/api (namespace shop) is defined here\n --> deploy/000-resource.yaml:1:1",
		"error[E_POLICY_DENY]: PolicyDeny: Deployments request 4.5 CPU cores in total, over the budget of 4\n",
		"error[E_POLICY_DENY]: PolicyDeny: Deployment/api (namespace shop): container app uses a :latest image\n",
		"warning[W_POLICY_WARN]: PolicyWarning: Deployment/worker: Deployment worker runs a single replica\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(before, after) {
		t.Error("policy check changed files")
	}
}

func TestPolicyCheckDenyJSON(t *testing.T) {
	policyTree(t, "violating.yaml")
	code, stdout, stderr := runCLI(t, "", "policy", "check", "--json")
	if code != ExitPolicy || stderr != "" {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitPolicy, stderr)
	}
	var doc jsonError
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
	if doc.Code != "E_POLICY_DENY" || doc.File != "policies/budget.rego" || doc.Line != 21 || len(doc.Errors) != 4 {
		t.Errorf("document = %+v", doc)
	}
	if last := doc.Errors[3]; last.Level != "warning" || last.Code != "W_POLICY_WARN" {
		t.Errorf("last entry = %+v", last)
	}
}

func TestPolicyCheckPass(t *testing.T) {
	policyTree(t, "compliant.yaml")
	code, stdout, stderr := runCLI(t, "", "policy", "check")
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if want := "3 resources checked against 3 policy files: 0 denied, 0 warnings\n"; stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}

	code, stdout, _ = runCLI(t, "", "policy", "check", "--json")
	if code != ExitOK {
		t.Fatalf("--json: exit %d", code)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"denies": []any{}, "warnings": []any{}, "resources": float64(3),
		"policies": []any{"policies/budget.rego", "policies/labels.rego", "policies/replicas.rego"},
	}
	if !reflect.DeepEqual(rep, want) {
		t.Errorf("JSON = %v, want %v", rep, want)
	}
}

func TestPolicyCheckWarnOnly(t *testing.T) {
	dir := policyTree(t, "compliant.yaml")
	// One replica: a warning, and still a pass.
	path := filepath.Join(dir, "deploy", "001-resource.yaml")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(data), "replicas: 2", "replicas: 1", 1)), 0o644)
	code, stdout, stderr := runCLI(t, "", "policy", "check", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var rep policyCheckReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Manifest != "deploy/001-resource.yaml" ||
		rep.Warnings[0].Resource.Name != "api" || rep.Warnings[0].Rule != "warn" {
		t.Errorf("warnings = %+v", rep.Warnings)
	}
	code, _, stderr = runCLI(t, "", "policy", "check")
	if code != ExitOK || !strings.Contains(stderr, "warning[W_POLICY_WARN]") {
		t.Errorf("exit %d; stderr:\n%s", code, stderr)
	}
}

func TestPolicyCheckFlagsAndPackage(t *testing.T) {
	// --policy and --target elsewhere; input.package from akua.toml.
	dir := writeTree(t, map[string]string{
		"akua.toml": "[package]\nname = \"shop\"\nversion = \"1.2.3\"\nedition = \"akua.dev/v1alpha1\"\n",
		"org/pkg.rego": `package org

deny contains msg if {
	input.package.version == "1.2.3"
	msg := sprintf("%s %s is frozen", [input.package.name, input.package.version])
}
`,
		"out/a.yml": "kind: ConfigMap\nmetadata:\n  name: c\n",
	})
	t.Chdir(dir)
	code, _, stderr := runCLI(t, "", "policy", "check", "--target", "out", "--policy", "org")
	if code != ExitPolicy || !strings.Contains(stderr, "shop 1.2.3 is frozen") {
		t.Errorf("exit %d; stderr:\n%s", code, stderr)
	}
}

func TestPolicyCheckErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		args  []string
		code  int
		want  string
	}{
		{"syntax", map[string]string{"policies/p.rego": "package p\n\ndeny contains msg if {\n\tmsg := \n}\n", "deploy/a.yaml": "kind: A\n"},
			nil, ExitUser, "error[E_REGO_PARSE]: RegoParseError: unexpected } token (rego_parse_error)\n --> policies/p.rego:5:1"},
		{"http.send", map[string]string{"policies/p.rego": "package p\n\ndeny contains msg if {\n\tmsg := http.send({\"url\": \"http://x\", \"method\": \"get\"}).body\n}\n", "deploy/a.yaml": "kind: A\n"},
			nil, ExitUser, "error[E_REGO_CAPABILITY]: RegoCapabilityError: http.send is not available to akua policies: it does network I/O\n --> policies/p.rego:4:9"},
		{"no policies dir", map[string]string{"deploy/a.yaml": "kind: A\n"},
			nil, ExitUser, "no ./policies directory"},
		{"empty policies dir", map[string]string{"policies/README.md": "none", "deploy/a.yaml": "kind: A\n"},
			nil, ExitUser, "no policy files (*.rego) in policies"},
		{"no target", map[string]string{"policies/p.rego": "package p\n"},
			nil, ExitUser, "no rendered manifests: deploy is not a directory"},
		{"bad manifest", map[string]string{"policies/p.rego": "package p\n", "deploy/a.yaml": "- 1\n"},
			nil, ExitUser, "error[E_MANIFEST]"},
		{"missing --policy", map[string]string{"deploy/a.yaml": "kind: A\n"},
			[]string{"--policy", "nope"}, ExitUser, "nope"},
		{"args", map[string]string{}, []string{"extra"}, ExitUser, "E_USAGE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(writeTree(t, tc.files))
			code, _, stderr := runCLI(t, "", append([]string{"policy", "check"}, tc.args...)...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tc.code, tc.want, stderr)
			}
		})
	}
}

func TestPolicyGroup(t *testing.T) {
	if code, _, _ := runCLI(t, "", "policy"); code != ExitOK {
		t.Errorf("akua policy: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", "policy", "chek"); code != ExitUser {
		t.Errorf("akua policy chek: exit %d", code)
	}
}
