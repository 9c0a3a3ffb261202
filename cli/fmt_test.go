package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	unformatted = "a=1\nb = {x:1}\n"
	formatted   = "a = 1\nb = {x: 1}\n"
)

// writeTree creates files (name → content) under a new temporary
// directory and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runCLI runs akua with args and returns its exit code and output.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestFmtRewrites(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.k":            unformatted,
		"ok.k":           formatted,
		"sub/b.k":        unformatted,
		"sub/notes.txt":  unformatted,
		".hidden/c.k":    unformatted,
		"vendor/d.k":     unformatted,
		"sub/.dotfile.k": unformatted,
	})
	a := filepath.Join(dir, "a.k")
	if err := os.Chmod(a, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "", "fmt", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, name := range []string{"a.k", "ok.k", "sub/b.k"} {
		if got := readFile(t, filepath.Join(dir, name)); got != formatted {
			t.Errorf("%s = %q, want %q", name, got, formatted)
		}
	}
	for _, name := range []string{"sub/notes.txt", ".hidden/c.k", "vendor/d.k", "sub/.dotfile.k"} {
		if got := readFile(t, filepath.Join(dir, name)); got != unformatted {
			t.Errorf("%s was rewritten: %q", name, got)
		}
	}
	if info, err := os.Stat(a); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("a.k mode = %v (%v), want 0600", info.Mode().Perm(), err)
	}
	want := filepath.Join(dir, "a.k") + "\n" + filepath.Join(dir, "sub", "b.k") + "\n"
	if stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".fmt-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestFmtFindsRego(t *testing.T) {
	const rego = "package p\ndeny contains \"x\" if { true }\n"
	want, err := formatRego("p.rego", []byte(rego))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeTree(t, map[string]string{"policies/p.rego": rego, "main.k": formatted})
	if code, _, stderr := runCLI(t, "", "fmt", dir); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if got := readFile(t, filepath.Join(dir, "policies", "p.rego")); got != string(want) {
		t.Errorf("p.rego = %q, want %q", got, want)
	}
}

func TestFmtDefaultsToCurrentDirectory(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.k": unformatted})
	t.Chdir(dir)
	if code, _, stderr := runCLI(t, "", "fmt"); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if got := readFile(t, "main.k"); got != formatted {
		t.Errorf("main.k = %q, want %q", got, formatted)
	}
}

func TestFmtCheck(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.k": unformatted, "ok.k": formatted})
	code, stdout, stderr := runCLI(t, "", "fmt", "--check", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if got := readFile(t, filepath.Join(dir, "a.k")); got != unformatted {
		t.Errorf("--check rewrote a.k: %q", got)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	if !strings.Contains(stderr, "E_FMT") || !strings.Contains(stderr, filepath.Join(dir, "a.k")) || strings.Contains(stderr, "ok.k") {
		t.Errorf("stderr does not name exactly a.k:\n%s", stderr)
	}
	if code, _, stderr := runCLI(t, "", "fmt", "--check", filepath.Join(dir, "ok.k")); code != 0 {
		t.Errorf("--check of a formatted file: exit %d, stderr:\n%s", code, stderr)
	}
}

func TestFmtDiff(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.k": unformatted})
	name := filepath.Join(dir, "a.k")
	code, stdout, stderr := runCLI(t, "", "fmt", "--diff", name)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	p := filepath.ToSlash(name)
	want := "--- a/" + p + "\n+++ b/" + p + "\n@@ -1,2 +1,2 @@\n-a=1\n-b = {x:1}\n+a = 1\n+b = {x: 1}\n"
	if stdout != want {
		t.Errorf("diff:\n%s\nwant:\n%s", stdout, want)
	}
	if got := readFile(t, name); got != unformatted {
		t.Errorf("--diff rewrote a.k: %q", got)
	}
}

func TestFmtSyntaxError(t *testing.T) {
	dir := writeTree(t, map[string]string{"bad.k": "a = )\n", "good.k": unformatted})
	bad := filepath.Join(dir, "bad.k")
	code, _, stderr := runCLI(t, "", "fmt", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, bad+":1:") || !strings.Contains(stderr, "E1001") {
		t.Errorf("stderr lacks the error position:\n%s", stderr)
	}
	if got := readFile(t, bad); got != "a = )\n" {
		t.Errorf("bad.k was rewritten: %q", got)
	}
	if got := readFile(t, filepath.Join(dir, "good.k")); got != formatted {
		t.Errorf("good.k = %q, want it formatted despite the other file's error", got)
	}
}

func TestFmtJSON(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.k": unformatted, "ok.k": formatted})
	code, stdout, stderr := runCLI(t, "", "fmt", "--json", "--diff", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var rep fmtReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
	if rep.Changed != 1 || rep.Written || len(rep.Files) != 2 ||
		rep.Files[0] != (fmtFile{Path: filepath.Join(dir, "a.k"), Changed: true, Diff: rep.Files[0].Diff}) || rep.Files[0].Diff == "" ||
		rep.Files[1] != (fmtFile{Path: filepath.Join(dir, "ok.k")}) {
		t.Errorf("report = %+v", rep)
	}

	// A --check failure is one JSON error document naming the file.
	code, stdout, _ = runCLI(t, "", "fmt", "--json", "--check", dir)
	if code != 1 {
		t.Fatalf("--check: exit %d, want 1", code)
	}
	var e struct {
		Code   string `json:"code"`
		Errors []struct {
			File string `json:"file"`
		} `json:"errors"`
	}
	if err := json.Unmarshal([]byte(stdout), &e); err != nil || e.Code != "E_FMT" || len(e.Errors) != 1 || e.Errors[0].File != filepath.Join(dir, "a.k") {
		t.Errorf("--check --json: %v\n%s", err, stdout)
	}
}

func TestFmtStdin(t *testing.T) {
	code, stdout, stderr := runCLI(t, unformatted, "fmt", "-")
	if code != 0 || stdout != formatted {
		t.Errorf("fmt -: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	if code, _, _ := runCLI(t, unformatted, "fmt", "--check", "-"); code != 1 {
		t.Errorf("fmt --check - of unformatted input: exit %d, want 1", code)
	}
}

func TestFmtMissingPath(t *testing.T) {
	code, _, stderr := runCLI(t, "", "fmt", filepath.Join(t.TempDir(), "nope.k"))
	if code != 1 || !strings.Contains(stderr, "nope.k") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

func TestUnifiedDiff(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15"
	b := "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n15\n"
	want := `--- a/f.k
+++ b/f.k
@@ -1,6 +1,6 @@
 1
 2
-3
+three
 4
 5
 6
@@ -11,5 +11,4 @@
 11
 12
 13
-14
-15
\ No newline at end of file
+15
`
	if got := unifiedDiff("f.k", []byte(a), []byte(b)); got != want {
		t.Errorf("unifiedDiff:\n%s\nwant:\n%s", got, want)
	}
	if got := unifiedDiff("f.k", []byte(a), []byte(a)); got != "" {
		t.Errorf("diff of equal texts = %q", got)
	}
	if got := unifiedDiff("f.k", nil, []byte("x\n")); got != "--- a/f.k\n+++ b/f.k\n@@ -0,0 +1,1 @@\n+x\n" {
		t.Errorf("diff from empty = %q", got)
	}
}
