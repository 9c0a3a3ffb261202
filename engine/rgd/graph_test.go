package rgd

// References between resources: dependency order, cycles, unknown ids,
// runtime-only fields, includeWhen, and features that need a cluster.

import (
	"strings"
	"testing"
)

// cm is a ConfigMap resource whose data.v is the given value.
func cm(id, v string) string {
	return "- id: " + id + "\n  template:\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: " + id + "\n    data:\n      v: '" + v + "'\n"
}

// withInclude adds includeWhen conditions to a cm resource.
func withInclude(res string, conds ...string) string {
	s := "  includeWhen:\n"
	for _, c := range conds {
		s += "    - '" + c + "'\n"
	}
	return strings.Replace(res, "  template:\n", s+"  template:\n", 1)
}

// ids instantiates resources (YAML list items) and returns the
// metadata.name of each output, in order.
func ids(t *testing.T, resources string, spec string) ([]string, error) {
	t.Helper()
	r := fromYAML(t, rgdWith("on: boolean | default=true\noff: boolean | default=false\nname: string | default=x", resources))
	out, err := Instantiate(r, fromYAML(t, "{metadata: {name: demo}, spec: "+spec+"}"))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, o := range out {
		n, _ := lookup(o, []string{"metadata", "name"})
		names = append(names, n.(string))
	}
	return names, nil
}

func TestOrderAndReferences(t *testing.T) {
	for _, tc := range []struct {
		name, resources string
		want            string
	}{
		{"independent resources keep declaration order", cm("a", "1") + cm("b", "2") + cm("c", "3"), "a b c"},
		{"a dependency comes first", cm("svc", "${deploy.metadata.name}") + cm("deploy", "x"), "deploy svc"},
		{"kro's sweep order: ready resources are taken in declaration order",
			cm("x", "${z.data.v}") + cm("z", "1") + cm("y", "2"), "z y x"},
		{"a chain", cm("c", "${b.data.v}") + cm("b", "${a.data.v}") + cm("a", "1"), "a b c"},
		{"a diamond", cm("app", "${db.data.v}${cache.data.v}") + cm("db", "1") + cm("cache", "2"), "db cache app"},
		{"comprehension variables shadow resource ids", cm("a", `${["q"].map(b, b)[0]}`) + cm("b", "${schema.spec.name}"), "a b"},
		{"index access creates a dependency", cm("a", `${b["data"]["v"]}`) + cm("b", "1"), "b a"},
		{"includeWhen references are dependencies", withInclude(cm("a", "1"), `${b.data.v == "1"}`) + cm("b", "1"), "b a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ids(t, tc.resources, "{}")
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("order = %v, want %s", got, tc.want)
			}
		})
	}
}

func TestCrossResourceValues(t *testing.T) {
	r := fromYAML(t, rgdWith("image: string", `
- id: service
  template:
    apiVersion: v1
    kind: Service
    metadata:
      name: ${deployment.metadata.name}
    spec:
      selector: ${deployment.spec.selector.matchLabels}
      ports:
        - port: ${deployment.spec.template.spec.containers[0].ports[0].containerPort}
- id: deployment
  template:
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: ${schema.metadata.name}-web
    spec:
      selector:
        matchLabels: {app: web, tier: front}
      template:
        spec:
          containers:
            - image: ${schema.spec.image}
              ports: [{containerPort: 8080}]
`))
	out, err := Instantiate(r, fromYAML(t, `{metadata: {name: shop}, spec: {image: nginx}}`))
	if err != nil {
		t.Fatal(err)
	}
	got := toYAML(t, out[1:])
	want := `apiVersion: v1
kind: Service
metadata:
    name: shop-web
spec:
    selector:
        app: web
        tier: front
    ports:
        - port: 8080
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReferenceErrors(t *testing.T) {
	for _, tc := range []struct {
		name, resources string
		code, path, msg string
		hint            string
	}{
		{"cycle", cm("a", "${b.data.v}") + cm("b", "${c.data.v}") + cm("c", "${a.data.v}"),
			"E_RGD_CYCLE", "spec.resources[0]", "dependency cycle between resources: a -> b -> c -> a", "break the cycle"},
		{"cycle through includeWhen", withInclude(cm("a", "1"), "${b.data.v == \"1\"}") + cm("b", "${a.data.v}"),
			"E_RGD_CYCLE", "spec.resources[0]", "dependency cycle between resources: a -> b -> a", "break the cycle"},
		{"self reference", cm("a", "${a.metadata.name}"),
			"E_RGD_CYCLE", "spec.resources[0].template.data.v", `resource "a" refers to itself in ${a.metadata.name}`, "a resource cannot read its own fields"},
		{"unknown id with a near name", cm("service", "${deploymnet.metadata.name}") + cm("deployment", "x"),
			"E_RGD_REF", "spec.resources[0].template.data.v", `resource "service": ${deploymnet.metadata.name} refers to unknown name "deploymnet"`, "did you mean deployment?"},
		{"unknown id without a near name", cm("service", "${db.metadata.name}") + cm("deployment", "x"),
			"E_RGD_REF", "spec.resources[0].template.data.v", `resource "service": ${db.metadata.name} refers to unknown name "db"`, "expressions can use schema and the resource ids deployment"},
		{"status of another resource", cm("svc", "${deploy.status.availableReplicas}") + cm("deploy", "x"),
			"E_RGD_STATUS_REF", "spec.resources[0].template.data.v", `resource "svc": ${deploy.status.availableReplicas} reads deploy.status, which only a cluster knows`, "compile-time instantiation cannot read runtime state"},
		{"status through optional select", cm("svc", "${deploy.?status.orValue(1)}") + cm("deploy", "x"),
			"E_RGD_STATUS_REF", "spec.resources[0].template.data.v", `resource "svc": ${deploy.?status.orValue(1)} reads deploy.status`, ""},
		{"status through an index", cm("svc", `${deploy["status"]}`) + cm("deploy", "x"),
			"E_RGD_STATUS_REF", "spec.resources[0].template.data.v", `resource "svc": ${deploy["status"]} reads deploy.status`, ""},
		{"status in has()", cm("svc", `${has(deploy.status.ready)}`) + cm("deploy", "x"),
			"E_RGD_STATUS_REF", "spec.resources[0].template.data.v", `resource "svc": ${has(deploy.status.ready)} reads deploy.status`, ""},
		{"server-assigned metadata", cm("svc", "${deploy.metadata.uid}") + cm("deploy", "x"),
			"E_RGD_STATUS_REF", "spec.resources[0].template.data.v", `resource "svc": ${deploy.metadata.uid} reads deploy.metadata.uid`, ""},
		{"the instance's status", cm("svc", "${schema.status.ready}"),
			"E_RGD_STATUS_REF", "spec.resources[0].template.data.v", `resource "svc": ${schema.status.ready} reads schema.status`, ""},
		{"the instance's uid", cm("svc", "${schema.metadata.uid}"),
			"E_RGD_STATUS_REF", "spec.resources[0].template.data.v", `resource "svc": ${schema.metadata.uid} reads schema.metadata.uid`, ""},
		{"field the template does not set", cm("svc", "${deploy.metadata.namespace}") + cm("deploy", "x"),
			"E_RGD_CEL", "spec.resources[0].template.data.v", `resource "svc": ${deploy.metadata.namespace}: no such key: namespace`, "deploy.metadata has no namespace: at compile time only the fields written in the template of deploy are known"},
		{"includeWhen must be boolean", withInclude(cm("a", "1"), "${schema.spec.name}"),
			"E_RGD_CEL", "spec.resources[0].includeWhen[0]", `resource "a": includeWhen ${schema.spec.name} gave string, not a boolean`, "compare the value"},
		{"includeWhen must be one expression", withInclude(cm("a", "1"), "${schema.spec.on} "),
			"E_RGD_DEFINITION", "spec.resources[0].includeWhen[0]", `resource "a": each includeWhen entry must be exactly one ${...} expression`, "write the whole condition inside one ${...}"},
		{"duplicate id", cm("a", "1") + cm("a", "2"), "E_RGD_DEFINITION", "spec.resources[1].id", `duplicate resource id "a"`, ""},
		{"reserved id", cm("schema", "1"), "E_RGD_DEFINITION", "spec.resources[0].id", `id "schema" is reserved by kro`, ""},
		{"id not lowerCamelCase", cm("my-app", "1"), "E_RGD_DEFINITION", "spec.resources[0].id", `id "my-app" is not lowerCamelCase`, ""},
		{"unknown resource field", strings.Replace(cm("a", "1"), "  template:", "  includewhen: []\n  template:", 1),
			"E_RGD_DEFINITION", "spec.resources[0].includewhen", `unknown resource field "includewhen"`, "did you mean includeWhen?"},
		{"externalRef needs a cluster", "- id: cfg\n  externalRef:\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: cfg}\n",
			"E_RGD_UNSUPPORTED", "spec.resources[0].externalRef", `resource "cfg": externalRef reads an object from a live cluster and cannot be resolved at compile time`, "pass the values you need through the instance spec"},
		{"forEach is not supported", strings.Replace(cm("a", "1"), "  template:", "  forEach:\n    - region: ${schema.spec.regions}\n  template:", 1),
			"E_RGD_UNSUPPORTED", "spec.resources[0].forEach", `resource "a": forEach collections are not supported`, ""},
		{"template without kind", "- id: a\n  template:\n    apiVersion: v1\n    metadata: {name: a}\n",
			"E_RGD_DEFINITION", "spec.resources[0].template.kind", `resource "a": the template has no kind`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ids(t, tc.resources, "{}")
			if err == nil {
				t.Fatal("no error")
			}
			d := firstDiag(t, err)
			if d.Code.ID != tc.code || d.Path != tc.path || !strings.HasPrefix(d.Message, tc.msg) || !strings.HasPrefix(d.Suggestion, tc.hint) {
				t.Errorf("got  %s %s %q hint %q\nwant %s %s %q hint %q", d.Code.ID, d.Path, d.Message, d.Suggestion, tc.code, tc.path, tc.msg, tc.hint)
			}
		})
	}
}

func TestIncludeWhen(t *testing.T) {
	for _, tc := range []struct {
		name, resources, spec, want string
	}{
		{"true keeps the resource", withInclude(cm("a", "1"), "${schema.spec.on}") + cm("b", "2"), "{}", "a b"},
		{"false drops it", withInclude(cm("a", "1"), "${schema.spec.off}") + cm("b", "2"), "{}", "b"},
		{"every condition must hold", withInclude(cm("a", "1"), "${schema.spec.on}", "${schema.spec.off}") + cm("b", "2"), "{}", "b"},
		{"driven by the instance", withInclude(cm("a", "1"), "${schema.spec.off}"), "{off: true}", "a"},
		{"dependents of a dropped resource are dropped, transitively",
			withInclude(cm("a", "1"), "${schema.spec.off}") + cm("b", "${a.data.v}") + cm("c", "${b.data.v}") + cm("d", "4"), "{}", "d"},
		{"a condition on an included dependency", withInclude(cm("b", "2"), `${a.data.v == "1"}`) + cm("a", "1"), "{}", "a b"},
		{"dropped resources are not evaluated", withInclude(cm("a", "${schema.spec.missing}"), "${schema.spec.off}"), "{}", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ids(t, tc.resources, tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("got %v, want %s", got, tc.want)
			}
		})
	}
}
