package artifact_test

// This file checks akua's signatures with the real cosign: it builds
// the cosign CLI from the Go module proxy and runs `cosign verify` and
// `cosign verify-attestation` against a package akua published to the
// in-process registry. It is the only place akua runs cosign.

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"akua.dev/akua/internal/tooltest"
	"akua.dev/akua/registry/artifact"
	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/oci/ocitest"
	"akua.dev/akua/registry/sign"
)

// cosignModule is the cosign release the test builds.
const cosignModule = "github.com/sigstore/cosign/v2/cmd/cosign@v2.6.5"

// buildCosign returns the path of a cosign binary built from the module
// proxy (cached across runs), or skips the test saying why it cannot.
// $AKUA_COSIGN names a prebuilt binary to use instead.
func buildCosign(t *testing.T) string {
	t.Helper()
	return tooltest.Build(t, cosignModule, "AKUA_COSIGN")
}

// runCosign runs cosign offline against a registry on 127.0.0.1.
func runCosign(t *testing.T, bin string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	home := t.TempDir()
	// A fresh home: no cached TUF root, no docker credentials.
	cmd.Env = append(os.Environ(), "HOME="+home, "DOCKER_CONFIG="+home, "TUF_ROOT="+filepath.Join(home, "tuf"),
		"COSIGN_EXPERIMENTAL=0", "SIGSTORE_NO_CACHE=1")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestRealCosignVerifies(t *testing.T) {
	bin := buildCosign(t)
	ctx := context.Background()
	reg := ocitest.New(t)
	keys := t.TempDir()

	// The key pair comes from akua keygen's library: cosign must read
	// akua's public key, and akua must read cosign's key format.
	privPEM, pubPEM, err := sign.GenerateKeyPair([]byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(keys, "akua.pub")
	os.WriteFile(pub, pubPEM, 0o644)
	s, err := sign.ParsePrivateKey(privPEM, []byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: helloPackage(t), Ref: repo(t, reg, "acme/hello"), Signer: s, AkuaVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ref := res.Ref.Name() + "@" + res.Digest.String()
	// An empty trusted root and --offline keep cosign from fetching
	// sigstore's TUF repository: the test must not leave the machine.
	root := filepath.Join(keys, "trusted_root.json")
	os.WriteFile(root, []byte(`{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}`), 0o644)
	offline := []string{"--insecure-ignore-tlog=true", "--allow-insecure-registry", "--allow-http-registry",
		"--offline=true", "--private-infrastructure=true", "--trusted-root=" + root}

	out, err := runCosign(t, bin, append([]string{"verify", "--key", pub}, append(offline, ref)...)...)
	if err != nil {
		t.Fatalf("cosign verify rejected akua's signature: %v\n%s", err, out)
	}
	if !strings.Contains(out, res.Digest.String()) {
		t.Errorf("cosign verify output does not name the digest:\n%s", out)
	}
	if strings.Contains(out, "TUF") {
		t.Errorf("cosign went for its TUF repository:\n%s", out)
	}
	t.Logf("cosign verify:\n%s", out)

	out, err = runCosign(t, bin, append([]string{"verify-attestation", "--key", pub, "--type", "slsaprovenance1"}, append(offline, ref)...)...)
	if err != nil {
		t.Fatalf("cosign verify-attestation rejected akua's provenance: %v\n%s", err, out)
	}

	// And cosign refuses another key, as akua does.
	_, otherPub, _ := sign.GenerateKeyPair(nil)
	other := filepath.Join(keys, "other.pub")
	os.WriteFile(other, otherPub, 0o644)
	if out, err := runCosign(t, bin, append([]string{"verify", "--key", other}, append(offline, ref)...)...); err == nil {
		t.Errorf("cosign verify accepted another key:\n%s", out)
	}

	// A key written by `cosign generate-key-pair` signs for akua.
	gen := t.TempDir()
	cmd := exec.Command(bin, "generate-key-pair")
	cmd.Dir = gen
	cmd.Env = append(os.Environ(), "COSIGN_PASSWORD=cosign-pw", "HOME="+gen)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cosign generate-key-pair: %v\n%s", err, out)
	}
	cs, err := sign.LoadPrivateKey(filepath.Join(gen, "cosign.key"), []byte("cosign-pw"))
	if err != nil {
		t.Fatalf("reading cosign's private key: %v", err)
	}
	if _, err := sign.SignManifest(ctx, oci.New(oci.Options{}), res.Ref, res.Digest, cs, nil); err != nil {
		t.Fatal(err)
	}
	if out, err := runCosign(t, bin, append([]string{"verify", "--key", filepath.Join(gen, "cosign.pub")}, append(offline, ref)...)...); err != nil {
		t.Fatalf("cosign verify with cosign's own key: %v\n%s", err, out)
	}

	// And the other way round: what `cosign sign --key` writes, akua
	// verifies.
	t.Setenv("COSIGN_PASSWORD", "cosign-pw")
	unsigned, err := artifact.Publish(ctx, artifact.PublishOptions{Dir: helloPackage(t), Ref: repo(t, reg, "acme/by-cosign")})
	if err != nil {
		t.Fatal(err)
	}
	uref := unsigned.Ref.Name() + "@" + unsigned.Digest.String()
	out, err = runCosign(t, bin, "sign", "--key", filepath.Join(gen, "cosign.key"), "--tlog-upload=false", "--yes",
		"--allow-insecure-registry", "--allow-http-registry", uref)
	if err != nil {
		t.Fatalf("cosign sign: %v\n%s", err, out)
	}
	t.Logf("cosign sign:\n%s", out)
	v, err := sign.LoadPublicKey(filepath.Join(gen, "cosign.pub"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sign.VerifySignatures(ctx, oci.New(oci.Options{}), unsigned.Ref, unsigned.Digest, v); err != nil {
		t.Fatalf("akua rejects cosign's signature: %v", err)
	}
}
