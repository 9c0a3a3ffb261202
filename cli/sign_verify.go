package cli

// This file holds `akua verify --ref`: checking the signature and
// provenance of a published artifact. The verify command itself
// (verify.go) checks a package's lock; it calls runVerifyRef when given
// --ref.

import (
	"fmt"

	"github.com/spf13/cobra"

	"akua.dev/akua/registry/sign"
)

// verifyRefOptions are the flags of `akua verify --ref`.
type verifyRefOptions struct {
	Ref       string // the artifact, oci://host/repo:tag|@digest
	Key       string // --key: public key file; "" means [signing].cosign_public_key of Dir
	Dir       string // the package whose akua.toml configures the key; "" means "."
	PlainHTTP bool
	// NoAttestation accepts an artifact without a verified provenance
	// (a signature is always required).
	NoAttestation bool
}

// verifyRefReport is `akua verify --ref --json` output.
type verifyRefReport struct {
	Ref               string                   `json:"ref"`
	Digest            string                   `json:"digest"`
	KeyID             string                   `json:"keyId"`
	Signatures        int                      `json:"signatures"`
	SignatureVerified bool                     `json:"signatureVerified"`
	Attestations      []sign.AttestationStatus `json:"attestations"`
	Provenance        *sign.Provenance         `json:"provenance,omitempty"`
}

// runVerifyRef verifies a published artifact: it must carry a cosign
// signature that verifies with the key, and (unless NoAttestation) a
// verified SLSA v1 provenance naming it.
func runVerifyRef(cmd *cobra.Command, o verifyRefOptions) error {
	ref, err := parseRef(cmd, "--ref", o.Ref)
	if err != nil {
		return err
	}
	f := artifactFlags{pkg: o.Dir, key: o.Key, plainHTTP: o.PlainHTTP}
	dir, err := f.dir()
	if err != nil {
		return err
	}
	m, err := manifestOptional(dir)
	if err != nil {
		return artifactError(err)
	}
	v, err := f.verifier(dir, m)
	if err != nil {
		return err
	}
	res, err := sign.VerifyArtifact(cmd.Context(), f.client(), ref, sign.VerifyOptions{
		Key: v, RequireSignature: true, RequireAttestation: !o.NoAttestation,
	})
	if err != nil {
		return artifactError(err)
	}
	if jsonOutput(cmd) {
		atts := res.Attestations
		if atts == nil {
			atts = []sign.AttestationStatus{}
		}
		return writeJSON(cmd.OutOrStdout(), verifyRefReport{Ref: res.Ref.URL(), Digest: res.Digest.String(), KeyID: res.KeyID,
			Signatures: res.Signatures, SignatureVerified: res.SignatureVerified, Attestations: atts, Provenance: res.Provenance})
	}
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "verified %s\n", res.Ref.URL())
	fmt.Fprintf(w, "  signature   %s\n", signatureLine(res.Signatures, res.SignatureVerified, res.KeyID))
	if p := res.Provenance; p != nil {
		fmt.Fprintf(w, "  provenance  SLSA v1, %s, built by %s\n", plural(len(p.BuildDefinition.ResolvedDependencies), "input"), p.RunDetails.Builder.ID)
	}
	return nil
}
