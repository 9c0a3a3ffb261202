package sign

// This file attaches attestations to manifests and reads them back, as
// `cosign attest` and `cosign verify-attestation` do: a DSSE envelope
// per layer of the manifest tagged sha256-<hex>.att.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/registry/oci"
)

// Attest signs st with s and attaches it to manifest d of ref's
// repository. st must name d among its subjects. Attestations already
// there are kept.
func Attest(ctx context.Context, c *oci.Client, ref oci.Ref, d digest.Digest, s *Signer, st *Statement) (oci.Descriptor, error) {
	if !st.names(d) {
		return oci.Descriptor{}, fmt.Errorf("attestation does not name %s among its subjects", d)
	}
	payload, err := json.Marshal(st)
	if err != nil {
		return oci.Descriptor{}, err
	}
	env, err := SignEnvelope(s, PayloadTypeInToto, payload)
	if err != nil {
		return oci.Descriptor{}, err
	}
	data, err := json.Marshal(env)
	if err != nil {
		return oci.Descriptor{}, err
	}
	l := oci.Blob{
		MediaType: oci.MediaTypeDSSEEnvelope,
		Data:      data,
		// cosign sets an empty signature annotation on attestation
		// layers (the signature is inside the envelope) and names the
		// predicate type so it can filter without parsing.
		Annotations: map[string]string{oci.AnnotationCosignSignature: "", oci.AnnotationPredicateType: st.PredicateType},
	}
	return appendLayer(ctx, c, ref.Repo().WithTag(AttestationTag(d)), l)
}

// An Attestation is one attestation attached to a manifest.
type Attestation struct {
	PredicateType string // from the layer annotation; the statement's once verified
	Envelope      Envelope
	Layer         oci.Descriptor // the layer of the .att manifest holding it
	// Verified is set by VerifyAttestations when the envelope verifies
	// and its statement names the manifest; Statement is then set.
	Verified  bool
	Statement *Statement
}

// FetchAttestations returns the attestations of manifest d, unverified;
// none when there are none.
func FetchAttestations(ctx context.Context, c *oci.Client, ref oci.Ref, d digest.Digest) ([]Attestation, error) {
	layers, err := fetchLayers(ctx, c, ref.Repo().WithTag(AttestationTag(d)), oci.MediaTypeDSSEEnvelope)
	if err != nil {
		return nil, err
	}
	var out []Attestation
	for _, l := range layers {
		var env Envelope
		if err := json.Unmarshal(l.data, &env); err != nil {
			continue
		}
		out = append(out, Attestation{PredicateType: l.desc.Annotations[oci.AnnotationPredicateType], Envelope: env, Layer: l.desc})
	}
	return out, nil
}

// ErrNoAttestation: no attestation of the wanted type verifies.
var ErrNoAttestation = errors.New("no valid attestation")

// VerifyAttestations fetches the attestations of manifest d and checks
// each with v: the envelope's signature, its payload type, and that the
// statement names d. Every attestation is returned, with Verified set on
// those that pass.
func VerifyAttestations(ctx context.Context, c *oci.Client, ref oci.Ref, d digest.Digest, v *Verifier) ([]Attestation, error) {
	atts, err := FetchAttestations(ctx, c, ref, d)
	if err != nil {
		return nil, err
	}
	for i := range atts {
		a := &atts[i]
		if a.Envelope.PayloadType != PayloadTypeInToto {
			continue
		}
		payload, err := a.Envelope.Verify(v)
		if err != nil {
			continue
		}
		var st Statement
		if json.Unmarshal(payload, &st) != nil || !st.names(d) {
			continue
		}
		a.Verified, a.Statement, a.PredicateType = true, &st, st.PredicateType
	}
	return atts, nil
}
