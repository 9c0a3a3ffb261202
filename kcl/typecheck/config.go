package typecheck

import (
	"strconv"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// This file checks config literals: against a schema (every key must be
// an attribute, every value must fit the attribute's type), against a
// dict type, or on their own.

// A configKey is the static reading of a config entry's key.
type configKey struct {
	names   []string      // `a.b.c` → a, b, c
	nodes   []syntax.Node // the node of each name, for positions
	indexed bool          // `a[1] = v`: a list element, not the attribute
	dynamic bool          // the key is computed: nothing is known
}

// entryKey reads a key as evaluation does: identifiers (unless loop
// variables) and strings are names, `a.b` is a path, `a[i]` an index.
func (c *checker) entryKey(k syntax.Expr, sc *scope) configKey {
	switch k := k.(type) {
	case *syntax.Ident:
		if !sc.isLoopVar(k.Name) {
			return configKey{names: []string{k.Name}, nodes: []syntax.Node{k}}
		}
	case *syntax.StringLit:
		return configKey{names: []string{k.Value}, nodes: []syntax.Node{k}}
	case *syntax.SelectorExpr:
		var key configKey
		if dotted(k, &key) && !sc.isLoopVar(key.names[0]) {
			return key
		}
	case *syntax.IndexExpr:
		if id, ok := k.X.(*syntax.Ident); ok {
			idx := k.Index
			if u, ok := idx.(*syntax.UnaryExpr); ok && u.Op == syntax.MINUS {
				idx = u.X
			}
			if _, isNum := idx.(*syntax.NumberLit); isNum {
				return configKey{names: []string{id.Name}, nodes: []syntax.Node{id}, indexed: true}
			}
		}
	}
	c.expr(k, sc)
	return configKey{dynamic: true}
}

func dotted(e syntax.Expr, key *configKey) bool {
	switch e := e.(type) {
	case *syntax.Ident:
		key.names, key.nodes = append(key.names, e.Name), append(key.nodes, e)
		return true
	case *syntax.SelectorExpr:
		if e.Optional || !dotted(e.X, key) {
			return false
		}
		key.names, key.nodes = append(key.names, e.Sel.Name), append(key.nodes, e.Sel)
		return true
	}
	return false
}

// configScope opens the scope of a config literal: its entry names are
// locals later entries may read.
func (c *checker) configScope(e *syntax.ConfigExpr, sc *scope) *scope {
	cs := newScope(sc, scopeBlock)
	var add func([]*syntax.ConfigEntry)
	add = func(entries []*syntax.ConfigEntry) {
		for _, en := range entries {
			switch en.Kind {
			case syntax.EntryKV:
				switch k := en.Key.(type) {
				case *syntax.Ident:
					if !sc.isLoopVar(k.Name) {
						cs.define(k.Name, AnyType)
					}
				case *syntax.StringLit:
					cs.define(k.Value, AnyType)
				case *syntax.SelectorExpr, *syntax.IndexExpr:
					if id := rootIdent(k); id != nil && !sc.isLoopVar(id.Name) {
						cs.define(id.Name, AnyType)
					}
				}
			case syntax.EntryIf:
				for _, b := range en.If.Branches {
					add(b.Entries)
				}
			}
		}
	}
	add(e.Entries)
	return cs
}

// config infers the type of a config literal checked against nothing.
func (c *checker) config(e *syntax.ConfigExpr, sc *scope) *Type {
	cs := c.configScope(e, sc)
	var vals []*Type
	var walk func([]*syntax.ConfigEntry)
	walk = func(entries []*syntax.ConfigEntry) {
		for _, en := range entries {
			switch en.Kind {
			case syntax.EntryUnpack:
				c.expr(en.Value, cs)
				vals = append(vals, AnyType)
			case syntax.EntryIf:
				for _, b := range en.If.Branches {
					c.expr(b.Cond, cs)
					walk(b.Entries)
				}
			default:
				key := c.entryKey(en.Key, cs)
				v := c.expr(en.Value, cs)
				if key.dynamic || key.indexed || len(key.names) > 1 || en.Op == syntax.OpInsert || len(vals) >= 8 {
					v = AnyType
				}
				vals = append(vals, widen(v))
			}
		}
	}
	walk(e.Entries)
	if len(vals) == 0 {
		return dictOf(AnyType, AnyType)
	}
	return dictOf(StrType, unionOf(vals...))
}

// schemaExpr checks `S(args) {config}` and returns the instance type.
func (c *checker) schemaExpr(e *syntax.SchemaExpr, sc *scope, path string) *Type {
	nt := c.expr(e.Name, sc)
	if nt.Kind != SchemaDef || nt.Schema.Node.Kind != syntax.KindSchema {
		c.walkArgs(e.Args, e.Keywords, sc)
		c.config(e.Config, sc)
		return AnyType
	}
	s := nt.Schema
	c.schemaArgs(e, s, e.Args, e.Keywords, sc)
	c.schemaConfig(e.Config, s, want{t: &Type{Kind: Instance, Schema: s}, path: path}, sc)
	return &Type{Kind: Instance, Schema: s}
}

// schemaConfig checks a config literal that becomes an instance of s.
func (c *checker) schemaConfig(e *syntax.ConfigExpr, s *Schema, w want, sc *scope) {
	c.schemaEntries(e.Entries, s, w, c.configScope(e, sc))
}

func (c *checker) schemaEntries(entries []*syntax.ConfigEntry, s *Schema, w want, sc *scope) {
	c.eachEntry(entries, sc, func(en *syntax.ConfigEntry, key configKey) {
		if key.dynamic {
			c.expr(en.Value, sc)
			return
		}
		c.schemaKey(en, key, 0, s, w.path, sc)
	})
}

// eachEntry walks config entries: unpacked values and if conditions are
// checked as expressions, the entries of every if branch are walked in
// turn, and f gets each keyed entry with its key.
func (c *checker) eachEntry(entries []*syntax.ConfigEntry, sc *scope, f func(*syntax.ConfigEntry, configKey)) {
	for _, en := range entries {
		switch en.Kind {
		case syntax.EntryUnpack:
			c.expr(en.Value, sc)
		case syntax.EntryIf:
			for _, b := range en.If.Branches {
				c.expr(b.Cond, sc)
				c.eachEntry(b.Entries, sc, f)
			}
		default:
			f(en, c.entryKey(en.Key, sc))
		}
	}
}

// schemaKey checks the entry whose key path, from names[i] on, lands in
// an instance of s.
func (c *checker) schemaKey(en *syntax.ConfigEntry, key configKey, i int, s *Schema, path string, sc *scope) {
	name := key.names[i]
	path = joinPath(path, name)
	a := c.attr(s, name)
	last := i == len(key.names)-1
	simple := last && !key.indexed && en.Op != syntax.OpInsert
	switch {
	case a != nil:
		t := c.attrType(a)
		if last {
			if simple {
				c.check(en.Value, want{t: t, attr: a, path: path}, sc)
			} else {
				c.expr(en.Value, sc)
			}
			return
		}
		c.descend(en, key, i+1, t, path, sc)
	case s.sig != nil:
		// The key is admitted by the index signature: it must fit the
		// key type, its value the value type.
		kt, vt := c.sigTypes(s)
		note := &diag.Note{Pos: posOf(s.sigFile.name, s.sig), Message: "the index signature of schema '" + s.Name + "' is declared here"}
		if lt := strLit(name); mismatch(lt, kt) {
			c.report(&diag.Diagnostic{Code: diag.TypeError, Path: path, Notes: []diag.Note{*note},
				Message:    "expected key of type " + kt.String() + ", got " + lt.String(),
				Suggestion: didYouMean(name, choices(kt))}, sc.fs.name, key.nodes[i])
		}
		switch {
		case simple:
			c.check(en.Value, want{t: vt, decl: note, path: path}, sc)
		case !last:
			c.descend(en, key, i+1, vt, path, sc)
		default:
			c.expr(en.Value, sc)
		}
	default:
		if c.closed(s) {
			c.unknownMember(name, []*Schema{s}, path, sc.fs.name, key.nodes[i])
		}
		c.expr(en.Value, sc)
	}
}

// choices lists the string values of a literal type or union of them.
func choices(t *Type) []string {
	var out []string
	for _, m := range members(t) {
		if m.Kind == Lit && m.Base == Str {
			v, _ := strconv.Unquote(m.Value)
			out = append(out, v)
		}
	}
	return out
}

// descend continues a key path `a.b.c` into the type t of `a`.
func (c *checker) descend(en *syntax.ConfigEntry, key configKey, i int, t *Type, path string, sc *scope) {
	if s := instanceMember(t); s != nil {
		c.schemaKey(en, key, i, s, path, sc)
		return
	}
	if d := dictMember(t); d != nil && i == len(key.names)-1 && !key.indexed && en.Op != syntax.OpInsert {
		c.check(en.Value, want{t: d.Val, path: joinPath(path, key.names[i])}, sc)
		return
	}
	c.expr(en.Value, sc)
}

// unknownMember reports a config key that is no attribute of any of the
// schemas the config may become.
func (c *checker) unknownMember(name string, ss []*Schema, path, file string, at syntax.Node) {
	if c.lenient > 0 {
		return
	}
	var names, attrs []string
	for _, s := range ss {
		names = append(names, "'"+s.Name+"'")
		attrs = append(attrs, s.attrNames()...)
	}
	what := "schema " + names[0]
	if len(ss) > 1 {
		what = "schemas " + strings.Join(names, ", ")
	}
	sugg := didYouMean(name, attrs)
	if sugg == "" {
		sugg = "remove the entry, or declare '" + name + "' in " + what
	}
	d := &diag.Diagnostic{Code: diag.CompileError, Path: path, Suggestion: sugg,
		Message: "cannot add member '" + name + "' to " + what}
	for _, s := range ss {
		d.Notes = append(d.Notes, diag.Note{Pos: posOf(s.file.name, s.Node.Name), Message: "schema '" + s.Name + "' is declared here"})
	}
	c.report(d, file, at)
}

// dictConfig checks a config literal against a dict type.
func (c *checker) dictConfig(entries []*syntax.ConfigEntry, d *Type, w want, sc *scope) {
	c.eachEntry(entries, sc, func(en *syntax.ConfigEntry, key configKey) {
		switch {
		case key.dynamic || key.indexed || en.Op == syntax.OpInsert:
			c.expr(en.Value, sc)
		case len(key.names) > 1:
			c.descend(en, key, 1, d.Val, joinPath(w.path, key.names[0]), sc)
		default:
			if kt := strLit(key.names[0]); mismatch(kt, d.Key) {
				c.report(&diag.Diagnostic{Code: diag.TypeError, Path: joinPath(w.path, key.names[0]),
					Message:    "expected key of type " + d.Key.String() + ", got str",
					Suggestion: "config keys are strings: declare the key type as str or string literals"}, sc.fs.name, en.Key)
			}
			c.check(en.Value, want{t: d.Val, decl: w.decl, attr: nil, path: joinPath(w.path, key.names[0])}, sc)
		}
	})
}

// unionSchemas checks a config literal that may become an instance of
// any of several schemas: a key none of them has is an error.
func (c *checker) unionSchemas(entries []*syntax.ConfigEntry, ss []*Schema, w want, sc *scope) {
	c.eachEntry(entries, sc, func(en *syntax.ConfigEntry, key configKey) {
		if !key.dynamic && c.noneHas(ss, key.names[0]) {
			c.unknownMember(key.names[0], ss, joinPath(w.path, key.names[0]), sc.fs.name, key.nodes[0])
		}
		c.expr(en.Value, sc)
	})
}

// noneHas reports whether name is certainly an attribute of none of ss.
func (c *checker) noneHas(ss []*Schema, name string) bool {
	for _, s := range ss {
		if !c.closed(s) || c.attr(s, name) != nil {
			return false
		}
	}
	return true
}
