package k8s.labels_test

import data.k8s.labels

deployment(labels, image) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "labels": labels},
	"spec": {"template": {"spec": {"containers": [{"name": "app", "image": image}]}}},
}

test_team_label_required if {
	r := deployment({}, "nginx:1.27")
	labels.deny == {"Deployment api has no team label"} with input as {"resource": r, "resources": [r]}
}

test_team_label_present if {
	r := deployment({"team": "web"}, "nginx:1.27")
	count(labels.deny) == 0 with input as {"resource": r, "resources": [r]}
}

test_latest_image if {
	r := deployment({"team": "web"}, "nginx:latest")
	some v in labels.violation with input as {"resource": r, "resources": [r]}
	v.container == "app"
}
