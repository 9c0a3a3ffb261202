package oci

// This file holds the read side of the client: resolve, list tags, and
// fetch manifests and blobs with their content checked against the
// digest they were asked by.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/content"
)

// A Manifest is a fetched single image manifest: its verified raw bytes,
// its descriptor (digest and size of Raw) and the parsed document.
type Manifest struct {
	// Descriptor describes Raw. Its ArtifactType and Annotations are
	// copied from the manifest, as OCI descriptors of manifests carry.
	Descriptor Descriptor
	// Raw is the manifest exactly as served; Descriptor.Digest is its
	// sha256.
	Raw []byte
	ocispec.Manifest
}

// Resolve returns the descriptor of the manifest ref names (its digest
// when set, else its tag). It does not download the manifest.
func (c *Client) Resolve(ctx context.Context, ref Ref) (Descriptor, error) {
	if ref.Reference() == "" {
		return Descriptor{}, fmt.Errorf("%s: no tag or digest to resolve", ref)
	}
	repo, err := c.repository(ref)
	if err != nil {
		return Descriptor{}, err
	}
	desc, err := repo.Resolve(ctx, ref.Reference())
	if err != nil {
		return Descriptor{}, fmt.Errorf("resolving %s: %w", ref, err)
	}
	if ref.Digest != "" && desc.Digest != ref.Digest {
		return Descriptor{}, fmt.Errorf("resolving %s: registry answered %s: %w", ref, desc.Digest, ErrDigestMismatch)
	}
	return desc, nil
}

// Tags returns the tags of ref's repository, sorted. A repository that
// does not exist has no tags.
func (c *Client) Tags(ctx context.Context, ref Ref) ([]string, error) {
	repo, err := c.repository(ref.Repo())
	if err != nil {
		return nil, err
	}
	var tags []string
	err = repo.Tags(ctx, "", func(page []string) error {
		tags = append(tags, page...)
		return nil
	})
	if err != nil {
		if isNotFound(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("listing tags of %s: %w", ref.Repo(), err)
	}
	slices.Sort(tags)
	return slices.Compact(tags), nil
}

// FetchManifest downloads the manifest ref names and checks it: its
// bytes must hash to the digest asked for (ref.Digest) or, for a tag,
// to the digest the registry announced, and it must be a single image
// manifest (OCI or Docker schema 2). Image indexes are refused with
// ErrUnsupportedManifest.
func (c *Client) FetchManifest(ctx context.Context, ref Ref) (*Manifest, error) {
	if ref.Reference() == "" {
		return nil, fmt.Errorf("%s: no tag or digest to fetch", ref)
	}
	repo, err := c.repository(ref)
	if err != nil {
		return nil, err
	}
	desc, rc, err := repo.FetchReference(ctx, ref.Reference())
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", ref, err)
	}
	defer rc.Close()
	if desc.Size > c.opts.MaxManifestSize {
		return nil, fmt.Errorf("fetching %s: manifest of %d bytes: %w (%d)", ref, desc.Size, ErrTooLarge, c.opts.MaxManifestSize)
	}
	raw, err := content.ReadAll(rc, desc)
	if err != nil {
		return nil, verifyError("manifest", desc.Digest, err)
	}
	// oras checks the announced digest against ref.Digest; check the
	// content itself too, whatever the headers said.
	if ref.Digest != "" && digest.FromBytes(raw) != ref.Digest {
		return nil, fmt.Errorf("manifest %s: %w", ref.Digest, ErrDigestMismatch)
	}
	return parseManifest(desc, raw)
}

// ParseManifest parses raw manifest bytes (for manifests read from a
// cache or a file). The descriptor is computed from raw.
func ParseManifest(raw []byte) (*Manifest, error) {
	var head struct {
		MediaType string `json:"mediaType"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fmt.Errorf("parsing manifest: %w", err)
	}
	mt := head.MediaType
	if mt == "" {
		mt = MediaTypeImageManifest
	}
	return parseManifest(content.NewDescriptorFromBytes(mt, raw), raw)
}

// parseManifest parses raw, described by desc, as a single image
// manifest.
func parseManifest(desc Descriptor, raw []byte) (*Manifest, error) {
	switch desc.MediaType {
	case MediaTypeImageManifest, MediaTypeDockerManifest:
	case MediaTypeImageIndex, MediaTypeDockerList:
		return nil, fmt.Errorf("manifest %s is an image index (%s): %w; akua reads single manifests", desc.Digest, desc.MediaType, ErrUnsupportedManifest)
	default:
		return nil, fmt.Errorf("manifest %s has media type %q: %w", desc.Digest, desc.MediaType, ErrUnsupportedManifest)
	}
	m := &Manifest{Raw: raw}
	if err := json.Unmarshal(raw, &m.Manifest); err != nil {
		return nil, fmt.Errorf("parsing manifest %s: %w", desc.Digest, err)
	}
	if m.SchemaVersion != 2 {
		return nil, fmt.Errorf("manifest %s: schemaVersion %d: %w", desc.Digest, m.SchemaVersion, ErrUnsupportedManifest)
	}
	// A manifest saying it is something else than what the registry
	// served it as is confused or hostile; refuse it.
	if m.MediaType != "" && m.MediaType != desc.MediaType {
		return nil, fmt.Errorf("manifest %s: served as %s but says %s: %w", desc.Digest, desc.MediaType, m.MediaType, ErrUnsupportedManifest)
	}
	desc.ArtifactType = m.ArtifactType
	if desc.ArtifactType == "" && m.Config.MediaType != MediaTypeImageConfig {
		desc.ArtifactType = m.Config.MediaType
	}
	desc.Annotations = m.Annotations
	m.Descriptor = desc
	return m, nil
}

// FetchBlob downloads the blob desc describes from ref's repository and
// returns it once its size and digest are checked (ErrDigestMismatch
// otherwise). Blobs larger than the client's cap are refused
// (ErrTooLarge) before anything is downloaded.
func (c *Client) FetchBlob(ctx context.Context, ref Ref, desc Descriptor) ([]byte, error) {
	rc, err := c.OpenBlob(ctx, ref, desc)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(rc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// OpenBlob is FetchBlob for content too large to hold in memory: the
// reader checks size and digest as it goes and returns an error
// wrapping ErrDigestMismatch instead of io.EOF when they do not match,
// so a caller that reads to EOF without error has the right bytes.
func (c *Client) OpenBlob(ctx context.Context, ref Ref, desc Descriptor) (io.ReadCloser, error) {
	if err := desc.Digest.Validate(); err != nil {
		return nil, fmt.Errorf("blob %q: %w", desc.Digest, err)
	}
	if desc.Size < 0 || desc.Size > c.opts.MaxBlobSize {
		return nil, fmt.Errorf("blob %s of %d bytes: %w (%d)", desc.Digest, desc.Size, ErrTooLarge, c.opts.MaxBlobSize)
	}
	repo, err := c.repository(ref.Repo())
	if err != nil {
		return nil, err
	}
	rc, err := repo.Blobs().Fetch(ctx, desc)
	if err != nil {
		// oras refuses a response whose Content-Length differs from the
		// descriptor's size with an untyped error; it is the same
		// failure as wrong bytes, so give it the same type.
		if strings.Contains(err.Error(), "mismatch Content-Length") {
			return nil, fmt.Errorf("blob %s from %s: %w (%v)", desc.Digest, ref.Repo(), ErrDigestMismatch, err)
		}
		return nil, fmt.Errorf("fetching blob %s from %s: %w", desc.Digest, ref.Repo(), err)
	}
	return &verifyingReader{rc: rc, vr: content.NewVerifyReader(rc, desc), desc: desc}, nil
}

// A verifyingReader checks a blob's size and digest when it reaches the
// end.
type verifyingReader struct {
	rc   io.ReadCloser
	vr   *content.VerifyReader
	desc Descriptor
}

func (r *verifyingReader) Read(p []byte) (int, error) {
	n, err := r.vr.Read(p)
	if err == io.EOF {
		if verr := r.vr.Verify(); verr != nil {
			return n, verifyError("blob", r.desc.Digest, verr)
		}
	} else if err != nil {
		err = verifyError("blob", r.desc.Digest, err)
	}
	return n, err
}

func (r *verifyingReader) Close() error { return r.rc.Close() }
