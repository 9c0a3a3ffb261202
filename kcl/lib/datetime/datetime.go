// Package datetime is KCL's datetime system module
// (reference/kcl-docs/model/datetime.md; upstream
// kclvm/runtime/src/datetime): the local time as ticks, date, now and
// today, and validate to check a date string against a format. Formats
// use the strftime specifiers of Rust's chrono crate (see format.go).
//
// ticks, date, now and today read the clock: they are refused when the
// evaluation must be deterministic.
package datetime

import (
	"strconv"
	"time"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("datetime", New) }

// clock returns the current local time; tests replace it.
var clock = time.Now

// New returns the datetime module.
func New() *eval.Module {
	return libkit.Module("datetime", map[string]libkit.Func{
		"ticks":    {Fn: ticks, Nondeterministic: true},
		"date":     {Fn: date, Nondeterministic: true},
		"now":      {Fn: now, Nondeterministic: true},
		"today":    {Fn: today, Nondeterministic: true},
		"validate": {Fn: validate},
	}, nil)
}

// ticks() -> float is the current time in seconds since the Unix epoch.
func ticks(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	if err := eval.UnpackArgs("ticks", args); err != nil {
		return nil, err
	}
	t := clock()
	return eval.Float(float64(t.UnixNano()) / 1e9), nil
}

// date() -> str is the local time as "%Y-%m-%d %H:%M:%S".
func date(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	if err := eval.UnpackArgs("date", args); err != nil {
		return nil, err
	}
	s, err := Format(clock(), "%Y-%m-%d %H:%M:%S")
	if err != nil {
		return nil, err
	}
	return eval.Str(s), nil
}

// now(format: str = "%a %b %d %H:%M:%S %Y") -> str is the local time in
// format.
func now(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	format := "%a %b %d %H:%M:%S %Y"
	if err := eval.UnpackArgs("now", args, "format?", &format); err != nil {
		return nil, err
	}
	s, err := Format(clock(), format)
	if err != nil {
		return nil, eval.Errorf(eval.ErrValue, "now(): %v", err)
	}
	return eval.Str(s), nil
}

// today() -> str is the local time as "%Y-%m-%d %H:%M:%S" followed by
// "." and the Unix time in seconds, as upstream.
func today(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	if err := eval.UnpackArgs("today", args); err != nil {
		return nil, err
	}
	t := clock()
	s, err := Format(t, "%Y-%m-%d %H:%M:%S")
	if err != nil {
		return nil, err
	}
	return eval.Str(s + "." + strconv.FormatInt(t.Unix(), 10)), nil
}

// validate(date: str, format: str) -> bool reports whether date parses
// with format as a date and time, a date, or a time of day, and names
// a real one (2024-02-29 is, 2023-02-29 is not).
func validate(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var d, format string
	if err := eval.UnpackArgs("validate", args, "date", &d, "format", &format); err != nil {
		return nil, err
	}
	return eval.Bool(Validate(d, format)), nil
}
