package oci

// This file holds the Client and its options: how a registry is reached
// (HTTPS or plain HTTP, which credentials) and the size caps on what it
// may send back.

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/registry"
	"oras.land/oras-go/v2/registry/remote"
	"oras.land/oras-go/v2/registry/remote/auth"
	"oras.land/oras-go/v2/registry/remote/retry"
)

// A Descriptor describes content in a registry: media type, digest and
// size (the OCI descriptor).
type Descriptor = ocispec.Descriptor

// A Credential is a username/password or token pair for a registry.
type Credential = auth.Credential

// Default size caps. A manifest is small JSON; a blob is capped like a
// fetched archive (SPEC §12: 256 MiB).
const (
	DefaultMaxManifestSize int64 = 4 << 20
	DefaultMaxBlobSize     int64 = 256 << 20
)

// Options configure a Client. The zero value is the default.
type Options struct {
	// PlainHTTP reaches every registry over plain HTTP. Loopback
	// registries (localhost, 127.0.0.0/8, ::1) always are.
	PlainHTTP bool

	// Credentials returns the credential for a registry host (host:port).
	// Nil reads docker's config.json (DockerConfig) and the credential
	// helpers it names; a host with no entry is accessed anonymously.
	Credentials func(ctx context.Context, host string) (Credential, error)

	// DockerConfig is the path of the docker config.json to read
	// credentials from; "" means $DOCKER_CONFIG/config.json, else
	// ~/.docker/config.json.
	DockerConfig string

	// HTTPClient sends the requests; nil uses a client that retries
	// transient failures (oras' retry client).
	HTTPClient *http.Client

	// UserAgent is sent with every request; "" means "akua".
	UserAgent string

	// MaxManifestSize and MaxBlobSize cap what is read from the
	// registry; 0 means DefaultMaxManifestSize and DefaultMaxBlobSize.
	MaxManifestSize int64
	MaxBlobSize     int64
}

// A Client talks to OCI registries. It is safe for concurrent use.
type Client struct {
	opts Options
	auth *auth.Client

	credOnce sync.Once
	credFunc auth.CredentialFunc
	credErr  error
}

// New returns a Client with the given options.
func New(opts Options) *Client {
	if opts.MaxManifestSize <= 0 {
		opts.MaxManifestSize = DefaultMaxManifestSize
	}
	if opts.MaxBlobSize <= 0 {
		opts.MaxBlobSize = DefaultMaxBlobSize
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "akua"
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = retry.DefaultClient
	}
	c := &Client{opts: opts}
	c.auth = &auth.Client{
		Client:     hc,
		Cache:      auth.NewCache(),
		Credential: c.credential,
		Header:     http.Header{"User-Agent": {opts.UserAgent}},
	}
	return c
}

// credential resolves the credential for host, loading the docker
// config once, on first use, so that commands that never reach a
// registry never read it and a broken config.json only matters when a
// registry is actually contacted.
func (c *Client) credential(ctx context.Context, host string) (Credential, error) {
	if c.opts.Credentials != nil {
		return c.opts.Credentials(ctx, host)
	}
	c.credOnce.Do(func() { c.credFunc, c.credErr = dockerCredentials(c.opts.DockerConfig) })
	if c.credErr != nil {
		return auth.EmptyCredential, c.credErr
	}
	return c.credFunc(ctx, host)
}

// repository returns an oras repository client for ref's repository.
func (c *Client) repository(ref Ref) (*remote.Repository, error) {
	if err := ref.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", ref, err)
	}
	return &remote.Repository{
		Client:    c.auth,
		Reference: registry.Reference{Registry: ref.Registry, Repository: ref.Repository},
		PlainHTTP: c.opts.PlainHTTP || ref.IsLoopback(),
		// Ask for every single-manifest type akua reads, Docker's too:
		// some registries still serve Helm charts under it.
		ManifestMediaTypes: []string{MediaTypeImageManifest, MediaTypeDockerManifest, MediaTypeImageIndex, MediaTypeDockerList},
		// Bound pagination so a misbehaving registry cannot make a tag
		// listing run forever.
		TagListMaxPages:  1000,
		MaxMetadataBytes: c.opts.MaxManifestSize,
	}, nil
}
