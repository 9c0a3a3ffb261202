package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"akua.dev/akua/kcl/diag"
)

// Hidden commands for testing panics and timeouts.
func init() {
	addCommand(func() *cobra.Command {
		return &cobra.Command{Use: "test-panic", Hidden: true,
			RunE: func(*cobra.Command, []string) error { panic("boom") }}
	})
	addCommand(func() *cobra.Command {
		return &cobra.Command{Use: "test-wait", Hidden: true,
			RunE: func(cmd *cobra.Command, _ []string) error {
				<-cmd.Context().Done()
				return cmd.Context().Err()
			}}
	})
	addCommand(func() *cobra.Command {
		return &cobra.Command{Use: "test-stuck", Hidden: true,
			RunE: func(*cobra.Command, []string) error { time.Sleep(time.Minute); return nil }}
	})
	addCommand(func() *cobra.Command {
		return &cobra.Command{Use: "test-fail", Hidden: true,
			RunE: func(*cobra.Command, []string) error { return errors.New("disk on fire") }}
	})
}

// akua runs the command line and returns its exit code and output.
func akua(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{nil, ExitOK},
		{[]string{"--help"}, ExitOK},
		{[]string{"version"}, ExitOK},
		{[]string{"kcl"}, ExitOK},
		{[]string{"kcl", "run", "--help"}, ExitOK},
		{[]string{"verison"}, ExitUser},
		{[]string{"kcl", "frob"}, ExitUser},
		{[]string{"--bogus"}, ExitUser},
		{[]string{"version", "--bogus"}, ExitUser},
		{[]string{"version", "extra"}, ExitUser},
		{[]string{"kcl", "run", "--bogus", "main.k"}, ExitUser},
		{[]string{"kcl", "run", "-D"}, ExitUser},
		{[]string{"kcl", "run"}, ExitUser},
		{[]string{"--timeout", "soon", "version"}, ExitUser},
		{[]string{"completion"}, ExitUser},
		{[]string{"completion", "tcsh"}, ExitUser},
		{[]string{"test-fail"}, ExitSystem},
		{[]string{"test-panic"}, ExitSystem},
	}
	for _, tt := range tests {
		code, _, stderr := akua(t, tt.args...)
		if code != tt.code {
			t.Errorf("akua %s: exit %d, want %d; stderr:\n%s", strings.Join(tt.args, " "), code, tt.code, stderr)
		}
	}
}

func TestUsageErrorText(t *testing.T) {
	code, stdout, stderr := akua(t, "verison")
	if code != ExitUser || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	want := "error[E_USAGE]: unknown command \"verison\" for \"akua\"\n" +
		"  = help: did you mean 'akua version'? (run 'akua --help' for usage)\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}

	_, _, stderr = akua(t, "kcl", "run", "--bogus")
	want = "error[E_USAGE]: unknown flag: --bogus\n  = help: run 'akua kcl run --help' for usage\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
}

func TestPanicIsAnInternalError(t *testing.T) {
	code, _, stderr := akua(t, "test-panic")
	if code != ExitSystem {
		t.Errorf("exit %d, want %d", code, ExitSystem)
	}
	if !strings.HasPrefix(stderr, "error[E_INTERNAL]: internal error: boom\n") || strings.Contains(stderr, "goroutine") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

func TestTimeout(t *testing.T) {
	code, _, stderr := akua(t, "--timeout", "50ms", "test-wait")
	if code != ExitTimeout || !strings.Contains(stderr, "error[E_TIMEOUT]: the command timed out after 50ms") {
		t.Errorf("test-wait: exit %d, stderr:\n%s", code, stderr)
	}

	// A command that ignores its context is cut off after the grace period.
	defer func(d time.Duration) { timeoutGrace = d }(timeoutGrace)
	timeoutGrace = 50 * time.Millisecond
	start := time.Now()
	code, _, _ = akua(t, "test-stuck", "--timeout=50ms")
	if code != ExitTimeout {
		t.Errorf("test-stuck: exit %d, want %d", code, ExitTimeout)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("test-stuck took %s", d)
	}
}

// decodeJSONError decodes the --json error document, insisting on its
// exact set of fields.
func decodeJSONError(t *testing.T, stdout string) jsonError {
	t.Helper()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	want := []string{"code", "column", "errors", "file", "level", "line", "message", "suggestion", "title"}
	if !sameSet(keys, want) {
		t.Errorf("JSON error fields %v, want %v", keys, want)
	}
	var doc jsonError
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

func TestJSONUsageError(t *testing.T) {
	code, stdout, stderr := akua(t, "kcl", "run", "--bogus", "--json")
	if code != ExitUser || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	doc := decodeJSONError(t, stdout)
	want := jsonDiagnostic{Level: "error", Code: CodeUsage, Message: "unknown flag: --bogus",
		Suggestion: "run 'akua kcl run --help' for usage"}
	if doc.jsonDiagnostic != want || len(doc.Errors) != 1 || doc.Errors[0] != want {
		t.Errorf("JSON error = %+v, want %+v once", doc, want)
	}

	// --json before the command, and a flag error before --json is read.
	for _, args := range [][]string{{"--json", "verison"}, {"kcl", "run", "-Z", "--json"}} {
		code, stdout, _ := akua(t, args...)
		if doc := decodeJSONError(t, stdout); code != ExitUser || doc.Code != CodeUsage {
			t.Errorf("akua %v: exit %d, %+v", args, code, doc)
		}
	}
}

func TestReportDiagnostics(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "main.k")
	if err := os.WriteFile(file, []byte("a = 1\nb = )\nc = (]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	list := diag.List{
		{Code: diag.InvalidSyntax, Message: "unexpected token ')'", Pos: diag.Pos{File: file, Line: 2, Col: 5},
			Suggestion: "remove the ')'"},
		{Code: diag.InvalidSyntax, Message: "unexpected token ']'", Pos: diag.Pos{File: file, Line: 3, Col: 6}},
	}
	err := asExitError(context.Background(), list)
	var e *ExitError
	if !errors.As(err, &e) || e.Code != ExitUser {
		t.Fatalf("asExitError(diagnostics) = %#v, want exit %d", err, ExitUser)
	}

	var stdout, stderr bytes.Buffer
	(&reporter{stdout: &stdout, stderr: &stderr}).report(e)
	want := "error[E1001]: InvalidSyntax: unexpected token ')'\n" +
		" --> " + file + ":2:5\n" +
		"  |\n" +
		"2 | b = )\n" +
		"  |     ^ unexpected token ')'\n" +
		"  = help: remove the ')'\n" +
		"\n" +
		"error[E1001]: InvalidSyntax: unexpected token ']'\n" +
		" --> " + file + ":3:6\n" +
		"  |\n" +
		"3 | c = (]\n" +
		"  |      ^ unexpected token ']'\n"
	if stderr.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", stderr.String(), want)
	}
	if stdout.Len() != 0 {
		t.Errorf("text mode wrote to stdout: %q", stdout.String())
	}

	stdout.Reset()
	stderr.Reset()
	(&reporter{stdout: &stdout, stderr: &stderr, json: true}).report(e)
	doc := decodeJSONError(t, stdout.String())
	first := jsonDiagnostic{Level: "error", Code: "E1001", Title: "InvalidSyntax", Message: "unexpected token ')'",
		File: file, Line: 2, Column: 5, Suggestion: "remove the ')'"}
	second := jsonDiagnostic{Level: "error", Code: "E1001", Title: "InvalidSyntax", Message: "unexpected token ']'",
		File: file, Line: 3, Column: 6}
	if doc.jsonDiagnostic != first || !reflect.DeepEqual(doc.Errors, []jsonDiagnostic{first, second}) {
		t.Errorf("JSON = %+v", doc)
	}
	if stderr.Len() != 0 {
		t.Errorf("JSON mode wrote to stderr: %q", stderr.String())
	}
}

func TestClassify(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		err  error
		code int
	}{
		{diag.New(diag.TypeError, diag.Pos{}, "x"), ExitUser},
		{diag.New(diag.InternalError, diag.Pos{}, "x"), ExitSystem},
		{os.ErrNotExist, ExitUser},
		{errors.New("x"), ExitSystem},
		{context.DeadlineExceeded, ExitTimeout},
		{&ExitError{Code: ExitPolicy, Err: errors.New("denied")}, ExitPolicy},
	}
	for _, tt := range tests {
		var e *ExitError
		if err := asExitError(ctx, tt.err); !errors.As(err, &e) || e.Code != tt.code {
			t.Errorf("asExitError(%v) = %v, want exit %d", tt.err, err, tt.code)
		}
	}
	if asExitError(ctx, nil) != nil {
		t.Error("asExitError(nil) != nil")
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := akua(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "akua dev\n  commit: ") || !strings.Contains(stdout, "  go:     go1.") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
	code, stdout, _ = akua(t, "version", "--json")
	var v versionInfo
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil || code != 0 {
		t.Fatalf("version --json: exit %d, %v\n%s", code, err, stdout)
	}
	if v.Version != "dev" || v.Commit == "" || !strings.HasPrefix(v.Go, "go") || !strings.Contains(v.Platform, "/") {
		t.Errorf("version --json = %+v", v)
	}
	if code, stdout, _ = akua(t, "--version"); code != 0 || stdout != "akua dev\n" {
		t.Errorf("--version: exit %d, %q", code, stdout)
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, stdout, stderr := akua(t, "completion", shell)
		if code != 0 || !strings.Contains(stdout, "akua") || stderr != "" {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", shell, code, len(stdout), stderr)
		}
	}
}

func TestArgScanning(t *testing.T) {
	if !wantsJSON([]string{"kcl", "run", "--json"}) || wantsJSON([]string{"kcl", "run", "--", "--json"}) {
		t.Error("wantsJSON")
	}
	if d := scanTimeout([]string{"--timeout", "2s", "x"}); d != 2*time.Second {
		t.Errorf("scanTimeout = %s", d)
	}
	if d := scanTimeout([]string{"--timeout=1m"}); d != time.Minute {
		t.Errorf("scanTimeout = %s", d)
	}
	if d := scanTimeout([]string{"--timeout=bad"}); d != 0 {
		t.Errorf("scanTimeout = %s", d)
	}
}

func TestReportWithoutSource(t *testing.T) {
	var stdout, stderr bytes.Buffer
	d := diag.New(diag.NameError, diag.Pos{File: filepath.Join(t.TempDir(), "gone.k"), Line: 3, Col: 2}, "name 'x' is not defined")
	d.Suggestion = "did you mean 'y'?"
	code := (&reporter{stdout: &stdout, stderr: &stderr}).report(&ExitError{Code: ExitUser, Err: d})
	want := "error[E2L25]: NameError: name 'x' is not defined\n" +
		" --> " + d.Pos.String() + "\n" +
		"  = help: did you mean 'y'?\n"
	if code != ExitUser || stderr.String() != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr.String(), want)
	}
}
