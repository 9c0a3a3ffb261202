package cli

// This file is the Rego side of `akua lint` (SPEC §11): it compiles a
// package's policies and their tests, without evaluating anything, and
// returns the errors with their positions.

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"akua.dev/akua/policy"
)

// lintRego compiles the Rego files (tests included) of the package in
// pkgDir: those under pkgDir/policies, if that directory exists. It
// returns nil when there is nothing to lint or nothing wrong, else the
// errors as a diag.List: syntax errors (E_REGO_PARSE), compile errors
// (E_REGO_COMPILE) and calls of builtins policies may not use
// (E_REGO_CAPABILITY).
func lintRego(ctx context.Context, pkgDir string) error {
	dir := filepath.Join(pkgDir, policy.DefaultDir)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return policy.Lint(ctx, []string{dir})
}
