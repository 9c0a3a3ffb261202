package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/oci/ocitest"
	"akua.dev/akua/registry/resolve"
	"akua.dev/akua/registry/source/sourcetest"
)

const depsManifest = `# my app
[package]
name = "app"      # keep this comment
version = "0.1.0"
edition = "akua.dev/v1alpha1"

# dependencies go below
[dependencies]
`

// depsFixture is a package with a Helm repository and a git repository
// to depend on, and a private cache.
type depsFixture struct {
	dir   string
	helm  *sourcetest.HelmRepo
	git   *sourcetest.GitRepo
	chart string
}

func newDepsFixture(t *testing.T) *depsFixture {
	f := &depsFixture{dir: t.TempDir(), chart: sourcetest.Podinfo(t)}
	t.Setenv("AKUA_CACHE_DIR", t.TempDir())
	os.WriteFile(filepath.Join(f.dir, "akua.toml"), []byte(depsManifest), 0o644)
	os.MkdirAll(filepath.Join(f.dir, "base"), 0o755)
	os.WriteFile(filepath.Join(f.dir, "base", "main.k"), []byte("x = 1\n"), 0o644)
	f.helm = sourcetest.NewHelmRepo(t)
	f.publishChart(t, "1.1.0", "1.2.0", "1.3.0")
	f.git = sourcetest.NewGitRepo(t)
	f.git.Commit(map[string]string{"main.k": "v = 1\n"}, "v1.2.0")
	f.git.Commit(map[string]string{"main.k": "v = 2\n"}, "v1.3.0")
	return f
}

func (f *depsFixture) publishChart(t *testing.T, versions ...string) {
	for _, v := range versions {
		f.helm.Add("podinfo", v, sourcetest.ChartTgz(t, f.chart, "podinfo", v))
	}
}

// ok runs akua with --dir and fails the test on a non-zero exit.
func (f *depsFixture) ok(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := akua(t, append(args, "--dir", f.dir)...)
	if code != 0 {
		t.Fatalf("akua %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (f *depsFixture) lock(t *testing.T) *lock.Lock {
	t.Helper()
	l, err := lock.LoadLock(f.dir)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func (f *depsFixture) version(t *testing.T, name string) string {
	e, ok := f.lock(t).Entry(name)
	if !ok {
		t.Fatalf("%s not locked", name)
	}
	return e.Version
}

func TestDepsWorkflow(t *testing.T) {
	f := newDepsFixture(t)
	f.ok(t, "add", "podinfo", "--repo", f.helm.URL, "--chart", "podinfo", "--version", "^1.2.0")
	f.ok(t, "add", "lib", "--git", f.git.URL, "--tag", "^1.2.0")
	out := f.ok(t, "add", "base", "--path", "./base", "--json")
	var added addReport
	if err := json.Unmarshal([]byte(out), &added); err != nil || added.Added.Source != "path+base" {
		t.Fatalf("add --json: %v %s", err, out)
	}
	toml, _ := os.ReadFile(filepath.Join(f.dir, "akua.toml"))
	wantToml := depsManifest +
		`podinfo = { repo = "` + f.helm.URL + `", chart = "podinfo", version = "^1.2.0" }` + "\n" +
		`lib = { git = "` + f.git.URL + `", tag = "^1.2.0" }` + "\n" +
		`base = { path = "./base" }` + "\n"
	if string(toml) != wantToml {
		t.Errorf("akua.toml:\n%s\nwant:\n%s", toml, wantToml)
	}
	if v := f.version(t, "podinfo"); v != "1.3.0" {
		t.Errorf("podinfo %s, want 1.3.0", v)
	}
	if v := f.version(t, "lib"); v != "v1.3.0" {
		t.Errorf("lib %s, want v1.3.0", v)
	}

	// An unchanged tree has no drift, even with newer versions published,
	// and --offline needs no network for it.
	f.publishChart(t, "1.4.0", "2.0.0")
	f.git.Commit(map[string]string{"main.k": "v = 3\n"}, "v1.4.0")
	f.git.Commit(map[string]string{"main.k": "v = 4\n"}, "v2.0.0")
	before := f.helm.Requests
	f.ok(t, "lock", "--check")
	f.ok(t, "lock", "--check", "--offline")
	f.ok(t, "verify", "--offline")
	if f.helm.Requests != before {
		t.Errorf("lock --check / verify with a warm cache made %d requests", f.helm.Requests-before)
	}

	// update moves the ^1.2.0 ranges to the newest 1.x.
	out = f.ok(t, "update", "--json")
	var rep lockReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || !rep.Changed || len(rep.Changes) != 2 {
		t.Fatalf("update --json: %v %s", err, out)
	}
	if v := f.version(t, "podinfo"); v != "1.4.0" {
		t.Errorf("after update podinfo %s, want 1.4.0", v)
	}
	if v := f.version(t, "lib"); v != "v1.4.0" {
		t.Errorf("after update lib %s, want v1.4.0", v)
	}
	f.ok(t, "lock", "--check")
	lockText, _ := os.ReadFile(filepath.Join(f.dir, "akua.lock"))
	if !strings.HasPrefix(string(lockText), "version = 1\n\n[[package]]\nname = \"base\"") || !strings.HasSuffix(string(lockText), "\"\n") {
		t.Errorf("akua.lock:\n%s", lockText)
	}

	// verify, tree.
	out = f.ok(t, "verify", "--json")
	var vr resolve.Report
	if err := json.Unmarshal([]byte(out), &vr); err != nil || !vr.OK || len(vr.Checked) != 3 {
		t.Fatalf("verify --json: %v %s", err, out)
	}
	out = f.ok(t, "tree")
	for _, want := range []string{"app 0.1.0", "podinfo 1.4.0", "chart", "lib v1.4.0", "base"} {
		if !strings.Contains(out, want) {
			t.Errorf("tree lacks %q:\n%s", want, out)
		}
	}

	// A path dependency whose content changed is drift.
	os.WriteFile(filepath.Join(f.dir, "base", "main.k"), []byte("x = 2\n"), 0o644)
	code, out, _ := akua(t, "lock", "--check", "--json", "--dir", f.dir)
	var e jsonError
	json.Unmarshal([]byte(out), &e)
	if code != ExitUser || e.Code != "E_LOCK_DRIFT" || !strings.Contains(e.Message, "base") {
		t.Errorf("drift: exit %d %s", code, out)
	}
	f.ok(t, "lock")
	f.ok(t, "lock", "--check")

	// remove keeps the rest of akua.toml.
	f.ok(t, "remove", "lib")
	toml, _ = os.ReadFile(filepath.Join(f.dir, "akua.toml"))
	if strings.Contains(string(toml), "lib") || !strings.Contains(string(toml), "# keep this comment") {
		t.Errorf("after remove:\n%s", toml)
	}
	if _, ok := f.lock(t).Entry("lib"); ok {
		t.Error("lib still locked")
	}
	f.ok(t, "lock", "--check")
}

func TestDepsTampering(t *testing.T) {
	f := newDepsFixture(t)
	f.ok(t, "add", "podinfo", "--repo", f.helm.URL, "--chart", "podinfo", "--version", "1.2.0")

	// A lock edited by hand: the digest no longer matches what the
	// repository serves. verify refuses with E_DIGEST_MISMATCH, and so
	// does the render API.
	name := filepath.Join(f.dir, "akua.lock")
	text, _ := os.ReadFile(name)
	e, _ := f.lock(t).Entry("podinfo")
	forged := "sha256:" + strings.Repeat("0", 64)
	os.WriteFile(name, []byte(strings.Replace(string(text), e.Digest, forged, 1)), 0o644)
	code, out, _ := akua(t, "verify", "--json", "--dir", f.dir)
	var je jsonError
	json.Unmarshal([]byte(out), &je)
	if code != ExitUser || je.Code != "E_DIGEST_MISMATCH" {
		t.Fatalf("verify of a forged lock: exit %d %s", code, out)
	}
	_, err := resolve.Locked(context.Background(), f.dir, resolve.Options{})
	if err == nil || !strings.Contains(err.Error(), "pinned") {
		t.Fatalf("Locked with a forged lock: %v", err)
	}

	// An unparsable lock is an error with its position.
	os.WriteFile(name, []byte("version = 1\n[[package]]\nname = \"podinfo\"\nsauce = 1\ndigest = \""+forged+"\"\nsource = \"oci://h/r\"\n"), 0o644)
	code, out, _ = akua(t, "verify", "--json", "--dir", f.dir)
	json.Unmarshal([]byte(out), &je)
	if code != ExitUser || je.Code != "E_LOCK_KEY" || je.Line != 4 {
		t.Errorf("bad lock: exit %d %s", code, out)
	}
	// A missing lock with declared dependencies.
	os.Remove(name)
	if _, err := resolve.Locked(context.Background(), f.dir, resolve.Options{}); err == nil || !strings.Contains(err.Error(), "akua.lock does not exist") {
		t.Errorf("Locked without a lock: %v", err)
	}
}

func TestDepsErrors(t *testing.T) {
	f := newDepsFixture(t)
	tests := []struct {
		args []string
		code int
		id   string
	}{
		{[]string{"add", "x"}, ExitUser, "E_USAGE"},
		{[]string{"add", "x", "--oci", "oci://h/r", "--path", "p"}, ExitUser, "E_USAGE"},
		{[]string{"add", "x", "--oci", "oci://h/r"}, ExitUser, "E_USAGE"},
		{[]string{"add", "x", "--git", "https://h/r", "--tag", "v1", "--rev", "abc"}, ExitUser, "E_USAGE"},
		{[]string{"add", "my-chart", "--path", "base"}, ExitUser, "E_USAGE"},
		{[]string{"add", "x", "--path", "nope"}, ExitUser, "E_DEP_NOT_FOUND"},
		{[]string{"add", "x", "--repo", f.helm.URL, "--chart", "podinfo", "--version", "^9"}, ExitUser, "E_DEP_NO_MATCH"},
		{[]string{"add", "x", "--repo", f.helm.URL, "--chart", "podinfo", "--version", "1.2.0", "--offline"}, ExitUser, "E_OFFLINE"},
		{[]string{"remove", "nothere"}, ExitUser, "E_DEP_NOT_FOUND"},
		{[]string{"update", "nothere"}, ExitUser, "E_DEP_NOT_FOUND"},
	}
	for _, tc := range tests {
		code, out, _ := akua(t, append(tc.args, "--json", "--dir", f.dir)...)
		var je jsonError
		json.Unmarshal([]byte(out), &je)
		if code != tc.code || je.Code != tc.id {
			t.Errorf("akua %s: exit %d code %s, want %d %s\n%s", strings.Join(tc.args, " "), code, je.Code, tc.code, tc.id, out)
		}
	}
	// A failed add writes nothing.
	toml, _ := os.ReadFile(filepath.Join(f.dir, "akua.toml"))
	if string(toml) != depsManifest {
		t.Errorf("akua.toml changed by failed adds:\n%s", toml)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "akua.lock")); err == nil {
		t.Error("akua.lock written by failed adds")
	}
	// A typo in akua.toml is an error at its line.
	os.WriteFile(filepath.Join(f.dir, "akua.toml"), []byte(depsManifest+"x = { repo = \"https://c.example.com\", chart = \"c\", verison = \"1\" }\n"), 0o644)
	code, out, _ := akua(t, "lock", "--json", "--dir", f.dir)
	var je jsonError
	json.Unmarshal([]byte(out), &je)
	if code != ExitUser || je.Code != "E_MANIFEST_KEY" || je.Line != 9 || !strings.Contains(je.Suggestion, "version") {
		t.Errorf("typo: exit %d %s", code, out)
	}
}

func TestVendorAndCache(t *testing.T) {
	f := newDepsFixture(t)
	f.ok(t, "add", "podinfo", "--repo", f.helm.URL, "--chart", "podinfo", "--version", "^1.2.0")
	f.ok(t, "add", "lib", "--git", f.git.URL, "--tag", "v1.2.0")
	f.ok(t, "vendor")
	if _, err := os.Stat(filepath.Join(f.dir, ".akua", "vendor", "podinfo", "Chart.yaml")); err != nil {
		t.Fatal(err)
	}
	_, out, _ := akua(t, "cache", "list", "--json")
	var list struct {
		Entries []struct{ Kind, Source string }
	}
	json.Unmarshal([]byte(out), &list)
	if len(list.Entries) < 2 {
		t.Errorf("cache list: %s", out)
	}
	if _, p, _ := akua(t, "cache", "path"); strings.TrimSpace(p) != os.Getenv("AKUA_CACHE_DIR") {
		t.Errorf("cache path %q", p)
	}
	if code, _, _ := akua(t, "cache", "clear"); code != 0 {
		t.Error("cache clear failed")
	}

	// With an empty cache and no network, deps come from the vendor copy.
	before := f.helm.Requests
	deps, err := resolve.Locked(context.Background(), f.dir, resolve.Options{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := deps["podinfo"]; !d.Vendored || d.Content != resolve.ContentChart || d.Version != "1.3.0" {
		t.Errorf("podinfo: %+v", d)
	}
	if d := deps["lib"]; !d.Vendored || d.Content != resolve.ContentManifests {
		t.Errorf("lib: %+v", d)
	}
	if f.helm.Requests != before {
		t.Error("an offline render reached the network")
	}
	// A vendored copy that was modified is not used; offline, with no
	// cache, that is an error rather than a silent pass.
	os.WriteFile(filepath.Join(f.dir, ".akua", "vendor", "podinfo", "values.yaml"), []byte("evil: true\n"), 0o644)
	if _, err := resolve.Locked(context.Background(), f.dir, resolve.Options{Offline: true}); err == nil || !strings.Contains(err.Error(), "offline") {
		t.Errorf("tampered vendor: %v", err)
	}
}

func TestDepsOCI(t *testing.T) {
	shared := sourcetest.SharedDir(t)
	reg := ocitest.New(t)
	client := oci.New(oci.Options{})
	chart := filepath.Join(shared, "testdata", "charts", "podinfo")
	for _, v := range []string{"1.2.0", "1.3.0"} {
		sourcetest.PushChart(t, client, reg.Ref("charts/podinfo:"+v), "podinfo", v, sourcetest.ChartTgz(t, chart, "podinfo", v))
	}
	sourcetest.PushKCL(t, client, reg.Ref("kcl/k8s:1.31.2"), "k8s", "1.31.2", filepath.Join(shared, "testdata", "kcl-modules", "k8s"))

	f := &depsFixture{dir: t.TempDir()}
	t.Setenv("AKUA_CACHE_DIR", t.TempDir())
	os.WriteFile(filepath.Join(f.dir, "akua.toml"), []byte(depsManifest), 0o644)
	f.ok(t, "add", "podinfo", "--oci", reg.Ref("charts/podinfo"), "--version", "^1.2.0")
	f.ok(t, "add", "k8s", "--oci", reg.Ref("kcl/k8s"), "--version", "1.31.2")
	f.ok(t, "lock", "--check")
	if v := f.version(t, "podinfo"); v != "1.3.0" {
		t.Errorf("podinfo %s", v)
	}
	sourcetest.PushChart(t, client, reg.Ref("charts/podinfo:1.4.0"), "podinfo", "1.4.0", sourcetest.ChartTgz(t, chart, "podinfo", "1.4.0"))
	f.ok(t, "lock", "--check")
	f.ok(t, "update", "podinfo")
	if v := f.version(t, "podinfo"); v != "1.4.0" {
		t.Errorf("after update podinfo %s", v)
	}

	// The registry goes away: everything comes from the cache.
	down := downSwitch(reg)
	down.Store(true)
	deps, err := resolve.Locked(context.Background(), f.dir, resolve.Options{Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	if deps["podinfo"].Content != resolve.ContentChart || deps["k8s"].Content != resolve.ContentKCL {
		t.Errorf("deps %+v", deps)
	}
	if _, err := os.Stat(filepath.Join(deps["k8s"].Dir, "kcl.mod")); err != nil {
		t.Error(err)
	}
	f.ok(t, "verify", "--offline")
	down.Store(false)

	// A registry serving different bytes for the locked content, with an
	// empty cache: refused.
	e, _ := f.lock(t).Entry("podinfo")
	ref, _ := oci.ParseRef(e.Source)
	m, err := client.FetchManifest(context.Background(), ref.WithDigest(digest.Digest(e.Digest)))
	if err != nil {
		t.Fatal(err)
	}
	layer, _ := m.ContentLayer()
	reg.TamperBlob(layer.Digest, sourcetest.ChartTgz(t, chart, "podinfo", "9.9.9"))
	t.Setenv("AKUA_CACHE_DIR", t.TempDir())
	code, out, _ := akua(t, "verify", "--json", "--dir", f.dir)
	var je jsonError
	json.Unmarshal([]byte(out), &je)
	if code != ExitUser || je.Code != "E_DIGEST_MISMATCH" {
		t.Errorf("tampered registry: exit %d %s", code, out)
	}
}
