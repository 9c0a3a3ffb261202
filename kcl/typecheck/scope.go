package typecheck

import "akua.dev/akua/kcl/syntax"

// A scope is one lexical scope of local names, mirroring package eval's:
// a file's top level, a lambda body, a schema body (its parameters and,
// through schema, its attributes), a comprehension or quantifier (loop
// variables), or a config literal (its entry names, which later entries
// may read).
type scope struct {
	parent *scope
	fs     *fileScope
	kind   scopeKind
	names  map[string]*Type
	schema *Schema
	// unknown marks a scope where names may come from places the checker
	// cannot see (a mixin's host schema, a rule's config): an unresolved
	// name there is not an error.
	unknown bool
}

type scopeKind int8

const (
	scopeTop scopeKind = iota
	scopeBlock
	scopeLoop
	scopeLambda
	scopeSchema
)

func newScope(parent *scope, kind scopeKind) *scope {
	return &scope{parent: parent, fs: parent.fs, kind: kind, names: map[string]*Type{}}
}

// define adds a local name; a name already there keeps its type.
func (s *scope) define(name string, t *Type) {
	if _, ok := s.names[name]; !ok {
		s.names[name] = t
	}
}

// defines reports whether a local scope defines name.
func (s *scope) defines(name string) bool {
	for c := s; c != nil; c = c.parent {
		if _, ok := c.names[name]; ok {
			return true
		}
	}
	return false
}

// isLoopVar reports whether name is a comprehension or quantifier
// variable in scope: as a config key it is then its value, not a name.
func (s *scope) isLoopVar(name string) bool {
	for c := s; c != nil; c = c.parent {
		if _, ok := c.names[name]; ok {
			return c.kind == scopeLoop
		}
	}
	return false
}

// inSchemaBody reports whether s is a schema body itself (not a lambda
// or comprehension inside it), where assignments set attributes.
func (s *scope) inSchemaBody() bool { return s.kind == scopeSchema && s.schema != nil }

// lookup resolves a name as the evaluator does: local scopes and schema
// attributes, the package's globals, the file's imports, then builtins.
// It reports false only when the name is certainly undefined.
func (c *checker) lookup(name string, sc *scope) (*Type, bool) {
	unknown := false
	for s := sc; s != nil; s = s.parent {
		if t, ok := s.names[name]; ok {
			return t, true
		}
		if s.schema != nil {
			if a := c.attr(s.schema, name); a != nil {
				return c.attrType(a), true
			}
		}
		unknown = unknown || s.unknown
	}
	fs := sc.fs
	if g := fs.pkg.globals[name]; g != nil {
		return c.globalType(g), true
	}
	if t, ok := fs.imports[name]; ok {
		return t, true
	}
	if fs.pkg.aliases[name] != nil {
		// A type alias of a schema is callable like the schema.
		return AnyType, true
	}
	if c.conf.Builtin != nil && c.conf.Builtin(name) {
		return AnyType, true
	}
	return AnyType, unknown || c.conf.Partial || c.conf.Builtin == nil
}

// isBuiltin reports whether name resolves to a builtin function in sc.
func (c *checker) isBuiltin(name string, sc *scope) bool {
	if c.conf.Builtin == nil || !c.conf.Builtin(name) || sc.defines(name) {
		return false
	}
	for s := sc; s != nil; s = s.parent {
		if s.schema != nil && c.attr(s.schema, name) != nil {
			return false
		}
	}
	_, imported := sc.fs.imports[name]
	return sc.fs.pkg.globals[name] == nil && !imported
}

// visibleNames lists the names a lookup in sc could find, for
// suggestions.
func (c *checker) visibleNames(sc *scope) []string {
	var out []string
	for s := sc; s != nil; s = s.parent {
		for n := range s.names {
			out = append(out, n)
		}
		if s.schema != nil {
			out = append(out, s.schema.attrNames()...)
		}
	}
	for n := range sc.fs.pkg.globals {
		out = append(out, n)
	}
	for n := range sc.fs.imports {
		out = append(out, n)
	}
	return out
}

// assignedNames calls add for every name a statement list assigns at
// its own level (and in its if branches): the locals of a lambda body.
func assignedNames(list []syntax.Stmt, add func(string)) {
	for _, s := range list {
		switch s := s.(type) {
		case *syntax.AssignStmt:
			for _, t := range s.Targets {
				if id := rootIdent(t); id != nil {
					add(id.Name)
				}
			}
		case *syntax.AugAssignStmt:
			if id := rootIdent(s.Target); id != nil {
				add(id.Name)
			}
		case *syntax.UnificationStmt:
			add(s.Target.Name)
		case *syntax.IfStmt:
			for _, b := range s.Branches {
				assignedNames(b.Body, add)
			}
		}
	}
}
