package sign

// This file builds in-toto statements and the SLSA v1 provenance akua
// attaches to what it publishes (https://slsa.dev/spec/v1.0/provenance).
// The provenance names the package archive and every locked dependency
// by digest, so a consumer can see what went into a package.

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/registry/oci"
)

// In-toto and SLSA identifiers.
const (
	StatementTypeV1           = "https://in-toto.io/Statement/v1"
	PredicateSLSAProvenanceV1 = "https://slsa.dev/provenance/v1"
	// BuildTypePublish identifies how akua builds what it publishes:
	// a package directory packed by `akua pack` and pushed with its
	// lock (SLSA buildType).
	BuildTypePublish = "https://akua.dev/buildtypes/publish/v1"
	// BuilderID identifies akua as the builder (SLSA builder.id). The
	// akua version goes in builder.version.
	BuilderID = "https://akua.dev/akua"
)

// A Statement is an in-toto Statement v1.
type Statement struct {
	Type          string          `json:"_type"`
	Subject       []Subject       `json:"subject"`
	PredicateType string          `json:"predicateType"`
	Predicate     json.RawMessage `json:"predicate"`
}

// A Subject is an artifact a statement is about.
type Subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"` // algorithm → hex
}

// names reports whether s has d among its subjects.
func (s *Statement) names(d digest.Digest) bool {
	for _, sub := range s.Subject {
		if sub.Digest[d.Algorithm().String()] == d.Encoded() {
			return true
		}
	}
	return false
}

// Provenance is the SLSA v1 provenance predicate.
type Provenance struct {
	BuildDefinition BuildDefinition `json:"buildDefinition"`
	RunDetails      RunDetails      `json:"runDetails"`
}

// BuildDefinition says what was built from what.
type BuildDefinition struct {
	BuildType            string               `json:"buildType"`
	ExternalParameters   map[string]any       `json:"externalParameters"`
	InternalParameters   map[string]any       `json:"internalParameters,omitempty"`
	ResolvedDependencies []ResourceDescriptor `json:"resolvedDependencies,omitempty"`
}

// A ResourceDescriptor names an input by URI and digest.
type ResourceDescriptor struct {
	Name        string            `json:"name,omitempty"`
	URI         string            `json:"uri,omitempty"`
	Digest      map[string]string `json:"digest,omitempty"`
	Annotations map[string]any    `json:"annotations,omitempty"`
}

// RunDetails says who built it and when.
type RunDetails struct {
	Builder  Builder        `json:"builder"`
	Metadata *BuildMetadata `json:"metadata,omitempty"`
}

// A Builder is the SLSA builder.
type Builder struct {
	ID      string            `json:"id"`
	Version map[string]string `json:"version,omitempty"`
}

// BuildMetadata is the optional run metadata.
type BuildMetadata struct {
	InvocationID string     `json:"invocationId,omitempty"`
	StartedOn    *time.Time `json:"startedOn,omitempty"`
	FinishedOn   *time.Time `json:"finishedOn,omitempty"`
}

// A Dependency is one locked dependency of the published package.
type Dependency struct {
	Name    string   // the alias in akua.toml
	Source  string   // where it comes from: oci://..., a git URL, a Helm repo URL, a path
	Version string   // the resolved version, tag or commit
	Digests []string // "algorithm:hex" digests from the lock (OCI digest, content hash, commit)
}

// ProvenanceInput is what NewProvenance describes.
type ProvenanceInput struct {
	Ref            oci.Ref       // where the package is published (tag kept for the record)
	Manifest       digest.Digest // the published manifest: the statement's subject
	Archive        digest.Digest // the package layer (akua pack output)
	PackageName    string
	PackageVersion string
	Dependencies   []Dependency
	AkuaVersion    string    // builder.version["akua"]
	StartedOn      time.Time // optional; the zero time leaves run metadata out
}

// NewProvenance returns the SLSA v1 provenance statement for a publish.
// Without StartedOn it holds no time, so the same publish gives the
// same statement.
func NewProvenance(in ProvenanceInput) (*Statement, error) {
	deps := []ResourceDescriptor{{
		Name:   "package",
		URI:    fmt.Sprintf("pkg:akua/%s@%s", in.PackageName, in.PackageVersion),
		Digest: digestMap(in.Archive.String()),
		Annotations: map[string]any{
			"mediaType": oci.MediaTypeAkuaPackageLayer,
		},
	}}
	for _, d := range in.Dependencies {
		rd := ResourceDescriptor{Name: d.Name, URI: d.Source, Digest: digestMap(d.Digests...)}
		if d.Version != "" {
			rd.Annotations = map[string]any{"version": d.Version}
		}
		deps = append(deps, rd)
	}
	p := Provenance{
		BuildDefinition: BuildDefinition{
			BuildType: BuildTypePublish,
			ExternalParameters: map[string]any{
				"ref":     in.Ref.URL(),
				"package": map[string]any{"name": in.PackageName, "version": in.PackageVersion},
			},
			ResolvedDependencies: deps,
		},
		RunDetails: RunDetails{Builder: Builder{ID: BuilderID}},
	}
	if in.AkuaVersion != "" {
		p.RunDetails.Builder.Version = map[string]string{"akua": in.AkuaVersion}
	}
	if !in.StartedOn.IsZero() {
		t := in.StartedOn.UTC()
		p.RunDetails.Metadata = &BuildMetadata{StartedOn: &t}
	}
	pred, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return &Statement{
		Type:          StatementTypeV1,
		Subject:       []Subject{{Name: in.Ref.Name(), Digest: digestMap(in.Manifest.String())}},
		PredicateType: PredicateSLSAProvenanceV1,
		Predicate:     pred,
	}, nil
}

// ParseProvenance returns the SLSA provenance of a statement.
func (s *Statement) ParseProvenance() (*Provenance, error) {
	if s.PredicateType != PredicateSLSAProvenanceV1 {
		return nil, fmt.Errorf("predicate type is %q, not SLSA provenance v1", s.PredicateType)
	}
	var p Provenance
	if err := json.Unmarshal(s.Predicate, &p); err != nil {
		return nil, fmt.Errorf("parsing SLSA provenance: %w", err)
	}
	return &p, nil
}

// digestMap turns "algorithm:hex" strings into an in-toto digest set,
// skipping malformed ones (a lock may hold digests of its own kinds,
// e.g. a git commit as "sha1:<hex>").
func digestMap(ds ...string) map[string]string {
	m := map[string]string{}
	for _, d := range ds {
		alg, hex, ok := strings.Cut(d, ":")
		if ok && alg != "" && hex != "" {
			m[alg] = hex
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}
