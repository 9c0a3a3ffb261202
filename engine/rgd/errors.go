package rgd

// This file holds the diagnostic codes of rgd.instantiate and the
// helpers that build them. Positions are left zero: the caller attaches
// the position of the KCL call.

import (
	"fmt"

	"akua.dev/akua/kcl/diag"
)

// Codes reported by Instantiate. They are stable: tools match on ID.
var (
	// CodeDefinition: the ResourceGraphDefinition itself is malformed
	// (shape, resource ids, SimpleSchema syntax, templates).
	CodeDefinition = diag.Code{ID: "E_RGD_DEFINITION", Title: "InvalidDefinition"}
	// CodeSchema: the instance does not satisfy spec.schema.
	CodeSchema = diag.Code{ID: "E_RGD_SCHEMA", Title: "SchemaViolation"}
	// CodeCEL: an expression fails to parse, type-check or evaluate, or
	// yields a value of the wrong kind for where it is used.
	CodeCEL = diag.Code{ID: "E_RGD_CEL", Title: "ExpressionError"}
	// CodeRef: an expression names something that is neither schema nor
	// a resource id.
	CodeRef = diag.Code{ID: "E_RGD_REF", Title: "UnknownReference"}
	// CodeCycle: resources depend on each other in a cycle, or one
	// references itself.
	CodeCycle = diag.Code{ID: "E_RGD_CYCLE", Title: "DependencyCycle"}
	// CodeStatusRef: an expression reads a field only a cluster can
	// know (status, uid, resourceVersion, ...).
	CodeStatusRef = diag.Code{ID: "E_RGD_STATUS_REF", Title: "RuntimeReference"}
	// CodeUnsupported: a kro feature that needs a cluster or is not
	// implemented offline (externalRef, forEach collections).
	CodeUnsupported = diag.Code{ID: "E_RGD_UNSUPPORTED", Title: "Unsupported"}
	// CodeLimit: an expression exceeded its evaluation budget.
	CodeLimit = diag.Code{ID: "E_RGD_LIMIT", Title: "CostLimitExceeded"}
)

// errorf returns a diagnostic with a lowercase message at a data path.
func errorf(code diag.Code, path, format string, args ...any) *diag.Diagnostic {
	return &diag.Diagnostic{Code: code, Path: path, Message: fmt.Sprintf(format, args...)}
}

// withSuggestion sets d's suggestion and returns d.
func withSuggestion(d *diag.Diagnostic, format string, args ...any) *diag.Diagnostic {
	d.Suggestion = fmt.Sprintf(format, args...)
	return d
}

// didYouMean returns a "did you mean" suggestion for name among
// candidates, or "" when none is close.
func didYouMean(name string, candidates []string) string {
	if n := diag.Nearest(name, candidates); n != "" {
		return "did you mean " + n + "?"
	}
	return ""
}

// exprText renders an expression as the user wrote it, for messages.
func exprText(src string) string {
	return "${" + src + "}"
}
