// This file holds OCI dependencies: oci://host/repo + version, pinned by
// the manifest digest the registry serves. The artifact may be a Helm
// chart, a KCL package published by kpm, an akua package or a bundle of
// plain manifests (oci.Manifest.Kind tells them apart); its content
// layer is unpacked into the cache.

package source

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/oci"
)

// OCI is the source of OCI dependencies.
type OCI struct{ opts Options }

func (o *OCI) client() *oci.Client {
	if o.opts.OCI != nil {
		return o.opts.OCI
	}
	o.opts.OCI = oci.New(oci.Options{})
	return o.opts.OCI
}

// ociErr gives an error of the OCI client its code.
func ociErr(err error, format string, args ...any) error {
	switch {
	case err == nil:
		return nil
	case registry.CodeOf(err) != "":
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, oci.ErrDigestMismatch):
		return registry.Wrap(registry.CodeDigestMismatch, err, format, args...).
			WithHelp("the registry served content that is not what akua.lock pins; do not trust it")
	case errors.Is(err, oci.ErrNotFound):
		return registry.Wrap(registry.CodeNotFound, err, format, args...)
	case errors.Is(err, oci.ErrTooLarge):
		return registry.Wrap(registry.CodeArchiveTooLarge, err, format, args...)
	case errors.Is(err, oci.ErrUnsupportedManifest):
		return registry.Wrap(registry.CodeKind, err, format, args...)
	}
	return registry.Wrap(registry.CodeFetch, err, format, args...)
}

// errRange marks a version that must be matched against the tag list.
var errRange = errors.New("a version range")

// Resolve picks the highest tag of the repository matching d.Version and
// pins the manifest digest it names.
func (o *OCI) Resolve(ctx context.Context, d lock.Dependency) (lock.Entry, error) {
	e := lock.Entry{Name: d.Name, Source: d.OCI}
	if o.opts.Offline {
		return e, offline(d.Name, d.OCI)
	}
	ref, err := oci.ParseRef(d.OCI)
	if err != nil {
		return e, registry.Wrap(registry.CodeNotFound, err, "dependency %q", d.Name)
	}
	// An exact version is tried as a tag first: some registries do not
	// list tags. A miss falls back to the list ("1.2.0" may be "v1.2.0").
	tag := d.Version
	var desc oci.Descriptor
	err = errRange
	if !lock.IsRange(d.Version) {
		desc, err = o.client().Resolve(ctx, ref.WithTag(tag))
	}
	if err != nil {
		tags, lerr := o.client().Tags(ctx, ref)
		if lerr != nil {
			return e, ociErr(lerr, "listing the tags of %s", d.OCI)
		}
		var ok bool
		if tag, ok = lock.Highest(d.Version, tags); !ok {
			sort.Strings(tags)
			return e, registry.Errorf(registry.CodeNoMatch, "no tag of %s matches %s", d.OCI, d.Version).
				WithHelp("tags: %s", strings.Join(tags, ", "))
		}
		if desc, err = o.client().Resolve(ctx, ref.WithTag(tag)); err != nil {
			return e, ociErr(err, "resolving %s:%s", d.OCI, tag)
		}
	}
	e.Version, e.Digest = tag, desc.Digest.String()
	_, err = o.fetch(ctx, e)
	return e, err
}

// Fetch returns the unpacked content of the manifest e pins.
func (o *OCI) Fetch(ctx context.Context, e lock.Entry) (string, error) {
	if dir, ok, err := fromCache(o.opts.Cache, e.Digest, o.opts.Offline); ok || err != nil {
		return dir, err
	}
	if o.opts.Offline {
		return "", offline(e.Name, e.Source)
	}
	return o.fetch(ctx, e)
}

// fetch downloads the manifest by digest (never by tag, so a moved tag
// cannot change what is used), then its content layer into the cache.
func (o *OCI) fetch(ctx context.Context, e lock.Entry) (string, error) {
	ref, err := oci.ParseRef(e.Source)
	if err != nil {
		return "", registry.Wrap(registry.CodeLockStale, err, "akua.lock entry %q", e.Name)
	}
	if e.Version != "" {
		ref = ref.WithTag(e.Version)
	}
	ref = ref.WithDigest(digest.Digest(e.Digest))
	m, err := o.client().FetchManifest(ctx, ref)
	if err != nil {
		return "", ociErr(err, "fetching the manifest of %s", label(e))
	}
	if got := m.Descriptor.Digest.String(); got != e.Digest {
		return "", registry.Errorf(registry.CodeDigestMismatch, "%s: the registry served manifest %s, %s is pinned", label(e), got, e.Digest)
	}
	kind := m.Kind()
	layer, ok := m.ContentLayer()
	if !ok {
		return "", registry.Errorf(registry.CodeKind, "%s is a %s artifact, which akua cannot use as a dependency", label(e), kind).
			WithHelp("dependencies may be Helm charts, KCL packages, akua packages or manifest bundles")
	}
	if _, _, err := o.opts.Cache.PutBlob(e.Digest, bytes.NewReader(m.Raw)); err != nil {
		return "", err
	}
	dir, _, err := o.opts.Cache.PutTree(e.Digest, registry.TreeInfo{Source: e.Source, Version: e.Version}, func(dir string) error {
		rc, err := o.client().OpenBlob(ctx, ref, layer)
		if err != nil {
			return ociErr(err, "fetching %s", label(e))
		}
		defer rc.Close()
		r, done := registry.TrackReader(o.opts.Progress, rc, label(e), layer.Size)
		defer done()
		if !strings.Contains(layer.MediaType, "tar") {
			return writeYAMLLayer(dir, layer, r, o.opts.Limits.MaxBytesOrDefault())
		}
		strip := 0
		if kind == oci.KindHelmChart {
			strip = 1 // <chart>/Chart.yaml, as in a classic repository
		}
		if err := registry.Untar(r, dir, registry.UntarOptions{Limits: o.opts.Limits, StripComponents: strip}); err != nil {
			return err
		}
		// The blob reader checks the digest at EOF, which the tar reader
		// may stop short of: read the rest so tampering is seen.
		if _, err := io.Copy(io.Discard, r); err != nil {
			return ociErr(err, "fetching %s", label(e))
		}
		if strip == 0 {
			return flatten(dir)
		}
		return nil
	})
	return dir, err
}

var safeNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9._-]+\.ya?ml$`) })

// writeYAMLLayer stores a manifest bundle that is one YAML stream, under
// its title annotation when that is a plain file name.
func writeYAMLLayer(dir string, layer oci.Descriptor, r io.Reader, max int64) error {
	name := layer.Annotations[oci.AnnotationTitle]
	if !safeNameRE().MatchString(name) {
		name = "manifests.yaml"
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return registry.Wrap(registry.CodeIO, err, "writing the cache")
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return registry.Wrap(registry.CodeIO, err, "writing the cache")
	}
	n, err := io.Copy(f, io.LimitReader(r, max+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return ociErr(err, "fetching the manifests")
	case n > max:
		return registry.Errorf(registry.CodeArchiveTooLarge, "the manifests are larger than %d MiB", max>>20)
	}
	return nil
}
