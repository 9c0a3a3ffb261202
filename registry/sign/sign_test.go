package sign

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"testing"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/oci/ocitest"
)

// newSigner returns a signer with a fresh key. It skips the key
// encryption of GenerateKeyPair (scrypt is slow on purpose).
func newSigner(t *testing.T) *Signer {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// publish pushes a small artifact and returns its ref and digest.
func publish(t *testing.T, c *oci.Client, reg *ocitest.Registry, content string) (oci.Ref, digest.Digest) {
	t.Helper()
	ref, err := oci.ParseRef(reg.Ref("acme/app:" + content))
	if err != nil {
		t.Fatal(err)
	}
	desc, err := c.Push(context.Background(), ref, oci.Artifact{
		ArtifactType: oci.ArtifactTypeAkuaPackage,
		Layers:       []oci.Blob{{MediaType: oci.MediaTypeAkuaPackageLayer, Data: []byte(content)}},
	}, oci.PushOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ref, desc.Digest
}

func TestSignAndVerify(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	c := oci.New(oci.Options{})
	ref, d := publish(t, c, reg, "v1")
	s := newSigner(t)

	if _, err := VerifySignatures(ctx, c, ref, d, s.Verifier()); !errors.Is(err, ErrUnsigned) {
		t.Fatalf("unsigned: %v, want ErrUnsigned", err)
	}
	if _, err := SignManifest(ctx, c, ref, d, s, map[string]any{"by": "test"}); err != nil {
		t.Fatal(err)
	}
	sigs, err := VerifySignatures(ctx, c, ref, d, s.Verifier())
	if err != nil {
		t.Fatal(err)
	}
	if len(sigs) != 1 || sigs[0].Digest != d || sigs[0].Reference != ref.Name() {
		t.Errorf("verified signatures = %+v", sigs)
	}
	// The layout is cosign's.
	m, err := c.FetchManifest(ctx, ref.WithTag(SignatureTag(d)))
	if err != nil {
		t.Fatal(err)
	}
	if m.ArtifactType != "" || m.Config.MediaType != oci.MediaTypeImageConfig || len(m.Layers) != 1 ||
		m.Layers[0].MediaType != oci.MediaTypeCosignSimpleSigning || m.Layers[0].Annotations[oci.AnnotationCosignSignature] == "" {
		t.Errorf("signature manifest is not cosign-shaped: %s", m.Raw)
	}
	if m.Kind() != oci.KindSignature {
		t.Errorf("Kind = %s", m.Kind())
	}

	// A second key adds a signature; both verify.
	s2 := newSigner(t)
	if _, err := SignManifest(ctx, c, ref, d, s2, nil); err != nil {
		t.Fatal(err)
	}
	if all, _ := FetchSignatures(ctx, c, ref, d); len(all) != 2 {
		t.Errorf("%d signatures after a second signing, want 2", len(all))
	}
	for _, k := range []*Signer{s, s2} {
		if _, err := VerifySignatures(ctx, c, ref, d, k.Verifier()); err != nil {
			t.Error(err)
		}
	}
	// Another key fails.
	if _, err := VerifySignatures(ctx, c, ref, d, newSigner(t).Verifier()); !errors.Is(err, ErrBadSignature) {
		t.Errorf("wrong key: %v, want ErrBadSignature", err)
	}
}

func TestSignatureOfAnotherManifestRefused(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	c := oci.New(oci.Options{})
	ref, good := publish(t, c, reg, "good")
	_, evil := publish(t, c, reg, "evil")
	s := newSigner(t)
	if _, err := SignManifest(ctx, c, ref, good, s, nil); err != nil {
		t.Fatal(err)
	}
	// Copy the good manifest's signature manifest onto the evil one.
	m, err := c.FetchManifest(ctx, ref.WithTag(SignatureTag(good)))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.PushManifest(ctx, ref, m.Descriptor, m.Raw, []string{SignatureTag(evil)}); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifySignatures(ctx, c, ref, evil, s.Verifier()); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("copied signature: %v, want ErrBadSignature", err)
	}
}

func TestAttestAndVerifyArtifact(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	c := oci.New(oci.Options{})
	ref, d := publish(t, c, reg, "v1")
	s := newSigner(t)

	res, err := VerifyArtifact(ctx, c, ref, VerifyOptions{Key: s.Verifier(), RequireSignature: true})
	if !errors.Is(err, ErrUnsigned) || res == nil || res.Digest != d {
		t.Fatalf("unsigned, strict: %+v, %v; want ErrUnsigned", res, err)
	}
	if res, err := VerifyArtifact(ctx, c, ref, VerifyOptions{}); err != nil || res.Signatures != 0 {
		t.Fatalf("unsigned, lax: %+v, %v", res, err)
	}

	st, err := NewProvenance(ProvenanceInput{
		Ref: ref, Manifest: d, Archive: digest.FromString("v1"),
		PackageName: "app", PackageVersion: "1.0.0", AkuaVersion: "test",
		Dependencies: []Dependency{{Name: "podinfo", Source: "oci://ghcr.io/stefanprodan/charts/podinfo", Version: "6.0.0", Digests: []string{"sha256:abcd"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SignManifest(ctx, c, ref, d, s, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Attest(ctx, c, ref, d, s, st); err != nil {
		t.Fatal(err)
	}
	res, err = VerifyArtifact(ctx, c, ref, VerifyOptions{Key: s.Verifier(), RequireSignature: true, RequireAttestation: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.SignatureVerified || len(res.Attestations) != 1 || !res.Attestations[0].Verified || res.Provenance == nil {
		t.Fatalf("result = %+v", res)
	}
	deps := res.Provenance.BuildDefinition.ResolvedDependencies
	if len(deps) != 2 || deps[1].Name != "podinfo" || deps[1].Digest["sha256"] != "abcd" {
		t.Errorf("resolved dependencies = %+v", deps)
	}

	// The statement is a well-formed in-toto v1 statement naming d.
	atts, _ := FetchAttestations(ctx, c, ref, d)
	payload, err := atts[0].Envelope.Verify(s.Verifier())
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	json.Unmarshal(payload, &raw)
	if raw["_type"] != StatementTypeV1 || raw["predicateType"] != PredicateSLSAProvenanceV1 {
		t.Errorf("statement = %s", payload)
	}

	// Wrong key: signatures exist but do not verify.
	if _, err := VerifyArtifact(ctx, c, ref, VerifyOptions{Key: newSigner(t).Verifier()}); !errors.Is(err, ErrBadSignature) {
		t.Errorf("wrong key: %v, want ErrBadSignature", err)
	}
	// Strict without a key.
	if _, err := VerifyArtifact(ctx, c, ref, VerifyOptions{RequireSignature: true}); !errors.Is(err, ErrNoKey) {
		t.Errorf("no key: %v, want ErrNoKey", err)
	}
	// An attestation whose statement names another manifest is refused
	// by Attest itself.
	st.Subject[0].Digest = map[string]string{"sha256": digest.FromString("other").Encoded()}
	if _, err := Attest(ctx, c, ref, d, s, st); err == nil {
		t.Error("Attest of a statement about another manifest succeeded")
	}
}
