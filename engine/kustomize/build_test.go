package kustomize

import (
	"akua.dev/akua/internal/testfs"
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
)

func TestBuildExampleBase(t *testing.T) {
	root := examplesDir(t)
	docs := mustBuild(t, root, "base")
	// Legacy order, as `kustomize build`: ConfigMap, Service, Deployment.
	want := []string{"ConfigMap/hello-config-" + hashOf(t, docs[0]), "Service/hello", "Deployment/hello"}
	if got := kinds(docs); !reflect.DeepEqual(got, want) {
		t.Fatalf("documents %v, want %v", got, want)
	}
	for _, d := range docs {
		if bytes.HasPrefix(d, []byte("---")) || !bytes.HasSuffix(d, []byte("\n")) {
			t.Errorf("document not bare YAML ending in a newline:\n%s", d)
		}
		if !bytes.Contains(d, []byte("app.kubernetes.io/part-of: kustomize-hello")) {
			t.Errorf("labels missing:\n%s", d)
		}
	}
	if !bytes.Contains(docs[0], []byte("app.properties: |")) || !bytes.Contains(docs[0], []byte("log.level=info")) {
		t.Errorf("configMapGenerator file missing:\n%s", docs[0])
	}
}

func TestBuildExampleOverlay(t *testing.T) {
	root := examplesDir(t)
	docs := mustBuild(t, root, "overlays/prod")
	got := kinds(docs)
	if len(got) != 3 || !strings.HasPrefix(got[0], "ConfigMap/prod-hello-config-") || got[1] != "Service/prod-hello" || got[2] != "Deployment/prod-hello" {
		t.Fatalf("documents %v", got)
	}
	dep := string(docs[2])
	for _, want := range []string{
		"replicas: 3",                                       // JSON 6902 patch
		"image: ghcr.io/example/hello:1.4.2",                // images:
		"cpu: 250m",                                         // strategic-merge patch
		"topologyKey: topology.kubernetes.io",               // strategic-merge patch
		"environment: prod",                                 // overlay labels
		"name: " + strings.TrimPrefix(got[0], "ConfigMap/"), // hashed name propagated
	} {
		if !strings.Contains(dep, want) {
			t.Errorf("deployment lacks %q:\n%s", want, dep)
		}
	}
	if !bytes.Contains(docs[0], []byte("LOG_LEVEL: warn")) || !bytes.Contains(docs[0], []byte("GREETING: hello")) {
		t.Errorf("merged ConfigMap:\n%s", docs[0])
	}
}

func TestGeneratorsWithFiles(t *testing.T) {
	root := testfs.Tree(t, map[string]string{
		"k/kustomization.yaml": `
configMapGenerator:
- name: app
  files:
  - conf/app.yaml
  - renamed.txt=conf/notes.txt
  envs:
  - conf/app.env
secretGenerator:
- name: creds
  files:
  - conf/token
  literals:
  - user=admin
generatorOptions:
  disableNameSuffixHash: true
`,
		"k/conf/app.yaml":  "port: 8080\n",
		"k/conf/notes.txt": "hello\n",
		"k/conf/app.env":   "# comment\nMODE=prod\nDEBUG=false\n",
		"k/conf/token":     "s3cr3t",
	})
	docs := mustBuild(t, root, "k")
	if got := kinds(docs); !reflect.DeepEqual(got, []string{"ConfigMap/app", "Secret/creds"}) {
		t.Fatalf("documents %v", got)
	}
	cm := string(docs[0])
	for _, want := range []string{"MODE: prod", `DEBUG: "false"`, "app.yaml: |", "renamed.txt: |", "port: 8080"} {
		if !strings.Contains(cm, want) {
			t.Errorf("ConfigMap lacks %q:\n%s", want, cm)
		}
	}
	if s := string(docs[1]); !strings.Contains(s, "token: czNjcjN0") || !strings.Contains(s, "user: YWRtaW4=") {
		t.Errorf("Secret:\n%s", s)
	}
}

func TestMissingKustomization(t *testing.T) {
	root := testfs.Tree(t, map[string]string{
		"empty/README.md":          "no kustomization here\n",
		"ov/kustomization.yaml":    "resources:\n- ../empty\n",
		"gone/kustomization.yaml":  "resources:\n- deploy.yaml\n",
		"twice/kustomization.yaml": "resources: []\n",
		"twice/kustomization.yml":  "resources: []\n",
	})
	d := mustFail(t, root, "empty", BuildError)
	if !strings.Contains(d.Message, `no kustomization.yaml, kustomization.yml or Kustomization in "empty"`) {
		t.Errorf("message: %s", d.Message)
	}
	d = mustFail(t, root, "ov", BuildError)
	if d.Pos.File != filepath.Join(root, "ov", "kustomization.yaml") || d.Pos.Line != 2 ||
		!strings.Contains(d.Message, `resources entry "../empty"`) {
		t.Errorf("nested: %s: %s", d.Pos, d.Message)
	}
	d = mustFail(t, root, "gone", diag.Code{ID: "E_PATH_NOT_FOUND", Title: "PathNotFound"})
	if d.Pos.Line != 2 || !strings.Contains(d.Message, `resources entry "deploy.yaml" in gone/kustomization.yaml does not exist`) {
		t.Errorf("missing file: %s: %s", d.Pos, d.Message)
	}
	mustFail(t, root, "twice", BuildError)
}

func TestKrustyErrorIsClean(t *testing.T) {
	root := testfs.Tree(t, map[string]string{
		"k/kustomization.yaml":    "resources:\n- cm.yaml\npatches:\n- path: patch.yaml\n",
		"k/cm.yaml":               cmYAML,
		"k/patch.yaml":            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  b: \"2\"\n",
		"bad/kustomization.yaml":  "resources:\n- cm.yaml\n",
		"bad/cm.yaml":             "apiVersion: v1\nkind: ConfigMap\nmetadata: [oops\n",
		"typo/kustomization.yaml": "resources:\n- cm.yaml\nnamePrefx: a-\n",
	})
	for _, dir := range []string{"k", "bad"} {
		d := mustFail(t, root, dir, BuildError)
		if strings.Contains(d.Message, root) {
			t.Errorf("%s: message leaks the in-memory root: %s", dir, d.Message)
		}
		if d.Pos.File != filepath.Join(root, dir, "kustomization.yaml") {
			t.Errorf("%s: pos %s", dir, d.Pos)
		}
	}
	d := mustFail(t, root, "typo", BuildError)
	if d.Pos.Line != 3 || !strings.Contains(d.Message, `unknown field "namePrefx"`) {
		t.Errorf("typo: %s: %s", d.Pos, d.Message)
	}
}

func TestDeterministic(t *testing.T) {
	root := examplesDir(t)
	for _, dir := range []string{"base", "overlays/prod"} {
		a, b := join(mustBuild(t, root, dir)), join(mustBuild(t, root, dir))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ:\n%s\n----\n%s", dir, a, b)
		}
	}
}

func TestOpenAPIDoesNotLeak(t *testing.T) {
	// A custom schema selected by one build must not change the next.
	root := testfs.Tree(t, map[string]string{
		"plain/kustomization.yaml":  "resources:\n- deploy.yaml\npatches:\n- path: patch.yaml\n",
		"plain/deploy.yaml":         deployYAML,
		"plain/patch.yaml":          "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        image: busybox\n",
		"custom/kustomization.yaml": "resources:\n- ../plain\nopenapi:\n  path: schema.json\n",
		"custom/schema.json":        `{"definitions": {}}`,
	})
	before := join(mustBuild(t, root, "plain"))
	mustBuild(t, root, "custom")
	if after := join(mustBuild(t, root, "plain")); !bytes.Equal(before, after) {
		t.Errorf("build changed after a custom-schema build:\n%s\n----\n%s", before, after)
	}
}

func TestManagedByLabelPinned(t *testing.T) {
	root := testfs.Tree(t, map[string]string{
		"k/kustomization.yaml": "resources:\n- cm.yaml\nbuildMetadata: [managedByLabel]\n",
		"k/cm.yaml":            cmYAML,
	})
	docs := mustBuild(t, root, "k")
	if !bytes.Contains(docs[0], []byte("app.kubernetes.io/managed-by: kustomize-"+Version)) {
		t.Errorf("managed-by label:\n%s", docs[0])
	}
}

func TestCanceled(t *testing.T) {
	root := examplesDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Build(ctx, Options{Root: root, Path: filepath.Join(root, "base")})
	if d, ok := err.(*diag.Diagnostic); !ok || d.Code != diag.Canceled {
		t.Fatalf("got %v, want a Canceled diagnostic", err)
	}
}

func TestPathOutsideRoot(t *testing.T) {
	root := testfs.Tree(t, map[string]string{"k/kustomization.yaml": "resources: []\n"})
	_, err := Build(context.Background(), Options{Root: filepath.Join(root, "k"), Path: root})
	if d, ok := err.(*diag.Diagnostic); !ok || d.Code.ID != "E_PATH_ESCAPE" {
		t.Fatalf("got %v, want E_PATH_ESCAPE", err)
	}
}

// hashOf returns the name-hash suffix of a generated ConfigMap document.
func hashOf(t *testing.T, doc []byte) string {
	t.Helper()
	for _, l := range strings.Split(string(doc), "\n") {
		if v, ok := strings.CutPrefix(l, "  name: hello-config-"); ok {
			return v
		}
	}
	t.Fatalf("no hashed name in:\n%s", doc)
	return ""
}

func TestConcurrentBuilds(t *testing.T) {
	root := examplesDir(t)
	want := map[string][]byte{}
	for _, dir := range []string{"base", "overlays/prod"} {
		want[dir] = join(mustBuild(t, root, dir))
	}
	errs := make(chan error, 8)
	for i := range 8 {
		dir := []string{"base", "overlays/prod"}[i%2]
		go func() {
			docs, err := build(t, root, dir)
			if err == nil && !bytes.Equal(join(docs), want[dir]) {
				err = fmt.Errorf("%s: concurrent build differs", dir)
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
