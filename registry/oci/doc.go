// Package oci is akua's client for OCI registries (the distribution
// spec), built on oras.land/oras-go/v2.
//
// It does the few things the rest of akua needs, and checks what it
// gets: resolve a tag to a digest, list tags, fetch a manifest or a blob
// by digest with the content verified against that digest, and push an
// artifact (blobs, then a manifest akua marshals itself so the same
// input always gives the same manifest digest) under a tag that is never
// overwritten unless the caller forces it.
//
// References are written oci://host[:port]/repository[:tag][@digest]
// (ParseRef). Registries on a loopback address are reached over plain
// HTTP, as docker does for localhost, so tests can run a registry on
// 127.0.0.1; every other registry is reached over HTTPS unless
// Options.PlainHTTP says otherwise. Credentials come from docker's
// config.json (and the credential helpers it names) unless
// Options.Credentials supplies them.
//
// The package also names the media types and annotations of the
// artifacts akua publishes and consumes (mediatypes.go) and tells them
// apart (Manifest.Kind): akua packages, Helm charts stored as OCI
// artifacts, KCL packages published by kpm, plain-manifest bundles, and
// cosign signatures and attestations.
package oci
