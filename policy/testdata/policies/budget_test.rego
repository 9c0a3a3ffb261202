package k8s.budget_test

import data.k8s.budget

deployment(name, replicas, cpu) := {
	"kind": "Deployment",
	"metadata": {"name": name},
	"spec": {
		"replicas": replicas,
		"template": {"spec": {"containers": [{"name": "app", "resources": {"requests": {"cpu": cpu}}}]}},
	},
}

test_within_budget if {
	rs := [deployment("a", 2, "500m"), deployment("b", 1, "1")]
	count(budget.deny) == 0 with input as {"resource": null, "resources": rs, "inputs": {}}
}

test_over_budget if {
	rs := [deployment("a", 4, "1"), deployment("b", 1, "500m")]
	count(budget.deny) == 1 with input as {"resource": null, "resources": rs, "inputs": {}}
}

test_budget_from_inputs if {
	rs := [deployment("a", 4, "1"), deployment("b", 1, "500m")]
	count(budget.deny) == 0 with input as {"resource": null, "resources": rs, "inputs": {"cpuBudget": 8}}
}
