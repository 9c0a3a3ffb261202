# A single replica is allowed, but worth a warning.
package k8s.replicas

warn contains msg if {
	input.resource.kind == "Deployment"
	object.get(input.resource.spec, "replicas", 1) < 2
	msg := sprintf("Deployment %s runs a single replica", [input.resource.metadata.name])
}
