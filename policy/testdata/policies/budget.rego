# The CPU requested by all Deployments together stays within a budget:
# the package input cpuBudget (in cores), 4 cores when it is not set.
package k8s.budget

default budget := 4

budget := units.parse(sprintf("%v", [input.inputs.cpuBudget]))

# cpu converts a Kubernetes CPU quantity ("500m", "2", 1) to cores.
cpu(q) := units.parse(sprintf("%v", [q]))

requested contains [d.metadata.name, c.name, total] if {
	some d in input.resources
	d.kind == "Deployment"
	some c in d.spec.template.spec.containers
	total := object.get(d.spec, "replicas", 1) * cpu(c.resources.requests.cpu)
}

total_cpu := sum([t | some [_, _, t] in requested])

deny contains msg if {
	total_cpu > budget
	msg := sprintf("Deployments request %v CPU cores in total, over the budget of %v", [total_cpu, budget])
}
