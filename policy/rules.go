// This file finds the gate rules (deny, violation, warn) of the policy
// modules and decides which of them read input.resource.

package policy

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"akua.dev/akua/kcl/diag"
)

// A Severity says what a violation does: deny fails the check, warn
// only reports.
type Severity string

// Severities.
const (
	Deny Severity = "deny"
	Warn Severity = "warn"
)

// gatePrefixes maps rule names (and prefixes before "_") to severities.
var gatePrefixes = map[string]Severity{"deny": Deny, "violation": Deny, "warn": Warn}

// gateSeverity returns the severity of a rule named name, or "" when it
// is not a gate rule.
func gateSeverity(name string) Severity {
	if s, ok := gatePrefixes[name]; ok {
		return s
	}
	if i := strings.IndexByte(name, '_'); i > 0 {
		return gatePrefixes[name[:i]]
	}
	return ""
}

// copyPrefix starts the names of the rules Compile adds. The "__" keeps
// them out of the way of user rules (OPA itself names its generated
// variables __local0__ and the like).
const copyPrefix = "__akua_gate_"

// A gate is one gate rule of one file. Rules of one package may span
// files; to name the file behind each violation, Compile adds to each
// module a copy of every gate rule it defines, under a name of its own,
// and queries the copies.
type gate struct {
	pkg         string   // package path, e.g. "main" or "k8s.labels"
	rule        string   // rule name as written, e.g. "deny" or "warn_replicas"
	severity    Severity // deny or warn
	pos         diag.Pos // the rule's first definition in the file
	path        ast.Ref  // data path of the copy
	binding     string   // query variable its value is bound to
	perResource bool     // whether it reads input.resource
	partialSet  bool     // every definition is `name contains x if ...`: never undefined
}

// addGateCopies finds the gate rules of mods, adds their copies to the
// modules, and returns the gates sorted by file, line and name.
func addGateCopies(mods map[string]*ast.Module) []*gate {
	files := make([]string, 0, len(mods))
	for f := range mods {
		files = append(files, f)
	}
	sort.Strings(files)
	var gates []*gate
	for _, file := range files {
		m := mods[file]
		byName := map[string]*gate{}
		var copies []*ast.Rule
		for _, r := range m.Rules {
			name, ok := gateName(r)
			if !ok {
				continue
			}
			g := byName[name]
			if g == nil {
				n := len(gates)
				g = &gate{
					pkg:        strings.TrimPrefix(m.Package.Path.String(), "data."),
					rule:       name,
					severity:   gateSeverity(name),
					pos:        posOf(r.Location),
					binding:    fmt.Sprintf("akua_gate_%d", n),
					partialSet: true,
				}
				copyName := fmt.Sprintf("%s%d__", copyPrefix, n)
				g.path = m.Package.Path.Copy().Append(ast.StringTerm(copyName))
				byName[name] = g
				gates = append(gates, g)
			}
			g.partialSet = g.partialSet && r.Head.RuleKind() == ast.MultiValue
			copies = append(copies, copyRule(r, m, string(g.path[len(g.path)-1].Value.(ast.String))))
		}
		m.Rules = append(m.Rules, copies...)
	}
	sort.SliceStable(gates, func(i, j int) bool {
		a, b := gates[i], gates[j]
		if a.pos.File != b.pos.File {
			return a.pos.File < b.pos.File
		}
		if a.pos.Line != b.pos.Line {
			return a.pos.Line < b.pos.Line
		}
		return a.rule < b.rule
	})
	return gates
}

// gateName returns the name of r when it is a gate rule: a rule (not a
// function) with a plain name such as deny, violation or warn_x.
func gateName(r *ast.Rule) (string, bool) {
	h := r.Head
	if len(h.Args) > 0 || len(h.Reference) != 1 {
		return "", false
	}
	v, ok := h.Reference[0].Value.(ast.Var)
	if !ok || gateSeverity(string(v)) == "" {
		return "", false
	}
	return string(v), true
}

// copyRule returns a copy of r, its else chain included, named name.
// The copy keeps r's locations, so errors in it point at r.
func copyRule(r *ast.Rule, m *ast.Module, name string) *ast.Rule {
	c := r.Copy()
	c.Annotations = nil // they belong to r; a copy would repeat them
	for x := c; x != nil; x = x.Else {
		x.Module = m
		x.Head.Name = ast.Var(name)
		x.Head.Reference = ast.Ref{ast.VarTerm(name)}
	}
	return c
}

// restoreNames replaces the names of gate copies in a compiler message
// with the names of the rules they copy, so messages never show
// generated names.
func restoreNames(msg string, gates []*gate) string {
	if !strings.Contains(msg, copyPrefix) {
		return msg
	}
	pairs := make([]string, 0, 2*len(gates))
	for _, g := range gates {
		pairs = append(pairs, string(g.path[len(g.path)-1].Value.(ast.String)), g.rule)
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}

// inputSections are the parts of the input a rule may read and still be
// evaluated once for the whole set.
var inputSections = map[string]bool{"resources": true, "package": true, "inputs": true}

// markPerResource sets perResource on every gate whose copy, or a rule
// or function it depends on, reads input other than input.resources,
// input.package and input.inputs: in practice, input.resource. Reading
// `input` whole counts as reading input.resource, to be safe.
func markPerResource(c *ast.Compiler, gates []*gate) {
	memo := map[*ast.Rule]bool{}
	for _, g := range gates {
		for _, r := range c.GetRulesExact(g.path) {
			if readsResource(c.Graph, r, memo) {
				g.perResource = true
			}
		}
	}
}

// readsResource reports whether r or what it depends on reads
// input.resource. memo holds finished answers; a rule in progress is
// entered as false, which is right for the cycles Rego allows (none).
func readsResource(g *ast.Graph, r *ast.Rule, memo map[*ast.Rule]bool) bool {
	if v, ok := memo[r]; ok {
		return v
	}
	memo[r] = false
	reads := false
	for x := r; x != nil && !reads; x = x.Else {
		reads = ruleReadsResource(x)
		for dep := range g.Dependencies(x) {
			if d, ok := dep.(*ast.Rule); ok && !reads {
				reads = readsResource(g, d, memo)
			}
		}
	}
	memo[r] = reads
	return reads
}

// ruleReadsResource reports whether r itself (head and body, not its
// else branches) refers to input other than through input.resources,
// input.package or input.inputs.
func ruleReadsResource(r *ast.Rule) bool {
	uses, allowed := 0, 0
	vis := ast.NewGenericVisitor(func(x any) bool {
		switch x := x.(type) {
		case *ast.Rule:
			return x != r // else branches are checked on their own
		case ast.Ref:
			if x.HasPrefix(ast.InputRootRef) && len(x) > 1 {
				if s, ok := x[1].Value.(ast.String); ok && inputSections[string(s)] {
					allowed++
				}
			}
		case ast.Var:
			if x.Equal(ast.InputRootDocument.Value) {
				uses++
			}
		}
		return false
	})
	vis.Walk(r)
	return uses > allowed
}
