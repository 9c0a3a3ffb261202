package export

// This file evaluates defaults with the KCL engine itself, so that a
// default written as an expression (`"${a}-${b}"`, `[x for x in l]`, a
// global, a lambda call) or as a schema instance (`RoutingInput {}`)
// exports as the value KCL computes, not as source text.
//
// Defaults are read from an instance of each schema made with an empty
// config, in a mirror of the package written to a temporary directory.
// The mirror is the package's source with edits that keep every line
// and column in place (so errors point at the user's files):
//   - every attribute gets `?`, so instantiating without inputs does not
//     fail on required attributes (the one insertion per line is undone
//     in error positions);
//   - check expressions become `1` (always true): checks are exported
//     as constraints, not run against defaults;
//   - body statements other than attributes become `""` (they compute
//     values from other attributes, which have no value here);
//   - defaults that read other attributes are removed (they depend on
//     inputs; export writes their source under x-kcl-default);
//   - in package.k, top-level statements the schemas do not reference
//     (the body: engine calls, `input = ctx.input()`, resources) are
//     blanked out.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"akua.dev/akua/kcl"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
	"akua.dev/akua/render"
)

// mirrorMain is the file of the mirror that instantiates the schemas.
const mirrorMain = "__akua_export__.k"

// evalDefaults sets the inst of every view.
func (p *program) evalDefaults(ctx context.Context, views []*schemaView) error {
	tmp, err := os.MkdirTemp("", "akua-export-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if real, err := filepath.EvalSymlinks(tmp); err == nil {
		tmp = real // diagnostics name files by their resolved path
	}
	m := &mirror{p: p, tmp: tmp, origin: map[string]*srcFile{}, inserts: map[string][]syntax.Pos{}}
	keep := p.mainKeep(views)
	keys := make([]string, 0, len(p.mods))
	for k := range p.mods {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, f := range p.mods[k].files {
			if err := m.write(f, keep); err != nil {
				return err
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(p.root, "kcl.mod")); err == nil {
		if err := os.WriteFile(filepath.Join(tmp, "kcl.mod"), data, 0o644); err != nil {
			return err
		}
	}
	var imports, body strings.Builder
	alias := map[*module]string{}
	var lines []*schemaView // the view each line of body instantiates
	for i, v := range views {
		if !instantiable(v.decl) {
			continue // its defaults stay unknown
		}
		lines = append(lines, v)
		name := v.decl.name
		if mod := v.decl.file.mod; mod != p.main {
			if alias[mod] == "" {
				alias[mod] = fmt.Sprintf("__akua_m%d", len(alias))
				fmt.Fprintf(&imports, "import %s as %s\n", mod.dotted, alias[mod])
			}
			name = alias[mod] + "." + name
		}
		fmt.Fprintf(&body, "__akua_export_%d = %s {}\n", i, name)
	}
	mainRel, _ := filepath.Rel(p.root, p.file)
	mainDir := filepath.Dir(filepath.Join(tmp, mainRel))
	synth := filepath.Join(mainDir, mirrorMain)
	if err := os.WriteFile(synth, []byte(imports.String()+body.String()), 0o644); err != nil {
		return err
	}
	// As in a render: deterministic, confined to the (mirrored) package,
	// with the stdlib and the package's locked dependencies importable.
	// A package whose dependencies are not locked yet can still export
	// when its schemas do not use them.
	ro := kcl.RunOptions{WorkDir: mainDir, Deterministic: true, Sandbox: tmp}
	if err := render.Bind(ctx, &ro, p.dir, render.Options{}); err != nil {
		ro = kcl.RunOptions{WorkDir: mainDir, Deterministic: true, Sandbox: tmp}
		if err := render.Bind(ctx, &ro, mainDir, render.Options{}); err != nil {
			return err
		}
	}
	ev, err := kcl.Eval(ctx, []string{filepath.Join(tmp, mainRel), synth}, ro)
	if err != nil {
		return m.unmirror(err, synth, strings.Count(imports.String(), "\n"), lines)
	}
	for i, v := range views {
		if g, ok := ev.Global(fmt.Sprintf("__akua_export_%d", i)); ok {
			v.inst, _ = g.(*eval.Schema)
		}
	}
	return nil
}

// instantiable reports whether `S {}` can run: every schema parameter
// has a default.
func instantiable(d *schemaDecl) bool {
	for _, prm := range d.stmt.Params {
		if prm.Default == nil {
			return false
		}
	}
	return true
}

type mirror struct {
	p       *program
	tmp     string
	origin  map[string]*srcFile     // mirrored path → source
	inserts map[string][]syntax.Pos // mirrored path → where `?` was inserted
}

type edit struct {
	start, end int
	text       string
}

// blank is text replaced by spaces, newlines kept; prefix (shorter than
// text) replaces its start.
func blank(text, prefix string) string {
	b := []byte(text)
	for i := range b {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
	copy(b, prefix)
	return string(b)
}

// write writes the mirror of f.
func (m *mirror) write(f *srcFile, keep map[syntax.Stmt]bool) error {
	var edits []edit
	var inserts []syntax.Pos
	isMain := f.mod == m.p.main
	for _, st := range f.ast.Stmts {
		s, isSchema := st.(*syntax.SchemaStmt)
		if isMain && !keep[st] {
			a, b := st.Bounds()
			edits = append(edits, edit{f.offset(a), f.offset(b), blank(f.text(st), "")})
			continue
		}
		if !isSchema {
			continue
		}
		names := m.p.attrNames(&schemaDecl{name: s.Name.Name, stmt: s, file: f})
		for _, bs := range s.Body {
			a, ok := bs.(*syntax.SchemaAttr)
			switch {
			case ok:
				if !a.Optional {
					at := nameEnd(f, a)
					edits = append(edits, edit{at, at, "?"})
					col := a.NamePos.Col + int32(at-f.offset(a.NamePos))
					inserts = append(inserts, syntax.Pos{Line: a.NamePos.Line, Col: col})
				}
				if a.Value != nil && a.Type != nil && refersTo(a.Value, names) {
					_, te := a.Type.Bounds()
					_, ve := a.Value.Bounds()
					from, to := f.offset(te), f.offset(ve)
					edits = append(edits, edit{from, to, blank(string(f.src[from:to]), "")})
				}
			case !isDocString(bs):
				a, b := bs.Bounds()
				edits = append(edits, edit{f.offset(a), f.offset(b), blank(f.text(bs), `""`)})
			}
		}
		for _, c := range s.Checks {
			a, b := c.Bounds()
			edits = append(edits, edit{f.offset(a), f.offset(b), blank(f.text(c), "1")})
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var out strings.Builder
	at := 0
	for _, e := range edits {
		if e.start < at {
			continue // overlapping edits cannot happen; be safe
		}
		out.Write(f.src[at:e.start])
		out.WriteString(e.text)
		at = e.end
	}
	out.Write(f.src[at:])
	rel, err := filepath.Rel(m.p.root, f.path)
	if err != nil {
		return err
	}
	dst := filepath.Join(m.tmp, rel)
	m.origin[dst] = f
	m.inserts[dst] = inserts
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, []byte(out.String()), 0o644)
}

// nameEnd is the offset just after an attribute's name.
func nameEnd(f *srcFile, a *syntax.SchemaAttr) int {
	off := f.offset(a.NamePos)
	if off < len(f.src) && (f.src[off] == '"' || f.src[off] == '\'') {
		if end := strings.IndexByte(string(f.src[off+1:]), f.src[off]); end >= 0 {
			return off + end + 2
		}
	}
	return off + len(a.Name)
}

// attrNames are the names a default of decl may read that make it
// depend on inputs: the attributes of the flattened schema, its
// parameters and its index signature's key.
func (p *program) attrNames(decl *schemaDecl) map[string]bool {
	names := map[string]bool{}
	if v, err := p.flatten(decl); err == nil {
		for _, a := range v.attrs {
			names[a.name] = true
		}
		for _, c := range v.computed {
			names[c] = true
		}
	}
	for _, st := range decl.stmt.Body {
		collectSetters(st, func(n string) { names[n] = true })
	}
	for _, prm := range decl.stmt.Params {
		names[prm.Name.Name] = true
	}
	if sig := decl.stmt.IndexSig; sig != nil && sig.KeyName != nil {
		names[sig.KeyName.Name] = true
	}
	return names
}

// refersTo reports whether e reads one of names (an over-approximation:
// a lambda parameter of the same name counts).
func refersTo(e syntax.Node, names map[string]bool) bool {
	found := false
	refNames(e, func(n string) { found = found || names[n] })
	return found
}

// refNames calls add with every name n reads: identifiers, not
// attribute selectors, keyword names or config keys.
func refNames(n syntax.Node, add func(string)) {
	syntax.Walk(n, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.Ident:
			add(x.Name)
		case *syntax.NamedType:
			first, _, _ := strings.Cut(x.Name, ".")
			add(first)
		case *syntax.SelectorExpr:
			refNames(x.X, add)
			return false
		case *syntax.Keyword:
			refNames(x.Value, add)
			return false
		case *syntax.ConfigEntry:
			if x.Kind == syntax.EntryKV {
				switch x.Key.(type) {
				case *syntax.Ident, *syntax.SelectorExpr:
				default:
					refNames(x.Key, add)
				}
			}
			if x.Value != nil {
				refNames(x.Value, add)
			}
			if x.If != nil {
				refNames(x.If, add)
			}
			return false
		}
		return true
	})
}
