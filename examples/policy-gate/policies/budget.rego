# The Deployments of a package together request no more CPU than the
# tier's budget: replicas × the CPU request of each container, summed
# over every Deployment. A cross-resource rule: it reads only
# input.resources and input.inputs, so akua evaluates it once.
package policy_gate.budget

# Budgets in cores, by tier; an unknown tier gets the smallest.
budgets := {"dev": 2, "production": 8}

budget := object.get(budgets, object.get(input.inputs, "tier", "dev"), 2)

# cores converts a Kubernetes CPU quantity ("250m", "2", 1) to cores.
cores(q) := units.parse(sprintf("%v", [q]))

requests contains [d.metadata.name, c.name, total] if {
	some d in input.resources
	d.kind == "Deployment"
	some c in d.spec.template.spec.containers
	total := object.get(d.spec, "replicas", 1) * cores(object.get(c, ["resources", "requests", "cpu"], 0))
}

total := sum([t | some [_, _, t] in requests])

deny contains msg if {
	total > budget
	msg := sprintf("Deployments request %v CPU cores in total, over the %v budget of %v cores", [total, object.get(input.inputs, "tier", "dev"), budget])
}
