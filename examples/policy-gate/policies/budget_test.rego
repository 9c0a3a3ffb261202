package policy_gate.budget_test

import data.policy_gate.budget

deployment(name, replicas, cpu) := {
	"kind": "Deployment",
	"metadata": {"name": name},
	"spec": {
		"replicas": replicas,
		"template": {"spec": {"containers": [{"name": name, "resources": {"requests": {"cpu": cpu}}}]}},
	},
}

check(resources, inputs) := denies if {
	denies := budget.deny with input as {"resource": null, "resources": resources, "inputs": inputs}
}

test_within_dev_budget if {
	count(check([deployment("api", 2, "250m"), deployment("worker", 2, "500m")], {"tier": "dev"})) == 0
}

test_over_dev_budget if {
	check([deployment("api", 10, "250m"), deployment("worker", 2, "500m")], {"tier": "dev"}) == {"Deployments request 3.5 CPU cores in total, over the dev budget of 2 cores"}
}

test_production_budget_is_larger if {
	count(check([deployment("api", 10, "250m"), deployment("worker", 2, "500m")], {"tier": "production"})) == 0
}

test_default_tier_is_dev if {
	count(check([deployment("api", 3, "1")], {})) == 1
}

test_only_deployments_count if {
	svc := {"kind": "Service", "metadata": {"name": "api"}, "spec": {"replicas": 100}}
	count(check([svc, deployment("api", 1, "1")], {"tier": "dev"})) == 0
}
