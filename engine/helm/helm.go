// Package helm renders Helm charts as `helm template` does, as a
// library call and hermetically (SPEC §5 Helm, §12, §13): chart files
// are read only from inside the package, templates cannot read the
// environment, the clock, randomness or the network, and capabilities
// are pinned, so the same chart, values and options give the same
// bytes on every machine. It knows nothing of KCL.
//
// The work is done by helm.sh/helm/v3's own packages, composed as
// `helm template` composes them (cmd/helm template → action.Install
// with ClientOnly → renderResources): chart/loader loads, chartutil
// processes dependencies, coalesces and validates values, engine
// renders, releaseutil sorts. akua adds what helm cannot do as a
// library: loading through pathguard (load.go), pinned capabilities
// (caps.go), positioned diagnostics (errors.go), a hermetic
// values.schema.json (schema.go), and the refusal of non-deterministic
// template functions by static analysis (refuse.go, analyze.go).
// Equivalence with the real `helm template` is tested in equiv_test.go.
package helm

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"

	"akua.dev/akua/kcl/diag"
)

// Options say what to render. The zero value of each optional field is
// `helm template`'s default.
type Options struct {
	Root        string         // package root: absolute, symlink-free (pathguard.Root); no chart file may resolve outside it
	Chart       string         // absolute path of a chart directory or .tgz inside Root
	Values      map[string]any // user values, as from `helm template -f`; nested maps are map[string]any
	Release     string         // default "release"
	Namespace   string         // default "default"
	KubeVersion string         // "" → DefaultKubeVersion
	APIVersions []string       // added to the default API versions
	IncludeCRDs bool           // the chart's crds/ files first
	SkipTests   bool           // drop test hooks
}

// A Document is one YAML document of the output, in `helm template`
// order.
type Document struct {
	// Source is the template path helm prints in `# Source:`
	// ("webapp/templates/deployment.yaml"), or the crds/ file path
	// ("webapp/crds/crd.yaml") for a CRD.
	Source string
	// YAML is the document, ending in a newline, with no "---". A
	// template that renders only comments yields a document that
	// decodes to null; `helm template` prints it too.
	YAML []byte
}

// run is the state of one Template call that diagnostics need.
type run struct {
	opts  Options
	src   *sources
	chart *chart.Chart     // after dependency processing
	top   chartutil.Values // the template data of the root chart
}

// Template renders the chart as `helm template <release> <chart> -n
// <namespace> -f values.yaml [--kube-version] [--api-versions]
// [--include-crds] [--skip-tests]` prints it. Errors are
// *diag.Diagnostic with the codes of errors.go.
//
// ctx is checked between steps. helm's engine renders all templates
// in one call that cannot be interrupted: when ctx ends first, Template
// returns at once and the rendering goroutine is abandoned, to end
// with the process.
func Template(ctx context.Context, opts Options) ([]Document, error) {
	type result struct {
		docs []Document
		err  error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: &diag.Diagnostic{Code: diag.InternalError,
					Message: fmt.Sprintf("helm template crashed: %v", p)}}
			}
		}()
		docs, err := templateChart(ctx, opts)
		done <- result{docs, err}
	}()
	select {
	case r := <-done:
		return r.docs, r.err
	case <-ctx.Done():
		return nil, canceled(ctx.Err())
	}
}

func canceled(err error) *diag.Diagnostic {
	return &diag.Diagnostic{Code: diag.Canceled, Message: "helm template stopped: " + err.Error(),
		Suggestion: "the render deadline ran out; simplify the chart's loops or raise the timeout"}
}

// templateChart takes the steps of `helm template`, in its order.
func templateChart(ctx context.Context, opts Options) ([]Document, error) {
	if opts.Release == "" {
		opts.Release = "release"
	}
	if opts.Namespace == "" {
		opts.Namespace = "default"
	}
	if !filepath.IsAbs(opts.Root) || !filepath.IsAbs(opts.Chart) {
		return nil, &diag.Diagnostic{Code: OptionsError,
			Message:    fmt.Sprintf("root %q and chart %q must be absolute paths", opts.Root, opts.Chart),
			Suggestion: "resolve the chart path against the package directory (pathguard.Resolve) before calling helm.Template"}
	}
	if err := chartutil.ValidateReleaseName(opts.Release); err != nil {
		return nil, &diag.Diagnostic{Code: OptionsError,
			Message:    fmt.Sprintf("invalid release name %q: %v", opts.Release, err),
			Suggestion: "use at most 53 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"}
	}
	caps, err := newCapabilities(&opts)
	if err != nil {
		return nil, err
	}
	vals, err := normalizeValues(opts.Values)
	if err != nil {
		return nil, err
	}
	c, src, err := loadChart(opts.Root, opts.Chart)
	if err != nil {
		return nil, err
	}
	if err := checkInstallable(c, opts.Chart); err != nil {
		return nil, err
	}
	if err := chartutil.ProcessDependenciesWithMerge(c, vals); err != nil {
		return nil, &diag.Diagnostic{Code: ValuesError, Pos: diag.Pos{File: opts.Chart},
			Message: "cannot apply values to the chart's dependencies: " + err.Error(), Suggestion: "a subchart's values must be a map"}
	}
	src.index(c)
	r := &run{opts: opts, src: src, chart: c}
	if err := r.renderValues(vals, caps); err != nil {
		return nil, err
	}
	if kv := c.Metadata.KubeVersion; kv != "" && !chartutil.IsCompatibleRange(kv, caps.KubeVersion.String()) {
		return nil, chartErr(src.file(c.Name()+"/Chart.yaml"), "set kubeVersion to a Kubernetes version the chart supports",
			"chart requires kubeVersion %s, which is incompatible with Kubernetes %s", kv, caps.KubeVersion.String())
	}
	if err := ctx.Err(); err != nil {
		return nil, canceled(err)
	}
	docs, err := r.render()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, canceled(err)
	}
	if err := r.checkRefused(docs); err != nil {
		return nil, err
	}
	return docs, nil
}

// render runs helm's engine and returns the documents in helm template
// order. engine.Engine's zero value is what `helm template` uses: no
// cluster client, so `lookup` finds nothing, and no DNS, so
// getHostByName returns "" (refuse.go refuses it anyway).
func (r *run) render() ([]Document, error) {
	rendered, err := engine.Engine{}.Render(r.chart, r.top)
	if err != nil {
		return nil, r.engineDiag(err)
	}
	// NOTES.txt is rendered (it may fail) but is not a manifest.
	for name := range rendered {
		if strings.HasSuffix(name, "NOTES.txt") {
			delete(rendered, name)
		}
	}
	return r.documents(rendered)
}

// checkInstallable refuses what `helm template` refuses before
// rendering: library charts, and dependencies Chart.yaml declares that
// charts/ does not hold (action.CheckDependencies, whose package akua
// does not link: it would double the start-up cost, see the docs).
func checkInstallable(c *chart.Chart, chartPath string) error {
	switch c.Metadata.Type {
	case "", "application":
	default:
		return chartErr(chartPath, "render an application chart that depends on it",
			"%s charts are not installable", c.Metadata.Type)
	}
	have := map[string]bool{}
	for _, d := range c.Dependencies() {
		have[d.Name()] = true
	}
	var missing []string
	for _, d := range c.Metadata.Dependencies {
		if !have[d.Name] {
			missing = append(missing, d.Name)
		}
	}
	if len(missing) > 0 {
		return chartErr(chartPath, "vendor the dependencies into charts/ (`helm dependency build`, or add them with `akua add`)",
			"found in Chart.yaml, but missing in charts/ directory: %s", strings.Join(missing, ", "))
	}
	return nil
}
