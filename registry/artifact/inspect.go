package artifact

// This file holds Inspect: what a package is, from a directory, a
// packed archive or a published artifact.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing/fstest"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/pack"
	"akua.dev/akua/registry/sign"
)

// ErrTarget: Inspect was given something it cannot inspect.
var ErrTarget = errors.New("cannot inspect")

// InspectOptions tune Inspect.
type InspectOptions struct {
	// Key checks signatures and attestations of a published artifact;
	// nil only counts them.
	Key    *sign.Verifier
	Client *oci.Client
	// Inputs, when set, returns the inputs surface of the package whose
	// files fsys holds (package.k at its root), e.g. its Input schema as
	// JSON Schema. It is how the KCL engine plugs in; nil leaves Inputs
	// out of the result.
	Inputs func(fsys fs.FS) (any, error)
}

// An Inspection is what Inspect found.
type Inspection struct {
	Target        string                   `json:"target"`
	Source        string                   `json:"source"` // "directory", "archive" or "oci"
	Kind          oci.Kind                 `json:"kind"`
	Ref           string                   `json:"ref,omitempty"`     // oci: with the digest
	Digest        digest.Digest            `json:"digest,omitempty"`  // oci: the manifest
	Archive       digest.Digest            `json:"archive,omitempty"` // the package archive (what `akua pack` gives)
	Name          string                   `json:"name"`
	Version       string                   `json:"version"`
	Edition       string                   `json:"edition,omitempty"`
	StrictSigning bool                     `json:"strictSigning"`
	Files         int                      `json:"files,omitempty"`
	Dependencies  []Dependency             `json:"dependencies"`
	Signature     *SignatureStatus         `json:"signature,omitempty"` // oci only
	Attestations  []sign.AttestationStatus `json:"attestations,omitempty"`
	Inputs        any                      `json:"inputs,omitempty"`
	Warnings      []string                 `json:"warnings,omitempty"`
}

// A Dependency is one dependency of an inspected package: declared in
// akua.toml, locked in akua.lock, or both.
type Dependency struct {
	Name     string `json:"name"`
	Declared string `json:"declared,omitempty"` // the source and constraint from akua.toml
	Version  string `json:"version,omitempty"`  // locked version
	Source   string `json:"source,omitempty"`   // locked source
	Digest   string `json:"digest,omitempty"`   // locked digest
	Locked   bool   `json:"locked"`
}

// SignatureStatus is the signature state of a published artifact.
type SignatureStatus struct {
	Signatures int    `json:"signatures"`
	Verified   bool   `json:"verified"`
	KeyID      string `json:"keyId,omitempty"`
}

// Inspect describes target: a package directory, a package archive
// (.tar.gz written by `akua pack`), or an OCI reference
// (oci://host/repo:tag). Published artifacts that are not akua packages
// (Helm charts, KCL packages) are described from their annotations.
func Inspect(ctx context.Context, target string, opts InspectOptions) (*Inspection, error) {
	fi, err := os.Stat(target)
	switch {
	case err == nil && fi.IsDir():
		return inspectDir(target, opts)
	case err == nil:
		data, err := os.ReadFile(target)
		if err != nil {
			return nil, err
		}
		in := &Inspection{Target: target, Source: "archive", Kind: oci.KindAkuaPackage, Archive: digest.FromBytes(data)}
		return in, in.fromArchive(data, opts)
	}
	// Without the oci:// scheme, a target is a reference only when its
	// first element looks like a registry host (docker's rule: a dot, a
	// port or localhost); otherwise it is a file that does not exist.
	host, _, _ := strings.Cut(strings.TrimPrefix(target, oci.Scheme), "/")
	if !strings.HasPrefix(target, oci.Scheme) && !strings.ContainsAny(host, ".:") && host != "localhost" {
		return nil, err
	}
	ref, perr := oci.ParseRef(target)
	if perr != nil {
		return nil, fmt.Errorf("%w: %s is neither a package directory, a package archive, nor an OCI reference (%v)", ErrTarget, target, errors.Join(err, perr))
	}
	if ref.Reference() == "" {
		return nil, fmt.Errorf("%w: %s names no tag or digest: add :<version> or @sha256:<digest>", ErrTarget, target)
	}
	return inspectOCI(ctx, target, ref, opts)
}

func inspectDir(dir string, opts InspectOptions) (*Inspection, error) {
	m, err := lock.LoadManifest(dir)
	if err != nil {
		return nil, err
	}
	l, err := loadLockOptional(dir)
	if err != nil {
		return nil, err
	}
	in := &Inspection{Target: dir, Source: "directory", Kind: oci.KindAkuaPackage}
	in.fromManifest(m, l)
	ar, err := pack.Pack(dir, pack.Options{})
	if err != nil {
		in.Warnings = append(in.Warnings, "cannot be packed: "+err.Error())
	} else {
		in.Archive, in.Files = ar.Digest, len(ar.Files)
	}
	if err := CheckPublishable(m, l); err != nil {
		in.Warnings = append(in.Warnings, "cannot be published: "+err.Error())
	}
	if opts.Inputs != nil {
		if in.Inputs, err = opts.Inputs(os.DirFS(dir)); err != nil {
			in.Warnings = append(in.Warnings, "inputs: "+err.Error())
		}
	}
	return in, nil
}

func inspectOCI(ctx context.Context, target string, ref oci.Ref, opts InspectOptions) (*Inspection, error) {
	c := opts.Client
	if c == nil {
		c = oci.New(oci.Options{})
	}
	vr, err := sign.VerifyArtifact(ctx, c, ref, sign.VerifyOptions{Key: opts.Key})
	if vr == nil {
		return nil, err
	}
	in := &Inspection{Target: target, Source: "oci", Ref: vr.Ref.URL(), Digest: vr.Digest,
		Signature: &SignatureStatus{Signatures: vr.Signatures, Verified: vr.SignatureVerified, KeyID: vr.KeyID}, Attestations: vr.Attestations}
	if err != nil {
		// A bad signature is worth showing, not a reason to show nothing.
		in.Warnings = append(in.Warnings, err.Error())
	}
	m, err := c.FetchManifest(ctx, vr.Ref)
	if err != nil {
		return nil, err
	}
	info := m.Info()
	in.Kind, in.Name, in.Version = info.Kind, info.Name, info.Version
	if in.Kind != oci.KindAkuaPackage {
		return in, nil
	}
	layer, ok := m.ContentLayer()
	if !ok {
		return nil, fmt.Errorf("%s has no %s layer", vr.Ref, oci.MediaTypeAkuaPackageLayer)
	}
	data, err := c.FetchBlob(ctx, vr.Ref, layer)
	if err != nil {
		return nil, err
	}
	in.Archive = layer.Digest
	return in, in.fromArchive(data, opts)
}

// fromArchive fills in from the files of a package archive.
func (in *Inspection) fromArchive(data []byte, opts InspectOptions) error {
	files := fstest.MapFS{}
	err := pack.Walk(bytes.NewReader(data), registry.Limits{}, func(f pack.File) error {
		files[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		return nil
	})
	if err != nil {
		return err
	}
	in.Files = len(files)
	mf, ok := files[lock.ManifestFile]
	if !ok {
		return fmt.Errorf("%s: the archive has no %s; is it an akua package?", in.Target, lock.ManifestFile)
	}
	m, err := lock.ParseManifest(lock.ManifestFile, mf.Data)
	if err != nil {
		return err
	}
	var l *lock.Lock
	if lf, ok := files[lock.LockFile]; ok {
		if l, err = lock.ParseLock(lock.LockFile, lf.Data); err != nil {
			return err
		}
	}
	in.fromManifest(m, l)
	if opts.Inputs != nil {
		if in.Inputs, err = opts.Inputs(files); err != nil {
			in.Warnings = append(in.Warnings, "inputs: "+err.Error())
		}
	}
	return nil
}

// fromManifest fills in the package metadata and dependencies.
func (in *Inspection) fromManifest(m *lock.Manifest, l *lock.Lock) {
	p := m.Package
	in.Name, in.Version, in.Edition, in.StrictSigning = p.Name, p.Version, p.Edition, p.StrictSigning
	in.Dependencies = []Dependency{}
	seen := map[string]bool{}
	for _, d := range m.Dependencies {
		dep := Dependency{Name: d.Name, Declared: declared(d)}
		if l != nil {
			if e, ok := l.Entry(d.Name); ok {
				dep.Version, dep.Source, dep.Digest, dep.Locked = e.Version, e.Source, e.Digest, true
			}
		}
		seen[d.Name] = true
		in.Dependencies = append(in.Dependencies, dep)
	}
	if l != nil {
		// Entries not declared directly: what the dependencies need.
		for _, e := range l.Packages {
			if !seen[e.Name] {
				in.Dependencies = append(in.Dependencies, Dependency{Name: e.Name, Version: e.Version, Source: e.Source, Digest: e.Digest, Locked: true})
			}
		}
	}
}

// declared returns a dependency's declaration in one line.
func declared(d lock.Dependency) string {
	s := lock.SourceOf(d).String()
	if c := d.Constraint(); c != "" {
		s += " " + c
	}
	if d.Replace != "" {
		s += " (replaced by " + d.Replace + ")"
	}
	return s
}

// loadLockOptional reads dir/akua.lock, nil when there is none.
func loadLockOptional(dir string) (*lock.Lock, error) {
	l, err := lock.LoadLock(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return l, err
}
