package eval

import "akua.dev/akua/kcl/syntax"

// A SchemaType is a schema, mixin or protocol declaration as a value:
// calling it (or writing `Name {...}`) instantiates it.
type SchemaType struct {
	Name    string
	PkgPath string // module path of the declaring package ("__main__" for the main one)
	Node    *syntax.SchemaStmt
	File    string
	Parent  *SchemaType
	Mixins  []*SchemaType
	// decl is the evaluator's private data (attribute table, scope).
	decl any
}

func (t *SchemaType) Type() string   { return "schema_type" }
func (t *SchemaType) String() string { return "<schema type " + t.Name + ">" }
func (t *SchemaType) Truth() bool    { return true }

// IsSubtypeOf reports whether t is base or inherits from it.
func (t *SchemaType) IsSubtypeOf(base *SchemaType) bool {
	for s := t; s != nil; s = s.Parent {
		if s == base {
			return true
		}
	}
	return false
}

// A Schema is an instance of a SchemaType. Its attributes print like a
// dict, in declaration order.
type Schema struct {
	T     *SchemaType
	Attrs *Dict
	// ConfigKeys are the keys given explicitly at instantiation (used by
	// unification and required-attribute checks).
	ConfigKeys []string
	// Args are the schema arguments it was instantiated with.
	Args *Args
}

func (s *Schema) Type() string   { return s.T.Name }
func (s *Schema) String() string { return Repr(s) }
func (s *Schema) Truth() bool    { return s.Attrs.Len() > 0 }
