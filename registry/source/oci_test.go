package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/oci/ocitest"
	"akua.dev/akua/registry/source/sourcetest"
)

func TestOCIChartAndKCLPackage(t *testing.T) {
	shared := sourcetest.SharedDir(t)
	reg := ocitest.New(t)
	client := oci.New(oci.Options{})
	chart := filepath.Join(shared, "testdata", "charts", "podinfo")
	for _, v := range []string{"1.2.0", "1.5.0", "2.0.0"} {
		sourcetest.PushChart(t, client, reg.Ref("charts/podinfo:"+v), "podinfo", v, sourcetest.ChartTgz(t, chart, "podinfo", v))
	}
	k8s := filepath.Join(shared, "testdata", "kcl-modules", "k8s")
	kdigest := sourcetest.PushKCL(t, client, reg.Ref("kcl/k8s:1.31.2"), "k8s", "1.31.2", k8s)

	opts := testOptions(t)
	opts.OCI = client
	src := For(lock.KindOCI, opts)
	ctx := context.Background()

	e, err := src.Resolve(ctx, lock.Dependency{Name: "podinfo", OCI: reg.Ref("charts/podinfo"), Version: "^1.2.0"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Version != "1.5.0" || !strings.HasPrefix(e.Digest, "sha256:") {
		t.Fatalf("entry %+v", e)
	}
	dir, err := src.Fetch(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "Chart.yaml")); !strings.Contains(string(data), "version: 1.5.0") {
		t.Errorf("chart not unpacked at the root: %s", data)
	}

	ke, err := src.Resolve(ctx, lock.Dependency{Name: "k8s", OCI: reg.Ref("kcl/k8s"), Version: "1.31.2"})
	if err != nil {
		t.Fatal(err)
	}
	if ke.Digest != kdigest {
		t.Errorf("digest %s, pushed %s", ke.Digest, kdigest)
	}
	kdir, err := src.Fetch(ctx, ke)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := registry.DirDigest(k8s)
	if got, _ := registry.DirDigest(kdir); got != want {
		t.Errorf("the KCL package differs from what was pushed")
	}

	// A registry serving other bytes for the locked chart layer: refused
	// with nothing cached.
	m, err := client.FetchManifest(ctx, mustRef(t, e.Source).WithDigest(digest.Digest(e.Digest)))
	if err != nil {
		t.Fatal(err)
	}
	layer, _ := m.ContentLayer()
	reg.TamperBlob(layer.Digest, sourcetest.ChartTgz(t, chart, "podinfo", "6.6.6"))
	fresh := testOptions(t)
	fresh.OCI = client
	if _, err := For(lock.KindOCI, fresh).Fetch(ctx, e); registry.CodeOf(err) != registry.CodeDigestMismatch {
		t.Fatalf("tampered layer: %v", err)
	}
	if list, _ := fresh.Cache.List(); len(list) > 1 { // the verified manifest blob may stay
		t.Errorf("tampered content cached: %+v", list)
	}
	// A tag moved to other content does not change what a lock fetches.
	sourcetest.PushChart(t, client, reg.Ref("charts/podinfo:1.5.0"), "podinfo", "1.5.0", sourcetest.ChartTgz(t, chart, "podinfo", "1.5.1"))
	if dir2, err := src.Fetch(ctx, e); err != nil || dir2 != dir {
		t.Errorf("fetch after the tag moved: %s, %v", dir2, err)
	}
}

func mustRef(t *testing.T, s string) oci.Ref {
	r, err := oci.ParseRef(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
