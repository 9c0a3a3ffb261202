package eval

import (
	"akua.dev/akua/kcl/syntax"
)

// This file merges repeated declarations of one global in the main
// package before evaluation, as upstream KCL does: every `x: S {...}`
// unification and every `x = S {...}` assignment of a schema expression
// to the same name are combined into the last of them, whose config gets
// all their entries (earlier first); the others are dropped. So
//
//	alice: Person {name: "Alice"}
//	alice: Person {age = 18}
//
// is one instantiation, and required attributes are checked once, on
// the combined value. The parsed trees are not modified.

type declRef struct {
	file, stmt int
	target     *syntax.Ident
}

// mergeDeclarations returns files with repeated schema declarations merged.
func mergeDeclarations(files []*syntax.File) []*syntax.File {
	byName := map[string][]declRef{}
	var names []string
	for fi, f := range files {
		for si, s := range f.Stmts {
			for _, id := range mergeTargets(s) {
				if _, ok := byName[id.Name]; !ok {
					names = append(names, id.Name)
				}
				byName[id.Name] = append(byName[id.Name], declRef{fi, si, id})
			}
		}
	}
	drop := map[[2]int]bool{}
	replace := map[[2]int]syntax.Stmt{}
	for _, name := range names {
		refs := byName[name]
		if len(refs) < 2 {
			continue
		}
		var entries []*syntax.ConfigEntry
		for _, r := range refs {
			entries = append(entries, schemaOf(files[r.file].Stmts[r.stmt]).Config.Entries...)
		}
		last := refs[len(refs)-1]
		key := [2]int{last.file, last.stmt}
		base := files[last.file].Stmts[last.stmt]
		if r, ok := replace[key]; ok {
			base = r
		}
		replace[key] = withConfig(base, unifyEntries(entries))
		for _, r := range refs[:len(refs)-1] {
			drop[[2]int{r.file, r.stmt}] = true
		}
	}
	if len(drop) == 0 && len(replace) == 0 {
		return files
	}
	out := make([]*syntax.File, len(files))
	for fi, f := range files {
		nf := *f
		nf.Stmts = nil
		for si, s := range f.Stmts {
			k := [2]int{fi, si}
			if drop[k] {
				continue
			}
			if r, ok := replace[k]; ok {
				s = r
			}
			nf.Stmts = append(nf.Stmts, s)
		}
		out[fi] = &nf
	}
	return out
}

// mergeTargets returns the names a statement declares with a schema
// expression.
func mergeTargets(s syntax.Stmt) []*syntax.Ident {
	switch s := s.(type) {
	case *syntax.UnificationStmt:
		return []*syntax.Ident{s.Target}
	case *syntax.AssignStmt:
		if _, ok := s.Value.(*syntax.SchemaExpr); !ok || s.Type != nil {
			return nil
		}
		var ids []*syntax.Ident
		for _, t := range s.Targets {
			if id, ok := t.(*syntax.Ident); ok {
				ids = append(ids, id)
			}
		}
		return ids
	}
	return nil
}

func schemaOf(s syntax.Stmt) *syntax.SchemaExpr {
	switch s := s.(type) {
	case *syntax.UnificationStmt:
		return s.Value
	case *syntax.AssignStmt:
		return s.Value.(*syntax.SchemaExpr)
	}
	return nil
}

// withConfig copies a declaration with its schema config replaced.
func withConfig(s syntax.Stmt, entries []*syntax.ConfigEntry) syntax.Stmt {
	se := *schemaOf(s)
	cfg := *se.Config
	cfg.Entries = entries
	se.Config = &cfg
	switch s := s.(type) {
	case *syntax.UnificationStmt:
		c := *s
		c.Value = &se
		return &c
	case *syntax.AssignStmt:
		c := *s
		c.Value = &se
		return &c
	}
	return s
}

// unifyEntries groups entries by key: an `=` entry drops the earlier
// entries of its key, and the config values of one key are folded into
// the first schema expression among them.
func unifyEntries(entries []*syntax.ConfigEntry) []*syntax.ConfigEntry {
	const none = "\x00none"
	buckets := map[string][]*syntax.ConfigEntry{}
	var order []string
	for _, e := range entries {
		name := none
		if e.Kind == syntax.EntryKV {
			switch k := e.Key.(type) {
			case *syntax.Ident:
				name = k.Name
			case *syntax.StringLit:
				name = k.Value
			case *syntax.SelectorExpr:
				if parts, ok := dottedNames(k); ok {
					name = joinDots(parts)
				}
			}
		}
		if _, ok := buckets[name]; !ok {
			order = append(order, name)
		}
		if name != none && e.Op == syntax.OpOverride {
			buckets[name] = buckets[name][:0]
		}
		buckets[name] = append(buckets[name], e)
	}
	var out []*syntax.ConfigEntry
	for _, name := range order {
		items := buckets[name]
		if name == none {
			out = append(out, items...)
			continue
		}
		idx := -1
		for i, it := range items {
			if _, ok := it.Value.(*syntax.SchemaExpr); ok {
				idx = i
				break
			}
		}
		if idx < 0 {
			out = append(out, items...)
			continue
		}
		merged := *items[idx]
		se := *merged.Value.(*syntax.SchemaExpr)
		cfg := *se.Config
		var before, after []*syntax.ConfigEntry
		for i, it := range items {
			var sub []*syntax.ConfigEntry
			switch v := it.Value.(type) {
			case *syntax.SchemaExpr:
				sub = v.Config.Entries
			case *syntax.ConfigExpr:
				sub = v.Entries
			default:
				out = append(out, it)
				continue
			}
			switch {
			case i < idx:
				before = append(before, sub...)
			case i > idx:
				after = append(after, sub...)
			}
		}
		cfg.Entries = append(append(before, cfg.Entries...), after...)
		se.Config = &cfg
		merged.Value = &se
		out = append(out, &merged)
	}
	for i, e := range out {
		switch v := e.Value.(type) {
		case *syntax.SchemaExpr:
			se := *v
			cfg := *se.Config
			cfg.Entries = unifyEntries(cfg.Entries)
			se.Config = &cfg
			c := *e
			c.Value = &se
			out[i] = &c
		case *syntax.ConfigExpr:
			cfg := *v
			cfg.Entries = unifyEntries(cfg.Entries)
			c := *e
			c.Value = &cfg
			out[i] = &c
		}
	}
	return out
}

func joinDots(parts []string) string {
	s := parts[0]
	for _, p := range parts[1:] {
		s += "." + p
	}
	return s
}
