package artifact_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/artifact"
	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/oci/ocitest"
	"akua.dev/akua/registry/pack"
	"akua.dev/akua/registry/sign"
	"akua.dev/akua/registry/source"
)

const akuaToml = `[package]
name = "hello"
version = "1.0.0"
edition = "akua.dev/v1alpha1"
`

const packageK = `schema Input:
    name: str = "world"

resources = [{apiVersion = "v1", kind = "ConfigMap", metadata.name = "hello"}]
`

// writePackage writes a package directory and returns it.
func writePackage(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func helloPackage(t *testing.T) string {
	return writePackage(t, map[string]string{"akua.toml": akuaToml, "package.k": packageK, "deploy/000-x.yaml": "rendered\n"})
}

func newSigner(t *testing.T) *sign.Signer {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sign.NewSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func repo(t *testing.T, reg *ocitest.Registry, name string) oci.Ref {
	t.Helper()
	r, err := oci.ParseRef(reg.Ref(name))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPublishPullRoundTrip(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	dir := helloPackage(t)
	s := newSigner(t)

	pub, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: dir, Ref: repo(t, reg, "acme/hello"), Signer: s, AkuaVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Signed || !pub.Attested || pub.Version != "1.0.0" || !strings.HasSuffix(pub.RefURL, ":1.0.0@"+pub.Digest.String()) {
		t.Fatalf("published = %+v", pub)
	}
	want, err := pack.Pack(dir, pack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if pub.Archive != want.Digest {
		t.Errorf("archive %s, akua pack gives %s", pub.Archive, want.Digest)
	}

	out := filepath.Join(t.TempDir(), "out")
	got, err := artifact.Pull(ctx, artifact.PullOptions{Ref: repo(t, reg, "acme/hello:1.0.0"), Out: out, Key: s.Verifier(), Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if got.Digest != pub.Digest || !got.SignatureVerified || len(got.Attestations) != 1 || !got.Attestations[0].Verified {
		t.Fatalf("pulled = %+v", got)
	}
	data, err := os.ReadFile(filepath.Join(out, "package.k"))
	if err != nil || string(data) != packageK {
		t.Fatalf("pulled package.k = %q, %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(out, "deploy")); err == nil {
		t.Error("deploy/ was published")
	}
	// Pulling by digest works the same.
	if _, err := artifact.Pull(ctx, artifact.PullOptions{Ref: repo(t, reg, "acme/hello@"+pub.Digest.String()), Key: s.Verifier()}); err != nil {
		t.Fatal(err)
	}
}

func TestPublishTwiceRefused(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	dir := helloPackage(t)
	opts := artifact.PublishOptions{Dir: dir, Ref: repo(t, reg, "acme/hello")}
	first, err := artifact.Publish(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := artifact.Publish(ctx, opts); !errors.Is(err, oci.ErrTagExists) {
		t.Fatalf("second publish: %v, want ErrTagExists", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "package.k"), []byte(packageK+"# changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := artifact.Publish(ctx, opts); !errors.Is(err, oci.ErrTagExists) {
		t.Fatalf("publish of changed content: %v, want ErrTagExists", err)
	}
	opts.Force = true
	forced, err := artifact.Publish(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if forced.Overwritten != first.Digest || forced.Digest == first.Digest {
		t.Errorf("forced publish = %+v, want Overwritten = %s", forced, first.Digest)
	}
	// Another tag is a new version: fine.
	opts.Force, opts.Tag = false, "1.0.1"
	if _, err := artifact.Publish(ctx, opts); err != nil {
		t.Fatal(err)
	}
}

func TestPublishRefusesReplaceAndDirtyLock(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	dep := `
[dependencies]
lib = { oci = "oci://` + reg.Host + `/acme/lib", version = "1.0.0"%s }
`
	replaced := writePackage(t, map[string]string{"akua.toml": akuaToml + strings.Replace(dep, "%s", `, replace = { path = "../lib" }`, 1), "package.k": packageK})
	if _, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: replaced, Ref: repo(t, reg, "acme/hello")}); !errors.Is(err, artifact.ErrReplace) {
		t.Errorf("replace: %v, want ErrReplace", err)
	}
	unlocked := writePackage(t, map[string]string{"akua.toml": akuaToml + strings.Replace(dep, "%s", "", 1), "package.k": packageK})
	if _, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: unlocked, Ref: repo(t, reg, "acme/hello")}); !errors.Is(err, artifact.ErrDirtyLock) {
		t.Errorf("no lock: %v, want ErrDirtyLock", err)
	}
	l := &lock.Lock{Version: lock.FormatVersion}
	l.Set(lock.Entry{Name: "other", Version: "1.0.0", Source: "oci://" + reg.Host + "/acme/other", Digest: digest.FromString("x").String()})
	if err := lock.WriteLock(unlocked, l); err != nil {
		t.Fatal(err)
	}
	_, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: unlocked, Ref: repo(t, reg, "acme/hello")})
	if !errors.Is(err, artifact.ErrDirtyLock) || !strings.Contains(err.Error(), `"lib" is not locked`) || !strings.Contains(err.Error(), `"other" is locked but not needed`) {
		t.Errorf("stale lock: %v", err)
	}
	outside := writePackage(t, map[string]string{"akua.toml": akuaToml + "\n[dependencies]\nshared = { path = \"../shared\" }\n", "package.k": packageK})
	if _, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: outside, Ref: repo(t, reg, "acme/hello")}); !errors.Is(err, artifact.ErrOutsidePath) {
		t.Errorf("path dependency outside the package: %v, want ErrOutsidePath", err)
	}
	if tags, _ := oci.New(oci.Options{}).Tags(ctx, repo(t, reg, "acme/hello")); len(tags) != 0 {
		t.Errorf("refused publishes pushed tags %v", tags)
	}
}

func TestPullRefusals(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	s := newSigner(t)
	signed, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: helloPackage(t), Ref: repo(t, reg, "acme/signed"), Signer: s})
	if err != nil {
		t.Fatal(err)
	}
	_, err = artifact.Publish(ctx, artifact.PublishOptions{Dir: helloPackage(t), Ref: repo(t, reg, "acme/unsigned")})
	if err != nil {
		t.Fatal(err)
	}
	signedRef, unsignedRef := repo(t, reg, "acme/signed:1.0.0"), repo(t, reg, "acme/unsigned:1.0.0")

	t.Run("wrong key", func(t *testing.T) {
		for _, insecure := range []bool{false, true} {
			_, err := artifact.Pull(ctx, artifact.PullOptions{Ref: signedRef, Key: newSigner(t).Verifier(), Insecure: insecure})
			if !errors.Is(err, sign.ErrBadSignature) {
				t.Errorf("insecure=%v: %v, want ErrBadSignature", insecure, err)
			}
		}
	})
	t.Run("unsigned under strict signing", func(t *testing.T) {
		if _, err := artifact.Pull(ctx, artifact.PullOptions{Ref: unsignedRef, Key: s.Verifier(), Strict: true}); !errors.Is(err, sign.ErrUnsigned) {
			t.Errorf("%v, want ErrUnsigned", err)
		}
		if _, err := artifact.Pull(ctx, artifact.PullOptions{Ref: unsignedRef, Strict: true}); !errors.Is(err, sign.ErrNoKey) {
			t.Errorf("no key: %v, want ErrNoKey", err)
		}
		p, err := artifact.Pull(ctx, artifact.PullOptions{Ref: unsignedRef, Strict: true, Insecure: true})
		if err != nil || len(p.Warnings) == 0 {
			t.Errorf("--insecure: %+v, %v; want success with a warning", p, err)
		}
	})
	t.Run("tampered layer", func(t *testing.T) {
		reg.TamperBlob(signed.Archive, []byte("not the package"))
		defer reg.TamperBlob(signed.Archive, nil)
		out := filepath.Join(t.TempDir(), "out")
		_, err := artifact.Pull(ctx, artifact.PullOptions{Ref: signedRef, Key: s.Verifier(), Out: out})
		if !errors.Is(err, oci.ErrDigestMismatch) {
			t.Errorf("%v, want ErrDigestMismatch", err)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("a refused pull left files behind")
		}
	})
}

func TestInspect(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	dir := helloPackage(t)
	s := newSigner(t)
	pub, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: dir, Ref: repo(t, reg, "acme/hello"), Signer: s})
	if err != nil {
		t.Fatal(err)
	}
	ar, _ := pack.Pack(dir, pack.Options{})
	tarball := filepath.Join(t.TempDir(), "hello.tar.gz")
	os.WriteFile(tarball, ar.Data, 0o644)

	var sawInputs bool
	inputs := func(fsys fs.FS) (any, error) {
		_, err := fs.ReadFile(fsys, "package.k")
		sawInputs = err == nil
		return map[string]any{"name": "str"}, nil
	}
	for _, target := range []string{dir, tarball, reg.Ref("acme/hello:1.0.0")} {
		in, err := artifact.Inspect(ctx, target, artifact.InspectOptions{Key: s.Verifier(), Inputs: inputs})
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		if in.Name != "hello" || in.Version != "1.0.0" || in.Kind != oci.KindAkuaPackage || in.Archive != pub.Archive || in.Inputs == nil {
			t.Errorf("%s: %+v", target, in)
		}
		if in.Source == "oci" && (in.Signature == nil || !in.Signature.Verified || len(in.Attestations) != 1) {
			t.Errorf("%s: signature %+v, attestations %+v", target, in.Signature, in.Attestations)
		}
	}
	if !sawInputs {
		t.Error("the inputs hook did not see package.k")
	}
}

// TestPublishedPackageIsADependency publishes a package and resolves it
// as another package's OCI dependency (what `akua add --oci` does).
func TestPublishedPackageIsADependency(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	pub, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: helloPackage(t), Ref: repo(t, reg, "acme/hello")})
	if err != nil {
		t.Fatal(err)
	}
	cache, err := registry.OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	src := source.For(lock.KindOCI, source.Options{PkgDir: t.TempDir(), Cache: cache})
	e, err := src.Resolve(ctx, lock.Dependency{Name: "hello", OCI: "oci://" + reg.Host + "/acme/hello", Version: "^1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Digest != pub.Digest.String() || e.Version != "1.0.0" {
		t.Fatalf("locked %+v, published %s", e, pub.Digest)
	}
	dir, err := src.Fetch(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "package.k")); err != nil || string(data) != packageK {
		t.Errorf("dependency package.k = %q, %v", data, err)
	}
}
