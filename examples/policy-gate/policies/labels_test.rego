package policy_gate.labels_test

import data.policy_gate.labels

service(labels) := {
	"apiVersion": "v1",
	"kind": "Service",
	"metadata": {"name": "api", "labels": labels},
}

test_team_label_present if {
	r := service({"team": "payments"})
	count(labels.deny) == 0 with input as {"resource": r, "resources": [r]}
}

test_team_label_missing if {
	r := service({"app.kubernetes.io/name": "api"})
	labels.deny == {"Service api has no team label"} with input as {"resource": r, "resources": [r]}
}

test_team_label_empty if {
	r := service({"team": ""})
	count(labels.deny) == 1 with input as {"resource": r, "resources": [r]}
}

test_no_labels_at_all if {
	r := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}}
	labels.deny == {"ConfigMap settings has no team label"} with input as {"resource": r, "resources": [r]}
}
