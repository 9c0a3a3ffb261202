package oci

// This file tells fetched artifacts apart: an akua package, a Helm
// chart, a KCL package, a bundle of plain manifests, a cosign signature
// or attestation. A dependency source uses it to route an `oci` dep to
// the right consumer (SPEC §3: charts.*, pkgs.*, KCL imports).

import "slices"

// A Kind is what an artifact is, as far as akua is concerned.
type Kind string

// The kinds of artifacts akua recognises.
const (
	KindUnknown     Kind = "unknown"
	KindAkuaPackage Kind = "akua-package"
	KindHelmChart   Kind = "helm-chart"
	KindKCLPackage  Kind = "kcl-package"
	KindManifests   Kind = "manifests"
	KindSignature   Kind = "cosign-signature"
	KindAttestation Kind = "cosign-attestation"
)

// Kind classifies m by its artifactType, config media type, layer media
// types and annotations, most specific first.
func (m *Manifest) Kind() Kind {
	switch {
	case m.ArtifactType == ArtifactTypeAkuaPackage || m.Config.MediaType == MediaTypeAkuaPackageConfig:
		return KindAkuaPackage
	case m.Config.MediaType == MediaTypeHelmConfig || m.hasLayer(MediaTypeHelmChart):
		return KindHelmChart
	case m.Annotations[AnnotationKCLName] != "" || m.Annotations[annotationKCLNameOld] != "":
		return KindKCLPackage
	case m.ArtifactType == ArtifactTypeManifests || m.hasLayer(MediaTypeManifestsLayer) || m.hasLayer(manifestsYAMLTypes...):
		return KindManifests
	case m.hasLayer(MediaTypeCosignSimpleSigning):
		return KindSignature
	case m.hasLayer(MediaTypeDSSEEnvelope):
		return KindAttestation
	}
	return KindUnknown
}

// hasLayer reports whether m has a layer of one of the media types.
func (m *Manifest) hasLayer(mediaTypes ...string) bool {
	_, ok := m.Layer(mediaTypes...)
	return ok
}

// Layer returns the first layer whose media type is one of mediaTypes.
func (m *Manifest) Layer(mediaTypes ...string) (Descriptor, bool) {
	for _, l := range m.Layers {
		if slices.Contains(mediaTypes, l.MediaType) {
			return l, true
		}
	}
	return Descriptor{}, false
}

// ContentLayer returns the layer holding the artifact's content for its
// kind: the package tarball of an akua package, the chart .tgz of a Helm
// chart, the tar of a KCL package, the tarball or YAML of a manifest
// bundle.
func (m *Manifest) ContentLayer() (Descriptor, bool) {
	switch m.Kind() {
	case KindAkuaPackage:
		return m.Layer(MediaTypeAkuaPackageLayer)
	case KindHelmChart:
		return m.Layer(MediaTypeHelmChart)
	case KindKCLPackage:
		if d, ok := m.Layer(MediaTypeKCLPackageLayer, "application/vnd.oci.image.layer.v1.tar+gzip"); ok {
			return d, true
		}
		if len(m.Layers) == 1 {
			return m.Layers[0], true
		}
	case KindManifests:
		return m.Layer(append([]string{MediaTypeManifestsLayer}, manifestsYAMLTypes...)...)
	}
	return Descriptor{}, false
}

// Info is what a manifest's annotations say about the artifact.
type Info struct {
	Kind        Kind
	Name        string
	Version     string
	Description string
}

// Info reads name, version and description from m's annotations: akua's
// own keys, kpm's, else the OCI title and version (which `helm push`
// sets from Chart.yaml). Fields the annotations do not give are "".
func (m *Manifest) Info() Info {
	a := m.Annotations
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := a[k]; v != "" {
				return v
			}
		}
		return ""
	}
	return Info{
		Kind:        m.Kind(),
		Name:        first(AnnotationPackageName, AnnotationKCLName, annotationKCLNameOld, AnnotationTitle),
		Version:     first(AnnotationPackageVer, AnnotationKCLVersion, annotationKCLVersionOld, AnnotationVersion),
		Description: first(AnnotationDescription, AnnotationKCLDescription),
	}
}
