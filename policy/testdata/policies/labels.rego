# Every workload names the team that owns it, and pins its images.
package k8s.labels

workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"}

deny contains msg if {
	input.resource.kind in workload_kinds
	not input.resource.metadata.labels.team
	msg := sprintf("%s %s has no team label", [input.resource.kind, input.resource.metadata.name])
}

violation contains {"msg": msg, "container": c.name, "image": c.image} if {
	input.resource.kind == "Deployment"
	some c in input.resource.spec.template.spec.containers
	endswith(c.image, ":latest")
	msg := sprintf("container %s uses a :latest image", [c.name])
}
