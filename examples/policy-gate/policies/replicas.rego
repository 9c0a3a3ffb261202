# A single replica is allowed but has no redundancy: a rollout or a node
# drain takes the app down. Worth a warning, not a refusal.
package policy_gate.replicas

warn contains msg if {
	input.resource.kind == "Deployment"
	object.get(input.resource.spec, "replicas", 1) < 2
	msg := sprintf("Deployment %s runs a single replica", [input.resource.metadata.name])
}
