package cli

import (
	"akua.dev/akua/internal/testfs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/oci/ocitest"
	"akua.dev/akua/registry/source/sourcetest"
)

// depsRenderPackage uses both kinds of registry dependency: the real k8s
// KCL module as typed schemas and the real podinfo chart as a typed
// chart import.
const depsRenderPackage = `import k8s.api.apps.v1 as apps
import charts.podinfo

_deploy = apps.Deployment {
    metadata.name = "web"
    spec = {
        replicas = 2
        selector.matchLabels.app = "web"
        template.metadata.labels.app = "web"
        template.spec.containers = [{name = "web", image = "nginx:1.27"}]
    }
}

_podinfo = podinfo.template(podinfo.TemplateOpts {
    release = "frontend"
    namespace = "web"
    values = podinfo.Values {replicaCount = 3}
    skipTests = True
})

resources = [_deploy, *_podinfo]
`

// TestDepsRenderEndToEnd is issue 7's end-to-end test: the k8s module
// published as a kpm-style KCL package and podinfo as an OCI Helm chart
// into a registry on 127.0.0.1, added with `akua add`, imported as
// `k8s.api.apps.v1` and `charts.podinfo`, rendered; then rendered again
// byte for byte with the registry down (from the cache) and after
// `akua vendor` with an empty cache.
func TestDepsRenderEndToEnd(t *testing.T) {
	shared := sourcetest.SharedDir(t)
	reg := ocitest.New(t)
	client := oci.New(oci.Options{})
	chart := filepath.Join(shared, "testdata", "charts", "podinfo")
	sourcetest.PushChart(t, client, reg.Ref("charts/podinfo:6.0.0"), "podinfo", "6.0.0", sourcetest.ChartTgz(t, chart, "podinfo", "6.0.0"))
	sourcetest.PushKCL(t, client, reg.Ref("kcl/k8s:1.31.2"), "k8s", "1.31.2", filepath.Join(shared, "testdata", "kcl-modules", "k8s"))

	dir := t.TempDir()
	t.Setenv("AKUA_CACHE_DIR", t.TempDir())
	testfs.Write(t, dir, map[string]string{"akua.toml": depsManifest, "package.k": depsRenderPackage})
	f := &depsFixture{dir: dir}
	f.ok(t, "add", "podinfo", "--oci", reg.Ref("charts/podinfo"), "--version", "6.0.0")
	f.ok(t, "add", "k8s", "--oci", reg.Ref("kcl/k8s"), "--version", "1.31.2")

	render := func(extra ...string) string {
		t.Helper()
		code, stdout, stderr := akua(t, append([]string{"render", "--package", dir, "--stdout"}, extra...)...)
		if code != 0 {
			t.Fatalf("render %v: exit %d\n%s", extra, code, stderr)
		}
		return stdout
	}
	first := render()
	for _, want := range []string{"kind: Deployment\nmetadata:\n  name: web", "name: frontend-podinfo", "replicas: 3", "namespace: web"} {
		if !strings.Contains(first, want) {
			t.Errorf("render lacks %q:\n%s", want, first)
		}
	}

	// The registry goes down: the cache serves the same bytes.
	down := downSwitch(reg)
	down.Store(true)
	if again := render("--offline"); again != first {
		t.Error("offline render from the cache differs")
	}
	down.Store(false)

	// Vendored, with an empty cache and the registry down: the same bytes.
	f.ok(t, "vendor")
	t.Setenv("AKUA_CACHE_DIR", t.TempDir())
	down.Store(true)
	if again := render("--offline"); again != first {
		t.Error("render from .akua/vendor differs")
	}

	// The typed imports are schemas: a misspelled option of the chart's
	// TemplateOpts and a mistyped Deployment field fail at compile time,
	// positioned in package.k.
	for _, c := range [][2]string{{"release = ", "releese = "}, {"replicas = 2", `replicas = "2"`}} {
		os.WriteFile(filepath.Join(dir, "package.k"), []byte(strings.Replace(depsRenderPackage, c[0], c[1], 1)), 0o644)
		code, _, stderr := akua(t, "render", "--package", dir, "--stdout", "--offline")
		if code != ExitUser || !strings.Contains(stderr, "package.k:") {
			t.Errorf("%s: exit %d\n%s", c[1], code, stderr)
		}
	}
}

// downSwitch makes reg answer 503 to everything while the switch is on.
func downSwitch(reg *ocitest.Registry) *atomic.Bool {
	down := new(atomic.Bool)
	reg.Hook(func(w http.ResponseWriter, r *http.Request) bool {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	return down
}
