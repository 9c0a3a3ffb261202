// This file runs Rego tests: the *_test.rego files of the policy
// directories, with OPA's tester (policy.RunTests).

package testrunner

import (
	"context"
	"errors"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/policy"
)

// regoTests runs the Rego tests of r.policyDirs. A policy that does not
// parse or compile fails the run of all of them: it is reported as one
// failed test per file at fault, so the count says something broke and
// the location says where.
func (r *runner) regoTests(ctx context.Context) ([]Test, *policy.Coverage, error) {
	if len(r.policyDirs) == 0 {
		return nil, nil, nil
	}
	// The filter is applied here rather than by OPA, which matches it
	// against data.-prefixed names: one filter syntax for every kind.
	rep, err := policy.RunTests(ctx, r.policyDirs, "", r.opts.Coverage)
	if err != nil {
		if l := hasDiagnostics(err); l != nil {
			return r.regoLoadFailures(l), nil, nil
		}
		return nil, nil, err
	}
	var out []Test
	for _, t := range rep.Tests {
		name := t.Package + "." + t.Name
		if !r.wanted(name) {
			continue
		}
		rt := Test{Kind: KindRego, Name: name, File: r.show(t.File), Line: t.Line, Column: t.Column, Output: t.Output}
		switch t.Status {
		case policy.TestPass:
			rt.Status = Pass
		case policy.TestSkip:
			rt.Status = Skip
			rt.Failure = &Failure{Message: "todo test: not run"}
		case policy.TestFail:
			rt.Status = Fail
		default:
			rt.Status = Error
		}
		if rt.Failed() {
			rt.Failure = &Failure{Code: policy.CodeTest.ID, Message: t.Message, File: rt.File, Line: t.Line, Column: t.Column}
		}
		out = append(out, rt)
	}
	return out, rep.Coverage, nil
}

// regoLoadFailures turns parse and compile errors into one failed test
// per file at fault, at its first error. They are reported whatever the
// filter: every selected Rego test depends on the policies compiling.
func (r *runner) regoLoadFailures(l diag.List) []Test {
	var out []Test
	index := map[string]int{} // file → its test in out
	for _, d := range l {
		if i, ok := index[d.Pos.File]; ok {
			out[i].Failure.Message = strings.TrimSuffix(out[i].Failure.Message, moreErrors) + moreErrors
			continue
		}
		index[d.Pos.File] = len(out)
		file := r.show(d.Pos.File)
		out = append(out, Test{Kind: KindRego, Name: r.name(d.Pos.File), File: file,
			Line: d.Pos.Line, Column: d.Pos.Col, Status: Error, Failure: r.failure(d)})
	}
	return out
}

const moreErrors = " (and more errors in this file)"

// hasDiagnostics returns the diagnostics err carries, or nil when it
// carries none (diag.From would make one of any error).
func hasDiagnostics(err error) diag.List {
	var l diag.List
	if errors.As(err, &l) && len(l) > 0 {
		return l
	}
	var d *diag.Diagnostic
	if errors.As(err, &d) && d != nil {
		return diag.List{d}
	}
	return nil
}
