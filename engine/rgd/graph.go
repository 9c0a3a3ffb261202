package rgd

// This file orders resources by their dependencies. It uses kro's
// algorithm so the order matches the topologicalOrder kro reports:
// sweep the resources in declaration order, taking every resource
// whose dependencies are all taken, and repeat until none is left. A
// sweep that takes nothing means a cycle, which is reported with its
// ids.

import (
	"strings"

	"akua.dev/akua/kcl/diag"
)

// order returns d's resources in dependency order.
func (d *definition) order() ([]*resource, error) {
	done := make(map[string]bool, len(d.resources))
	var out []*resource
	for len(out) < len(d.resources) {
		progress := false
		for _, r := range d.resources {
			if done[r.id] || !allDone(r.deps, done) {
				continue
			}
			done[r.id] = true
			out = append(out, r)
			progress = true
		}
		if !progress {
			return nil, d.cycleError(done)
		}
	}
	return out, nil
}

func allDone(ids []string, done map[string]bool) bool {
	for _, id := range ids {
		if !done[id] {
			return false
		}
	}
	return true
}

// cycleError finds a cycle among the resources not yet ordered and
// reports it as a -> b -> a. The search starts at the first such
// resource in declaration order and follows dependencies in the order
// they were first referenced, so the report is the same on every run.
func (d *definition) cycleError(done map[string]bool) *diag.Diagnostic {
	byID := make(map[string]*resource, len(d.resources))
	for _, r := range d.resources {
		byID[r.id] = r
	}
	var (
		stack   []string
		onStack = map[string]bool{}
		seen    = map[string]bool{}
		cycle   []string
	)
	var dfs func(id string) bool
	dfs = func(id string) bool {
		seen[id], onStack[id] = true, true
		stack = append(stack, id)
		for _, dep := range byID[id].deps {
			if done[dep] {
				continue
			}
			if onStack[dep] {
				for i, s := range stack {
					if s == dep {
						cycle = append(append([]string(nil), stack[i:]...), dep)
						return true
					}
				}
			}
			if !seen[dep] && dfs(dep) {
				return true
			}
		}
		stack = stack[:len(stack)-1]
		onStack[id] = false
		return false
	}
	for _, r := range d.resources {
		if !done[r.id] && !seen[r.id] && dfs(r.id) {
			break
		}
	}
	if len(cycle) == 0 { // unreachable: no progress implies a cycle
		return errorf(CodeCycle, "spec.resources", "the resources depend on each other in a cycle")
	}
	first := byID[cycle[0]]
	return withSuggestion(errorf(CodeCycle, first.path, "dependency cycle between resources: %s", strings.Join(cycle, " -> ")),
		"break the cycle: take the shared value from schema.spec instead of from another resource")
}
