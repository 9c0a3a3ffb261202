package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/registry/oci/ocitest"
)

// Keys written by openssl (encrypted PKCS#8), shared with registry/sign's
// tests; fast to decrypt, unlike cosign's scrypt-encrypted keys.
var (
	testKey      = filepath.Join("..", "registry", "sign", "testdata", "pkcs8-aes256.key")
	testPub      = filepath.Join("..", "registry", "sign", "testdata", "pkcs8-aes256.pub")
	testOtherPub = filepath.Join("..", "registry", "sign", "testdata", "other.pub")
)

const testPassphrase = "akua-test"

// writeTestPackage writes a package directory with the given akua.toml
// extra lines and returns it.
func writeTestPackage(t *testing.T, extraToml string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"akua.toml": "[package]\nname = \"hello\"\nversion = \"1.0.0\"\n" + extraToml,
		"package.k": "resources = [{apiVersion = \"v1\", kind = \"ConfigMap\", metadata.name = \"hello\"}]\n",
		"lib/x.k":   "x = 1\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// jsonOut runs akua with --json and decodes stdout into v; it returns
// the exit code.
func jsonOut(t *testing.T, v any, args ...string) int {
	t.Helper()
	code, stdout, stderr := akua(t, append(args, "--json")...)
	if err := json.Unmarshal([]byte(stdout), v); err != nil {
		t.Fatalf("akua %s: stdout is not JSON (%v):\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout, stderr)
	}
	return code
}

func TestPackCommandIsReproducible(t *testing.T) {
	a := writeTestPackage(t, "")
	b := writeTestPackage(t, "")
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	filepath.Walk(b, func(p string, _ os.FileInfo, _ error) error { return os.Chtimes(p, old, old) })
	os.Chmod(filepath.Join(b, "package.k"), 0o600)

	var ra, rb packReport
	if code := jsonOut(t, &ra, "pack", "--package", a, "--out", filepath.Join(t.TempDir(), "a.tar.gz")); code != 0 {
		t.Fatalf("pack a: exit %d", code)
	}
	// Written inside the package: the archive must not include itself
	// when packing again.
	inside := filepath.Join(b, "hello.tar.gz")
	for i := 0; i < 2; i++ {
		if code := jsonOut(t, &rb, "pack", "--package", b, "--out", inside); code != 0 {
			t.Fatalf("pack b: exit %d", code)
		}
	}
	if ra.Digest != rb.Digest || ra.Digest == "" {
		t.Fatalf("digests differ: %s vs %s", ra.Digest, rb.Digest)
	}
	data, _ := os.ReadFile(inside)
	if digest.FromBytes(data).String() != rb.Digest {
		t.Error("the digest printed is not the sha256 of the file written")
	}
	code, stdout, _ := akua(t, "pack", "--package", a, "--out", filepath.Join(t.TempDir(), "x.tar.gz"))
	if code != 0 || !strings.HasPrefix(stdout, ra.Digest+"  ") {
		t.Errorf("text output %q", stdout)
	}
}

func TestPublishPullCommands(t *testing.T) {
	t.Setenv("AKUA_COSIGN_PASSPHRASE", testPassphrase)
	reg := ocitest.New(t)
	repo := reg.Ref("acme/hello")
	dir := writeTestPackage(t, "")

	var pub struct {
		Ref, Digest, Overwritten string
		Signed, Attested         bool
	}
	if code := jsonOut(t, &pub, "publish", "--package", dir, "--ref", repo, "--key", testKey); code != 0 || !pub.Signed || !pub.Attested {
		t.Fatalf("publish: exit %d, %+v", code, pub)
	}

	// Publishing the same version again is refused.
	var e jsonError
	if code := jsonOut(t, &e, "publish", "--package", dir, "--ref", repo, "--key", testKey); code != ExitUser || e.Code != CodeTagExists {
		t.Fatalf("second publish: exit %d, %+v", code, e)
	}
	// --force overwrites, and says so.
	os.WriteFile(filepath.Join(dir, "lib", "x.k"), []byte("x = 2\n"), 0o644)
	code, _, stderr := akua(t, "publish", "--package", dir, "--ref", repo, "--key", testKey, "--force")
	if code != 0 || !strings.Contains(stderr, "overwrote") || !strings.Contains(stderr, pub.Digest) {
		t.Fatalf("forced publish: exit %d, stderr %q", code, stderr)
	}

	// Pull with the right key.
	out := filepath.Join(t.TempDir(), "hello")
	var pulled struct {
		Out               string
		SignatureVerified bool
	}
	if code := jsonOut(t, &pulled, "pull", repo+":1.0.0", "--key", testPub, "--out", out); code != 0 || !pulled.SignatureVerified {
		t.Fatalf("pull: exit %d, %+v", code, pulled)
	}
	if data, err := os.ReadFile(filepath.Join(out, "lib", "x.k")); err != nil || string(data) != "x = 2\n" {
		t.Errorf("pulled lib/x.k = %q, %v", data, err)
	}

	// A wrong key is refused, --insecure or not.
	for _, extra := range [][]string{nil, {"--insecure"}} {
		args := append([]string{"pull", repo + ":1.0.0", "--key", testOtherPub, "--out", filepath.Join(t.TempDir(), "x")}, extra...)
		if code := jsonOut(t, &e, args...); code != ExitUser || e.Code != CodeBadSignature {
			t.Errorf("pull with the wrong key %v: exit %d, %+v", extra, code, e)
		}
	}

	// inspect shows it all.
	var in struct {
		Name, Version, Kind string
		Signature           struct{ Verified bool }
		Attestations        []struct{ Verified bool }
	}
	if code := jsonOut(t, &in, "inspect", repo+":1.0.0", "--key", testPub); code != 0 || in.Name != "hello" || in.Kind != "akua-package" ||
		!in.Signature.Verified || len(in.Attestations) != 1 || !in.Attestations[0].Verified {
		t.Errorf("inspect: exit %d, %+v", code, in)
	}
	if code, stdout, _ := akua(t, "inspect", "--package", dir); code != 0 || !strings.Contains(stdout, "hello 1.0.0") {
		t.Errorf("inspect of a directory: exit %d, %q", code, stdout)
	}

	// akua verify --ref checks signature and provenance of the artifact.
	if code, _, stderr := akua(t, "verify", "--ref", repo+":1.0.0", "--key", testPub); code != 0 {
		t.Errorf("verify --ref: exit %d, %s", code, stderr)
	}
	if code, _, _ := akua(t, "verify", "--ref", repo+":1.0.0", "--key", testOtherPub); code == 0 {
		t.Error("verify --ref with the wrong key succeeded")
	}
}

func TestPullStrictSigning(t *testing.T) {
	reg := ocitest.New(t)
	repo := reg.Ref("acme/unsigned")
	if code, _, stderr := akua(t, "publish", "--package", writeTestPackage(t, ""), "--ref", repo); code != 0 {
		t.Fatalf("publish: %s", stderr)
	}
	pub, _ := filepath.Abs(testPub)
	consumer := writeTestPackage(t, "strict_signing = true\n\n[signing]\ncosign_public_key = \""+filepath.ToSlash(pub)+"\"\n")

	var e jsonError
	if code := jsonOut(t, &e, "pull", repo+":1.0.0", "--package", consumer, "--out", filepath.Join(t.TempDir(), "x")); code != ExitUser || e.Code != CodeUnsigned {
		t.Fatalf("unsigned under strict signing: exit %d, %+v", code, e)
	}
	code, _, stderr := akua(t, "pull", repo+":1.0.0", "--package", consumer, "--insecure", "--out", filepath.Join(t.TempDir(), "x"))
	if code != 0 || !strings.Contains(stderr, "not signed") {
		t.Fatalf("--insecure: exit %d, %s", code, stderr)
	}
	// A strict package cannot be published unsigned either.
	if code := jsonOut(t, &e, "publish", "--package", consumer, "--ref", reg.Ref("acme/strict")); code != ExitUser || e.Code != CodeNoKey {
		t.Errorf("strict publish without a key: exit %d, %+v", code, e)
	}
}

func TestPullTamperedLayer(t *testing.T) {
	t.Setenv("AKUA_COSIGN_PASSPHRASE", testPassphrase)
	reg := ocitest.New(t)
	repo := reg.Ref("acme/hello")
	var pub struct{ Archive string }
	if code := jsonOut(t, &pub, "publish", "--package", writeTestPackage(t, ""), "--ref", repo, "--key", testKey); code != 0 {
		t.Fatal("publish failed")
	}
	reg.TamperBlob(digest.Digest(pub.Archive), []byte("evil"))
	var e jsonError
	out := filepath.Join(t.TempDir(), "x")
	if code := jsonOut(t, &e, "pull", repo+":1.0.0", "--key", testPub, "--out", out); code != ExitUser || e.Code != "E_DIGEST_MISMATCH" {
		t.Fatalf("tampered layer: exit %d, %+v", code, e)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused pull wrote files")
	}
}

func TestKeygenCommand(t *testing.T) {
	t.Setenv("AKUA_COSIGN_PASSPHRASE", "pw")
	prefix := filepath.Join(t.TempDir(), "release")
	var r keygenReport
	if code := jsonOut(t, &r, "keygen", "--out", prefix); code != 0 || !r.Passphrase {
		t.Fatalf("keygen: exit %d, %+v", code, r)
	}
	if fi, err := os.Stat(prefix + ".key"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("private key mode: %v, %v", fi, err)
	}
	if code, _, _ := akua(t, "keygen", "--out", prefix); code != ExitUser {
		t.Errorf("keygen over existing files: exit %d, want %d", code, ExitUser)
	}
}
