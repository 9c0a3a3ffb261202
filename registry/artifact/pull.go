package artifact

// This file holds Pull: resolve, verify, fetch, unpack.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/registry"
	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/sign"
)

// PullOptions say what to pull and how much to trust it.
type PullOptions struct {
	Ref oci.Ref // tag or digest; a digest pins exactly what is accepted
	// Out is the directory to unpack the package into. It must not exist
	// or be empty. "" fetches and verifies without unpacking.
	Out string
	// Key verifies the signature. With a key, the artifact must carry a
	// signature that verifies with it (unless Insecure).
	Key *sign.Verifier
	// Strict is strict signing: an artifact without a verified
	// signature is refused, also when no key is given (unless Insecure).
	Strict bool
	// Insecure accepts an unsigned artifact, or one that cannot be
	// checked for lack of a key. A signature that exists and fails to
	// verify is refused all the same: that is tampering or the wrong
	// key, never a missing setup.
	Insecure bool
	Client   *oci.Client
	Limits   registry.Limits
}

// A Pulled describes a pull.
type Pulled struct {
	RefURL            string                   `json:"ref"` // with the digest
	Digest            digest.Digest            `json:"digest"`
	Archive           digest.Digest            `json:"archive"`
	Name              string                   `json:"name"`
	Version           string                   `json:"version"`
	Out               string                   `json:"out,omitempty"`
	Signatures        int                      `json:"signatures"`
	SignatureVerified bool                     `json:"signatureVerified"`
	Attestations      []sign.AttestationStatus `json:"attestations"`
	KeyID             string                   `json:"keyId,omitempty"`
	Warnings          []string                 `json:"warnings,omitempty"`
	// Data is the package archive, checked against its digest.
	Data []byte `json:"-"`
}

// Pull resolves opts.Ref, checks its signature as opts say, downloads
// the package archive (checked against the digests of the manifest, and
// the manifest against the digest that was verified), and unpacks it
// into opts.Out.
func Pull(ctx context.Context, opts PullOptions) (*Pulled, error) {
	c := opts.Client
	if c == nil {
		c = oci.New(oci.Options{})
	}
	require := (opts.Strict || opts.Key != nil) && !opts.Insecure
	vr, err := sign.VerifyArtifact(ctx, c, opts.Ref, sign.VerifyOptions{Key: opts.Key, RequireSignature: require})
	if err != nil {
		if errors.Is(err, sign.ErrUnsigned) || errors.Is(err, sign.ErrNoKey) {
			err = fmt.Errorf("%w; pass --insecure to accept it anyway", err)
		}
		return nil, err
	}
	p := &Pulled{
		RefURL: vr.Ref.URL(), Digest: vr.Digest, KeyID: vr.KeyID,
		Signatures: vr.Signatures, SignatureVerified: vr.SignatureVerified, Attestations: vr.Attestations,
	}
	if !vr.SignatureVerified {
		switch {
		case vr.Signatures == 0:
			p.Warnings = append(p.Warnings, "the artifact is not signed")
		case opts.Key == nil:
			p.Warnings = append(p.Warnings, "the signature was not checked: no public key given")
		}
	}

	// Fetch by the digest just verified, never by the tag again: the
	// tag could have moved in between.
	m, err := c.FetchManifest(ctx, vr.Ref)
	if err != nil {
		return nil, err
	}
	if k := m.Kind(); k != oci.KindAkuaPackage {
		return nil, fmt.Errorf("%s is a %s, not an akua package; depend on it with `akua add --oci` instead", vr.Ref, k)
	}
	layer, ok := m.ContentLayer()
	if !ok {
		return nil, fmt.Errorf("%s has no %s layer", vr.Ref, oci.MediaTypeAkuaPackageLayer)
	}
	data, err := c.FetchBlob(ctx, vr.Ref, layer)
	if err != nil {
		return nil, err
	}
	info := m.Info()
	p.Name, p.Version, p.Archive, p.Data = info.Name, info.Version, layer.Digest, data

	if opts.Out != "" {
		if err := removeIfEmpty(opts.Out); err != nil {
			return nil, err
		}
		if err := registry.Untar(bytes.NewReader(data), opts.Out, registry.UntarOptions{Limits: opts.Limits}); err != nil {
			return nil, err
		}
		p.Out = opts.Out
	}
	return p, nil
}

// removeIfEmpty removes dir when it is an empty directory, so it can be
// unpacked into, and fails when it holds anything: unpacking over files
// would mix two packages.
func removeIfEmpty(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(ents) > 0 {
		return fmt.Errorf("%s is not empty; pull into a new or empty directory", dir)
	}
	return os.Remove(dir)
}
