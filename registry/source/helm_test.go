package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/source/sourcetest"
)

func testOptions(t *testing.T) Options {
	c, err := registry.OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return Options{PkgDir: t.TempDir(), Cache: c}
}

func TestHelmResolveAndFetch(t *testing.T) {
	chart := sourcetest.Podinfo(t)
	repo := sourcetest.NewHelmRepo(t)
	for _, v := range []string{"1.1.0", "1.2.0", "1.4.2", "2.0.0"} {
		repo.Add("podinfo", v, sourcetest.ChartTgz(t, chart, "podinfo", v))
	}
	opts := testOptions(t)
	h := For(lock.KindHelm, opts)
	ctx := context.Background()
	d := lock.Dependency{Name: "podinfo", Repo: repo.URL + "/", Chart: "podinfo", Version: "^1.2.0"}
	e, err := h.Resolve(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	want := registry.SHA256(sourcetest.ChartTgz(t, chart, "podinfo", "1.4.2"))
	if e.Version != "1.4.2" || e.Digest != want || e.Source != "repo+"+repo.URL+"?chart=podinfo" {
		t.Fatalf("entry = %+v", e)
	}
	// Fetch is served from the cache: offline, with no request.
	before := repo.Requests
	opts.Offline = true
	dir, err := For(lock.KindHelm, opts).Fetch(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if repo.Requests != before {
		t.Error("an offline fetch reached the repository")
	}
	data, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil || !strings.Contains(string(data), "version: 1.4.2") {
		t.Fatalf("Chart.yaml: %v %s", err, data)
	}
	if _, err := os.Stat(filepath.Join(dir, "templates", "deployment.yaml")); err != nil {
		t.Error(err)
	}

	// No match, unknown chart.
	if _, err := h.Resolve(ctx, lock.Dependency{Name: "p", Repo: repo.URL, Chart: "podinfo", Version: "^3"}); registry.CodeOf(err) != registry.CodeNoMatch {
		t.Errorf("^3: %v", err)
	}
	if _, err := h.Resolve(ctx, lock.Dependency{Name: "p", Repo: repo.URL, Chart: "nginx", Version: "1"}); registry.CodeOf(err) != registry.CodeNotFound {
		t.Errorf("nginx: %v", err)
	}
}

func TestHelmTampering(t *testing.T) {
	chart := sourcetest.Podinfo(t)
	repo := sourcetest.NewHelmRepo(t)
	good := sourcetest.ChartTgz(t, chart, "podinfo", "1.2.0")
	repo.Add("podinfo", "1.2.0", good)
	opts := testOptions(t)
	ctx := context.Background()
	e, err := For(lock.KindHelm, opts).Resolve(ctx, lock.Dependency{Name: "podinfo", Repo: repo.URL, Chart: "podinfo", Version: "1.2.0"})
	if err != nil {
		t.Fatal(err)
	}
	// A fresh cache and a repository now serving other bytes for the
	// locked version: refused, nothing cached.
	repo.Tamper("podinfo", "1.2.0", sourcetest.ChartTgz(t, chart, "podinfo", "1.2.1"))
	fresh := testOptions(t)
	_, err = For(lock.KindHelm, fresh).Fetch(ctx, e)
	if registry.CodeOf(err) != registry.CodeDigestMismatch {
		t.Fatalf("tampered chart: %v", err)
	}
	if list, _ := fresh.Cache.List(); len(list) != 0 {
		t.Errorf("the tampered chart was cached: %+v", list)
	}
	// Offline with an empty cache: refused with its own code.
	fresh.Offline = true
	if _, err := For(lock.KindHelm, fresh).Fetch(ctx, e); registry.CodeOf(err) != registry.CodeOffline {
		t.Errorf("offline: %v", err)
	}
}
