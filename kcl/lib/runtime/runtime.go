// Package runtime is KCL's runtime system module
// (reference/kcl-docs/model/runtime.md): catch runs a function and
// returns the message of the error it fails with.
package runtime

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("runtime", New) }

// New returns the runtime module.
func New() *eval.Module {
	return libkit.Module("runtime", libkit.Funcs(map[string]eval.BuiltinFunc{
		"catch": catch,
	}), nil)
}

// checkPrefix starts the message of a failed schema check; catch
// returns the check's own message, as upstream.
const checkPrefix = "Instance check failed: "

// catch(func: () -> any) -> str calls func with no arguments: it is
// Undefined when the call succeeds, else the message of the error it
// failed with (an assertion's or a schema check's own message).
// Exceeded limits and cancellation are not caught.
func catch(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var fn eval.Value
	if err := eval.UnpackArgs("catch", args, "func", &fn); err != nil {
		return nil, err
	}
	if _, ok := fn.(eval.Callable); !ok {
		return nil, eval.Errorf(eval.ErrType, "catch() argument 'func': expected function, got %s", fn.Type())
	}
	_, d, err := eval.Catch(th, fn, nil)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return eval.Undefined, nil
	}
	msg := d.Message
	if d.Code == diag.SchemaCheckFailure {
		msg = strings.TrimPrefix(msg, checkPrefix)
	}
	return eval.Str(msg), nil
}
