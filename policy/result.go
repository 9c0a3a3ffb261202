// This file holds the result of a policy check: violations, the
// resources they name, and their decoding from rule values.

package policy

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"

	"akua.dev/akua/kcl/diag"
)

// A Result is the outcome of Eval. Both lists are deduplicated and
// sorted by policy file, rule position, resource and message; they are
// empty, never nil, so JSON shows [].
type Result struct {
	Denies    []Violation `json:"denies"`    // from deny and violation rules
	Warnings  []Violation `json:"warnings"`  // from warn rules
	Resources int         `json:"resources"` // how many resources were checked
}

// Denied reports whether any deny or violation rule fired.
func (r *Result) Denied() bool { return len(r.Denies) > 0 }

// Diagnostics returns the violations as diagnostics, denies (errors)
// first, then warnings.
func (r *Result) Diagnostics() diag.List {
	l := make(diag.List, 0, len(r.Denies)+len(r.Warnings))
	for i := range r.Denies {
		l = append(l, r.Denies[i].Diagnostic())
	}
	for i := range r.Warnings {
		l = append(l, r.Warnings[i].Diagnostic())
	}
	return l
}

// A Violation is one message of one gate rule.
type Violation struct {
	Severity Severity       `json:"severity"`
	Policy   string         `json:"policy"` // the policy file
	Line     int            `json:"line"`   // of the rule's first definition in Policy
	Column   int            `json:"column"`
	Package  string         `json:"package"` // e.g. "main"
	Rule     string         `json:"rule"`    // e.g. "deny", "warn_replicas"
	Message  string         `json:"message"`
	Resource *ResourceRef   `json:"resource"`          // nil for cross-resource rules
	Details  map[string]any `json:"details,omitempty"` // fields of an object message other than msg

	details string // Details as canonical JSON, for ordering
}

// String formats v on one line: "file:line: Deployment/api: message".
func (v *Violation) String() string {
	pos := diag.Pos{File: v.Policy, Line: v.Line}
	if v.Resource == nil {
		return fmt.Sprintf("%s: %s", pos, v.Message)
	}
	return fmt.Sprintf("%s: %s: %s", pos, v.Resource, v.Message)
}

// Diagnostic returns v as a diagnostic at its rule, an error for a deny
// and a warning for a warn.
func (v *Violation) Diagnostic() *diag.Diagnostic {
	d := &diag.Diagnostic{
		Code:    CodeDeny,
		Pos:     diag.Pos{File: v.Policy, Line: v.Line, Col: v.Column},
		Message: v.Message,
	}
	if v.Severity == Warn {
		d.Code, d.Warning = CodeWarn, true
	}
	if v.Resource != nil {
		d.Message = v.Resource.String() + ": " + v.Message
	}
	return d
}

// A ResourceRef names the resource a violation is about.
type ResourceRef struct {
	Index      int    `json:"index"` // position in Input.Resources
	ID         string `json:"id"`    // as String returns it
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace"`
	Name       string `json:"name"`
}

// String returns "Kind/name", with " (namespace ns)" when the resource
// has one, or "resource #i" for a resource without kind and name.
func (r *ResourceRef) String() string { return r.ID }

// Keys of the fields newResourceRef reads, made once.
var (
	keyAPIVersion = ast.StringTerm("apiVersion")
	keyKind       = ast.StringTerm("kind")
	keyMetadata   = ast.StringTerm("metadata")
	keyNamespace  = ast.StringTerm("namespace")
	keyName       = ast.StringTerm("name")
)

// newResourceRef reads the identity of resource v.
func newResourceRef(i int, v ast.Value) *ResourceRef {
	r := &ResourceRef{
		Index:      i,
		APIVersion: stringAt(v, keyAPIVersion),
		Kind:       stringAt(v, keyKind),
		Namespace:  stringAt(v, keyMetadata, keyNamespace),
		Name:       stringAt(v, keyMetadata, keyName),
	}
	switch {
	case r.Kind == "" && r.Name == "":
		r.ID = fmt.Sprintf("resource #%d", i)
	case r.Namespace != "":
		r.ID = fmt.Sprintf("%s/%s (namespace %s)", r.Kind, r.Name, r.Namespace)
	default:
		r.ID = r.Kind + "/" + r.Name
	}
	return r
}

// stringAt returns the string at path in v, or "".
func stringAt(v ast.Value, path ...*ast.Term) string {
	for _, k := range path {
		obj, ok := v.(ast.Object)
		if !ok {
			return ""
		}
		t := obj.Get(k)
		if t == nil {
			return ""
		}
		v = t.Value
	}
	s, _ := v.(ast.String)
	return string(s)
}

// add decodes the value of gate g, evaluated for ref, into violations.
// A gate is a set (or array) of messages: strings, or objects with a
// msg string.
func (r *Result) add(g *gate, value any, ref *ResourceRef) error {
	items, ok := value.([]any) // sets and arrays both arrive as []any
	if !ok {
		return &diag.Diagnostic{Code: CodeResult, Pos: g.pos,
			Message:    fmt.Sprintf("rule %s must be a set of messages, got %s", g.rule, jsonKind(value)),
			Suggestion: fmt.Sprintf("write `%s contains msg if { ... }`", g.rule)}
	}
	for _, it := range items {
		v := Violation{
			Severity: g.severity, Policy: g.pos.File, Line: g.pos.Line, Column: g.pos.Col,
			Package: g.pkg, Rule: g.rule, Resource: ref,
		}
		switch m := it.(type) {
		case string:
			v.Message = m
		case map[string]any:
			msg, ok := m["msg"].(string)
			if !ok {
				return &diag.Diagnostic{Code: CodeResult, Pos: g.pos,
					Message:    fmt.Sprintf("rule %s produced an object without a \"msg\" string", g.rule),
					Suggestion: `write {"msg": "...", ...}`}
			}
			v.Message = msg
			if len(m) > 1 {
				v.Details = make(map[string]any, len(m)-1)
				for k, x := range m {
					if k != "msg" {
						v.Details[k] = x
					}
				}
				b, _ := json.Marshal(v.Details) // sorted keys: canonical
				v.details = string(b)
			}
		default:
			return &diag.Diagnostic{Code: CodeResult, Pos: g.pos,
				Message: fmt.Sprintf("rule %s produced a message that is %s, want a string or an object with msg", g.rule, jsonKind(it))}
		}
		if g.severity == Warn {
			r.Warnings = append(r.Warnings, v)
		} else {
			r.Denies = append(r.Denies, v)
		}
	}
	return nil
}

// jsonKind names the JSON kind of a value as OPA returns it.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case json.Number, float64, int:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}

// finish sorts and deduplicates the violations.
func (r *Result) finish() {
	r.Denies = sortViolations(r.Denies)
	r.Warnings = sortViolations(r.Warnings)
}

func sortViolations(vs []Violation) []Violation {
	if vs == nil {
		return []Violation{}
	}
	slices.SortStableFunc(vs, compareViolations)
	return slices.CompactFunc(vs, func(a, b Violation) bool { return compareViolations(a, b) == 0 })
}

// compareViolations orders by policy file, rule position and name,
// resource (cross-resource ones first), message and details.
func compareViolations(a, b Violation) int {
	return cmp.Or(
		cmp.Compare(a.Policy, b.Policy),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Package, b.Package),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(resourceIndex(a.Resource), resourceIndex(b.Resource)),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.details, b.details),
	)
}

func resourceIndex(r *ResourceRef) int {
	if r == nil {
		return -1
	}
	return r.Index
}
