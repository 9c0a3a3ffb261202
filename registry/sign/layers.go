package sign

// This file reads and appends the layers of cosign's .sig and .att
// manifests. They are image manifests with an image config, as cosign
// (through go-containerregistry) writes them, so cosign reads what akua
// writes and the other way round.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/registry/oci"
)

// A layer is one fetched layer of a .sig or .att manifest.
type layer struct {
	desc oci.Descriptor
	data []byte
}

// maxSignatureLayers bounds the layers read from one .sig/.att
// manifest: a registry cannot make verification fetch without end.
const maxSignatureLayers = 100

// fetchLayers returns the layers of mediaType of the manifest tagged as
// tagRef says, each checked against its digest; none when the tag does
// not exist.
func fetchLayers(ctx context.Context, c *oci.Client, tagRef oci.Ref, mediaType string) ([]layer, error) {
	m, err := c.FetchManifest(ctx, tagRef)
	if errors.Is(err, oci.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []layer
	for _, d := range m.Layers {
		if d.MediaType != mediaType {
			continue
		}
		if len(out) == maxSignatureLayers {
			return nil, fmt.Errorf("%s: more than %d layers", tagRef, maxSignatureLayers)
		}
		data, err := c.FetchBlob(ctx, tagRef, d)
		if err != nil {
			return nil, err
		}
		out = append(out, layer{desc: d, data: data})
	}
	return out, nil
}

// appendLayer adds l to the manifest tagged as tagRef says (creating it
// when absent) and moves the tag to the result. The tag is expected to
// move: it collects signatures, unlike a version tag.
func appendLayer(ctx context.Context, c *oci.Client, tagRef oci.Ref, l oci.Blob) (oci.Descriptor, error) {
	var blobs []oci.Blob
	m, err := c.FetchManifest(ctx, tagRef)
	switch {
	case errors.Is(err, oci.ErrNotFound):
	case err != nil:
		return oci.Descriptor{}, err
	default:
		for _, d := range m.Layers {
			data, err := c.FetchBlob(ctx, tagRef, d)
			if err != nil {
				return oci.Descriptor{}, err
			}
			if d.Digest == l.Descriptor().Digest && equalAnnotations(d.Annotations, l.Annotations) {
				return m.Descriptor, nil // already there
			}
			blobs = append(blobs, oci.Blob{MediaType: d.MediaType, Data: data, Annotations: d.Annotations})
		}
	}
	blobs = append(blobs, l)
	config, err := imageConfig(blobs)
	if err != nil {
		return oci.Descriptor{}, err
	}
	a := oci.Artifact{
		Config: &oci.Blob{MediaType: oci.MediaTypeImageConfig, Data: config},
		Layers: blobs,
	}
	return c.Push(ctx, tagRef, a, oci.PushOptions{Force: true})
}

// imageConfig returns the image config cosign's signature images carry:
// an empty image whose rootfs lists the layers (uncompressed, so their
// diff ids are their digests).
func imageConfig(layers []oci.Blob) ([]byte, error) {
	type history struct {
		Created string `json:"created"`
	}
	type rootfs struct {
		Type    string          `json:"type"`
		DiffIDs []digest.Digest `json:"diff_ids"`
	}
	cfg := struct {
		Architecture string         `json:"architecture"`
		Created      string         `json:"created"`
		History      []history      `json:"history"`
		OS           string         `json:"os"`
		RootFS       rootfs         `json:"rootfs"`
		Config       map[string]any `json:"config"`
	}{Created: "0001-01-01T00:00:00Z", RootFS: rootfs{Type: "layers"}, Config: map[string]any{}}
	for _, l := range layers {
		cfg.History = append(cfg.History, history{Created: "0001-01-01T00:00:00Z"})
		cfg.RootFS.DiffIDs = append(cfg.RootFS.DiffIDs, l.Descriptor().Digest)
	}
	return json.Marshal(cfg)
}

func equalAnnotations(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}
