package typecheck

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// A Schema is a schema, mixin or protocol declaration with its
// attribute table, resolved lazily on first use.
type Schema struct {
	Name  string
	Node  *syntax.SchemaStmt
	file  *fileScope
	state int8
	// parent and mixins are the resolved bases.
	parent *Schema
	mixins []*Schema
	// open is set when a base could not be resolved: the attribute set
	// is then unknown and no attribute is reported missing.
	open bool
	// attrs holds every attribute of the chain and the mixins; the last
	// declaration wins, as at run time.
	attrs map[string]*Attr
	// sig is the index signature the schema declares or inherits.
	sig     *syntax.IndexSignature
	sigFile *fileScope
	sigKey  *Type
	sigVal  *Type
	mixed   bool
}

// An Attr is one schema attribute.
type Attr struct {
	Name  string
	decl  syntax.Type // nil: assigned in the body without a declaration
	node  syntax.Node // the declaration or the first assignment
	owner *Schema
	typ   *Type
	state int8
}

// isMixin reports whether s is (or is used as) a mixin or protocol,
// whose body reads its host's attributes. Upstream requires a mixin's
// name to end in "Mixin"; mixed is set when the package mixes s in.
func (s *Schema) isMixin() bool {
	return s.Node.Kind != syntax.KindSchema || s.mixed || strings.HasSuffix(s.Name, "Mixin")
}

// qualified names s with its package path.
func (s *Schema) qualified() string {
	return s.file.pkg.Path + "." + s.Name
}

// pos is where the attribute is declared.
func (a *Attr) pos() diag.Pos { return posOf(a.owner.file.name, a.node) }

// parentSchema resolves s and returns its parent, or nil.
func (s *Schema) parentSchema() *Schema {
	s.file.pkg.c.resolveSchema(s)
	return s.parent
}

// resolveSchema resolves the bases of s and builds its attribute table.
func (c *checker) resolveSchema(s *Schema) {
	if s.state != unresolved {
		if s.state == resolving {
			// A cycle of inheritance: evaluation reports it.
			s.open = true
		}
		return
	}
	s.state = resolving
	s.attrs = map[string]*Attr{}
	fc := s.file.pkg.c
	if s.Node.Parent != nil {
		if p := fc.schemaRef(s.Node.Parent, s.file); p != nil && p.state != resolving {
			fc.resolveSchema(p)
			s.parent = p
			s.open = s.open || p.open
			for k, a := range p.attrs {
				s.attrs[k] = a
			}
			s.sig, s.sigFile = p.sig, p.sigFile
		} else {
			s.open = true
		}
	}
	s.addOwnAttrs()
	for _, mx := range s.Node.Mixins {
		m := fc.schemaRef(mx, s.file)
		if m == nil || m.state == resolving {
			s.open = true
			continue
		}
		fc.resolveSchema(m)
		s.mixins = append(s.mixins, m)
		s.open = s.open || m.open
		for k, a := range m.attrs {
			s.attrs[k] = a
		}
	}
	if s.Node.IndexSig != nil {
		s.sig, s.sigFile = s.Node.IndexSig, s.file
	}
	s.state = resolved
}

// addOwnAttrs adds the attributes s's own body declares or assigns.
func (s *Schema) addOwnAttrs() {
	o := s
	var add func(st syntax.Stmt)
	add = func(st syntax.Stmt) {
		switch st := st.(type) {
		case *syntax.SchemaAttr:
			s.attrs[st.Name] = &Attr{Name: st.Name, decl: st.Type, node: st, owner: o}
		case *syntax.AssignStmt:
			for _, t := range st.Targets {
				if id := rootIdent(t); id != nil {
					s.assigned(id, st.Type, o)
				}
			}
		case *syntax.AugAssignStmt:
			if id := rootIdent(st.Target); id != nil {
				s.assigned(id, nil, o)
			}
		case *syntax.UnificationStmt:
			s.assigned(st.Target, nil, o)
		case *syntax.IfStmt:
			for _, b := range st.Branches {
				for _, bs := range b.Body {
					add(bs)
				}
			}
		}
	}
	for _, st := range o.Node.Body {
		add(st)
	}
}

// assigned records a name a body assigns; an assignment does not change
// the type of a declared attribute.
func (s *Schema) assigned(id *syntax.Ident, t syntax.Type, o *Schema) {
	if _, ok := s.attrs[id.Name]; !ok {
		s.attrs[id.Name] = &Attr{Name: id.Name, decl: t, node: id, owner: o}
	}
}

// attr returns the attribute name of s, or nil.
func (c *checker) attr(s *Schema, name string) *Attr {
	c.resolveSchema(s)
	return s.attrs[name]
}

// attrType returns the declared type of a, any when undeclared.
func (c *checker) attrType(a *Attr) *Type {
	switch a.state {
	case resolved:
		return a.typ
	case resolving:
		return AnyType
	}
	a.state = resolving
	a.typ = AnyType
	if a.decl != nil {
		a.typ = a.owner.file.pkg.c.resolveType(a.decl, a.owner.file, nil)
	}
	a.state = resolved
	return a.typ
}

// closed reports whether s's attribute set is fully known and fixed: no
// unresolved base and no index signature.
func (c *checker) closed(s *Schema) bool {
	c.resolveSchema(s)
	return !s.open && s.sig == nil
}

// attrNames lists the attributes of s, for suggestions.
func (s *Schema) attrNames() []string {
	out := make([]string, 0, len(s.attrs))
	for k := range s.attrs {
		out = append(out, k)
	}
	return out
}

// sigTypes are the key and value types of s's index signature.
func (c *checker) sigTypes(s *Schema) (key, val *Type) {
	if s.sigVal == nil {
		s.sigKey, s.sigVal = AnyType, AnyType
		fc := s.sigFile.pkg.c
		fc.quiet++
		if s.sig.KeyType != nil {
			s.sigKey = fc.resolveType(s.sig.KeyType, s.sigFile, nil)
		}
		if s.sig.ValueType != nil {
			s.sigVal = fc.resolveType(s.sig.ValueType, s.sigFile, nil)
		}
		fc.quiet--
	}
	return s.sigKey, s.sigVal
}

// schemaRef resolves a schema reference (`Base`, `pkg.Base`) in a file,
// or returns nil.
func (c *checker) schemaRef(e syntax.Expr, fs *fileScope) *Schema {
	switch e := e.(type) {
	case *syntax.Ident:
		if s := fs.pkg.schemas[e.Name]; s != nil {
			return s
		}
	case *syntax.SelectorExpr:
		id, ok := e.X.(*syntax.Ident)
		if !ok {
			return nil
		}
		if m := fs.imports[id.Name]; m != nil && m.Kind == Module && m.Pkg.schemas != nil {
			return m.Pkg.schemas[e.Sel.Name]
		}
	}
	return nil
}
