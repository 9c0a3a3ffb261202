// Package artifact publishes, pulls and inspects akua packages as OCI
// artifacts (SPEC §10): the library under `akua publish`, `akua pull`
// and `akua inspect`.
//
// A published package is one OCI image manifest:
//
//	artifactType  application/vnd.akua.package.v1
//	config        application/vnd.akua.package.config.v1+json   (Config: name, version, locked deps)
//	layer         application/vnd.akua.package.v1.tar+gzip      (the `akua pack` archive)
//	annotations   org.opencontainers.image.title/version, dev.akua.package.name/version/edition
//
// tagged with the package version, never overwritten unless forced,
// signed in cosign's format and attested with a SLSA v1 provenance
// listing the lock's dependencies when a key is given (registry/sign).
// Because pack is reproducible and the manifest carries no time, the
// same package gives the same manifest digest wherever it is published.
package artifact
