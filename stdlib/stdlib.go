// Package stdlib holds akua's KCL standard library, the `akua.*`
// modules of SPEC §3, as KCL sources embedded in the binary. The
// sources declare the public schemas and lambdas; the work is done by
// native functions the host (package render) provides for each run as
// the module HostModule, so this package knows no engine.
package stdlib

import (
	"embed"
	"io/fs"
)

//go:embed akua/*.k
var files embed.FS

// Package is the name under which the modules are imported (`akua`).
const Package = "akua"

// HostModule is the import path of the native module the stdlib sources
// call (`import akua.host`); the host binds it per run.
const HostModule = "akua.host"

// HostFuncs are the functions the stdlib sources call on HostModule; a
// host must provide every one.
var HostFuncs = []string{
	"helm_template",
	"kustomize_build",
	"pkg_render",
	"rgd_instantiate",
	"oci_fetch_manifests",
	"test_render",
}

// FS returns the stdlib's sources, rooted so that `import akua.helm`
// reads helm.k.
func FS() fs.FS {
	sub, err := fs.Sub(files, Package)
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return sub
}
