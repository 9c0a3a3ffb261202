package typecheck

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// topStmt checks a top-level statement. An unconditional assignment of
// a name assigned before must keep the type of the first assignment:
// upstream fixes a variable's type there.
func (c *checker) topStmt(s syntax.Stmt, sc *scope) {
	as, ok := s.(*syntax.AssignStmt)
	if !ok {
		c.stmt(s, sc)
		return
	}
	var prev *firstDecl
	var name string
	if len(as.Targets) == 1 {
		if id, ok := as.Targets[0].(*syntax.Ident); ok {
			name = id.Name
			prev = c.first[name]
		}
	}
	if prev == nil || prev.t.Kind == Any {
		t := c.assign(as, sc, nil)
		if name != "" && prev == nil {
			t = widen(t)
			if as.Type != nil {
				c.quiet++
				t = c.resolveType(as.Type, sc.fs, sc)
				c.quiet--
			}
			c.first[name] = &firstDecl{t: t, pos: posOf(sc.fs.name, as.Targets[0])}
		}
		return
	}
	if as.Type != nil {
		t := c.resolveType(as.Type, sc.fs, sc)
		if mismatch(prev.t, t) {
			c.report(&diag.Diagnostic{Code: diag.TypeError,
				Message:    "can not change the type of '" + name + "' to " + t.String(),
				Suggestion: "keep the type " + prev.t.String() + ", or use another variable",
				Notes:      []diag.Note{{Pos: prev.pos, Message: "'" + name + "' is first declared here with type " + prev.t.String()}},
			}, sc.fs.name, as.Targets[0])
		}
	}
	c.assign(as, sc, &diag.Note{Pos: prev.pos, Message: "variable '" + name + "' is defined here with type " + prev.t.String()})
}

func (c *checker) stmts(list []syntax.Stmt, sc *scope) {
	for _, s := range list {
		c.stmt(s, sc)
	}
}

func (c *checker) stmt(s syntax.Stmt, sc *scope) {
	switch s := s.(type) {
	case *syntax.ExprStmt:
		for _, e := range s.Exprs {
			c.expr(e, sc)
		}
	case *syntax.AssignStmt:
		c.assign(s, sc, nil)
	case *syntax.AugAssignStmt:
		c.expr(s.Target, sc)
		c.expr(s.Value, sc)
	case *syntax.UnificationStmt:
		c.schemaExpr(s.Value, sc, s.Target.Name)
	case *syntax.AssertStmt:
		c.expr(s.Test, sc)
		c.expr(s.Cond, sc)
		c.expr(s.Msg, sc)
	case *syntax.IfStmt:
		for _, b := range s.Branches {
			c.expr(b.Cond, sc)
			c.stmts(b.Body, sc)
		}
	case *syntax.TypeAliasStmt:
		c.resolveType(s.Type, sc.fs, sc)
	case *syntax.SchemaStmt:
		if sch := c.byNode[s]; sch != nil {
			c.schemaStmt(sch, sc)
		}
	case *syntax.RuleStmt:
		c.ruleStmt(s, sc)
	case *syntax.SchemaAttr:
		c.schemaAttr(s, sc)
	}
}

// assign checks an assignment and returns the value's type. The value
// must fit the annotation, or in a schema body the type of the
// attribute it sets, or the type of the variable's first assignment
// (prev, at top level).
func (c *checker) assign(s *syntax.AssignStmt, sc *scope, prev *diag.Note) *Type {
	name := ""
	if id, ok := s.Targets[0].(*syntax.Ident); ok {
		name = id.Name
	}
	w := want{t: AnyType, path: name}
	switch {
	case s.Type != nil:
		w.t = c.resolveType(s.Type, sc.fs, sc)
		w.decl = declNote(sc.fs.name, s.Targets[0], "'"+name+"'", w.t)
	case prev != nil:
		w.t = c.first[name].t
		w.decl = prev
	case sc.inSchemaBody() && name != "":
		if a := c.attr(sc.schema, name); a != nil && a.decl != nil {
			w.t, w.attr = c.attrType(a), a
		}
	}
	t := c.check(s.Value, w, sc)
	for _, tg := range s.Targets {
		switch tg := tg.(type) {
		case *syntax.SelectorExpr:
			c.expr(tg.X, sc)
		case *syntax.IndexExpr:
			c.expr(tg.X, sc)
			c.expr(tg.Index, sc)
		}
	}
	return t
}

// schemaStmt checks a schema declaration: parameter defaults, attribute
// types and defaults, body statements, the index signature and the
// check block, in a scope where the attributes are visible.
func (c *checker) schemaStmt(s *Schema, top *scope) {
	c.resolveSchema(s)
	ss := newScope(top, scopeSchema)
	ss.schema = s
	// A mixin or protocol body reads its host's attributes.
	ss.unknown = s.open || s.isMixin()
	file := top.fs.name
	c.bases(s, top)
	for _, p := range s.Node.Params {
		pt := c.resolveType(p.Type, top.fs, ss)
		if p.Default != nil {
			c.check(p.Default, want{t: pt, path: p.Name.Name, decl: declNote(file, p, "parameter '"+p.Name.Name+"'", pt)}, ss)
		}
		ss.define(p.Name.Name, pt)
	}
	c.stmts(s.Node.Body, ss)
	if sig := s.Node.IndexSig; sig != nil {
		c.resolveType(sig.KeyType, top.fs, ss)
		vt := c.resolveType(sig.ValueType, top.fs, ss)
		ks := ss
		if sig.KeyName != nil {
			ks = newScope(ss, scopeBlock)
			ks.define(sig.KeyName.Name, StrType)
		}
		if sig.Default != nil {
			c.check(sig.Default, want{t: vt, decl: declNote(file, sig, "the index signature", vt)}, ks)
		}
	}
	cs := ss
	if s.sig != nil {
		// Checks see the keys an index signature admitted, by name.
		cs = newScope(ss, scopeBlock)
		cs.unknown = true
		if s.sig.KeyName != nil {
			cs.define(s.sig.KeyName.Name, StrType)
		}
	}
	for _, ck := range s.Node.Checks {
		c.expr(ck.Test, cs)
		c.expr(ck.Cond, cs)
		c.expr(ck.Msg, cs)
	}
}

// bases checks the names of a schema's parent and mixins; a parent
// must not be a mixin.
func (c *checker) bases(s *Schema, top *scope) {
	if p := s.Node.Parent; p != nil {
		c.expr(p, top)
		if ps := c.schemaRef(p, top.fs); ps != nil && (ps.Node.Kind == syntax.KindMixin || strings.HasSuffix(ps.Name, "Mixin")) {
			c.report(&diag.Diagnostic{Code: diag.IllegalInherit,
				Message:    "invalid schema inherit object type, expect schema, got '" + ps.Name + "'",
				Suggestion: "mix it in with `mixin [" + syntax.ExprString(p) + "]` instead"}, top.fs.name, p)
		}
	}
	for _, m := range s.Node.Mixins {
		c.expr(m, top)
	}
}

// schemaAttr checks an attribute declaration: its default must fit its
// type.
func (c *checker) schemaAttr(a *syntax.SchemaAttr, sc *scope) {
	t := c.resolveType(a.Type, sc.fs, sc)
	if sc.schema != nil && a.Type != nil {
		c.overrideType(a, t, sc)
	}
	if a.Value == nil {
		return
	}
	if a.Op == syntax.PIPE_EQ || sc.schema == nil {
		c.expr(a.Value, sc)
		return
	}
	w := want{t: t, path: a.Name}
	if at := c.attr(sc.schema, a.Name); at != nil && at.node == syntax.Node(a) {
		w.attr = at
	} else {
		w.decl = declNote(sc.fs.name, a, "attribute '"+a.Name+"'", t)
	}
	c.check(a.Value, w, sc)
}

// overrideType checks that an attribute a child schema declares again
// keeps a type that fits the parent's, as upstream requires.
func (c *checker) overrideType(a *syntax.SchemaAttr, t *Type, sc *scope) {
	p := sc.schema.parent
	if p == nil {
		return
	}
	pa := c.attr(p, a.Name)
	if pa == nil || pa.decl == nil {
		return
	}
	if pt := c.attrType(pa); mismatch(t, pt) {
		c.report(&diag.Diagnostic{Code: diag.TypeError,
			Message:    "can't change schema field type of '" + a.Name + "' from " + pt.String() + " to " + t.String(),
			Suggestion: "declare '" + a.Name + "' with the type " + pt.String() + " or a narrower one",
			Notes: []diag.Note{{Pos: pa.pos(), Message: "attribute '" + a.Name + "' of schema '" + pa.owner.Name +
				"' is declared here with type " + pt.String()}},
		}, sc.fs.name, a)
	}
}

// ruleStmt checks a rule's parameters and checks. A rule reads the
// config it is applied to by name, so no name in it is reported.
func (c *checker) ruleStmt(r *syntax.RuleStmt, top *scope) {
	rs := newScope(top, scopeSchema)
	rs.unknown = true
	for _, p := range r.Params {
		pt := c.resolveType(p.Type, top.fs, rs)
		c.expr(p.Default, rs)
		rs.define(p.Name.Name, pt)
	}
	for _, ck := range r.Checks {
		c.expr(ck.Test, rs)
		c.expr(ck.Cond, rs)
		c.expr(ck.Msg, rs)
	}
}

// globalType is the type of a global: its schema, its annotation, or
// the widened type of its only assignment; any otherwise.
func (c *checker) globalType(g *global) *Type {
	switch g.state {
	case resolved:
		return g.typ
	case resolving:
		return AnyType
	}
	g.state = resolving
	t := AnyType
	c.quiet++
	switch {
	case g.schema != nil:
		if g.setters == 1 {
			t = &Type{Kind: SchemaDef, Schema: g.schema}
		}
	case g.annot != nil:
		t = c.resolveType(g.annot, g.annotFile, nil)
	case g.value != nil:
		t = widen(c.expr(g.value, g.valueFile.root))
	}
	c.quiet--
	g.typ, g.state = t, resolved
	return t
}
