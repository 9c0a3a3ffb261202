package oci

// This file holds the write side of the client: blobs, then a manifest
// akua marshals itself, then tags, which an existing tag refuses unless
// the push is forced.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/opencontainers/image-spec/specs-go"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/errdef"
	"oras.land/oras-go/v2/registry/remote/errcode"
)

// A Blob is content to push: media type, bytes, and the annotations its
// descriptor carries in the manifest.
type Blob struct {
	MediaType   string
	Data        []byte
	Annotations map[string]string
}

// Descriptor returns the descriptor of b as it appears in a manifest.
func (b Blob) Descriptor() Descriptor {
	d := content.NewDescriptorFromBytes(b.MediaType, b.Data)
	if len(b.Annotations) > 0 {
		d.Annotations = b.Annotations
	}
	return d
}

// An Artifact is what Push uploads: an OCI image manifest with its
// config and layers.
type Artifact struct {
	// ArtifactType is the manifest's artifactType; "" leaves it out
	// (cosign's signature manifests have none). It is required when
	// Config is nil.
	ArtifactType string
	// Config is the config blob; nil uses the OCI empty config ("{}",
	// application/vnd.oci.empty.v1+json).
	Config *Blob
	// Layers are the layers in order.
	Layers []Blob
	// Annotations are the manifest's annotations.
	Annotations map[string]string
	// Subject, when set, makes the manifest a referrer of another one.
	Subject *Descriptor
}

// PushOptions say how Push tags what it pushed.
type PushOptions struct {
	// Tags are the tags to point at the manifest; nil means ref.Tag when
	// it is set, and no tag otherwise.
	Tags []string
	// Force overwrites tags that already exist. Without it Push refuses
	// them (TagExistsError) before uploading anything.
	Force bool
}

// MarshalManifest returns the manifest Push would upload for a and its
// descriptor. The encoding is deterministic (no creation time, fixed
// field order, sorted annotation keys), so the same artifact always has
// the same digest: republishing identical content is detectable, and a
// manifest digest can be predicted before pushing.
func MarshalManifest(a Artifact) ([]byte, Descriptor, error) {
	config := ocispec.DescriptorEmptyJSON
	if a.Config != nil {
		config = a.Config.Descriptor()
	} else if a.ArtifactType == "" {
		return nil, Descriptor{}, errors.New("an artifact with the empty config needs an artifactType")
	}
	m := ocispec.Manifest{
		Versioned:    specs.Versioned{SchemaVersion: 2},
		MediaType:    MediaTypeImageManifest,
		ArtifactType: a.ArtifactType,
		Config:       config,
		Layers:       make([]Descriptor, 0, len(a.Layers)),
		Subject:      a.Subject,
		Annotations:  a.Annotations,
	}
	for _, l := range a.Layers {
		m.Layers = append(m.Layers, l.Descriptor())
	}
	// encoding/json writes struct fields in declaration order and map
	// keys sorted, which is what makes this deterministic.
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, Descriptor{}, err
	}
	desc := content.NewDescriptorFromBytes(MediaTypeImageManifest, raw)
	desc.ArtifactType = a.ArtifactType
	desc.Annotations = a.Annotations
	return raw, desc, nil
}

// Push uploads a to ref's repository and tags it (see PushOptions). It
// returns the manifest's descriptor.
//
// Tags are checked first: an existing tag fails the push with a
// *TagExistsError (errors.Is ErrTagExists) unless opts.Force. The
// registry protocol has no compare-and-swap, so two publishers racing
// on the same new tag can still both succeed; the check stops the
// common mistake, republishing a version.
func (c *Client) Push(ctx context.Context, ref Ref, a Artifact, opts PushOptions) (Descriptor, error) {
	raw, desc, err := MarshalManifest(a)
	if err != nil {
		return Descriptor{}, err
	}
	tags := opts.Tags
	if tags == nil && ref.Tag != "" {
		tags = []string{ref.Tag}
	}
	for _, t := range tags {
		if err := ref.WithTag(t).Validate(); err != nil {
			return Descriptor{}, fmt.Errorf("tag %q: %w", t, err)
		}
	}
	if !opts.Force {
		for _, t := range tags {
			old, ok, err := c.TagExists(ctx, ref.WithTag(t))
			if err != nil {
				return Descriptor{}, err
			}
			if ok {
				return Descriptor{}, &TagExistsError{Ref: ref.WithTag(t), Digest: old.Digest, Same: old.Digest == desc.Digest}
			}
		}
	}
	blobs := a.Layers
	if a.Config != nil {
		blobs = append([]Blob{*a.Config}, blobs...)
	} else {
		blobs = append([]Blob{{MediaType: MediaTypeEmptyJSON, Data: ocispec.DescriptorEmptyJSON.Data}}, blobs...)
	}
	for _, b := range blobs {
		if _, err := c.PushBlob(ctx, ref, b); err != nil {
			return Descriptor{}, err
		}
	}
	if err := c.PushManifest(ctx, ref, desc, raw, tags); err != nil {
		return Descriptor{}, err
	}
	return desc, nil
}

// PushBlob uploads b to ref's repository unless the registry already
// has it, and returns its descriptor.
func (c *Client) PushBlob(ctx context.Context, ref Ref, b Blob) (Descriptor, error) {
	repo, err := c.repository(ref.Repo())
	if err != nil {
		return Descriptor{}, err
	}
	d := b.Descriptor()
	if ok, err := repo.Blobs().Exists(ctx, d); err == nil && ok {
		return d, nil
	}
	if err := repo.Blobs().Push(ctx, d, bytes.NewReader(b.Data)); err != nil && !errors.Is(err, errdef.ErrAlreadyExists) {
		return Descriptor{}, fmt.Errorf("pushing blob %s to %s: %w", d.Digest, ref.Repo(), err)
	}
	return d, nil
}

// PushManifest uploads raw (described by desc) to ref's repository and
// points each tag at it, overwriting tags without checking: callers
// that care use Push, or TagExists first. With no tags it is pushed by
// digest only.
func (c *Client) PushManifest(ctx context.Context, ref Ref, desc Descriptor, raw []byte, tags []string) error {
	repo, err := c.repository(ref.Repo())
	if err != nil {
		return err
	}
	if len(tags) == 0 {
		if err := repo.Manifests().Push(ctx, desc, bytes.NewReader(raw)); err != nil && !errors.Is(err, errdef.ErrAlreadyExists) {
			return fmt.Errorf("pushing manifest %s to %s: %w", desc.Digest, ref.Repo(), err)
		}
		return nil
	}
	for _, t := range tags {
		if err := repo.Manifests().PushReference(ctx, desc, bytes.NewReader(raw), t); err != nil {
			return fmt.Errorf("pushing manifest %s as %s: %w", desc.Digest, ref.WithTag(t), err)
		}
	}
	return nil
}

// TagExists reports whether ref's tag names a manifest, and which.
func (c *Client) TagExists(ctx context.Context, ref Ref) (Descriptor, bool, error) {
	if ref.Tag == "" {
		return Descriptor{}, false, fmt.Errorf("%s: no tag", ref)
	}
	d, err := c.Resolve(ctx, ref.WithTag(ref.Tag))
	switch {
	case err == nil:
		return d, true, nil
	case isNotFound(err):
		return Descriptor{}, false, nil
	}
	return Descriptor{}, false, err
}

// isNotFound reports whether err says the registry has no such thing:
// oras' ErrNotFound, or a 404 error response (a repository that does
// not exist yet answers tag listings that way).
func isNotFound(err error) bool {
	if errors.Is(err, errdef.ErrNotFound) {
		return true
	}
	var er *errcode.ErrorResponse
	return errors.As(err, &er) && er.StatusCode == http.StatusNotFound
}
