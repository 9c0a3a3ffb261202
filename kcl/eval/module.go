package eval

import (
	"sort"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
	"akua.dev/akua/kcl/typecheck"
)

// This file holds a module's global scope. KCL globals are order
// independent: a read resolves to the variable's final value wherever
// the read appears. Each global records its setters (the top-level
// statements that assign it); reading a global that still has setters
// to run runs them first (backtracking), and every statement runs once.

// MainPkg is the package path of the main program.
const MainPkg = "__main__"

type stmtState int8

const (
	stmtPending stmtState = iota
	stmtRunning
	stmtDone
)

type topStmt struct {
	stmt  syntax.Stmt
	file  string
	state stmtState
}

type globalState int8

const (
	globalIdle globalState = iota
	globalResolving
	globalDone
)

type global struct {
	name    string
	value   Value
	setters []int // indices into module.stmts
	state   globalState
	// declPos is where the global was first assigned, for diagnostics.
	declPos diag.Pos
}

// A module is the evaluation state of one package: the main program or
// an imported KCL package.
type module struct {
	th      *Thread
	pkgpath string
	stmts   []topStmt
	globals map[string]*global
	order   []*global
	// imports maps file → alias → module value; imports are per file.
	imports map[string]map[string]Value
	// aliases maps file → type alias name → type.
	aliases map[string]syntax.Type
	// aliasFile maps a type alias to the file declaring it (its imports
	// resolve the names the alias uses).
	aliasFile map[string]string
	scalars   []Value
	// lastSchemaScalar is the index in scalars of the last schema
	// expression statement value; upstream keeps only the last one.
	lastSchemaScalar int
	// Exported is the module as a value for importers.
	value *Module
	// types is the package as the static checker saw it.
	types *typecheck.Package
}

// newModule prepares a module from parsed files: it records globals in
// first-assignment order, their setters, schema and rule declarations,
// imports and type aliases. Nothing is evaluated yet.
func newModule(th *Thread, pkgpath string, files []*syntax.File) (*module, error) {
	m := &module{
		th:               th,
		pkgpath:          pkgpath,
		globals:          map[string]*global{},
		imports:          map[string]map[string]Value{},
		aliases:          map[string]syntax.Type{},
		aliasFile:        map[string]string{},
		lastSchemaScalar: -1,
	}
	for _, f := range files {
		stmts := f.Stmts
		if f.Doc != nil && !isLongString(f.Doc.Raw) {
			// Only a triple-quoted string opening a file is its docstring;
			// a file holding only "a" prints a.
			doc := &syntax.ExprStmt{Span: f.Doc.Span, Exprs: []syntax.Expr{f.Doc}}
			stmts = append([]syntax.Stmt{doc}, stmts...)
		}
		for _, s := range stmts {
			idx := len(m.stmts)
			m.stmts = append(m.stmts, topStmt{stmt: s, file: f.Name})
			seen := map[string]bool{}
			m.collectSetters(s, f.Name, func(name string, pos syntax.Pos) {
				g := m.globals[name]
				if g == nil {
					g = &global{name: name, value: Undefined, declPos: diag.Pos{File: f.Name, Line: int(pos.Line), Col: int(pos.Col)}}
					m.globals[name] = g
					m.order = append(m.order, g)
				}
				if !seen[name] {
					seen[name] = true
					g.setters = append(g.setters, idx)
				}
			})
		}
	}
	return m, nil
}

// collectSetters calls add for every global name statement s assigns.
func (m *module) collectSetters(s syntax.Stmt, file string, add func(string, syntax.Pos)) {
	switch s := s.(type) {
	case *syntax.AssignStmt:
		for _, t := range s.Targets {
			if id := rootIdent(t); id != nil {
				add(id.Name, id.Start)
			}
		}
	case *syntax.AugAssignStmt:
		if id := rootIdent(s.Target); id != nil {
			add(id.Name, id.Start)
		}
	case *syntax.UnificationStmt:
		add(s.Target.Name, s.Target.Start)
	case *syntax.IfStmt:
		for _, b := range s.Branches {
			for _, bs := range b.Body {
				m.collectSetters(bs, file, add)
			}
		}
	case *syntax.SchemaStmt:
		add(s.Name.Name, s.Name.Start)
	case *syntax.RuleStmt:
		add(s.Name.Name, s.Name.Start)
	}
}

// rootIdent returns the variable an assignment target writes through:
// `a` for `a`, `a.b.c`, `a[0].b`.
func rootIdent(e syntax.Expr) *syntax.Ident {
	for {
		switch x := e.(type) {
		case *syntax.Ident:
			return x
		case *syntax.SelectorExpr:
			e = x.X
		case *syntax.IndexExpr:
			e = x.X
		case *syntax.ParenExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// run evaluates every pending top-level statement in order.
func (m *module) run() {
	for i := range m.stmts {
		m.execTop(i)
	}
}

// execTop runs top-level statement i unless it already ran.
func (m *module) execTop(i int) {
	ts := &m.stmts[i]
	if ts.state != stmtPending {
		return
	}
	ts.state = stmtRunning
	fr := &frame{th: m.th, mod: m, file: ts.file}
	fr.topStmt(ts.stmt)
	ts.state = stmtDone
}

// lookupGlobal returns the value of global name, running its pending
// setters first. A read from inside one of the global's own setters
// (`x = x | {...}`, `_a[0] = 1`) sees the value so far.
func (m *module) lookupGlobal(name string) (Value, bool) {
	g := m.globals[name]
	if g == nil {
		return m.aliasSchema(name)
	}
	if g.state != globalIdle {
		return g.value, true
	}
	for _, i := range g.setters {
		if m.stmts[i].state == stmtRunning {
			return g.value, true
		}
	}
	g.state = globalResolving
	for _, i := range g.setters {
		m.execTop(i)
	}
	g.state = globalDone
	return g.value, true
}

// aliasSchema returns the schema a type alias names (`type P = pkg.Person`),
// so the alias can be instantiated and read as a member like the schema.
func (m *module) aliasSchema(name string) (Value, bool) {
	t, ok := m.aliases[name].(*syntax.NamedType)
	if !ok {
		return nil, false
	}
	fr := &frame{th: m.th, mod: m, file: m.aliasFile[name]}
	if st := fr.lookupSchemaType(t.Name); st != nil {
		return st, true
	}
	if a, afr := fr.lookupAlias(t.Name); a != nil && afr != nil {
		if at, ok := a.(*syntax.NamedType); ok && at != t {
			if st := afr.lookupSchemaType(at.Name); st != nil {
				return st, true
			}
		}
	}
	return nil, false
}

// setGlobal stores a global's value.
func (m *module) setGlobal(name string, v Value) {
	g := m.globals[name]
	if g == nil {
		g = &global{name: name}
		m.globals[name] = g
		m.order = append(m.order, g)
	}
	g.value = v
}

// addScalar records the value of a top-level expression statement.
func (m *module) addScalar(v Value, isSchema bool) {
	if isSchema {
		if m.lastSchemaScalar >= 0 {
			m.scalars = append(m.scalars[:m.lastSchemaScalar], m.scalars[m.lastSchemaScalar+1:]...)
		}
		m.scalars = append(m.scalars, v)
		m.lastSchemaScalar = len(m.scalars) - 1
		return
	}
	m.scalars = append(m.scalars, v)
}

// orderLike orders globals by their first assignment in files, the
// program as written before repeated declarations were merged.
func (m *module) orderLike(files []*syntax.File) {
	rank := map[string]int{}
	for _, f := range files {
		for _, s := range f.Stmts {
			m.collectSetters(s, f.Name, func(name string, _ syntax.Pos) {
				if _, ok := rank[name]; !ok {
					rank[name] = len(rank)
				}
			})
		}
	}
	sort.SliceStable(m.order, func(i, j int) bool {
		ri, iok := rank[m.order[i].name]
		rj, jok := rank[m.order[j].name]
		if iok && jok {
			return ri < rj
		}
		return iok && !jok
	})
}

// isLongString reports whether a string literal's source is triple-quoted.
func isLongString(raw string) bool {
	raw = strings.TrimLeft(raw, "rR")
	return strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, "'''")
}
