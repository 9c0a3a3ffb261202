package eval

// This file holds the helpers host modules (kcl/lib) use to implement
// builtins: UnpackArgs binds a call's arguments to Go variables in the
// style of starlark's UnpackArgs, and Catch calls a function and
// returns the error its evaluation fails with.

import (
	"strings"

	"akua.dev/akua/kcl/diag"
)

// UnpackArgs binds the arguments of a call of the builtin fname to the
// parameters described by pairs: a parameter name, then a pointer to
// the variable that receives it. Arguments bind positionally in order,
// then by keyword. A name ending in "?" is optional: when it is not
// given, or is None or Undefined, its variable keeps its value (a
// *Value receives None). Required parameters come first.
//
// The variable types are *Value (any value), *string (a str), *int and
// *int64 (an int, a bool or an int with a unit), *float64 (any number),
// *bool (any value, by its truth), **List (a list) and **Dict (a dict,
// or a schema instance's attributes). A value of the wrong type is a
// TypeError naming the parameter.
func UnpackArgs(fname string, args *Args, pairs ...any) error {
	if len(pairs)%2 != 0 {
		panic("eval.UnpackArgs: odd number of pairs")
	}
	names := make([]string, len(pairs)/2)
	optional := make([]bool, len(names))
	required := 0
	for i := range names {
		name, ok := pairs[2*i].(string)
		if !ok {
			panic("eval.UnpackArgs: parameter name is not a string")
		}
		if strings.HasSuffix(name, "?") {
			name, optional[i] = name[:len(name)-1], true
		} else {
			if i > required {
				panic("eval.UnpackArgs: required parameter " + name + " after optional ones")
			}
			required++
		}
		names[i] = name
	}
	vals, err := unpack(fname, args, required, names...)
	if err != nil {
		return err
	}
	for i, v := range vals {
		if v == nil {
			if p, ok := pairs[2*i+1].(*Value); ok && optional[i] {
				*p = None
			}
			continue
		}
		if err := unpackOne(fname, names[i], v, optional[i], pairs[2*i+1]); err != nil {
			return err
		}
	}
	return nil
}

func unpackOne(fname, name string, v Value, optional bool, ptr any) error {
	if p, ok := ptr.(*Value); ok {
		*p = v
		return nil
	}
	if optional && isNullish(v) {
		return nil
	}
	switch p := ptr.(type) {
	case *string:
		s, err := argStr(fname, name, v)
		if err != nil {
			return err
		}
		*p = s
	case *int64:
		n, err := argInt(fname, name, v)
		if err != nil {
			return err
		}
		*p = int64(n)
	case *int:
		n, err := argInt(fname, name, v)
		if err != nil {
			return err
		}
		*p = int(n)
	case *float64:
		switch n := numeric(v).(type) {
		case Int:
			*p = float64(n)
		case Float:
			*p = float64(n)
		case Bool:
			*p = 0
			if n {
				*p = 1
			}
		default:
			return argError(fname, name, "float", v)
		}
	case *bool:
		*p = v.Truth()
	case **List:
		l, ok := v.(*List)
		if !ok {
			return argError(fname, name, "list", v)
		}
		*p = l
	case **Dict:
		d := configOf(v)
		if d == nil {
			return argError(fname, name, "dict", v)
		}
		*p = d
	default:
		panic("eval.UnpackArgs: unsupported variable type for parameter " + name)
	}
	return nil
}

// Catch calls fn with args (nil for none) and reports how its
// evaluation failed: caught is the error, whether the call returned it
// or raised it while evaluating the function's body, and v is nil;
// on success caught is nil. Errors that stop the whole evaluation (a
// limit exceeded, cancellation, recursion too deep, internal errors)
// are not caught: they come back as err. The thread's call-depth
// bookkeeping is restored after a caught failure.
func Catch(th *Thread, fn Value, args *Args) (v Value, caught *diag.Diagnostic, err error) {
	depth, schemaDepth := th.depth, th.schemaDepth
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		var d *diag.Diagnostic
		switch x := r.(type) {
		case *diag.Diagnostic:
			d = x
		case diag.List:
			if len(x) > 0 {
				d = x[0]
			}
		}
		if d == nil {
			panic(r)
		}
		th.depth, th.schemaDepth = depth, schemaDepth
		v, caught, err = classify(d)
	}()
	v, err = Call(th, fn, args)
	if err != nil {
		var d *diag.Diagnostic
		switch x := err.(type) {
		case *diag.Diagnostic:
			d = x
		case diag.List:
			if len(x) > 0 {
				d = x[0]
			}
		}
		if d == nil {
			d = &diag.Diagnostic{Code: diag.EvaluationError, Message: err.Error()}
		}
		return classify(d)
	}
	return v, nil, nil
}

// classify splits a failure into one Catch reports and one it passes on.
func classify(d *diag.Diagnostic) (Value, *diag.Diagnostic, error) {
	switch d.Code {
	case diag.MemoryLimit, diag.OutputLimit, diag.StepLimit, diag.Canceled, diag.RecursionError, diag.InternalError:
		return nil, nil, d
	}
	return nil, d, nil
}
