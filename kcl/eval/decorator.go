package eval

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// This file implements schema and attribute decorators: @deprecated
// (an error, or a warning with strict=False, when a deprecated schema is
// instantiated or a deprecated attribute is set) and @info (metadata,
// no effect). Hosts may allow more names (akua's @ui) through
// Thread.Decorators; they are accepted and ignored here.

// builtinDecorators are the decorators KCL defines.
var builtinDecorators = map[string]bool{"deprecated": true, "info": true}

// decoratorName returns a decorator's name.
func decoratorName(d *syntax.Decorator) string {
	if names, ok := dottedNames(d.Name); ok {
		return joinDots(names)
	}
	return ""
}

// deprecation reads @deprecated(version=, reason=, strict=) from decs.
// ok is false when there is no such decorator.
func (fr *frame) deprecation(decs []*syntax.Decorator) (version, reason string, strict, ok bool) {
	for _, d := range decs {
		if decoratorName(d) != "deprecated" {
			continue
		}
		strict = true
		names := []string{"version", "reason", "strict"}
		for i, a := range d.Args {
			if i < len(names) {
				fr.setDeprecationArg(names[i], fr.expr(a), &version, &reason, &strict)
			}
		}
		for _, kw := range d.Keywords {
			fr.setDeprecationArg(kw.Name.Name, fr.expr(kw.Value), &version, &reason, &strict)
		}
		return version, reason, strict, true
	}
	return "", "", false, false
}

func (fr *frame) setDeprecationArg(name string, v Value, version, reason *string, strict *bool) {
	switch name {
	case "version":
		*version = ToStr(v)
	case "reason":
		*reason = ToStr(v)
	case "strict":
		*strict = v.Truth()
	}
}

// deprecated reports that what (a schema or attribute name) is
// deprecated: an error at n, or a warning when not strict.
func (fr *frame) deprecated(n syntax.Node, what string, decs []*syntax.Decorator) {
	version, reason, strict, ok := fr.deprecation(decs)
	if !ok {
		return
	}
	msg := what + " was deprecated "
	if version != "" {
		msg += "since version " + version
	}
	if reason != "" {
		msg += ", " + reason
	}
	d := &diag.Diagnostic{Code: diag.EvaluationError, Message: msg}
	if n != nil {
		d.Pos, d.End = fr.pos(n)
	}
	if strict {
		panic(d)
	}
	d.Warning = true
	fr.th.warnings = append(fr.th.warnings, d)
}

// Warnings returns the warnings the evaluation produced.
func (th *Thread) Warnings() []*diag.Diagnostic { return th.warnings }
