// This file formats Rego source and checks policy trees for errors
// without evaluating them: `akua fmt` and `akua lint`.

package policy

import (
	"context"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
)

// Format returns src formatted as `opa fmt` formats it (Rego v1). name
// is used in diagnostics. A syntax error is a diag.List of CodeParse.
//
// Formatting parses with all of OPA's builtins, not the policy sandbox:
// a file calling http.send still formats, and Lint reports the call.
func Format(name string, src []byte) ([]byte, error) {
	caps := ast.CapabilitiesForThisVersion(ast.CapabilitiesRegoVersion(ast.RegoV1))
	out, err := format.SourceWithOpts(name, src, format.Opts{
		RegoVersion:  ast.RegoV1,
		Capabilities: caps,
		ParserOptions: &ast.ParserOptions{
			RegoVersion:  ast.RegoV1,
			Capabilities: caps,
		},
	})
	if err != nil {
		return nil, asDiagnostics(err, CodeParse)
	}
	return out, nil
}

// Lint parses and compiles every `*.rego` file under dirs (DefaultDir
// when empty), tests included, with the policy sandbox, and returns the
// errors as a diag.List, or nil. It evaluates nothing.
func Lint(ctx context.Context, dirs []string) error {
	files, err := readFiles(dirs, true)
	if err != nil {
		return err
	}
	return LintFiles(ctx, files)
}

// LintFiles is Lint over sources already read.
func LintFiles(ctx context.Context, files []File) error {
	mods, err := parseFiles(files)
	if err != nil {
		return err
	}
	c := ast.NewCompiler().
		WithCapabilities(capabilities()).
		WithEnablePrintStatements(true).
		WithDefaultRegoVersion(ast.RegoV1)
	if c.Compile(mods); c.Failed() {
		return fromASTErrors(c.Errors, CodeCompile)
	}
	return ctx.Err()
}
