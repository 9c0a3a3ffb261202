package helm

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/internal/pathguard"
)

func testdataChart(t *testing.T, name string) (root, dir string) {
	t.Helper()
	root, err := pathguard.Root("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return root, filepath.Join(root, "charts", name)
}

// TestKindOrder: documents sorted by kind in helm's install order,
// unknown kinds last alphabetically, file and in-file order kept
// within a kind; hooks after all documents, sorted the same way.
func TestKindOrder(t *testing.T) {
	root, dir := testdataChart(t, "kinds")
	got := kinds(t, render(t, Options{Root: root, Chart: dir}))
	want := []string{
		"PriorityClass/priorityclass-b", "Namespace/namespace-b", "Secret/secret-b", "ConfigMap/configmap-b",
		"Service/service-a", "Service/service-b", "Deployment/deployment-b",
		"HorizontalPodAutoscaler/horizontalpodautoscaler-b", "CronJob/cronjob-b", "Ingress/ingress-b",
		"APIService/apiservice-b", "/nokind-b", "Apple/apple-b", "Apple/apple-b", "Zebra/zebra-a", "Zebra/zebra-b",
		"ServiceAccount/hook-sa", "Job/hook-job",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
}

// data returns the data of the ConfigMap named name.
func data(t *testing.T, docs []Document, name string) map[string]string {
	t.Helper()
	for _, d := range docs {
		var cm struct {
			Kind     string
			Metadata struct{ Name string }
			Data     map[string]string
		}
		if err := yaml.Unmarshal(d.YAML, &cm); err == nil && cm.Kind == "ConfigMap" && cm.Metadata.Name == name {
			return cm.Data
		}
	}
	t.Fatalf("no ConfigMap %s in:\n%s", name, stream(docs))
	return nil
}

// annotations returns the pod template annotations of Deployment name.
func annotations(t *testing.T, docs []Document, name string) map[string]string {
	t.Helper()
	for _, d := range docs {
		var dep struct {
			Kind     string
			Metadata struct{ Name string }
			Spec     struct {
				Replicas int
				Template struct {
					Metadata struct{ Annotations map[string]string }
				}
			}
		}
		if err := yaml.Unmarshal(d.YAML, &dep); err == nil && dep.Kind == "Deployment" && dep.Metadata.Name == name {
			a := dep.Spec.Template.Metadata.Annotations
			a["replicas"] = strconv.Itoa(dep.Spec.Replicas)
			return a
		}
	}
	t.Fatalf("no Deployment %s in:\n%s", name, stream(docs))
	return nil
}

func TestValuesMerging(t *testing.T) {
	root, dir := testdataChart(t, "parent")
	// Defaults: child enabled, optional off by tag, packed exports data.
	docs := render(t, Options{Root: root, Chart: dir})
	d := data(t, docs, "release-settings")
	for k, want := range map[string]string{
		"domain": "example.org", "ratio": "0.5", "big": "1e+06", "bigInt": "1000000",
		"imported": "exported by packed", "fromPacked": `{"flags":["x",true],"level":3}`,
		"rendered": "release-parent-app", "subcharts": "from parent", "keys": "domain,labels,replicas",
	} {
		if d[k] != want {
			t.Errorf("default %s = %q, want %q", k, d[k], want)
		}
	}
	child := annotations(t, docs, "release-child")
	if child["message"] != "from parent" || child["domain"] != "example.org" || child["childOnly"] != "true" ||
		child["replicas"] != "2" || child["isRoot"] != "false" {
		t.Errorf("child: %v", child)
	}
	second := annotations(t, docs, "release-second")
	if second["message"] != "the second copy" || second["removed"] != "removed" ||
		second["template"] != "parent/charts/second/templates/deployment.yaml" {
		t.Errorf("alias second: %v", second)
	}
	if strings.Contains(stream(docs), "release-optional") {
		t.Error("optional subchart rendered though tags.extras is false")
	}

	// User values: child disabled by condition, optional on by tag,
	// globals overridden (the parent's global beats one set under the
	// subchart, as in helm), null removes a key, parent values win over
	// imported ones.
	vals := readValues(t, filepath.Join(root, "values", "parent-values.yaml"))
	docs = render(t, Options{Root: root, Chart: dir, Values: vals, Release: "rel"})
	d = data(t, docs, "rel-settings")
	for k, want := range map[string]string{
		"domain": "override.example.com", "ratio": "1.25", "port": "443", "imported": "set by user",
		"fromPacked": `{"flags":["x",true],"level":9}`, "subcharts": "n/a",
	} {
		if d[k] != want {
			t.Errorf("override %s = %q, want %q", k, d[k], want)
		}
	}
	out := stream(docs)
	if strings.Contains(out, "rel-child") || !strings.Contains(out, "rel-optional") {
		t.Errorf("condition/tags not applied:\n%s", out)
	}
	second = annotations(t, docs, "rel-second")
	if second["message"] != "overridden second" || second["domain"] != "override.example.com" || second["replicas"] != "2" ||
		second["removed"] != "removed" {
		t.Errorf("second with values: %v", second)
	}
}

func TestCRDs(t *testing.T) {
	root, dir := testdataChart(t, "parent")
	with := render(t, Options{Root: root, Chart: dir, IncludeCRDs: true})
	want := []string{"parent/crds/widgets.yaml", "parent/crds/widgets.yaml", "parent/crds/widgets.yaml",
		"parent/charts/child/crds/gizmo.yaml", "parent/charts/second/crds/gizmo.yaml"}
	if got := sourcesOf(with)[:5]; !reflect.DeepEqual(got, want) {
		t.Errorf("CRD sources: got %v, want %v", got, want)
	}
	if string(with[0].YAML) != "# Two CRDs in one file.\n" || !bytes.Contains(with[1].YAML, []byte("widgets.example.org")) {
		t.Errorf("CRD documents: %q, %q", with[0].YAML, with[1].YAML)
	}
	without := render(t, Options{Root: root, Chart: dir})
	if len(with)-len(without) != 5 || strings.Contains(stream(without), "CustomResourceDefinition") {
		t.Errorf("IncludeCRDs off still has CRDs:\n%s", stream(without))
	}
}

func TestSkipTests(t *testing.T) {
	root, dir := exampleChart(t, "webapp", "webapp")
	all := render(t, Options{Root: root, Chart: dir})
	last := all[len(all)-1]
	if last.Source != "webapp/templates/tests/test-connection.yaml" {
		t.Fatalf("last document is %s, want the test hook", last.Source)
	}
	skipped := render(t, Options{Root: root, Chart: dir, SkipTests: true})
	if len(skipped) != len(all)-1 || strings.Contains(stream(skipped), "test-connection") {
		t.Errorf("SkipTests kept the test hook:\n%s", stream(skipped))
	}
	// Other hooks stay: the parent chart's pre-install Job.
	proot, pdir := testdataChart(t, "parent")
	if out := stream(render(t, Options{Root: proot, Chart: pdir, SkipTests: true})); !strings.Contains(out, "release-migrate") ||
		strings.Contains(out, "release-ping") || strings.Contains(out, "unknown-hook") {
		t.Errorf("hooks with SkipTests:\n%s", out)
	}
}

func TestReleaseAndNamespace(t *testing.T) {
	root, dir := exampleChart(t, "helm-hello", "hello")
	docs := render(t, Options{Root: root, Chart: dir, Release: "greeter", Namespace: "apps"})
	if got := kinds(t, docs); !reflect.DeepEqual(got, []string{"ConfigMap/greeter-hello", "Deployment/greeter-hello"}) {
		t.Errorf("kinds = %v", got)
	}
	if out := stream(docs); strings.Count(out, "namespace: apps") != 2 || strings.Contains(out, "namespace: default") {
		t.Errorf("namespace not applied:\n%s", out)
	}
	// Defaults: release "release", namespace "default".
	if out := stream(render(t, Options{Root: root, Chart: dir})); !strings.Contains(out, "name: release-hello") ||
		!strings.Contains(out, "namespace: default") {
		t.Errorf("defaults:\n%s", out)
	}
}

func TestCapabilities(t *testing.T) {
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml": "apiVersion: v2\nname: caps\nversion: 1.0.0\n",
		"templates/cm.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: caps
data:
  kube: {{ .Capabilities.KubeVersion.Version | quote }}
  kubeStruct: {{ .Capabilities.KubeVersion | quote }}
  kubePrinted: "{{ .Capabilities.KubeVersion }}"
  major: {{ .Capabilities.KubeVersion.Major | quote }}
  minor: {{ .Capabilities.KubeVersion.Minor | quote }}
  helm: {{ .Capabilities.HelmVersion.Version | quote }}
  go: {{ .Capabilities.HelmVersion.GoVersion | quote }}
  helmJSON: {{ toJson .Capabilities.HelmVersion | quote }}
  apps: {{ .Capabilities.APIVersions.Has "apps/v1" | quote }}
  custom: {{ .Capabilities.APIVersions.Has "example.org/v1" | quote }}
  pdb: {{ if semverCompare ">=1.21-0" .Capabilities.KubeVersion.GitVersion }}"policy/v1"{{ else }}"policy/v1beta1"{{ end }}
`,
	})
	d := data(t, render(t, Options{Root: root, Chart: dir}), "caps")
	want := map[string]string{"kube": "v1.37.0", "kubeStruct": "{v1.37.0 1 37}", "kubePrinted": "v1.37.0", "major": "1", "minor": "37", "helm": "v3.22.0", "go": "",
		"helmJSON": `{"version":"v3.22.0"}`, "apps": "true", "custom": "false", "pdb": "policy/v1"}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("default capabilities:\n got %v\nwant %v", d, want)
	}
	d = data(t, render(t, Options{Root: root, Chart: dir, KubeVersion: "1.20", APIVersions: []string{"example.org/v1"}}), "caps")
	if d["kube"] != "v1.20" || d["minor"] != "20" || d["custom"] != "true" || d["pdb"] != "policy/v1beta1" {
		t.Errorf("kubeVersion 1.20 + apiVersions: %v", d)
	}
}

func TestTgzChart(t *testing.T) {
	root, err := pathguard.Root("testdata")
	if err != nil {
		t.Fatal(err)
	}
	docs := render(t, Options{Root: root, Chart: filepath.Join(root, "charts", "parent", "charts", "packed-2.0.0.tgz"), Release: "p"})
	if got := kinds(t, docs); !reflect.DeepEqual(got, []string{"Service/p-packed"}) || docs[0].Source != "packed/templates/service.yaml" {
		t.Errorf("tgz chart: %v %v", got, sourcesOf(docs))
	}
}

// TestDeterminism renders twice and compares bytes.
func TestDeterminism(t *testing.T) {
	root, dir := exampleChart(t, "webapp", "webapp")
	vals := readValues(t, filepath.Join(repoDir(t), "engine", "helm", "testdata", "values", "webapp-prod.yaml"))
	prod := Options{Root: root, Chart: dir, Values: vals, Release: "shop", Namespace: "prod"}
	proot, pdir := testdataChart(t, "parent")
	for _, opts := range []Options{prod, {Root: proot, Chart: pdir, IncludeCRDs: true}} {
		a, b := stream(render(t, opts)), stream(render(t, opts))
		if a != b {
			t.Errorf("two renders of %s differ", opts.Chart)
		}
	}
}

// TestValuesNormalized: ints from the caller print as helm prints the
// same numbers read from a values file.
func TestValuesNormalized(t *testing.T) {
	root, dir := writeChart(t, map[string]string{
		"Chart.yaml": "apiVersion: v2\nname: nums\nversion: 1.0.0\n",
		"templates/cm.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: nums
data:
  small: {{ .Values.small | quote }}
  big: {{ .Values.big | quote }}
  float: {{ .Values.float | quote }}
  kind: {{ kindOf .Values.small | quote }}
  list: {{ .Values.list | toJson | quote }}
`,
	})
	vals := map[string]any{"small": int64(3), "big": 1000000, "float": 2.5, "list": []any{int64(1), "a", true}}
	d := data(t, render(t, Options{Root: root, Chart: dir, Values: vals}), "nums")
	want := map[string]string{"small": "3", "big": "1e+06", "float": "2.5", "kind": "float64", "list": `[1,"a",true]`}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("got %v, want %v", d, want)
	}
}

// TestConcurrentRenders: renders share nothing (helm's default API
// versions and capabilities are copied, not appended to).
func TestConcurrentRenders(t *testing.T) {
	root, dir := exampleChart(t, "webapp", "webapp")
	want := map[int]string{}
	opts := func(i int) Options {
		return Options{Root: root, Chart: dir, Release: "r" + strconv.Itoa(i), APIVersions: []string{"example.org/v" + strconv.Itoa(i)}}
	}
	for i := range 4 {
		want[i] = stream(render(t, opts(i)))
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs, err := Template(context.Background(), opts(i))
			if err != nil || stream(docs) != want[i] {
				t.Errorf("render %d differs (%v)", i, err)
			}
		}()
	}
	wg.Wait()
}
