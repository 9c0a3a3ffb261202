package artifact

// This file holds Publish: check, pack, push, sign, attest.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/pack"
	"akua.dev/akua/registry/sign"
)

// PublishOptions say what to publish where. Dir and Ref are required.
type PublishOptions struct {
	Dir string  // the package directory (akua.toml, package.k, ...)
	Ref oci.Ref // the repository; its tag is used when Tag is ""
	// Tag to publish under; "" means Ref's tag, else the package
	// version from akua.toml.
	Tag string
	// Force overwrites an existing tag. Published versions are meant to
	// be immutable: the result says when a tag was overwritten.
	Force bool
	// Signer signs the manifest and the provenance; nil publishes
	// unsigned and unattested.
	Signer *sign.Signer
	// Client reaches the registry; nil means oci.New(oci.Options{}).
	Client *oci.Client
	// Pack tunes the archive (extra exclusions).
	Pack pack.Options
	// AkuaVersion is recorded in the provenance as builder version.
	AkuaVersion string
	// Now, when set, is recorded as the provenance's start time. Left
	// zero, the provenance holds no time and republishing the same
	// package gives the same attestation payload.
	Now time.Time
}

// A Published describes a publish.
type Published struct {
	Ref      oci.Ref       `json:"-"`
	RefURL   string        `json:"ref"`    // oci://host/repo:tag@digest
	Digest   digest.Digest `json:"digest"` // the manifest
	Archive  digest.Digest `json:"archive"`
	Size     int64         `json:"size"` // of the archive
	Name     string        `json:"name"`
	Version  string        `json:"version"`
	Files    int           `json:"files"`
	Signed   bool          `json:"signed"`
	Attested bool          `json:"attested"`
	// Overwritten is the digest the tag named before a forced publish
	// moved it; "" when the tag was new (or already named this digest).
	Overwritten digest.Digest `json:"overwritten,omitempty"`
	KeyID       string        `json:"keyId,omitempty"`
}

// Publish checks the package in opts.Dir (CheckPublishable), packs it,
// pushes it to opts.Ref under its tag (refusing an existing tag with a
// *oci.TagExistsError unless opts.Force), and, with a Signer, signs the
// manifest and attaches a SLSA v1 provenance listing the lock's
// dependencies.
func Publish(ctx context.Context, opts PublishOptions) (*Published, error) {
	m, err := lock.LoadManifest(opts.Dir)
	if err != nil {
		return nil, err
	}
	l, err := loadLockOptional(opts.Dir)
	if err != nil {
		return nil, err
	}
	if err := CheckPublishable(m, l); err != nil {
		return nil, err
	}
	tag := opts.Tag
	if tag == "" {
		tag = opts.Ref.Tag
	}
	if tag == "" {
		tag = m.Package.Version
	}
	if tag == "" {
		return nil, errors.New("no tag to publish under: set [package] version in akua.toml or pass --tag")
	}
	ref := opts.Ref.WithTag(tag)
	if err := ref.Validate(); err != nil {
		return nil, fmt.Errorf("tag %q: %w", tag, err)
	}
	c := opts.Client
	if c == nil {
		c = oci.New(oci.Options{})
	}

	ar, err := pack.Pack(opts.Dir, opts.Pack)
	if err != nil {
		return nil, err
	}
	cfg, err := newConfig(m, l).marshal()
	if err != nil {
		return nil, err
	}
	a := oci.Artifact{
		ArtifactType: oci.ArtifactTypeAkuaPackage,
		Config:       &oci.Blob{MediaType: oci.MediaTypeAkuaPackageConfig, Data: cfg},
		Layers: []oci.Blob{{
			MediaType: oci.MediaTypeAkuaPackageLayer,
			Data:      ar.Data,
			// The title names the file oras pull writes the layer to.
			Annotations: map[string]string{oci.AnnotationTitle: archiveName(m.Package.Name, tag)},
		}},
		Annotations: annotations(m),
	}

	res := &Published{Archive: ar.Digest, Size: int64(len(ar.Data)), Name: m.Package.Name, Version: m.Package.Version, Files: len(ar.Files)}
	if opts.Force {
		old, ok, err := c.TagExists(ctx, ref)
		if err != nil {
			return nil, err
		}
		if ok {
			res.Overwritten = old.Digest
		}
	}
	desc, err := c.Push(ctx, ref, a, oci.PushOptions{Force: opts.Force})
	if err != nil {
		return nil, err
	}
	if res.Overwritten == desc.Digest {
		res.Overwritten = ""
	}
	res.Digest = desc.Digest
	res.Ref = ref.WithDigest(desc.Digest)
	res.RefURL = res.Ref.URL()

	if opts.Signer != nil {
		res.KeyID = opts.Signer.Verifier().KeyID()
		if _, err := sign.SignManifest(ctx, c, ref, desc.Digest, opts.Signer, nil); err != nil {
			return res, fmt.Errorf("published %s but signing failed: %w", res.RefURL, err)
		}
		res.Signed = true
		st, err := sign.NewProvenance(sign.ProvenanceInput{
			Ref: ref, Manifest: desc.Digest, Archive: ar.Digest,
			PackageName: m.Package.Name, PackageVersion: m.Package.Version,
			Dependencies: dependencies(l), AkuaVersion: opts.AkuaVersion, StartedOn: opts.Now,
		})
		if err != nil {
			return res, err
		}
		if _, err := sign.Attest(ctx, c, ref, desc.Digest, opts.Signer, st); err != nil {
			return res, fmt.Errorf("published and signed %s but attaching the provenance failed: %w", res.RefURL, err)
		}
		res.Attested = true
	}
	return res, nil
}

// annotations returns the manifest annotations of the package m.
func annotations(m *lock.Manifest) map[string]string {
	a := map[string]string{
		oci.AnnotationTitle:       m.Package.Name,
		oci.AnnotationPackageName: m.Package.Name,
	}
	if v := m.Package.Version; v != "" {
		a[oci.AnnotationVersion] = v
		a[oci.AnnotationPackageVer] = v
	}
	if e := m.Package.Edition; e != "" {
		a[oci.AnnotationPackageEdition] = e
	}
	return a
}

// archiveName is the file name of the package archive.
func archiveName(name, version string) string {
	if version == "" {
		return name + ".tar.gz"
	}
	return name + "-" + version + ".tar.gz"
}

// dependencies turns lock entries into provenance dependencies.
func dependencies(l *lock.Lock) []sign.Dependency {
	if l == nil {
		return nil
	}
	var out []sign.Dependency
	for _, e := range l.Packages {
		d := sign.Dependency{Name: e.Name, Source: e.Source, Version: e.Version, Digests: []string{e.Digest}}
		// A git pin is a commit too: in-toto's digest set names it
		// gitCommit.
		if s, err := lock.ParseSource(e.Source); err == nil && s.Commit != "" {
			d.Digests = append(d.Digests, "gitCommit:"+s.Commit)
		}
		out = append(out, d)
	}
	return out
}
