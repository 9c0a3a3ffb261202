package cli

import (
	"akua.dev/akua/internal/testfs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/registry/oci/ocitest"
)

// The round trip of SPEC §10 and §6: a package published to a registry
// is pulled and rendered, and another package depends on it with
// `akua add --oci`, imports it as pkgs.<alias> and renders it.
func TestPublishedPackageIsConsumedAndRendered(t *testing.T) {
	t.Setenv("AKUA_COSIGN_PASSPHRASE", testPassphrase)
	t.Setenv("AKUA_CACHE_DIR", t.TempDir())
	reg := ocitest.New(t)
	repo := reg.Ref("acme/redis")

	upstream := t.TempDir()
	testfs.Write(t, upstream, map[string]string{
		"akua.toml": "[package]\nname = \"redis\"\nversion = \"1.2.0\"\n",
		"package.k": `import akua.ctx

schema Input:
    """Inputs of the redis package."""
    name: str
    replicas: int = 1

input: Input = ctx.input()

resources = [{
    apiVersion = "apps/v1"
    kind = "StatefulSet"
    metadata.name = input.name
    spec.replicas = input.replicas
}]
`,
	})
	if code, _, stderr := akua(t, "publish", "--package", upstream, "--ref", repo, "--key", testKey); code != 0 {
		t.Fatalf("publish: exit %d: %s", code, stderr)
	}

	// Pulled, it renders as it is.
	pulled := filepath.Join(t.TempDir(), "redis")
	if code, _, stderr := akua(t, "pull", repo+":1.2.0", "--key", testPub, "--out", pulled); code != 0 {
		t.Fatalf("pull: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := akua(t, "render", "--package", pulled, "--set", "name=cache", "--stdout")
	if code != 0 || !strings.Contains(stdout, "name: cache") {
		t.Fatalf("render of the pulled package: exit %d\n%s\n%s", code, stdout, stderr)
	}

	// Consumed as a dependency.
	consumer := t.TempDir()
	testfs.Write(t, consumer, map[string]string{
		"akua.toml": "[package]\nname = \"shop\"\nversion = \"0.1.0\"\n\n[dependencies]\n",
		"package.k": `import pkgs.cache

_redis = cache.render(cache.Input {name = "sessions", replicas = 3})

resources = [*_redis, {apiVersion = "v1", kind = "Namespace", metadata.name = "shop"}]
`,
	})
	if code, _, stderr := akua(t, "add", "cache", "--oci", repo, "--version", "1.2.0", "--dir", consumer); code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	code, stdout, stderr = akua(t, "render", "--package", consumer, "--stdout")
	if code != 0 || !strings.Contains(stdout, "kind: StatefulSet") || !strings.Contains(stdout, "replicas: 3") {
		t.Fatalf("render of the consumer: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// Offline, from the cache, the same bytes.
	code, again, stderr := akua(t, "render", "--package", consumer, "--stdout", "--offline")
	if code != 0 || again != stdout {
		t.Fatalf("offline render: exit %d, same=%v\n%s", code, again == stdout, stderr)
	}
	// A misspelled input field of the upstream's schema fails to compile.
	os.WriteFile(filepath.Join(consumer, "package.k"), []byte("import pkgs.cache\n\nresources = cache.render(cache.Input {name = \"x\", replicaz = 3})\n"), 0o644)
	if code, _, stderr := akua(t, "render", "--package", consumer, "--stdout"); code != ExitUser || !strings.Contains(stderr, "replicas") {
		t.Errorf("misspelled upstream input: exit %d\n%s", code, stderr)
	}
}
