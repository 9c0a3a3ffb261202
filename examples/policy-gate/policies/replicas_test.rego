package policy_gate.replicas_test

import data.policy_gate.replicas

deployment(n) := {"kind": "Deployment", "metadata": {"name": "api"}, "spec": {"replicas": n}}

test_single_replica_warns if {
	r := deployment(1)
	replicas.warn == {"Deployment api runs a single replica"} with input as {"resource": r, "resources": [r]}
}

test_two_replicas_pass if {
	r := deployment(2)
	count(replicas.warn) == 0 with input as {"resource": r, "resources": [r]}
}
