package rgd

// This file compiles every expression of a definition and resolves what
// it refers to: schema, another resource (a dependency edge), or
// nothing known (an error with a suggestion). References to state only
// a cluster has, such as status or metadata.uid, are refused here,
// before anything runs.

import (
	"strings"

	"cel.dev/cel-go/cel"
)

// runtimeMetadata are metadata fields the API server assigns.
var runtimeMetadata = []string{
	"uid", "resourceVersion", "generation", "creationTimestamp",
	"deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink",
}

// libraryHints explain names that are CEL libraries kro or cel-go
// offer but akua does not load.
var libraryHints = map[string]string{
	"random": "kro's random.* functions are seeded by the object's uid, which only a cluster assigns; they are not available at compile time",
	"math":   "the cel-go math extension is not loaded (kro does not load it either)",
	"sets":   "the cel-go sets extension is not loaded (kro does not load it either)",
	"regex":  "the cel-go regex extension is not loaded; use matches() from the standard library",
}

// compile compiles the expressions of every resource in env and
// records each resource's dependencies.
func (d *definition) compile(env *cel.Env) error {
	for _, r := range d.resources {
		for _, e := range append(append([]*expr(nil), r.includeWhen...), r.exprs...) {
			if err := d.compileExpr(env, r, e); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *definition) compileExpr(env *cel.Env, r *resource, e *expr) error {
	a, err := parse(env, e.src)
	if err != nil {
		return withSuggestion(errorf(CodeCEL, e.path, "resource %q: %s does not parse: %v", r.id, exprText(e.src), err),
			"see https://kro.run/docs/concepts/rgd/cel-expressions for the expression syntax")
	}
	refs := references(env, a)
	for _, ref := range refs {
		if err := d.resolve(r, e, ref); err != nil {
			return err
		}
	}
	prg, err := check(env, a)
	if err != nil {
		return withSuggestion(errorf(CodeCEL, e.path, "resource %q: %s: %v", r.id, exprText(e.src), err), "%s", checkHint(err.Error()))
	}
	e.compiled = &compiled{prg: prg, refs: refs}
	return nil
}

// resolve checks one reference of e and records the dependency it
// makes.
func (d *definition) resolve(r *resource, e *expr, ref reference) error {
	switch {
	case ref.root == "schema":
		if f := runtimeField(ref.path); f != "" {
			return runtimeError(r, e, "schema."+f, "the instance's")
		}
	case contains(d.ids, ref.root):
		if ref.root == r.id {
			return withSuggestion(errorf(CodeCycle, e.path, "resource %q refers to itself in %s", r.id, exprText(e.src)),
				"a resource cannot read its own fields; compute the value from schema instead")
		}
		if f := runtimeField(ref.path); f != "" {
			return runtimeError(r, e, ref.root+"."+f, "resource "+ref.root+"'s")
		}
		if !contains(r.deps, ref.root) {
			r.deps = append(r.deps, ref.root)
		}
	case contains(typeIdents, ref.root):
	default:
		dg := errorf(CodeRef, e.path, "resource %q: %s refers to unknown name %q", r.id, exprText(e.src), ref.root)
		others := idsOf(r, d)
		if hint := libraryHints[ref.root]; hint != "" {
			dg.Suggestion = hint
		} else if dg.Suggestion = didYouMean(ref.root, append([]string{"schema"}, others...)); dg.Suggestion == "" {
			dg.Suggestion = "expressions can use schema and the resource ids " + quoteList(others)
		}
		return dg
	}
	return nil
}

// runtimeField returns the part of a path only a cluster can fill
// (status, or a server-assigned metadata field), or "".
func runtimeField(path []string) string {
	if len(path) == 0 {
		return ""
	}
	if path[0] == "status" {
		return "status"
	}
	if path[0] == "metadata" && len(path) > 1 && contains(runtimeMetadata, path[1]) {
		return "metadata." + path[1]
	}
	return ""
}

func runtimeError(r *resource, e *expr, what, whose string) error {
	return withSuggestion(errorf(CodeStatusRef, e.path, "resource %q: %s reads %s, which only a cluster knows (%s runtime state)", r.id, exprText(e.src), what, whose),
		"compile-time instantiation cannot read runtime state: take the value from the instance spec, drop the reference, or let kro instantiate this RGD at runtime")
}

// checkHint suggests a fix for a type-check error.
func checkHint(msg string) string {
	if strings.Contains(msg, "undeclared reference") || strings.Contains(msg, "no matching overload") {
		return "akua loads cel-go's standard library, strings, lists, encoders, bindings, optionals and two-variable comprehensions, and kro's omit, merge, json, hash and lists index functions; Kubernetes CEL libraries (url, quantity, ip, cidr, semver) and random are not available"
	}
	return ""
}

// idsOf returns the resource ids other than r's, for suggestions.
func idsOf(r *resource, d *definition) []string {
	var out []string
	for _, id := range d.ids {
		if id != r.id {
			out = append(out, id)
		}
	}
	return out
}
