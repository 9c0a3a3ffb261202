package export

// This file decides which top-level statements of package.k the
// defaults mirror keeps, and maps the mirror's diagnostics back to the
// user's files.

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// mainKeep returns the statements of package.k the schemas of views
// need: those schemas and, transitively, the globals, aliases, schemas
// and imports they read. The rest (the package body) is not run.
func (p *program) mainKeep(views []*schemaView) map[syntax.Stmt]bool {
	f := p.main.files[0]
	want := map[string]bool{}
	for _, v := range views {
		if v.decl.file == f {
			want[v.decl.name] = true
		}
	}
	keep := map[syntax.Stmt]bool{}
	for changed := true; changed; {
		changed = false
		for _, st := range f.ast.Stmts {
			if keep[st] || !definesAny(st, want) {
				continue
			}
			keep[st] = true
			changed = true
			p.stmtRefs(f, st, func(n string) { want[n] = true })
		}
	}
	return keep
}

// definesAny reports whether a top-level statement binds one of names.
func definesAny(st syntax.Stmt, names map[string]bool) bool {
	found := false
	add := func(n string) { found = found || names[n] }
	switch s := st.(type) {
	case *syntax.SchemaStmt:
		add(s.Name.Name)
	case *syntax.RuleStmt:
		add(s.Name.Name)
	case *syntax.TypeAliasStmt:
		add(s.Name.Name)
	case *syntax.ImportStmt:
		add(importName(s))
	default:
		collectSetters(st, add)
	}
	return found
}

// stmtRefs calls add with the names a kept statement reads in the
// mirror: for a schema, not its checks, body statements or
// input-dependent defaults, which the mirror removes.
func (p *program) stmtRefs(f *srcFile, st syntax.Stmt, add func(string)) {
	s, ok := st.(*syntax.SchemaStmt)
	if !ok {
		refNames(st, add)
		return
	}
	names := p.attrNames(&schemaDecl{name: s.Name.Name, stmt: s, file: f})
	for _, d := range s.Decorators {
		refNames(d, add)
	}
	for _, prm := range s.Params {
		refNames(prm, add)
	}
	if s.Parent != nil {
		refNames(s.Parent, add)
	}
	for _, mx := range s.Mixins {
		refNames(mx, add)
	}
	if s.IndexSig != nil {
		refNames(s.IndexSig, add)
	}
	for _, bs := range s.Body {
		a, ok := bs.(*syntax.SchemaAttr)
		if !ok {
			continue
		}
		for _, d := range a.Decorators {
			refNames(d, add)
		}
		if a.Type != nil {
			refNames(a.Type, add)
		}
		if a.Value != nil && !refersTo(a.Value, names) {
			refNames(a.Value, add)
		}
	}
}

// unmirror maps the diagnostics of a failed defaults evaluation to the
// package's files; errors raised by the generated instantiations point
// at the schema they instantiate.
func (m *mirror) unmirror(err error, synth string, nImports int, views []*schemaView) error {
	list := diag.From(err)
	for _, d := range list {
		d.Pos = m.mapPos(d.Pos, synth, nImports, views)
		d.End = m.mapPos(d.End, synth, nImports, views)
		for i := range d.Notes {
			d.Notes[i].Pos = m.mapPos(d.Notes[i].Pos, synth, nImports, views)
			d.Notes[i].End = m.mapPos(d.Notes[i].End, synth, nImports, views)
		}
		if d.Suggestion == "" {
			d.Suggestion = "export evaluates every schema's defaults without inputs; " +
				"a default that fails here fails in every render that omits the attribute"
		}
	}
	return list
}

func (m *mirror) mapPos(p diag.Pos, synth string, nImports int, views []*schemaView) diag.Pos {
	if p.File == synth {
		if i := p.Line - nImports - 1; i >= 0 && i < len(views) {
			return pos(views[i].decl.file, views[i].decl.stmt.Name)
		}
		if len(views) > 0 {
			return diag.Pos{File: views[0].decl.file.path}
		}
	}
	f := m.origin[p.File]
	if f == nil {
		return p
	}
	for _, ins := range m.inserts[p.File] {
		if int(ins.Line) == p.Line && p.Col > int(ins.Col) {
			p.Col--
		}
	}
	p.File = f.path
	return p
}
