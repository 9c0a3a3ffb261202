package kustomize

import (
	"fmt"
	"path/filepath"
	"slices"

	"sigs.k8s.io/kustomize/api/builtins"
	"sigs.k8s.io/kustomize/api/konfig"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resmap"
	"sigs.k8s.io/kustomize/api/resource"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/openapi"
	"sigs.k8s.io/yaml"

	"akua.dev/akua/kcl/diag"
)

// builtinKinds are the plugin kinds kustomize links statically; any other
// kind would be an exec, container or Go plugin.
var builtinKinds = krusty.GetBuiltinPluginNames()

// pluginEntries checks a generators, transformers or validators list.
// Each entry is an inline plugin config or a path to a file of configs
// or to a kustomization whose output is configs, decided as krusty
// decides it. Every config must be a builtin, and the files builtins read
// (patches, replacements, generator sources) are references like any
// other, resolved against kf's directory, as krusty resolves them.
func (c *checker) pluginEntries(kf *kfile, field string, entries []string) error {
	for _, e := range entries {
		if rm, err := c.rmf.NewResMapFromBytes([]byte(e)); err == nil {
			if err := c.pluginConfigs(kf, kf, field, e, rm.Resources()); err != nil {
				return err
			}
			continue
		}
		if err := c.ref(kf, field, e, resourceRef); err != nil {
			return err
		}
		p := filepath.Join(kf.dir, filepath.FromSlash(e))
		var (
			rm  resmap.ResMap
			src *kfile
			err error
		)
		if c.fs.IsDir(p) {
			// The configs are what that kustomization builds (ref walked
			// it already, so building it is safe); errors say where.
			if rm, err = c.run(p); err != nil {
				return err
			}
			src = c.find(p)
		} else {
			data, rerr := c.fs.ReadFile(p)
			if rerr != nil {
				return rerr
			}
			src = &kfile{path: p, dir: kf.dir, data: data}
			if rm, err = c.rmf.NewResMapFromBytes(data); err != nil {
				continue // not configs at all: krusty reports it
			}
		}
		if err := c.pluginConfigs(kf, src, field, e, rm.Resources()); err != nil {
			return err
		}
	}
	return nil
}

// pluginConfigs checks the configs of one entry of kf, written in src
// (kf itself for an inline entry).
func (c *checker) pluginConfigs(kf, src *kfile, field, entry string, configs []*resource.Resource) error {
	for _, r := range configs {
		gvk := r.GetGvk()
		what := fmt.Sprintf("%s entry in %s configures %s %q", field, c.rel(kf.path), gvk.Kind, r.GetName())
		if src != kf {
			what = fmt.Sprintf("%s entry %s (listed in %s) configures %s %q", field, c.rel(src.path), c.rel(kf.path), gvk.Kind, r.GetName())
		}
		pos := diag.Pos{File: src.path, Line: lineOf(src.data, "kind", gvk.Kind)}
		if src == kf { // inline: the entry's own line
			pos.Line = lineOf(kf.data, field, entry)
		}
		if gvk.Group != "" || gvk.Version != konfig.BuiltinPluginApiVersion || !slices.Contains(builtinKinds, gvk.Kind) {
			return &diag.Diagnostic{Code: Plugin, Pos: pos,
				Message: fmt.Sprintf("%s (apiVersion %q), which is not a kustomize builtin: "+
					"exec, container and Go plugins are off", what, gvk.ApiVersion()),
				Suggestion: "use a builtin (apiVersion: builtin, e.g. PatchTransformer, LabelTransformer), " +
					"or do the plugin's work in package.k on the resources kustomize.build returns"}
		}
		y, err := r.AsYAML()
		if err != nil {
			return err
		}
		if err := c.builtinFiles(kf, src, field, pos, y); err != nil {
			return err
		}
	}
	return nil
}

// builtinFiles checks the files a builtin config reads. Configs are
// decoded as the builtins decode them (sigs.k8s.io/yaml); a config that
// does not decode is left for krusty to report.
func (c *checker) builtinFiles(kf, src *kfile, field string, pos diag.Pos, y []byte) error {
	// The references resolve against kf's directory, but their lines are
	// in src.
	at := &kfile{path: src.path, dir: kf.dir, data: src.data}
	var paths []string
	var meta struct{ Kind string }
	_ = yaml.Unmarshal(y, &meta)
	switch meta.Kind {
	case "HelmChartInflationGenerator":
		return helmErr(pos, fmt.Sprintf("%s entry in %s", field, c.rel(src.path)))
	case "PatchTransformer":
		var p builtins.PatchTransformerPlugin
		if yaml.Unmarshal(y, &p) == nil {
			paths = nonEmpty(p.Path)
		}
	case "PatchJson6902Transformer":
		var p builtins.PatchJson6902TransformerPlugin
		if yaml.Unmarshal(y, &p) == nil {
			paths = nonEmpty(p.Path)
		}
	case "PatchStrategicMergeTransformer":
		var p builtins.PatchStrategicMergeTransformerPlugin
		if yaml.Unmarshal(y, &p) == nil {
			for _, s := range p.Paths {
				if _, err := c.rmf.RF().SliceFromBytes([]byte(s)); err != nil {
					paths = append(paths, string(s))
				}
			}
		}
	case "ReplacementTransformer":
		var p builtins.ReplacementTransformerPlugin
		if yaml.Unmarshal(y, &p) == nil {
			for _, r := range p.ReplacementList {
				paths = append(paths, nonEmpty(r.Path)...)
			}
		}
	case "ValueAddTransformer":
		var p builtins.ValueAddTransformerPlugin
		if yaml.Unmarshal(y, &p) == nil {
			paths = nonEmpty(p.TargetFilePath)
		}
	case "ConfigMapGenerator", "SecretGenerator":
		var g types.GeneratorArgs
		if yaml.Unmarshal(y, &g) == nil {
			return c.kvSources(at, field, g.KvPairSources)
		}
	}
	for _, p := range paths {
		if err := c.ref(at, field, p, fileRef); err != nil {
			return err
		}
	}
	return nil
}

// run builds dir with krusty; the caller has checked everything dir
// reaches.
func (c *checker) run(dir string) (resmap.ResMap, error) {
	m, err := runKrusty(c.fs, dir, c.openAPI)
	if err != nil {
		return nil, c.buildErr(dir, err)
	}
	return m, nil
}

// find returns the walked kustomization of dir.
func (c *checker) find(dir string) *kfile {
	for _, kf := range c.kust {
		if kf.dir == dir {
			return kf
		}
	}
	return &kfile{path: dir, dir: dir}
}

// pinManagedBy sets the managed-by label to kustomize's release instead
// of the embedding binary's version, which krusty reads from build info.
func pinManagedBy(m resmap.ResMap) error {
	t := builtins.LabelTransformerPlugin{
		Labels: map[string]string{konfig.ManagedbyLabelKey: "kustomize-" + Version},
		FieldSpecs: []types.FieldSpec{{
			Path:               "metadata/labels",
			CreateIfNotPresent: true,
		}},
	}
	return t.Transform(m)
}

// resetSchema forgets any OpenAPI schema an earlier build selected, so
// each build starts from kyaml's default as a fresh `kustomize` process.
func resetSchema() { openapi.ResetOpenAPI() }
