// This file runs golden tests: each tests/<case>/inputs.yaml is
// rendered and the multi-document stream (`akua render --stdout`) is
// compared with tests/<case>/expected.golden.yaml, so a dependency bump
// or an edit cannot change the manifests unnoticed.

package testrunner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"akua.dev/akua/internal/atomicfile"
	"akua.dev/akua/internal/textdiff"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/render"
)

// Golden case layout.
const (
	GoldenDir    = "tests"
	GoldenInputs = "inputs.yaml"
	GoldenFile   = "expected.golden.yaml"
)

// goldenCases lists the case directories under tests/: those holding
// inputs.yaml or expected.golden.yaml (a golden without inputs is a
// mistake worth reporting, not a directory to skip), sorted.
func (r *runner) goldenCases() ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(r.abs, GoldenDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dir := filepath.Join(r.abs, GoldenDir, e.Name())
		for _, f := range []string{GoldenInputs, GoldenFile} {
			if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
				out = append(out, dir)
				break
			}
		}
	}
	return out, nil // ReadDir sorts by name
}

// goldenTests runs every selected golden case.
func (r *runner) goldenTests(ctx context.Context) ([]Test, error) {
	cases, err := r.goldenCases()
	if err != nil {
		return nil, err
	}
	var out []Test
	for _, dir := range cases {
		name := r.rel(dir)
		if !r.wanted(name) {
			continue
		}
		t := Test{Kind: KindGolden, Name: name, File: r.show(filepath.Join(dir, GoldenFile)), Status: Pass}
		if err := r.golden(ctx, dir, &t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// golden runs one case into t. The error is for I/O failures that stop
// the whole run (a golden that cannot be written).
func (r *runner) golden(ctx context.Context, dir string, t *Test) error {
	inputs := filepath.Join(dir, GoldenInputs)
	if _, err := os.Stat(inputs); err != nil {
		t.Status, t.Failure = Error, &Failure{Message: "no " + GoldenInputs + " beside " + GoldenFile + ": a golden case renders its own inputs",
			File: r.show(dir)}
		return nil
	}
	got, fail := r.renderCase(ctx, inputs)
	if fail != nil {
		t.Status, t.Failure = Error, fail
		return nil
	}
	golden := filepath.Join(dir, GoldenFile)
	want, err := os.ReadFile(golden)
	missing := errors.Is(err, fs.ErrNotExist)
	if err != nil && !missing {
		return err
	}
	if r.opts.Golden == GoldenUpdate {
		if missing || !bytes.Equal(want, got) {
			if err := atomicfile.Write(golden, got, 0o644); err != nil {
				return fmt.Errorf("writing %s: %w", t.File, err)
			}
			t.Updated = true
		}
		return nil
	}
	switch {
	case missing:
		t.Status, t.Failure = Fail, &Failure{File: t.File,
			Message: "no " + GoldenFile + " yet: run `akua test --golden=update` to write it from the render, review it, and commit it"}
	case !bytes.Equal(want, got):
		t.Status, t.Failure = Fail, &Failure{File: t.File, Line: firstDiffLine(want, got),
			Message: "the render differs from " + GoldenFile + " (- golden, + render); if the change is intended, run `akua test --golden=update`",
			Diff:    textdiff.Unified(filepath.ToSlash(t.File), "rendered", want, got)}
	}
	return nil
}

// renderCase renders the package with one case's inputs, gated by the
// policies as `akua render` is (a denied render writes nothing, so it
// has no golden), and returns the YAML stream.
func (r *runner) renderCase(ctx context.Context, inputs string) ([]byte, *Failure) {
	res, err := render.Render(ctx, render.Options{Package: r.abs, Inputs: []string{inputs}, Timeout: r.opts.Timeout})
	if err != nil {
		return nil, r.failure(err)
	}
	pres, err := render.Gate(ctx, res, r.policyDirs)
	if err != nil {
		return nil, r.failure(err)
	}
	if pres != nil && pres.Denied() {
		denies := make(diag.List, len(pres.Denies))
		for i := range pres.Denies {
			denies[i] = pres.Denies[i].Diagnostic()
		}
		f := r.failure(denies)
		f.Message = "a policy denies the render: " + f.Message
		return nil, f
	}
	return render.Stream(res.Resources), nil
}

// firstDiffLine is the 1-based line of the golden where a and b first
// differ, so the location points at the drift.
func firstDiffLine(a, b []byte) int {
	la, lb := textdiff.SplitLines(a), textdiff.SplitLines(b)
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			return i + 1
		}
	}
	return len(la) + 1
}
