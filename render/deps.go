package render

// This file binds a package's locked dependencies (SPEC §4 step 3, §3
// typed imports): KCL packages as externals (`import k8s.api.apps.v1`),
// Helm charts as synthesized `charts.<alias>` modules, akua packages as
// `pkgs.<alias>` modules re-exporting their schemas, and plain-manifest
// bundles for oci.fetch_manifests. Dependencies come only from akua.lock,
// by digest (package registry/resolve).

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
	"akua.dev/akua/lock"
	"akua.dev/akua/registry/resolve"
)

// lockedDeps resolves the dependencies of the package in dir from its
// lock; a failure is reported at the package's akua.toml.
func lockedDeps(ctx context.Context, dir string, opts Options) (map[string]resolve.Dep, error) {
	deps, err := resolve.Locked(ctx, dir, opts.resolveOptions())
	if err == nil {
		return deps, nil
	}
	l := diag.From(err)
	if l[0].Code == diag.EvaluationError { // not a dependency diagnostic
		return nil, err
	}
	for _, d := range l {
		if d.Pos.File == "" {
			d.Pos.File = filepath.Join(dir, lock.ManifestFile)
		}
	}
	return nil, l
}

// bindDeps makes deps importable in ro and known to the host.
func (h *host) bindDeps(ro *kcl.RunOptions, deps map[string]resolve.Dep) error {
	h.deps = deps
	names := make([]string, 0, len(deps))
	for n := range deps {
		names = append(names, n)
	}
	sort.Strings(names)
	charts, pkgs := fstest.MapFS{}, fstest.MapFS{}
	for _, n := range names {
		d := deps[n]
		switch d.Content {
		case resolve.ContentKCL:
			if ro.Externals == nil {
				ro.Externals = map[string]string{}
			}
			ro.Externals[n] = d.Dir
		case resolve.ContentChart:
			src, err := chartModule(n, d)
			if err != nil {
				return err
			}
			charts[n+".k"] = &fstest.MapFile{Data: []byte(src)}
		case resolve.ContentAkua:
			src, err := packageModule(n, d)
			if err != nil {
				return err
			}
			pkgs[n+".k"] = &fstest.MapFile{Data: []byte(src)}
		}
	}
	if len(charts) > 0 {
		ro.Packages["charts"] = charts
	}
	if len(pkgs) > 0 {
		ro.Packages["pkgs"] = pkgs
	}
	return nil
}

// chartModule is the source of `charts.<alias>`.
func chartModule(alias string, d resolve.Dep) (string, error) {
	doc, err := os.ReadFile(filepath.Join(d.Dir, "values.schema.json"))
	if err != nil && !os.IsNotExist(err) {
		return "", err
	}
	values, err := valuesSchema(doc)
	if err != nil {
		return "", &diag.Diagnostic{Code: diag.Code{ID: "E_CHART_SCHEMA", Title: "ChartSchemaError"},
			Message: fmt.Sprintf("chart %s: %v", alias, err), Suggestion: "fix the chart's values.schema.json or remove it"}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\"\"\"charts.%s: the locked Helm chart %s %s.\"\"\"\nimport akua.helm\n\n", alias, d.Source, d.Version)
	fmt.Fprintf(&b, "path = %s\n\"\"\"The chart's directory, verified against akua.lock.\"\"\"\nChart = path\n\n", strconv.Quote(d.Dir))
	b.WriteString(values)
	b.WriteString(`schema TemplateOpts:
    """Options of the chart's template, as in akua.helm.Template."""
    values: Values = Values {}
    release: str = "release"
    namespace: str = "default"
    kubeVersion?: str
    apiVersions?: [str]
    includeCRDs: bool = True
    skipTests: bool = False
    postRenderer?: (any) -> any

template = lambda opts: TemplateOpts -> [{str:}] {
    """Render the chart with opts."""
    helm.template(helm.Template {
        chart = path
        values = opts.values
        release = opts.release
        namespace = opts.namespace
        kubeVersion = opts.kubeVersion
        apiVersions = opts.apiVersions
        includeCRDs = opts.includeCRDs
        skipTests = opts.skipTests
        postRenderer = opts.postRenderer
    })
}
`)
	return b.String(), nil
}

// packageModule is the source of `pkgs.<alias>`: the upstream package's
// schemas, type aliases and the imports they may need, plus `render`.
// Its body is left out: importing a package must not render it.
func packageModule(alias string, d resolve.Dep) (string, error) {
	file := filepath.Join(d.Dir, "package.k")
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	f, err := syntax.ParseFile(file, src)
	if err != nil {
		return "", err
	}
	kept := &syntax.File{Name: f.Name}
	for _, s := range f.Stmts {
		switch s := s.(type) {
		case *syntax.ImportStmt:
			// Engines and typed deps belong to the upstream's own render.
			if strings.HasPrefix(s.Path, "akua.") || strings.HasPrefix(s.Path, "charts.") || strings.HasPrefix(s.Path, "pkgs.") {
				continue
			}
			kept.Stmts = append(kept.Stmts, s)
		case *syntax.SchemaStmt, *syntax.TypeAliasStmt, *syntax.RuleStmt:
			kept.Stmts = append(kept.Stmts, s)
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "\"\"\"pkgs.%s: the locked akua package %s %s.\"\"\"\nimport akua.pkg as _akua_pkg\n\n", alias, d.Source, d.Version)
	b.Write(syntax.Format(kept))
	fmt.Fprintf(&b, `
render = lambda inputs: Input -> [{str:}] {
    """Render the package with inputs."""
    _akua_pkg.render(_akua_pkg.Render {package = %s, inputs = inputs})
}
`, strconv.Quote(alias))
	return b.String(), nil
}

// depRoot returns the dependency directory holding the absolute path p.
func (h *host) depRoot(p string) (string, bool) {
	for _, d := range h.deps {
		if pathguard.Within(d.Dir, p) {
			return d.Dir, true
		}
	}
	return "", false
}

// dep finds a dependency by alias, or by its source with or without the
// version (`oci://ghcr.io/acme/manifests:1.0.0`).
func (h *host) dep(ref string) (resolve.Dep, bool) {
	if d, ok := h.deps[ref]; ok {
		return d, true
	}
	for _, d := range h.deps {
		if ref == d.Source || ref == d.Source+":"+d.Version || ref == d.Source+"@"+d.Digest {
			return d, true
		}
	}
	return resolve.Dep{}, false
}
