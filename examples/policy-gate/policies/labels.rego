# Every resource names the team that owns it: ownership is how alerts,
# costs and on-call are routed, so an unlabelled resource is refused.
package policy_gate.labels

deny contains msg if {
	object.get(input.resource, ["metadata", "labels", "team"], "") == ""
	msg := sprintf("%s %s has no team label", [input.resource.kind, input.resource.metadata.name])
}
