// Package policy gates rendered Kubernetes resources with Rego policies
// (SPEC §8), through OPA embedded as a library: akua never runs the opa
// binary.
//
// # Files and packages
//
// Load reads every `*.rego` file under the given directories (by default
// `policies/`), skipping `*_test.rego` (those are tests: RunTests), and
// compiles them once as Rego v1, the language of OPA 1.x. Rules are
// discovered in every package, not only `package main` as conftest does:
// a policies directory is akua's own, so every package in it is meant to
// gate; helper packages simply define no gate rules.
//
// A gate rule is a rule named `deny`, `violation` or `warn`, or one with
// that name and a `_suffix` (conftest's `deny_latest_tag`). Its value is
// a set (or array) of messages: strings, or objects with a `msg` string
// whose other fields are kept as details. `deny` and `violation` deny;
// `warn` only warns. Functions are never gate rules.
//
// # Input
//
// A rule that reads `input.resource` is evaluated once per resource with
//
//	{"resource": r, "resources": [...], "package": {"name", "version"}, "inputs": {...}}
//
// and its violations name that resource (`Deployment/api`). A rule that
// does not read it (it reads only `input.resources`, `input.package` and
// `input.inputs`) is a cross-resource rule: it is evaluated once, with
// `"resource": null`, and its violations name no resource. The split is
// static (the compiler's dependency graph, functions and helper rules
// included), so a cross-resource rule over N resources costs O(N), not
// O(N²), and a per-resource rule never runs with a null resource, where a
// negated condition (`not input.resource.metadata.labels.team`) would
// fire spuriously.
//
// # Sandbox
//
// Policies are compiled with capabilities that leave out every builtin
// doing I/O or reading the clock or randomness (see ExcludedBuiltins); a
// policy calling one fails to compile with a positioned E_REGO_CAPABILITY
// diagnostic. Results do not depend on map order, GOMAXPROCS or the
// machine: violations are deduplicated and sorted.
//
// # Errors
//
// Every error a policy causes is a diag.Diagnostic (or a diag.List) with
// a stable code of this package (CodeParse, CodeCompile, ...) and the
// file:line:col of the offending Rego, so the CLI prints it with the
// source line and a caret like a KCL error.
package policy
