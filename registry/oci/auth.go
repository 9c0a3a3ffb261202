package oci

// This file reads registry credentials from docker's config.json, the
// file `docker login`, `helm registry login` and `oras login` all
// write, so a user logged in with any of them is logged in for akua.

import (
	"context"
	"fmt"

	"oras.land/oras-go/v2/registry/remote/auth"
	"oras.land/oras-go/v2/registry/remote/credentials"
)

// dockerCredentials returns a credential function over the docker
// config at path ("" for the default location). A missing file means
// anonymous access everywhere.
func dockerCredentials(path string) (auth.CredentialFunc, error) {
	// Never let akua write credentials in plain text by accident: reads
	// are all this client does, and Put refuses plaintext by default.
	opts := credentials.StoreOptions{}
	var (
		store *credentials.DynamicStore
		err   error
	)
	if path != "" {
		store, err = credentials.NewStore(path, opts)
	} else {
		store, err = credentials.NewStoreFromDocker(opts)
	}
	if err != nil {
		return nil, fmt.Errorf("reading registry credentials: %w", err)
	}
	return func(ctx context.Context, host string) (auth.Credential, error) {
		cred, err := credentials.Credential(store)(ctx, host)
		if err != nil {
			return auth.EmptyCredential, fmt.Errorf("registry credentials for %s: %w", host, err)
		}
		return cred, nil
	}, nil
}
