package oci

// This file writes registry credentials for `akua auth`: into docker's
// config.json (or the credential helper it names), the same store akua,
// docker, helm and oras read.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"oras.land/oras-go/v2/registry/remote"
	"oras.land/oras-go/v2/registry/remote/auth"
	"oras.land/oras-go/v2/registry/remote/credentials"
)

// store opens the credential store of the docker config at path ("":
// the default). Writes go to the configured credential helper when there
// is one, else to config.json itself, as `docker login` does.
func store(path string) (credentials.Store, error) {
	opts := credentials.StoreOptions{AllowPlaintextPut: true, DetectDefaultNativeStore: true}
	if path != "" {
		return credentials.NewStore(path, opts)
	}
	return credentials.NewStoreFromDocker(opts)
}

// Login checks cred against the registry host (a ping of its /v2/ API)
// and, when the registry accepts it, stores it.
func (c *Client) Login(ctx context.Context, host string, cred auth.Credential) error {
	s, err := store(c.opts.DockerConfig)
	if err != nil {
		return fmt.Errorf("opening the credential store: %w", err)
	}
	reg, err := remote.NewRegistry(host)
	if err != nil {
		return fmt.Errorf("registry %q: %w", host, err)
	}
	reg.PlainHTTP = c.opts.PlainHTTP || Ref{Registry: host}.IsLoopback()
	client := *auth.DefaultClient
	client.Cache = nil
	if c.opts.HTTPClient != nil {
		client.Client = c.opts.HTTPClient
	}
	client.SetUserAgent(c.opts.UserAgent)
	reg.Client = &client
	return credentials.Login(ctx, s, reg, cred)
}

// Logout removes the stored credentials of host.
func (c *Client) Logout(ctx context.Context, host string) error {
	s, err := store(c.opts.DockerConfig)
	if err != nil {
		return fmt.Errorf("opening the credential store: %w", err)
	}
	return credentials.Logout(ctx, s, host)
}

// LoggedIn lists the registries the docker config holds credentials
// for (in its auths table or through per-registry helpers), sorted.
func (c *Client) LoggedIn() ([]string, error) {
	path := c.opts.DockerConfig
	if path == "" {
		dir := os.Getenv("DOCKER_CONFIG")
		if dir == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return nil, err
			}
			dir = filepath.Join(home, ".docker")
		}
		path = filepath.Join(dir, "config.json")
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return []string{}, nil
	}
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Auths       map[string]json.RawMessage `json:"auths"`
		CredHelpers map[string]string          `json:"credHelpers"`
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	seen := map[string]bool{}
	for h := range cfg.Auths {
		seen[h] = true
	}
	for h := range cfg.CredHelpers {
		seen[h] = true
	}
	hosts := make([]string, 0, len(seen))
	for h := range seen {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	return hosts, nil
}
