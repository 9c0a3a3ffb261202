package sign

// This file holds VerifyArtifact: everything `akua verify --ref` and
// `akua pull` check about a published artifact, in one call.

import (
	"context"
	"errors"
	"fmt"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/registry/oci"
)

// VerifyOptions say what VerifyArtifact requires. The zero value checks
// nothing but reports what is there.
type VerifyOptions struct {
	// Key verifies signatures and attestations. Without one nothing can
	// be verified: signatures and attestations are only counted.
	Key *Verifier
	// RequireSignature fails unless a signature verifies with Key
	// (strict signing). Without a Key it always fails.
	RequireSignature bool
	// RequireAttestation fails unless an attestation of PredicateType
	// verifies with Key.
	RequireAttestation bool
	// PredicateType is the attestation RequireAttestation asks for; ""
	// means SLSA provenance v1.
	PredicateType string
}

// A Result is what VerifyArtifact found about an artifact.
type Result struct {
	Ref    oci.Ref       // the artifact, with its digest
	Digest digest.Digest // its manifest digest
	KeyID  string        // the key checked with; "" without one

	Signatures        int  // signatures found
	SignatureVerified bool // one verified with the key and names Digest
	// SignatureID names the first verified signature (Signature.ID),
	// for a lock's signature field; "" when none verified.
	SignatureID digest.Digest

	Attestations []AttestationStatus
	// Provenance is the first verified SLSA v1 provenance, if any, and
	// ProvenanceID the digest of the envelope holding it (its layer
	// digest), for a lock's attestation field.
	Provenance   *Provenance
	ProvenanceID digest.Digest
}

// AttestationStatus is one attestation found.
type AttestationStatus struct {
	PredicateType string `json:"predicateType"`
	Verified      bool   `json:"verified"`
}

// ErrNoKey: verification was required but no public key was given.
var ErrNoKey = errors.New("no public key to verify with (set [signing].cosign_public_key in akua.toml or pass --key)")

// VerifyArtifact resolves ref to a manifest digest (checking it against
// ref.Digest when set) and checks the cosign signatures and attestations
// stored for it. The Result is returned whenever the digest was
// resolved, also alongside an error, so callers can report what was
// found; the error wraps ErrUnsigned, ErrBadSignature, ErrNoKey or
// ErrNoAttestation when a requirement is not met.
func VerifyArtifact(ctx context.Context, c *oci.Client, ref oci.Ref, opts VerifyOptions) (*Result, error) {
	desc, err := c.Resolve(ctx, ref)
	if err != nil {
		return nil, err
	}
	d := desc.Digest
	res := &Result{Ref: ref.WithDigest(d), Digest: d}
	if opts.Key != nil {
		res.KeyID = opts.Key.KeyID()
	}
	sigs, err := FetchSignatures(ctx, c, ref, d)
	if err != nil {
		return res, err
	}
	res.Signatures = len(sigs)

	var sigErr error
	switch {
	case opts.Key != nil:
		if ok, err := VerifySignatures(ctx, c, ref, d, opts.Key); err == nil {
			res.SignatureVerified, res.SignatureID = true, ok[0].ID()
		} else {
			sigErr = err
		}
	case opts.RequireSignature:
		sigErr = ErrNoKey
	}

	var atts []Attestation
	if opts.Key != nil {
		atts, err = VerifyAttestations(ctx, c, ref, d, opts.Key)
	} else {
		atts, err = FetchAttestations(ctx, c, ref, d)
	}
	if err != nil {
		return res, err
	}
	for _, a := range atts {
		res.Attestations = append(res.Attestations, AttestationStatus{PredicateType: a.PredicateType, Verified: a.Verified})
		if a.Verified && res.Provenance == nil && a.Statement.PredicateType == PredicateSLSAProvenanceV1 {
			if p, err := a.Statement.ParseProvenance(); err == nil {
				res.Provenance, res.ProvenanceID = p, a.Layer.Digest
			}
		}
	}

	if opts.RequireSignature && sigErr != nil {
		return res, sigErr
	}
	if opts.Key != nil && sigErr != nil && res.Signatures > 0 {
		// Signatures that exist but do not verify are always an error:
		// either the key is wrong or the artifact was tampered with.
		return res, sigErr
	}
	if opts.RequireAttestation {
		want := opts.PredicateType
		if want == "" {
			want = PredicateSLSAProvenanceV1
		}
		if opts.Key == nil {
			return res, ErrNoKey
		}
		if !res.hasVerified(want) {
			return res, fmt.Errorf("%s: %w of type %s (found %d attestation(s))", res.Ref, ErrNoAttestation, want, len(atts))
		}
	}
	return res, nil
}

func (r *Result) hasVerified(predicateType string) bool {
	for _, a := range r.Attestations {
		if a.Verified && a.PredicateType == predicateType {
			return true
		}
	}
	return false
}
