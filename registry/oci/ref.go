package oci

// This file holds Ref, the name of an artifact in a registry.

import (
	"fmt"
	"net"
	"strings"

	"github.com/opencontainers/go-digest"
	"oras.land/oras-go/v2/registry"
)

// Scheme is the prefix of OCI references in akua.toml and on the
// command line. ParseRef accepts references with or without it.
const Scheme = "oci://"

// A Ref names a repository in a registry and, optionally, a tag and a
// digest in it: oci://host[:port]/repository[:tag][@digest].
//
// When both are set the digest is what is fetched; the tag is kept
// because it is what the user wrote (and what a lock records beside
// the digest).
type Ref struct {
	Registry   string        // host[:port], e.g. "ghcr.io" or "127.0.0.1:5000"
	Repository string        // path in the registry, e.g. "acme/app"
	Tag        string        // "" when absent
	Digest     digest.Digest // "" when absent
}

// ParseRef parses an OCI reference, with or without the oci:// scheme.
// The registry host is required (akua does not guess docker.io).
func ParseRef(s string) (Ref, error) {
	orig := s
	s = strings.TrimPrefix(s, Scheme)
	if strings.Contains(s, "://") {
		return Ref{}, fmt.Errorf("invalid OCI reference %q: want oci://host/repository[:tag][@digest]", orig)
	}
	host, path, ok := strings.Cut(s, "/")
	if !ok || host == "" || path == "" {
		return Ref{}, fmt.Errorf("invalid OCI reference %q: missing registry host or repository (want oci://host/repository[:tag][@digest])", orig)
	}
	var r Ref
	r.Registry = host
	if i := strings.Index(path, "@"); i >= 0 {
		d, err := digest.Parse(path[i+1:])
		if err != nil {
			return Ref{}, fmt.Errorf("invalid OCI reference %q: bad digest: %v", orig, err)
		}
		r.Digest = d
		path = path[:i]
	}
	// A tag follows the last colon of the last path element (a colon
	// before it would be a port, which belongs to the host).
	if i := strings.LastIndex(path, ":"); i >= 0 && !strings.Contains(path[i:], "/") {
		r.Tag = path[i+1:]
		path = path[:i]
	}
	r.Repository = path
	if err := r.Validate(); err != nil {
		return Ref{}, fmt.Errorf("invalid OCI reference %q: %w", orig, err)
	}
	return r, nil
}

// Validate reports whether r is well formed: a registry, a repository
// in lower case, and a tag and digest that follow the distribution spec
// when present.
func (r Ref) Validate() error {
	or := registry.Reference{Registry: r.Registry, Repository: r.Repository}
	if err := or.ValidateRegistry(); err != nil {
		return err
	}
	if err := or.ValidateRepository(); err != nil {
		return err
	}
	if r.Tag != "" {
		or.Reference = r.Tag
		if err := or.ValidateReferenceAsTag(); err != nil {
			return err
		}
	}
	if r.Digest != "" {
		if err := r.Digest.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// Name returns host/repository, without tag or digest: the name cosign
// puts in a signature's docker-reference and in-toto subjects use.
func (r Ref) Name() string { return r.Registry + "/" + r.Repository }

// String returns the reference without the scheme:
// host/repository[:tag][@digest].
func (r Ref) String() string {
	s := r.Name()
	if r.Tag != "" {
		s += ":" + r.Tag
	}
	if r.Digest != "" {
		s += "@" + r.Digest.String()
	}
	return s
}

// URL returns the reference with the oci:// scheme.
func (r Ref) URL() string { return Scheme + r.String() }

// Reference returns what the registry is asked for: the digest when
// set, else the tag, else "".
func (r Ref) Reference() string {
	if r.Digest != "" {
		return r.Digest.String()
	}
	return r.Tag
}

// WithTag returns r naming tag and no digest.
func (r Ref) WithTag(tag string) Ref {
	r.Tag, r.Digest = tag, ""
	return r
}

// WithDigest returns r naming d; the tag is kept for display.
func (r Ref) WithDigest(d digest.Digest) Ref {
	r.Digest = d
	return r
}

// Repo returns r without tag and digest.
func (r Ref) Repo() Ref { return Ref{Registry: r.Registry, Repository: r.Repository} }

// IsLoopback reports whether r's registry is on this machine
// (localhost, 127.0.0.0/8 or ::1), where plain HTTP is the norm.
func (r Ref) IsLoopback() bool {
	host := r.Registry
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// oras returns r as an oras reference string: digest when set, else tag.
func (r Ref) oras() string {
	s := r.Name()
	if r.Digest != "" {
		return s + "@" + r.Digest.String()
	}
	if r.Tag != "" {
		return s + ":" + r.Tag
	}
	return s
}
