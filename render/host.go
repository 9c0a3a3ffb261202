package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/registry/resolve"
	"akua.dev/akua/stdlib"
)

// Host error codes.
var (
	PkgCycle      = diag.Code{ID: "E_PKG_CYCLE", Title: "PackageCycle"}
	PkgDepth      = diag.Code{ID: "E_PKG_DEPTH", Title: "PackageDepthExceeded"}
	NotResolved   = diag.Code{ID: "E_DEP_NOT_RESOLVED", Title: "DependencyNotResolved"}
	EngineOutput  = diag.Code{ID: "E_ENGINE_OUTPUT", Title: "EngineOutputError"}
	HostArgsError = diag.Code{ID: "E_ENGINE_ARGS", Title: "EngineArgumentError"}
)

// host implements the native module the stdlib calls (stdlib.HostModule)
// for one package render. Its functions resolve every path against the
// package directory through pathguard.
type host struct {
	ctx   context.Context
	root  string   // package directory, absolute and symlink-free
	opts  Options  // the render's options (limits, depth)
	stack []string // package.k files being rendered, outermost first
	deps  map[string]resolve.Dep
}

type hostFunc func(h *host, th *eval.Thread, args *eval.Args) (eval.Value, error)

// hostFuncs maps stdlib.HostFuncs to their implementations. It is set
// in init: pkg.render renders packages, which builds host modules.
var hostFuncs map[string]hostFunc

func init() {
	hostFuncs = map[string]hostFunc{
		"helm_template":       (*host).helmTemplate,
		"kustomize_build":     (*host).kustomizeBuild,
		"pkg_render":          (*host).pkgRender,
		"rgd_instantiate":     (*host).rgdInstantiate,
		"oci_fetch_manifests": (*host).ociFetchManifests,
		"test_render":         (*host).testRender,
	}
}

func (h *host) module() *eval.Module {
	members := eval.NewDict(len(hostFuncs))
	for _, name := range stdlib.HostFuncs {
		f := hostFuncs[name]
		members.Set(name, eval.NewBuiltin(name, func(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
			return f(h, th, args)
		}))
	}
	return &eval.Module{Name: stdlib.HostModule, Members: members}
}

// path resolves a path a package passed to an engine and returns it
// with the root it must stay in: relative paths resolve in the package
// directory; an absolute path is accepted only inside a locked
// dependency (typed imports such as charts.<alias>.path name those).
func (h *host) path(p string) (resolved, root string, err error) {
	if filepath.IsAbs(p) {
		if dr, ok := h.depRoot(filepath.Clean(p)); ok {
			rel, err := filepath.Rel(dr, filepath.Clean(p))
			if err != nil {
				return "", "", err
			}
			r, err := pathguard.Resolve(dr, dr, filepath.ToSlash(rel))
			return r, dr, err
		}
	}
	r, err := pathguard.Resolve(h.root, h.root, p)
	return r, h.root, err
}

// arg returns the i-th positional argument.
func arg(args *eval.Args, i int, fn string) (eval.Value, error) {
	if i >= len(args.Pos) {
		return nil, &diag.Diagnostic{Code: HostArgsError, Message: fmt.Sprintf("%s: missing argument %d", fn, i+1),
			Suggestion: "call the akua." + strings.Split(fn, ".")[0] + " module's function, not akua.host directly"}
	}
	return args.Pos[i], nil
}

// documents turns an engine's YAML documents into KCL dicts, in order,
// keys in the order the engine wrote them; empty documents are dropped.
func documents(engine string, docs [][]byte) (*eval.List, error) {
	out := make([]eval.Value, 0, len(docs))
	for i, d := range docs {
		var n yaml.Node
		if err := yaml.Unmarshal(d, &n); err != nil {
			return nil, &diag.Diagnostic{Code: EngineOutput, Message: fmt.Sprintf("%s output document %d is not YAML: %v", engine, i+1, err),
				Suggestion: "the " + engine + " input produced invalid YAML; render it on its own to see the document"}
		}
		if len(n.Content) == 0 || n.Content[0].Tag == "!!null" {
			continue
		}
		v, err := eval.FromGo(&n)
		if err != nil {
			return nil, &diag.Diagnostic{Code: EngineOutput, Message: fmt.Sprintf("%s output document %d: %v", engine, i+1, err),
				Suggestion: "the " + engine + " input produced a document akua cannot read; render it on its own to see it"}
		}
		out = append(out, v)
	}
	return eval.NewList(out), nil
}

// packageFile returns the package.k a path names: the file itself, or
// package.k inside the directory.
func packageFile(p string) (string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		p = filepath.Join(p, "package.k")
		if _, err := os.Stat(p); err != nil {
			return "", &diag.Diagnostic{Code: PackageError, Message: "no package.k in " + filepath.Dir(p),
				Suggestion: "point at a package directory (holding package.k) or at the .k file itself"}
		}
	}
	return p, nil
}

// pkgRender renders another package inside this one (SPEC §5 pkg.render).
func (h *host) pkgRender(th *eval.Thread, args *eval.Args) (eval.Value, error) {
	opts, err := arg(args, 0, "pkg.render")
	if err != nil {
		return nil, err
	}
	var inputs eval.Value = eval.NewDict(0)
	if v, ok := field(opts, "inputs"); ok {
		inputs = v
	}
	if alias, ok := strField(opts, "package"); ok && alias != "" {
		d, ok := h.dep(alias)
		if !ok || d.Content != resolve.ContentAkua {
			return nil, &diag.Diagnostic{Code: NotResolved,
				Message:    fmt.Sprintf("%q is not a locked akua package dependency", alias),
				Suggestion: "add it with `akua add " + alias + " --oci ...` (or --path, --git), then `akua lock`" + h.depHint()}
		}
		return h.renderFile(filepath.Join(d.Dir, "package.k"), inputs)
	}
	p, _ := strField(opts, "path")
	return h.renderInner(p, inputs)
}

// depHint lists the locked dependencies for a suggestion.
func (h *host) depHint() string {
	if len(h.deps) == 0 {
		return ""
	}
	names := make([]string, 0, len(h.deps))
	for n := range h.deps {
		names = append(names, n)
	}
	sort.Strings(names)
	return "; locked: " + strings.Join(names, ", ")
}

// testRender renders a package for a test: pkg is an imported package
// module (`import package as pkg`) or a path.
func (h *host) testRender(th *eval.Thread, args *eval.Args) (eval.Value, error) {
	pkg, err := arg(args, 0, "test.render")
	if err != nil {
		return nil, err
	}
	var inputs eval.Value = eval.NewDict(0)
	if len(args.Pos) > 1 {
		inputs = args.Pos[1]
	} else if v, ok := args.Kwarg("inputs"); ok {
		inputs = v
	}
	switch p := pkg.(type) {
	case eval.Str:
		return h.renderInner(string(p), inputs)
	case *eval.Module:
		// An imported local module names a file or directory under the
		// package root: `import package` is ./package.k.
		rel := strings.ReplaceAll(p.Name, ".", "/")
		if _, err := os.Stat(filepath.Join(h.root, rel+".k")); err == nil {
			rel += ".k"
		}
		return h.renderInner("./"+rel, inputs)
	}
	return nil, &diag.Diagnostic{Code: HostArgsError, Message: "test.render: pkg is a " + pkg.Type() + ", want an imported package or a path",
		Suggestion: "pass `import package as pkg` then test.render(pkg, {...}), or a path such as \"./\""}
}

// renderInner renders the package at p (inside this package) with inputs
// and returns its resources as KCL values.
func (h *host) renderInner(p string, inputs eval.Value) (eval.Value, error) {
	dir, _, err := h.path(p)
	if err != nil {
		return nil, err
	}
	file, err := packageFile(dir)
	if err != nil {
		return nil, err
	}
	return h.renderFile(file, inputs)
}

// renderFile renders the package.k file with inputs: an inner package
// or a locked dependency, in its own sandbox, with its own deps.
func (h *host) renderFile(file string, inputs eval.Value) (eval.Value, error) {
	for i, f := range h.stack {
		if f == file {
			cycle := append(append([]string(nil), h.stack[i:]...), file)
			for j := range cycle {
				if r, err := filepath.Rel(h.root, cycle[j]); err == nil {
					cycle[j] = r
				}
			}
			return nil, &diag.Diagnostic{Code: PkgCycle, Message: "package render cycle: " + strings.Join(cycle, " -> "),
				Suggestion: "a package cannot render itself, directly or through others"}
		}
	}
	max := h.opts.MaxPackageDepth
	if max == 0 {
		max = DefaultMaxPackageDepth
	}
	if len(h.stack) >= max {
		return nil, &diag.Diagnostic{Code: PkgDepth, Message: fmt.Sprintf("pkg.render nested more than %d packages deep", max),
			Suggestion: "flatten the package composition"}
	}
	in, _ := eval.ToGo(inputs).(*eval.OrderedMap)
	if in == nil {
		in = eval.NewOrderedMap(0)
	}
	opts := h.opts
	opts.Package, opts.Inputs, opts.Set, opts.InputValues = file, nil, nil, in
	res, err := render(h.ctx, opts, h.stack)
	if err != nil {
		return nil, err
	}
	// The inner render's values belong to its own evaluation: hand this
	// one copies.
	out := make([]eval.Value, len(res.Resources))
	for i, r := range res.Resources {
		v, err := eval.FromGo(eval.ToGo(r.Value))
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return eval.NewList(out), nil
}

// ociFetchManifests returns the YAML documents of a locked dependency
// holding plain manifests, every *.yaml/*.yml file in path order.
func (h *host) ociFetchManifests(th *eval.Thread, args *eval.Args) (eval.Value, error) {
	v, err := arg(args, 0, "oci.fetch_manifests")
	if err != nil {
		return nil, err
	}
	ref, _ := v.(eval.Str)
	d, ok := h.dep(string(ref))
	if !ok || d.Content != resolve.ContentManifests {
		return nil, &diag.Diagnostic{Code: NotResolved,
			Message:    fmt.Sprintf("%q is not a locked dependency holding manifests", string(ref)),
			Suggestion: "add the bundle with `akua add <name> --oci oci://... --version v` and pass its name" + h.depHint()}
	}
	files, err := pathguard.ReadTree(d.Dir, d.Dir, pathguard.Limits{})
	if err != nil {
		return nil, err
	}
	var docs [][]byte
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".yaml") && !strings.HasSuffix(f.Name, ".yml") {
			continue
		}
		dec := yaml.NewDecoder(bytes.NewReader(f.Data))
		for {
			var n yaml.Node
			if err := dec.Decode(&n); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				return nil, &diag.Diagnostic{Code: EngineOutput, Message: fmt.Sprintf("%s in %s: %v", f.Name, d.Name, err)}
			}
			b, err := yaml.Marshal(&n)
			if err != nil {
				return nil, err
			}
			docs = append(docs, b)
		}
	}
	return documents("oci", docs)
}
