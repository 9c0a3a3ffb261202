package sign

// This file writes and reads cosign's signature layout: manifest
// sha256:<hex> is signed by a manifest tagged sha256-<hex>.sig in the
// same repository, one "simple signing" layer per signature.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/opencontainers/go-digest"
	"github.com/sigstore/sigstore/pkg/signature/payload"

	"akua.dev/akua/registry/oci"
)

// SignatureTag returns the tag cosign stores the signatures of manifest
// d under: sha256-<hex>.sig.
func SignatureTag(d digest.Digest) string { return tagFor(d, ".sig") }

// AttestationTag returns the tag cosign stores the attestations of
// manifest d under: sha256-<hex>.att.
func AttestationTag(d digest.Digest) string { return tagFor(d, ".att") }

func tagFor(d digest.Digest, suffix string) string {
	return d.Algorithm().String() + "-" + d.Encoded() + suffix
}

// SimpleSigningPayload returns the payload cosign signs for manifest d
// of repository repo: {"critical":{"identity":{"docker-reference":
// repo},"image":{"docker-manifest-digest":d},"type":"cosign container
// image signature"},"optional":annotations}.
func SimpleSigningPayload(repo oci.Ref, d digest.Digest, annotations map[string]any) ([]byte, error) {
	nd, err := name.NewDigest(repo.Name() + "@" + d.String())
	if err != nil {
		return nil, fmt.Errorf("naming %s@%s: %w", repo.Name(), d, err)
	}
	return payload.Cosign{Image: nd, Annotations: annotations}.MarshalJSON()
}

// A Signature is one cosign signature of a manifest.
type Signature struct {
	Payload   []byte         // the simple signing payload (JSON)
	Signature []byte         // raw signature bytes
	Layer     oci.Descriptor // the layer of the .sig manifest holding it
	// Reference and Digest are what the payload claims was signed; set
	// only for verified signatures.
	Reference string
	Digest    digest.Digest
}

// ID returns the sha256 of the raw signature: it names one signature
// (ECDSA signatures differ on every signing even of the same payload),
// e.g. in a lock's signature field.
func (s Signature) ID() digest.Digest { return digest.FromBytes(s.Signature) }

// SignManifest signs manifest d of ref's repository with s and stores
// the signature as cosign does. Signatures already there (other keys,
// earlier signings) are kept. annotations go into the payload's
// "optional" section (cosign sign -a).
func SignManifest(ctx context.Context, c *oci.Client, ref oci.Ref, d digest.Digest, s *Signer, annotations map[string]any) (oci.Descriptor, error) {
	p, err := SimpleSigningPayload(ref, d, annotations)
	if err != nil {
		return oci.Descriptor{}, err
	}
	sig, err := s.Sign(p)
	if err != nil {
		return oci.Descriptor{}, fmt.Errorf("signing %s: %w", d, err)
	}
	layer := oci.Blob{
		MediaType:   oci.MediaTypeCosignSimpleSigning,
		Data:        p,
		Annotations: map[string]string{oci.AnnotationCosignSignature: base64.StdEncoding.EncodeToString(sig)},
	}
	return appendLayer(ctx, c, ref.Repo().WithTag(SignatureTag(d)), layer)
}

// FetchSignatures returns the signatures stored for manifest d of ref's
// repository, unverified; none (and no error) when there are none.
func FetchSignatures(ctx context.Context, c *oci.Client, ref oci.Ref, d digest.Digest) ([]Signature, error) {
	layers, err := fetchLayers(ctx, c, ref.Repo().WithTag(SignatureTag(d)), oci.MediaTypeCosignSimpleSigning)
	if err != nil {
		return nil, err
	}
	var sigs []Signature
	for _, l := range layers {
		raw, err := base64.StdEncoding.DecodeString(l.desc.Annotations[oci.AnnotationCosignSignature])
		if err != nil || len(raw) == 0 {
			continue // not a signature akua can check (keyless without key, or corrupt)
		}
		sigs = append(sigs, Signature{Payload: l.data, Signature: raw, Layer: l.desc})
	}
	return sigs, nil
}

// ErrUnsigned: the artifact has no signature at all.
var ErrUnsigned = errors.New("artifact is not signed")

// VerifySignatures returns the signatures of manifest d that verify with
// v and whose payload names d. It fails with ErrUnsigned when there are
// no signatures and ErrBadSignature when none verifies.
func VerifySignatures(ctx context.Context, c *oci.Client, ref oci.Ref, d digest.Digest, v *Verifier) ([]Signature, error) {
	sigs, err := FetchSignatures(ctx, c, ref, d)
	if err != nil {
		return nil, err
	}
	if len(sigs) == 0 {
		return nil, fmt.Errorf("%s@%s: %w", ref.Name(), d, ErrUnsigned)
	}
	var ok []Signature
	var why error
	for _, s := range sigs {
		// Check the signature before reading the payload: an unverified
		// payload is attacker-controlled input.
		if err := v.Verify(s.Payload, s.Signature); err != nil {
			continue
		}
		var p payload.SimpleContainerImage
		if err := json.Unmarshal(s.Payload, &p); err != nil {
			why = fmt.Errorf("signed payload is not a simple signing payload: %w", err)
			continue
		}
		if p.Critical.Type != payload.CosignSignatureType {
			why = fmt.Errorf("signed payload has type %q", p.Critical.Type)
			continue
		}
		if p.Critical.Image.DockerManifestDigest != d.String() {
			// A valid signature of another manifest, copied here.
			why = fmt.Errorf("signature is for %s, not %s", p.Critical.Image.DockerManifestDigest, d)
			continue
		}
		s.Reference, s.Digest = p.Critical.Identity.DockerReference, d
		ok = append(ok, s)
	}
	if len(ok) == 0 {
		if why == nil {
			why = fmt.Errorf("key %s", v.KeyID())
		}
		return nil, fmt.Errorf("%s@%s: %d signature(s), none valid: %w (%v)", ref.Name(), d, len(sigs), ErrBadSignature, why)
	}
	return ok, nil
}
