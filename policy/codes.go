// This file holds the diagnostic codes of the policy package and the
// conversion of OPA's errors into diagnostics.

package policy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"

	"akua.dev/akua/kcl/diag"
)

// Codes of the diagnostics this package reports. They are stable: tools
// read them from `--json` output.
var (
	CodeLoad       = diag.Code{ID: "E_REGO_LOAD", Title: "RegoLoadError"}             // a policy file cannot be used (e.g. a symlink)
	CodeParse      = diag.Code{ID: "E_REGO_PARSE", Title: "RegoParseError"}           // Rego syntax error
	CodeCompile    = diag.Code{ID: "E_REGO_COMPILE", Title: "RegoCompileError"}       // Rego type, safety or other compile error
	CodeCapability = diag.Code{ID: "E_REGO_CAPABILITY", Title: "RegoCapabilityError"} // a policy calls a builtin akua leaves out
	CodeEval       = diag.Code{ID: "E_REGO_EVAL", Title: "RegoEvalError"}             // an error while evaluating a policy
	CodeResult     = diag.Code{ID: "E_REGO_RESULT", Title: "RegoResultError"}         // a gate rule has a value of the wrong shape
	CodeTest       = diag.Code{ID: "E_REGO_TEST", Title: "RegoTestFailure"}           // a Rego test failed or errored
	CodeDeny       = diag.Code{ID: "E_POLICY_DENY", Title: "PolicyDeny"}              // a deny or violation rule fired
	CodeWarn       = diag.Code{ID: "W_POLICY_WARN", Title: "PolicyWarning"}           // a warn rule fired
	CodeManifest   = diag.Code{ID: "E_MANIFEST", Title: "ManifestError"}              // a rendered file is not a stream of YAML mappings
)

// maxErrors caps the diagnostics of one load, as go/parser and the KCL
// parser do: past ten, more errors rarely help.
const maxErrors = 10

// posOf returns the diagnostic position of an OPA location.
func posOf(loc *ast.Location) diag.Pos {
	if loc == nil {
		return diag.Pos{}
	}
	return diag.Pos{File: loc.File, Line: loc.Row, Col: loc.Col}
}

// fromASTErrors converts parse or compile errors into a sorted list of
// diagnostics, one per distinct position and message.
func fromASTErrors(errs ast.Errors, code diag.Code) diag.List {
	var l diag.List
	seen := map[string]bool{}
	for _, e := range errs {
		d := fromASTError(e, code)
		key := d.Pos.String() + "\x00" + d.Message
		if seen[key] {
			continue
		}
		seen[key] = true
		l = append(l, d)
	}
	l.Sort()
	if len(l) > maxErrors {
		l = l[:maxErrors]
	}
	return l
}

// fromASTError converts one OPA error. Calls of excluded builtins become
// CodeCapability diagnostics that say why the builtin is missing; other
// errors keep code, with OPA's code (rego_type_error, ...) in the message
// so users can look it up in OPA's documentation.
func fromASTError(e *ast.Error, code diag.Code) *diag.Diagnostic {
	d := &diag.Diagnostic{Code: code, Pos: posOf(e.Location), Message: e.Message}
	if name, ok := strings.CutPrefix(e.Message, "undefined function "); ok {
		if why, excluded := excluded(name); excluded {
			d.Code = CodeCapability
			d.Message = fmt.Sprintf("%s is not available to akua policies: %s", name, why)
			d.Suggestion = "policies see only their input; pass what they need through the package inputs"
			return d
		}
	}
	if e.Code != "" {
		d.Message = e.Message + " (" + e.Code + ")"
	}
	if code == CodeParse && strings.Contains(e.Message, "keyword is required") {
		d.Suggestion = "akua reads Rego v1 (OPA 1.x): write `deny contains msg if { ... }`"
	}
	return d
}

// fromEvalError converts an evaluation error; where names what was being
// evaluated (e.g. "Deployment/api") and may be empty.
func fromEvalError(err error, where string) error {
	var te *topdown.Error
	if !errors.As(err, &te) {
		return err // cancellation and the like keep their identity
	}
	if topdown.IsCancel(err) {
		return err
	}
	msg := te.Message
	if te.Code != "" {
		msg += " (" + te.Code + ")"
	}
	if where != "" {
		msg += " while checking " + where
	}
	return &diag.Diagnostic{Code: CodeEval, Pos: posOf(te.Location), Message: msg}
}

// asDiagnostics converts err from an OPA API into diagnostics with code
// when it carries OPA errors, and returns it unchanged otherwise.
func asDiagnostics(err error, code diag.Code) error {
	var errs ast.Errors
	if errors.As(err, &errs) {
		return fromASTErrors(errs, code)
	}
	var e *ast.Error
	if errors.As(err, &e) {
		return fromASTErrors(ast.Errors{e}, code)
	}
	return err
}
