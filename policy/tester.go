// This file runs Rego tests (`*_test.rego`) with OPA's tester, as
// `opa test` does, for `akua test`.

package policy

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"

	"akua.dev/akua/kcl/diag"
)

// A TestStatus is the outcome of one Rego test.
type TestStatus string

// Test outcomes. An error (the test could not be evaluated) counts as a
// failure in TestReport.Failed.
const (
	TestPass  TestStatus = "pass"
	TestFail  TestStatus = "fail"
	TestError TestStatus = "error"
	TestSkip  TestStatus = "skip" // a todo_test_* rule
)

// A TestResult is one Rego test. It carries no duration, so reports are
// the same on every run.
type TestResult struct {
	Package string     `json:"package"` // e.g. "k8s.labels_test"
	Name    string     `json:"name"`    // e.g. "test_team_label_required"
	File    string     `json:"file"`
	Line    int        `json:"line"`
	Column  int        `json:"column"`
	Status  TestStatus `json:"status"`
	Message string     `json:"message,omitempty"` // why it failed or errored
	Output  string     `json:"output,omitempty"`  // what print() wrote
}

// Diagnostic returns a failed or errored test as a diagnostic at the
// test rule, or nil when the test passed or was skipped.
func (t TestResult) Diagnostic() *diag.Diagnostic {
	if t.Status != TestFail && t.Status != TestError {
		return nil
	}
	return &diag.Diagnostic{Code: CodeTest, Pos: diag.Pos{File: t.File, Line: t.Line, Col: t.Column},
		Message: fmt.Sprintf("%s.%s: %s", t.Package, t.Name, t.Message)}
}

// A TestReport is the outcome of RunTests, tests sorted by file and
// position.
type TestReport struct {
	Tests    []TestResult `json:"tests"`
	Passed   int          `json:"passed"`
	Failed   int          `json:"failed"` // errors included
	Skipped  int          `json:"skipped"`
	Coverage *Coverage    `json:"coverage,omitempty"` // when asked for
}

// Coverage is the share of policy lines the tests evaluated, computed by
// OPA's cover package as `opa test --coverage` does.
type Coverage struct {
	Percent         float64        `json:"percent"` // rounded to two decimals
	CoveredLines    int            `json:"coveredLines"`
	NotCoveredLines int            `json:"notCoveredLines"`
	Files           []FileCoverage `json:"files"` // sorted by file
}

// FileCoverage is the coverage of one file.
type FileCoverage struct {
	File            string      `json:"file"`
	Percent         float64     `json:"percent"`
	CoveredLines    int         `json:"coveredLines"`
	NotCoveredLines int         `json:"notCoveredLines"`
	NotCovered      []LineRange `json:"notCovered,omitempty"`
}

// A LineRange is a range of lines, both ends included.
type LineRange struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// RunTests runs the Rego tests among the `*.rego` files under dirs
// (DefaultDir when empty), policies and tests loaded together, with the
// builtins policies have (a test cannot call http.send either). filter,
// when not empty, is a regular expression a test's full name
// (data.pkg.test_name) must match. A syntax or compile error is a
// diag.List error; failing tests are not errors.
func RunTests(ctx context.Context, dirs []string, filter string, coverage bool) (*TestReport, error) {
	files, err := readFiles(dirs, true)
	if err != nil {
		return nil, err
	}
	return RunTestFiles(ctx, files, filter, coverage)
}

// RunTestFiles is RunTests over sources already read.
func RunTestFiles(ctx context.Context, files []File, filter string, coverage bool) (*TestReport, error) {
	if filter != "" {
		if _, err := regexp.Compile(filter); err != nil {
			return nil, fmt.Errorf("invalid test filter %q: %w", filter, err)
		}
	}
	mods, err := parseFiles(files)
	if err != nil {
		return nil, err
	}
	c := ast.NewCompiler().
		WithCapabilities(capabilities()).
		WithEnablePrintStatements(true).
		WithDefaultRegoVersion(ast.RegoV1)
	r := tester.NewRunner().
		SetCompiler(c).
		SetDefaultRegoVersion(ast.RegoV1).
		CapturePrintOutput(true).
		SetModules(mods).
		Filter(filter)
	var cov *cover.Cover
	if coverage {
		cov = cover.New()
		r.SetCoverageQueryTracer(cov)
	}
	ch, err := r.RunTests(ctx, nil)
	if err != nil {
		return nil, asDiagnostics(err, CodeCompile)
	}
	rep := &TestReport{Tests: []TestResult{}}
	for res := range ch {
		rep.Tests = append(rep.Tests, testResult(res))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(rep.Tests, func(a, b TestResult) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.Name, b.Name))
	})
	for _, t := range rep.Tests {
		switch t.Status {
		case TestPass:
			rep.Passed++
		case TestSkip:
			rep.Skipped++
		default:
			rep.Failed++
		}
	}
	if cov != nil {
		rep.Coverage = coverageOf(cov.Report(mods))
	}
	return rep, nil
}

// testResult converts one result of OPA's tester.
func testResult(r *tester.Result) TestResult {
	t := TestResult{
		Package: strings.TrimPrefix(r.Package, "data."),
		Name:    r.Name,
		Status:  TestPass,
		Output:  string(r.Output),
	}
	if r.Location != nil {
		t.File, t.Line, t.Column = r.Location.File, r.Location.Row, r.Location.Col
	}
	switch {
	case r.Skip:
		t.Status = TestSkip
	case r.Error != nil:
		t.Status, t.Message = TestError, r.Error.Error()
	case r.Fail:
		t.Status, t.Message = TestFail, "test failed"
		if failed := failedCases(r.SubResults); len(failed) > 0 {
			t.Message = "test failed for " + strings.Join(failed, ", ")
		}
	}
	return t
}

// failedCases lists the failing cases of a parameterised test, sorted.
func failedCases(m tester.SubResultMap) []string {
	var out []string
	for path, sr := range m.Iter {
		if sr.Fail && len(sr.SubResults) == 0 {
			out = append(out, strings.Join(path, "/"))
		}
	}
	slices.Sort(out)
	return out
}

// coverageOf converts OPA's coverage report, in a fixed order.
func coverageOf(r cover.Report) *Coverage {
	c := &Coverage{
		Percent:         round2(r.Coverage),
		CoveredLines:    r.CoveredLines,
		NotCoveredLines: r.NotCoveredLines,
		Files:           []FileCoverage{},
	}
	for file, fr := range r.Files {
		fc := FileCoverage{File: file, Percent: round2(fr.Coverage),
			CoveredLines: fr.CoveredLines, NotCoveredLines: fr.NotCoveredLines}
		for _, rg := range fr.NotCovered {
			fc.NotCovered = append(fc.NotCovered, LineRange{Start: rg.Start.Row, End: rg.End.Row})
		}
		slices.SortFunc(fc.NotCovered, func(a, b LineRange) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
		})
		fc.NotCovered = slices.Compact(fc.NotCovered)
		c.Files = append(c.Files, fc)
	}
	slices.SortFunc(c.Files, func(a, b FileCoverage) int { return cmp.Compare(a.File, b.File) })
	return c
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
