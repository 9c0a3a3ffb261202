// Package kustomize is akua's embedded `kustomize build` (SPEC §5): krusty
// from sigs.k8s.io/kustomize/api run as a library over an in-memory copy
// of the package, so a kustomization can read nothing outside it. Remote
// bases, plugins and helm inflation are refused before krusty runs,
// because krusty fetches http(s) files and clones git repositories even
// over an in-memory filesystem. The package knows nothing about KCL: the
// stdlib's kustomize.build wraps Build and attaches the call position.
package kustomize

import (
	"context"
	"fmt"
	"path/filepath"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resmap"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl/diag"
)

// Error codes, stable across releases. Paths that leave the package are
// pathguard's E_PATH_ESCAPE; files a kustomization names that do not
// exist are pathguard's E_PATH_NOT_FOUND.
var (
	// Remote is a resource, base, component or file named by URL or git
	// address: akua never fetches anything while rendering.
	Remote = diag.Code{ID: "E_KUSTOMIZE_REMOTE", Title: "KustomizeRemote"}
	// Plugin is a generator, transformer or validator that is not one of
	// kustomize's builtins, or helm chart inflation.
	Plugin = diag.Code{ID: "E_KUSTOMIZE_PLUGIN", Title: "KustomizePlugin"}
	// BuildError is everything krusty itself reports, plus a directory
	// without a kustomization file.
	BuildError = diag.Code{ID: "E_KUSTOMIZE_BUILD", Title: "KustomizeBuild"}
)

// Version is the kustomize CLI release whose `kustomize build` output
// Build reproduces: v5.8.2 is built on the api v0.21.2 akua links. It is
// also the version in the app.kubernetes.io/managed-by label that
// `buildMetadata: [managedByLabel]` adds, which kustomize would otherwise
// take from the embedding binary's version.
const Version = "v5.8.2"

// Options says what to build.
type Options struct {
	Root string // package root: absolute, symlink-free (pathguard.Root)
	Path string // absolute directory inside Root holding a kustomization (already checked by the caller)
}

// Build returns the documents `kustomize build <Path>` prints, in order,
// each as YAML without a "---" separator. Errors are *diag.Diagnostic.
func Build(ctx context.Context, opts Options) ([][]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, canceled(err)
	}
	root, dir := filepath.Clean(opts.Root), filepath.Clean(opts.Path)
	if !filepath.IsAbs(root) || !filepath.IsAbs(dir) {
		return nil, &diag.Diagnostic{Code: diag.InternalError,
			Message: fmt.Sprintf("kustomize: root %q and path %q must be absolute", opts.Root, opts.Path)}
	}
	if !pathguard.Within(root, dir) {
		rel, _ := filepath.Rel(root, dir)
		return nil, &diag.Diagnostic{Code: pathguard.Escape,
			Message:    fmt.Sprintf("path %q escapes the package: it leaves the package directory", filepath.ToSlash(rel)),
			Suggestion: "keep kustomizations inside the package directory (or add them as dependencies with `akua add`)"}
	}
	fs, escaped, err := loadTree(root)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, canceled(err)
	}

	// krusty cannot be interrupted; run it aside so a cancelled render
	// returns at once. The abandoned build only touches its own
	// in-memory tree and finishes on its own.
	type result struct {
		docs [][]byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		docs, err := buildTree(ctx, fs, escaped, root, dir)
		done <- result{docs, err}
	}()
	select {
	case r := <-done:
		return r.docs, r.err
	case <-ctx.Done():
		return nil, canceled(ctx.Err())
	}
}

// loadTree copies the package into memory at its own absolute path, so
// relative references and kustomize's load restrictions behave as on
// disk, and nothing outside the package exists for krusty. Symlinks
// leading out of the package are left out and returned (absolute
// paths): a kustomization that names one is refused by the checker,
// one that does not is unaffected.
func loadTree(root string) (filesys.FileSystem, map[string]bool, error) {
	files, err := pathguard.ReadTree(root, root, pathguard.Limits{SkipEscapes: true})
	if err != nil {
		if _, ok := err.(*diag.Diagnostic); ok {
			return nil, nil, err
		}
		return nil, nil, &diag.Diagnostic{Code: BuildError,
			Message:    "cannot read the package for kustomize: " + err.Error(),
			Suggestion: "fix or remove the offending file in the package directory"}
	}
	fs := filesys.MakeFsInMemory()
	if err := fs.MkdirAll(root); err != nil {
		return nil, nil, err
	}
	escaped := map[string]bool{}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if f.Escapes {
			escaped[p] = true
			continue
		}
		if err := fs.WriteFile(p, f.Data); err != nil {
			return nil, nil, &diag.Diagnostic{Code: BuildError,
				Message:    fmt.Sprintf("cannot copy %q for kustomize: %v", f.Name, err),
				Suggestion: "rename the file"}
		}
	}
	return fs, escaped, nil
}

// buildTree checks the tree reachable from dir, then runs krusty on it. It
// holds the engine lock throughout: see runKrusty.
func buildTree(ctx context.Context, fs filesys.FileSystem, escaped map[string]bool, root, dir string) ([][]byte, error) {
	select {
	case engine <- struct{}{}:
	case <-ctx.Done():
		return nil, canceled(ctx.Err())
	}
	defer func() { <-engine }()

	c := newChecker(root, fs, escaped)
	if err := c.top(dir); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, canceled(err)
	}
	m, err := c.run(dir)
	if err != nil {
		return nil, err
	}
	if c.managedBy {
		if err := pinManagedBy(m); err != nil {
			return nil, c.buildErr(dir, err)
		}
	}
	docs := make([][]byte, 0, m.Size())
	for _, r := range m.Resources() {
		y, err := r.AsYAML()
		if err != nil {
			return nil, c.buildErr(dir, err)
		}
		docs = append(docs, y)
	}
	return docs, nil
}

// engine serialises krusty runs: kyaml keeps the OpenAPI schema a
// kustomization selects (`openapi:`) in process-wide state, so two builds
// at once could each see the other's schema.
var engine = make(chan struct{}, 1)

// schemaDirty records that an earlier run selected a custom or versioned
// OpenAPI schema. kyaml does not reset it for a later kustomization
// without `openapi:`, so it would leak into that build; guarded by engine.
var schemaDirty bool

// options are `kustomize build`'s defaults minus everything that reaches
// outside the package: legacy output order unless the kustomization sets
// sortOptions (the CLI's default, Unspecified, not krusty's None), load
// restrictions on, builtin plugins only, helm off.
func options() *krusty.Options {
	o := krusty.MakeDefaultOptions()
	o.Reorder = krusty.ReorderOptionUnspecified
	o.LoadRestrictions = types.LoadRestrictionsRootOnly
	o.PluginConfig = types.DisabledPluginConfig()
	o.PluginConfig.HelmConfig.Enabled = false
	o.AddManagedbyLabel = false
	return o
}

// runKrusty builds dir. A panic inside kustomize (kyaml panics on a
// malformed custom OpenAPI schema) becomes an error rather than taking
// the whole render down.
func runKrusty(fs filesys.FileSystem, dir string, openAPI bool) (m resmap.ResMap, err error) {
	if schemaDirty || openAPI {
		resetSchema()
		schemaDirty = openAPI
	}
	defer func() {
		if p := recover(); p != nil {
			schemaDirty = true
			m, err = nil, fmt.Errorf("kustomize panicked: %v", p)
		}
	}()
	return krusty.MakeKustomizer(options()).Run(fs, dir)
}

func canceled(err error) error {
	return &diag.Diagnostic{Code: diag.Canceled, Message: "kustomize build canceled: " + err.Error(),
		Suggestion: "the render was stopped (time limit or interrupt); rerun it"}
}
