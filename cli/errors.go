package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/spf13/cobra"

	"akua.dev/akua/kcl/diag"
)

// Exit codes (SPEC §11).
const (
	ExitOK      = 0
	ExitUser    = 1 // user error: bad flags or arguments, KCL errors, bad inputs
	ExitSystem  = 2 // system error: I/O failures, internal errors
	ExitPolicy  = 3 // a policy denied the result
	ExitTimeout = 6 // --timeout (or another deadline) expired
)

// Error codes of errors that carry no KCL diagnostic. KCL errors keep
// their own stable codes (E1001, E2G22, ...: package kcl/diag).
const (
	CodeUsage    = "E_USAGE"    // bad command line
	CodeUser     = "E_USER"     // other user errors
	CodeSystem   = "E_SYSTEM"   // I/O and environment failures
	CodePolicy   = "E_POLICY"   // policy deny
	CodeTimeout  = "E_TIMEOUT"  // deadline exceeded
	CodeInternal = "E_INTERNAL" // a bug in akua (recovered panic)
)

// An ExitError is an error with the exit code Main returns for it.
// Commands return them (or any error, which Main classifies: see
// asExitError); Main prints them.
type ExitError struct {
	Code int    // exit code: ExitUser, ExitSystem, ...
	ID   string // error code when Err carries no diagnostics; "" derives it from Code
	Err  error  // the error; diagnostics inside it (diag.List, *diag.Diagnostic) are printed in full
	Help string // optional suggestion, printed as "help: ..."
	// Quiet means the command has already reported the failure (e.g. a
	// --json document with every failing test): print nothing more.
	Quiet bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit code %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// id returns the error code for e when its error has no diagnostics.
func (e *ExitError) id() string {
	if e.ID != "" {
		return e.ID
	}
	switch e.Code {
	case ExitUser:
		return CodeUser
	case ExitPolicy:
		return CodePolicy
	case ExitTimeout:
		return CodeTimeout
	}
	return CodeSystem
}

// usageError is a bad command line for cmd (exit 1).
func usageError(cmd *cobra.Command, err error) *ExitError {
	return &ExitError{Code: ExitUser, ID: CodeUsage, Err: err, Help: commandHelp(cmd)}
}

// usageErrorf is usageError with a formatted message.
func usageErrorf(cmd *cobra.Command, format string, args ...any) *ExitError {
	return usageError(cmd, fmt.Errorf(format, args...))
}

// systemError is an I/O or environment failure (exit 2).
func systemError(err error) *ExitError {
	return &ExitError{Code: ExitSystem, ID: CodeSystem, Err: err}
}

// timeoutError reports that the command ran out of time (exit 6); err
// is what the command returned, if anything.
func timeoutError(d time.Duration, err error) *ExitError {
	msg := "the command timed out"
	if d > 0 {
		msg = fmt.Sprintf("the command timed out after %s", d)
	}
	if err == nil || hasDiagnostics(err) == nil {
		err = errors.New(msg)
	}
	return &ExitError{Code: ExitTimeout, ID: CodeTimeout, Err: err,
		Help: "raise --timeout, or look for a runaway loop"}
}

// internalError turns a recovered panic into an error (exit 2). The
// stack trace is deliberately not printed.
func internalError(r any) *ExitError {
	return &ExitError{Code: ExitSystem, ID: CodeInternal,
		Err:  fmt.Errorf("internal error: %v", r),
		Help: "this is a bug in akua; please report it with the command that caused it"}
}

// asExitError classifies an error returned by a command's RunE:
//   - *ExitError: kept as it is;
//   - the context's deadline expired: timeout (6);
//   - KCL diagnostics: user error (1), or system error (2) when one is
//     an internal error of the engine;
//   - a missing or forbidden file: user error (1);
//   - anything else: system error (2).
func asExitError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var e *ExitError
	if errors.As(err, &e) {
		return e
	}
	if errors.Is(err, context.DeadlineExceeded) || (ctx != nil && errors.Is(ctx.Err(), context.DeadlineExceeded)) {
		return timeoutError(0, err)
	}
	if l := hasDiagnostics(err); l != nil {
		for _, d := range l {
			if d.Code == diag.InternalError {
				return &ExitError{Code: ExitSystem, ID: CodeInternal, Err: err}
			}
		}
		return &ExitError{Code: ExitUser, Err: err}
	}
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return &ExitError{Code: ExitUser, Err: err}
	}
	return systemError(err)
}

// classify turns the error Execute returned into an *ExitError. Errors
// of a command's run are already ExitErrors (wrapRunE); any other error
// comes from cobra itself (unknown command, bad flag, wrong number of
// arguments) and is a usage error.
// Once the --timeout deadline has passed, every error is a timeout.
func classify(ctx context.Context, timeout time.Duration, cmd *cobra.Command, err error) *ExitError {
	var e *ExitError
	isExit := errors.As(err, &e)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		if isExit {
			err = e.Err
		}
		return timeoutError(timeout, err)
	}
	if isExit {
		return e
	}
	return usageError(cmd, err)
}

// hasDiagnostics returns the KCL diagnostics err carries, or nil when it
// carries none (diag.From would invent one).
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
