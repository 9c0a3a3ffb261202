package render

import (
	"akua.dev/akua/internal/testfs"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry/resolve"
)

// lockPkg locks the package in dir (path dependencies only) with a
// cache under the test's temp dir.
func lockPkg(t *testing.T, dir string) *resolve.Options {
	t.Helper()
	ro := &resolve.Options{CacheDir: filepath.Join(t.TempDir(), "cache"), Offline: true}
	p, err := resolve.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	l, err := resolve.Lock(context.Background(), p, *ro)
	if err != nil {
		t.Fatal(err)
	}
	if err := lock.WriteLock(dir, l); err != nil {
		t.Fatal(err)
	}
	return ro
}

const depsToml = `[package]
name = "consumer"
version = "0.1.0"
edition = "akua.dev/v1alpha1"

[dependencies]
kmod = { path = "../kmod" }
upstream = { path = "../upstream" }
bundle = { path = "../bundle" }
`

func depsWorkspace(t *testing.T) string {
	t.Helper()
	return testfs.Tree(t, map[string]string{
		"kmod/kcl.mod":       "[package]\nname = \"kmod\"\nversion = \"0.1.0\"\n",
		"kmod/apps/app.k":    "schema App:\n    name: str\n    replicas: int = 1\n",
		"upstream/akua.toml": "[package]\nname = \"upstream\"\nversion = \"1.0.0\"\n",
		"upstream/package.k": `import akua.ctx

schema Input:
    """Upstream inputs."""
    name: str
    size: int = 3

input: Input = ctx.input()

resources = [{apiVersion = "v1", kind = "ConfigMap", metadata.name = input.name, data.size = str(input.size)}]
`,
		"bundle/crds.yaml":   "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: two\n",
		"consumer/akua.toml": depsToml,
		"consumer/package.k": `import kmod.apps
import pkgs.upstream
import akua.oci

_app = apps.App {name = "web"}
_up = upstream.render(upstream.Input {name = "from-upstream"})

resources = [
    *_up
    *oci.fetch_manifests("bundle")
    {apiVersion = "apps/v1", kind = "Deployment", metadata.name = _app.name, spec.replicas = _app.replicas}
]
`,
	})
}

func TestRenderLockedDeps(t *testing.T) {
	ws := depsWorkspace(t)
	dir := filepath.Join(ws, "consumer")
	ro := lockPkg(t, dir)
	res, err := Render(context.Background(), Options{Package: dir, Resolve: ro})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Resources {
		got = append(got, r.File)
	}
	want := "000-configmap-from-upstream.yaml 001-namespace-one.yaml 002-namespace-two.yaml 003-deployment-web.yaml"
	if strings.Join(got, " ") != want {
		t.Errorf("files = %v, want %s", got, want)
	}
	if !strings.Contains(string(res.Resources[0].YAML), "size: '3'") && !strings.Contains(string(res.Resources[0].YAML), "size: \"3\"") {
		t.Errorf("upstream default not applied:\n%s", res.Resources[0].YAML)
	}
}

func TestRenderDepsErrors(t *testing.T) {
	ws := depsWorkspace(t)
	dir := filepath.Join(ws, "consumer")
	ro := &resolve.Options{CacheDir: filepath.Join(t.TempDir(), "cache"), Offline: true}
	// No lock while dependencies are declared: an error, never a pass.
	if d := mustFail(t, dir, Options{Resolve: ro}, "E_LOCK_ABSENT"); filepath.Base(d.Pos.File) != "akua.toml" {
		t.Errorf("lock error at %v, want the package's akua.toml", d.Pos)
	}

	ro = lockPkg(t, dir)
	// The dependency changes after locking: its digest no longer matches.
	if err := os.WriteFile(filepath.Join(ws, "kmod", "apps", "app.k"), []byte("schema App:\n    name: str\n    replicas: int = 9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustFail(t, dir, Options{Resolve: ro}, "E_DIGEST_MISMATCH")

	// An unparsable lock.
	if err := os.WriteFile(filepath.Join(dir, lock.LockFile), []byte("version = [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := renderDir(t, dir, Options{Resolve: ro}); err == nil {
		t.Error("unparsable lock accepted")
	}
}

func TestValuesSchema(t *testing.T) {
	src, err := valuesSchema([]byte(`{
  "type": "object",
  "required": ["image"],
  "properties": {
    "replicaCount": {"type": "integer", "description": "How many pods."},
    "image": {"type": "object", "properties": {"repository": {"type": "string"}, "pullPolicy": {"enum": ["Always", "IfNotPresent"]}}},
    "service-port": {"type": ["integer", "string"]},
    "tolerations": {"type": "array", "items": {"type": "object"}},
    "strict": {"type": "object", "additionalProperties": false, "properties": {"on": {"type": "boolean"}}}
  }
}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"schema Values:", "    image: ValuesImage\n", "    replicaCount?: int\n", `    """How many pods."""`,
		`    "service-port"?: int | str`, "    tolerations?: [{str:}]", "schema ValuesImage:",
		`    pullPolicy?: "Always" | "IfNotPresent"`, "schema ValuesStrict:",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated schema lacks %q:\n%s", want, src)
		}
	}
	strict := src[strings.Index(src, "schema ValuesStrict:"):]
	if strings.Contains(strict, "[...str]") {
		t.Errorf("closed object got an index signature:\n%s", strict)
	}
}
