package kustomize

import (
	"fmt"
	"path/filepath"
	"strings"

	"sigs.k8s.io/kustomize/api/konfig"
	"sigs.k8s.io/kustomize/api/provider"
	"sigs.k8s.io/kustomize/api/resmap"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl/diag"
)

// A checker walks every kustomization reachable from the one being built
// and refuses, before krusty sees them, the references krusty would
// resolve outside the in-memory package: URLs and git addresses (fetched
// over the network), absolute paths and paths leaving the package, and
// plugins. It decodes each kustomization with kustomize's own decoder
// (case-insensitive keys, anchors, merge keys), so it sees exactly the
// values krusty will.
type checker struct {
	root string
	fs   filesys.FileSystem
	rmf  *resmap.Factory // kustomize's own, to tell inline configs from paths as it does
	seen map[string]bool // kustomization directories already walked
	// escaped are the package's symlinks leading outside it (absolute
	// paths), left out of the in-memory copy.
	escaped map[string]bool
	kust    []*kfile // every kustomization walked, for error positions

	openAPI   bool // some kustomization selects an OpenAPI schema
	managedBy bool // the top kustomization asks for the managed-by label
}

// A kfile is one kustomization (or plugin config) file being checked.
type kfile struct {
	path string // absolute
	dir  string // directory its relative references resolve against
	data []byte
}

func newChecker(root string, fs filesys.FileSystem, escaped map[string]bool) *checker {
	rf := provider.NewDepProvider().GetResourceFactory()
	return &checker{root: root, fs: fs, rmf: resmap.NewFactory(rf), seen: map[string]bool{}, escaped: escaped}
}

// throughEscape reports whether p is, or lies under, a symlink leading
// out of the package.
func (c *checker) throughEscape(p string) bool {
	for q := p; pathguard.Within(c.root, q); q = filepath.Dir(q) {
		if c.escaped[q] {
			return true
		}
		if q == c.root {
			break
		}
	}
	return false
}

// top checks the kustomization in dir, the one Build was asked for.
func (c *checker) top(dir string) error {
	k, err := c.kustomization(dir, nil, "", "")
	if err != nil {
		return err
	}
	for _, m := range k.BuildMetadata {
		if m == types.ManagedByLabelOption {
			c.managedBy = true
		}
	}
	return nil
}

// kustomization checks the kustomization in dir and, recursively, every
// kustomization it names. from/field/value locate the reference that led
// here, for the error when dir holds no kustomization.
func (c *checker) kustomization(dir string, from *kfile, field, value string) (*types.Kustomization, error) {
	if c.seen[dir] {
		return &types.Kustomization{}, nil // krusty reports real cycles itself
	}
	c.seen[dir] = true
	kf, err := c.kustFile(dir, from, field, value)
	if err != nil {
		return nil, err
	}
	var k types.Kustomization
	if err := k.Unmarshal(kf.data); err != nil {
		return nil, c.fileErr(kf, err)
	}
	if len(k.OpenAPI) > 0 {
		c.openAPI = true
	}
	if err := c.refuseHelm(kf, &k); err != nil {
		return nil, err
	}
	if err := c.refs(kf, &k); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name    string
		entries []string
	}{{"generators", k.Generators}, {"transformers", k.Transformers}, {"validators", k.Validators}} {
		if err := c.pluginEntries(kf, f.name, f.entries); err != nil {
			return nil, err
		}
	}
	return &k, nil
}

// kustFile finds the one kustomization file in dir, as krusty does.
func (c *checker) kustFile(dir string, from *kfile, field, value string) (*kfile, error) {
	var found []string
	for _, name := range konfig.RecognizedKustomizationFileNames() {
		if p := filepath.Join(dir, name); c.fs.Exists(p) && !c.fs.IsDir(p) {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 1:
		data, err := c.fs.ReadFile(found[0])
		if err != nil {
			return nil, err
		}
		kf := &kfile{path: found[0], dir: dir, data: data}
		c.kust = append(c.kust, kf)
		return kf, nil
	case 0:
		d := &diag.Diagnostic{Code: BuildError,
			Message:    fmt.Sprintf("no kustomization.yaml, kustomization.yml or Kustomization in %q", c.rel(dir)),
			Suggestion: fmt.Sprintf("create %s/kustomization.yaml, or name the directory that holds one", c.rel(dir))}
		if from != nil {
			d.Message = fmt.Sprintf("%s entry %q in %s: %s", field, value, c.rel(from.path), d.Message)
			d.Pos = c.pos(from, field, value)
		}
		return nil, d
	}
	return nil, &diag.Diagnostic{Code: BuildError, Pos: diag.Pos{File: found[0]},
		Message:    fmt.Sprintf("%q holds more than one kustomization file", c.rel(dir)),
		Suggestion: "keep only kustomization.yaml"}
}

// What a reference must name.
type refKind int

const (
	fileRef     refKind = iota // a file krusty reads (patch, crd, generator source, ...)
	dirRef                     // a kustomization directory (components)
	resourceRef                // either: a resource file or a kustomization directory
)

// refs checks every file and directory reference of k except plugin
// entries, under the field names the user wrote.
func (c *checker) refs(kf *kfile, k *types.Kustomization) error {
	check := func(field string, kind refKind, values ...string) error {
		for _, v := range values {
			if err := c.ref(kf, field, v, kind); err != nil {
				return err
			}
		}
		return nil
	}
	errs := []error{
		check("resources", resourceRef, k.Resources...),
		check("bases", resourceRef, k.Bases...),
		check("components", dirRef, k.Components...),
		check("crds", fileRef, k.Crds...),
		check("configurations", fileRef, k.Configurations...),
	}
	if p, ok := k.OpenAPI["path"]; ok {
		errs = append(errs, check("openapi", fileRef, p))
	}
	for _, p := range k.Patches {
		errs = append(errs, check("patches", fileRef, nonEmpty(p.Path)...))
	}
	for _, p := range k.PatchesJson6902 {
		errs = append(errs, check("patchesJson6902", fileRef, nonEmpty(p.Path)...))
	}
	for _, p := range k.PatchesStrategicMerge {
		// krusty takes an entry that parses as resources for an inline
		// patch, and only otherwise for a path: ask the same parser.
		if _, err := c.rmf.RF().SliceFromBytes([]byte(p)); err != nil {
			errs = append(errs, check("patchesStrategicMerge", fileRef, string(p)))
		}
	}
	for _, r := range k.Replacements {
		errs = append(errs, check("replacements", fileRef, nonEmpty(r.Path)...))
	}
	for _, g := range k.ConfigMapGenerator {
		errs = append(errs, c.kvSources(kf, "configMapGenerator", g.KvPairSources))
	}
	for _, g := range k.SecretGenerator {
		errs = append(errs, c.kvSources(kf, "secretGenerator", g.KvPairSources))
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// kvSources checks a generator's files ([key=]path), envs and env.
func (c *checker) kvSources(kf *kfile, field string, s types.KvPairSources) error {
	for _, f := range s.FileSources {
		p := f
		if key, path, ok := strings.Cut(f, "="); ok && key != "" && !strings.Contains(path, "=") {
			p = path
		}
		if err := c.ref(kf, field, p, fileRef); err != nil {
			return err
		}
	}
	for _, e := range append(append([]string(nil), s.EnvSources...), nonEmpty(s.EnvSource)...) {
		if err := c.ref(kf, field, e, fileRef); err != nil {
			return err
		}
	}
	return nil
}

// ref checks one reference in kf and walks into kustomization
// directories it names.
func (c *checker) ref(kf *kfile, field, v string, kind refKind) error {
	if why := remoteRef(v); why != "" {
		return &diag.Diagnostic{Code: Remote, Pos: c.pos(kf, field, v),
			Message: fmt.Sprintf("%s entry %q in %s is %s: akua never fetches anything while rendering",
				field, v, c.rel(kf.path), why),
			Suggestion: "vendor it into the package and name it by a relative path, or add it as a dependency with `akua add`"}
	}
	if v == "" {
		return nil // krusty reports empty entries itself
	}
	if filepath.IsAbs(v) || strings.HasPrefix(v, "/") || strings.HasPrefix(v, `\`) || filepath.VolumeName(v) != "" {
		return c.escape(kf, field, v, "absolute paths are not allowed")
	}
	p := filepath.Join(kf.dir, filepath.FromSlash(v))
	if !pathguard.Within(c.root, p) {
		return c.escape(kf, field, v, "it leaves the package directory")
	}
	if c.throughEscape(p) {
		return c.escape(kf, field, v, "a symlink points outside the package directory")
	}
	isFile := c.fs.Exists(p) && !c.fs.IsDir(p)
	if isFile && kind != dirRef && !pathguard.Within(kf.dir, p) {
		// krusty's load restrictions (on in `kustomize build` too): say
		// it plainly instead of its nested accumulation error.
		return &diag.Diagnostic{Code: BuildError, Pos: c.pos(kf, field, v),
			Message: fmt.Sprintf("%s entry %q in %s is a file outside the kustomization's directory: "+
				"kustomize only loads files in or below it", field, v, c.rel(kf.path)),
			Suggestion: fmt.Sprintf("move the file under %s, or give its directory a kustomization.yaml and list the directory", c.rel(kf.dir))}
	}
	switch {
	case c.fs.IsDir(p) && kind != fileRef:
		_, err := c.kustomization(p, kf, field, v)
		return err
	case c.fs.Exists(p) && kind != dirRef:
		return nil
	case isFile: // a file where a directory is needed
		return &diag.Diagnostic{Code: BuildError, Pos: c.pos(kf, field, v),
			Message:    fmt.Sprintf("%s entry %q in %s is a file, not a kustomization directory", field, v, c.rel(kf.path)),
			Suggestion: "name the directory holding the component's kustomization.yaml"}
	case c.fs.Exists(p):
		return nil // a directory where a file is needed: krusty says so
	}
	return &diag.Diagnostic{Code: pathguard.NotFound, Pos: c.pos(kf, field, v),
		Message:    fmt.Sprintf("%s entry %q in %s does not exist in the package", field, v, c.rel(kf.path)),
		Suggestion: fmt.Sprintf("paths in a kustomization are relative to its directory (%s)", c.rel(kf.dir))}
}

func (c *checker) escape(kf *kfile, field, v, why string) error {
	return &diag.Diagnostic{Code: pathguard.Escape, Pos: c.pos(kf, field, v),
		Message: fmt.Sprintf("%s entry %q in %s escapes the package: %s", field, v, c.rel(kf.path), why),
		Suggestion: "keep bases, components and files inside the package directory and name them relative " +
			"to the kustomization (or add them as dependencies with `akua add`)"}
}

// refuseHelm refuses helm chart inflation: it runs the helm binary and
// pulls charts from repositories.
func (c *checker) refuseHelm(kf *kfile, k *types.Kustomization) error {
	field, name := "", ""
	switch {
	case len(k.HelmCharts) > 0:
		field, name = "helmCharts", k.HelmCharts[0].Name
	case len(k.HelmChartInflationGenerator) > 0:
		field, name = "helmChartInflationGenerator", k.HelmChartInflationGenerator[0].ChartName
	default:
		return nil
	}
	return helmErr(c.pos(kf, field, name), fmt.Sprintf("%s entry %q in %s", field, name, c.rel(kf.path)))
}

func helmErr(pos diag.Pos, what string) error {
	return &diag.Diagnostic{Code: Plugin, Pos: pos,
		Message: what + ": helm chart inflation inside kustomize is not supported",
		Suggestion: "render the chart with akua.helm.template (vendor it into the package or `akua add` it) " +
			"and combine the resources in package.k"}
}

// rel names p relative to the package root, for messages.
func (c *checker) rel(p string) string {
	r, err := filepath.Rel(c.root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// pos is the position of value under field in kf (line 0 when it
// cannot be found).
func (c *checker) pos(kf *kfile, field, value string) diag.Pos {
	return diag.Pos{File: kf.path, Line: lineOf(kf.data, field, value)}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
