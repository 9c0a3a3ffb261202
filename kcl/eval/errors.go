package eval

import (
	"fmt"

	"akua.dev/akua/kcl/diag"
)

// Error kinds builtins report; the evaluator adds the position of the
// expression being evaluated when the error carries none.
var (
	ErrEval      = diag.EvaluationError
	ErrType      = diag.TypeError
	ErrValue     = diag.ValueError
	ErrKey       = diag.KeyError
	ErrIndex     = diag.IndexError
	ErrAttribute = diag.AttributeError
	ErrZeroDiv   = diag.ZeroDivisionError
	ErrOverflow  = diag.OverflowError
)

// errorf returns a diagnostic of the given code with no position yet.
func errorf(code diag.Code, format string, args ...any) *diag.Diagnostic {
	return &diag.Diagnostic{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Errorf is errorf for host modules outside this package.
func Errorf(code diag.Code, format string, args ...any) error {
	return errorf(code, format, args...)
}
