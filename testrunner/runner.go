// Package testrunner runs a package's tests (SPEC §9, `akua test`):
//
//   - KCL tests: files test_*.k and *_test.k under the package. Each
//     top-level `test_*` lambda is one test; a file without any is one
//     test, its evaluation (bare asserts). See kcltest.go.
//   - Rego tests: *_test.rego under policies/ and the extra policy
//     directories, with OPA's tester. See regotest.go.
//   - Golden tests: tests/<case>/inputs.yaml rendered and compared with
//     tests/<case>/expected.golden.yaml. See golden.go.
//
// Run returns a Report; printing it (text, JSON, JUnit) is the caller's.
// Reports hold no durations or absolute paths the caller did not give,
// so the same tree gives the same report on every machine.
package testrunner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/policy"
	"akua.dev/akua/render"
	"akua.dev/akua/stdlib"
)

// A Kind says which runner a test belongs to.
type Kind string

// Test kinds, in the order a report lists them.
const (
	KindKCL    Kind = "kcl"
	KindRego   Kind = "rego"
	KindGolden Kind = "golden"
)

// A Status is the outcome of one test. Fail is an expectation that did
// not hold (an assert, a check, a golden drift); Error is a test that
// could not run to its end (a KCL evaluation error, a Rego compile
// error, a render failure). Both count as failed.
type Status string

// Test outcomes.
const (
	Pass  Status = "pass"
	Fail  Status = "fail"
	Error Status = "error"
	Skip  Status = "skip"
)

// A Test is one test's outcome.
type Test struct {
	Kind Kind   `json:"kind"`
	Name string `json:"name"` // what --filter matches: file.k::test_x, pkg.test_x, tests/<case>
	// File, Line and Column locate the test itself.
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Status Status `json:"status"`
	// Failure says why a test failed, errored or was skipped.
	Failure *Failure `json:"failure,omitempty"`
	Output  string   `json:"output,omitempty"`  // what print() wrote
	Updated bool     `json:"updated,omitempty"` // a golden rewritten by --golden=update
}

// A Failure is where and why a test failed.
type Failure struct {
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	// Diff is the unified diff from the golden to the render.
	Diff string `json:"diff,omitempty"`
}

// Failed reports whether t counts as a failure.
func (t *Test) Failed() bool { return t.Status == Fail || t.Status == Error }

// Location is where to look first: the failure when there is one, else
// the test, as file:line[:col].
func (t *Test) Location() string {
	p := diag.Pos{File: t.File, Line: t.Line, Col: t.Column}
	if f := t.Failure; f != nil && f.File != "" {
		p = diag.Pos{File: f.File, Line: f.Line, Col: f.Column}
	}
	return p.String()
}

// A Report is the outcome of Run: tests grouped by kind (KCL, Rego,
// golden), each group in file and source order.
type Report struct {
	Dir      string           `json:"dir"` // the package directory, as given
	Tests    []Test           `json:"tests"`
	Passed   int              `json:"passed"`
	Failed   int              `json:"failed"` // errors included
	Skipped  int              `json:"skipped"`
	Coverage *policy.Coverage `json:"coverage,omitempty"` // Rego coverage, when asked for
}

// A GoldenMode says what golden tests do with a render.
type GoldenMode string

// Golden modes. Verify is the default: CI must never rewrite a golden.
const (
	GoldenVerify GoldenMode = "verify" // compare; drift or a missing golden fails
	GoldenUpdate GoldenMode = "update" // write the render as the golden
)

// Options configure Run. Only Dir is needed.
type Options struct {
	// Dir is the package directory or its package.k ("" is ".").
	Dir string
	// Filter, when set, is a regular expression a test's name must
	// contain a match of (as `go test -run`).
	Filter string
	// Golden is what golden tests do ("" is GoldenVerify).
	Golden GoldenMode
	// Coverage asks for the Rego tests' coverage of the policies.
	Coverage bool
	// Policies are policy directories besides the package's policies/:
	// their tests run, and golden renders must pass them.
	Policies []string
	// Timeout caps each KCL test file and each golden render (0:
	// render.DefaultTimeout).
	Timeout time.Duration
}

// runner holds one Run's settings.
type runner struct {
	opts   Options
	abs    string // the package directory, absolute and symlink-free
	disp   string // the package directory as the user named it
	filter *regexp.Regexp
	// policyDirs are the directories whose policies gate golden renders
	// and whose tests run: the package's policies/ (when present) and
	// Options.Policies.
	policyDirs []string
}

// Run runs the package's tests. Test failures are in the report; the
// error is for a run that cannot start (no package, a bad filter).
func Run(ctx context.Context, opts Options) (*Report, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	r := &runner{opts: opts}
	if r.opts.Dir == "" {
		r.opts.Dir = "."
	}
	if r.opts.Golden == "" {
		r.opts.Golden = GoldenVerify
	}
	if r.opts.Golden != GoldenVerify && r.opts.Golden != GoldenUpdate {
		return nil, fmt.Errorf("unknown golden mode %q: want verify or update", opts.Golden)
	}
	if r.opts.Timeout == 0 {
		r.opts.Timeout = render.DefaultTimeout
	}
	if opts.Filter != "" {
		re, err := regexp.Compile(opts.Filter)
		if err != nil {
			return nil, fmt.Errorf("invalid --filter %q: %w", opts.Filter, err)
		}
		r.filter = re
	}
	_, abs, err := render.Locate(r.opts.Dir)
	if err != nil {
		return nil, err
	}
	r.abs = abs
	r.disp = filepath.Clean(r.opts.Dir)
	if filepath.Ext(r.disp) == ".k" {
		r.disp = filepath.Dir(r.disp)
	}
	if st, err := os.Stat(filepath.Join(abs, policy.DefaultDir)); err == nil && st.IsDir() {
		r.policyDirs = append(r.policyDirs, filepath.Join(r.disp, policy.DefaultDir))
	}
	r.policyDirs = append(r.policyDirs, opts.Policies...)

	rep := &Report{Dir: r.disp, Tests: []Test{}}
	kclTests, err := r.kclTests(ctx)
	if err != nil {
		return nil, err
	}
	regoTests, cov, err := r.regoTests(ctx)
	if err != nil {
		return nil, err
	}
	goldenTests, err := r.goldenTests(ctx)
	if err != nil {
		return nil, err
	}
	rep.Coverage = cov
	for _, group := range [][]Test{kclTests, regoTests, goldenTests} {
		rep.Tests = append(rep.Tests, group...)
	}
	for _, t := range rep.Tests {
		switch {
		case t.Failed():
			rep.Failed++
		case t.Status == Skip:
			rep.Skipped++
		default:
			rep.Passed++
		}
	}
	return rep, ctx.Err()
}

// wanted reports whether the filter selects a test named name.
func (r *runner) wanted(name string) bool {
	return r.filter == nil || r.filter.MatchString(name)
}

// show turns a path akua produced (often absolute) into one under the
// directory the user named, so locations read like the command line.
func (r *runner) show(p string) string {
	if p == "" || !filepath.IsAbs(p) {
		return p
	}
	rel, err := filepath.Rel(r.abs, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return filepath.Join(r.disp, rel)
}

// rel is p relative to the package directory, with slashes: the stable
// part of a test's name.
func (r *runner) rel(p string) string {
	if rel, err := filepath.Rel(r.abs, p); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

// name is a file's name in test names: relative to the package, with
// slashes, when it is inside it.
func (r *runner) name(p string) string {
	if filepath.IsAbs(p) {
		return r.rel(p)
	}
	if rel, err := filepath.Rel(r.disp, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

// failure converts an error into a Failure at its first diagnostic.
// Diagnostics raised inside the embedded stdlib move to the user's
// frame that called it, as render does for its own errors.
func (r *runner) failure(err error) *Failure {
	l := diag.From(err)
	if len(l) == 0 {
		return &Failure{Message: err.Error()}
	}
	d := userFrame(l[0])
	f := &Failure{Code: d.Code.ID, Message: d.Message, File: r.show(d.Pos.File), Line: d.Pos.Line, Column: d.Pos.Col}
	if d.Path != "" {
		f.Message = d.Path + ": " + f.Message
	}
	if n := len(l) - 1; n > 0 {
		f.Message += fmt.Sprintf(" (and %d more %s)", n, plural(n, "error", "errors"))
	}
	return f
}

// userFrame returns d positioned at its first frame outside the
// embedded stdlib (whose files are named "akua:/...").
func userFrame(d *diag.Diagnostic) *diag.Diagnostic {
	virtual := func(p diag.Pos) bool { return strings.HasPrefix(p.File, stdlib.Package+":/") }
	if !virtual(d.Pos) {
		return d
	}
	for _, n := range d.Notes {
		if !virtual(n.Pos) && n.Pos.File != "" {
			c := *d
			c.Pos = n.Pos
			return &c
		}
	}
	return d
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
