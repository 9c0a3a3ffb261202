package oci

// This file names the media types and annotation keys of the artifacts
// akua publishes and consumes. The akua ones are akua's own choice; the
// others are what Helm, kpm and cosign write, so artifacts they publish
// are recognised (see Manifest.Kind).

import ocispec "github.com/opencontainers/image-spec/specs-go/v1"

// Media types of akua packages (akua publish).
const (
	// ArtifactTypeAkuaPackage is the artifactType of an akua package
	// manifest.
	ArtifactTypeAkuaPackage = "application/vnd.akua.package.v1"
	// MediaTypeAkuaPackageConfig is the config blob of an akua package
	// manifest: a small JSON document with the package's name, version
	// and locked dependencies (PackageConfig), so the package can be
	// described without downloading its layer and so registries that
	// ignore artifactType still see what it is (Helm does the same).
	MediaTypeAkuaPackageConfig = "application/vnd.akua.package.config.v1+json"
	// MediaTypeAkuaPackageLayer is the package content: the reproducible
	// .tar.gz written by akua pack.
	MediaTypeAkuaPackageLayer = "application/vnd.akua.package.v1.tar+gzip"
)

// Media types of plain-manifest bundles (Kubernetes YAML documents,
// consumed by akua.oci.fetch_manifests).
const (
	// ArtifactTypeManifests is the artifactType akua gives a bundle of
	// plain Kubernetes manifests.
	ArtifactTypeManifests = "application/vnd.akua.manifests.v1"
	// MediaTypeManifestsLayer is a .tar.gz of YAML files.
	MediaTypeManifestsLayer = "application/vnd.akua.manifests.v1.tar+gzip"
	// MediaTypeYAML is a layer that is one YAML stream; the x- form and
	// text/yaml are accepted too (manifestsYAMLTypes).
	MediaTypeYAML = "application/yaml"
)

// manifestsYAMLTypes are the layer media types read as one YAML stream.
var manifestsYAMLTypes = []string{MediaTypeYAML, "application/x-yaml", "text/yaml", "application/vnd.akua.manifests.v1+yaml"}

// Media types Helm writes for charts stored in OCI registries
// (helm push, Helm ≥ 3.8).
const (
	MediaTypeHelmConfig     = "application/vnd.cncf.helm.config.v1+json"
	MediaTypeHelmChart      = "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
	MediaTypeHelmProvenance = "application/vnd.cncf.helm.chart.provenance.v1.prov"
)

// Media types kpm (the KCL package manager) writes: the package is an
// uncompressed tar layer and the manifest carries org.kcllang.package.*
// annotations (older kpm: org.kclpkg.package.*).
const (
	MediaTypeKCLPackageLayer = "application/vnd.oci.image.layer.v1.tar"
)

// Media types and annotations of cosign's signatures and attestations,
// stored in the signed artifact's repository under the tags
// sha256-<hex>.sig and sha256-<hex>.att (package registry/sign writes
// and reads them).
const (
	MediaTypeCosignSimpleSigning = "application/vnd.dev.cosign.simplesigning.v1+json"
	MediaTypeDSSEEnvelope        = "application/vnd.dsse.envelope.v1+json"
	AnnotationCosignSignature    = "dev.cosignproject.cosign/signature"
	AnnotationPredicateType      = "predicateType"
)

// Annotation keys akua sets on the manifest of a package it publishes.
// The OCI title and version let generic tools (oras, crane, registry
// UIs) show the package; the dev.akua ones are what akua reads.
const (
	AnnotationTitle       = ocispec.AnnotationTitle   // org.opencontainers.image.title
	AnnotationVersion     = ocispec.AnnotationVersion // org.opencontainers.image.version
	AnnotationDescription = ocispec.AnnotationDescription
	AnnotationSource      = ocispec.AnnotationSource
	AnnotationPackageName = "dev.akua.package.name"
	AnnotationPackageVer  = "dev.akua.package.version"
	// AnnotationPackageEdition is akua.toml's [package] edition.
	AnnotationPackageEdition = "dev.akua.package.edition"
)

// Annotation keys kpm sets on KCL package manifests.
const (
	AnnotationKCLName        = "org.kcllang.package.name"
	AnnotationKCLVersion     = "org.kcllang.package.version"
	AnnotationKCLDescription = "org.kcllang.package.description"
	// AnnotationKCLSum is kpm's checksum of the package content.
	AnnotationKCLSum = "org.kcllang.package.sum"
	// annotationKCLNameOld and annotationKCLVersionOld are the keys of
	// kpm before 0.10.
	annotationKCLNameOld    = "org.kclpkg.package.name"
	annotationKCLVersionOld = "org.kclpkg.package.version"
)

// Manifest media types a registry may serve for a single manifest. The
// Docker schema 2 manifest has the same JSON shape as the OCI one.
const (
	MediaTypeImageManifest  = ocispec.MediaTypeImageManifest
	MediaTypeImageIndex     = ocispec.MediaTypeImageIndex
	MediaTypeDockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
	MediaTypeDockerList     = "application/vnd.docker.distribution.manifest.list.v2+json"
	MediaTypeImageConfig    = ocispec.MediaTypeImageConfig
	MediaTypeEmptyJSON      = ocispec.MediaTypeEmptyJSON
)
