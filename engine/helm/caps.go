package helm

import (
	"fmt"

	"helm.sh/helm/v3/pkg/chartutil"

	"akua.dev/akua/kcl/diag"
)

// Capabilities are pinned, not discovered: `.Capabilities` is the same
// on every machine and with every build of akua.

// DefaultKubeVersion is the Kubernetes version templates see when the
// caller names none. It is what an official helm v3.22.0 release binary
// reports for `helm template`: helm's Makefile derives it from the
// client-go it is built with (v0.37 → Kubernetes 1.37), the one akua
// links too. The library's own default (chartutil.DefaultCapabilities)
// is v1.20.0, the value when no linker flag sets it, which fails charts
// with a kubeVersion floor.
const DefaultKubeVersion = "v1.37.0"

// HelmVersion is `.Capabilities.HelmVersion.Version`: the helm library
// akua links. The library alone says "v3.22" (release builds set the
// full version with a linker flag).
const HelmVersion = "v3.22.0"

// newCapabilities builds `.Capabilities` for opts, as `helm template`
// builds it without a cluster (action.Install with ClientOnly): helm's
// default capabilities, the requested Kubernetes version, the default
// API versions plus opts'. Unlike helm, HelmVersion carries no build
// detail: GitCommit, GitTreeState and above all GoVersion (helm puts
// runtime.Version() there) are empty, so the Go toolchain akua was
// built with cannot reach the output.
func newCapabilities(opts *Options) (*chartutil.Capabilities, error) {
	kv := opts.KubeVersion
	if kv == "" {
		kv = DefaultKubeVersion
	}
	v, err := chartutil.ParseKubeVersion(kv)
	if err != nil {
		return nil, &diag.Diagnostic{Code: OptionsError,
			Message:    fmt.Sprintf("invalid kubeVersion %q: %v", kv, err),
			Suggestion: `write a Kubernetes version such as "1.31" or "v1.31.2"`}
	}
	caps := chartutil.DefaultCapabilities.Copy()
	caps.KubeVersion = *v
	// A new slice: appending to helm's shared default set could write
	// into its backing array from concurrent renders.
	apis := make(chartutil.VersionSet, 0, len(caps.APIVersions)+len(opts.APIVersions))
	apis = append(apis, caps.APIVersions...)
	caps.APIVersions = append(apis, opts.APIVersions...)
	caps.HelmVersion.Version = HelmVersion
	caps.HelmVersion.GitCommit = ""
	caps.HelmVersion.GitTreeState = ""
	caps.HelmVersion.GoVersion = ""
	return caps, nil
}
