package eval

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// A ModuleFunc builds a system module (math, json, ...).
type ModuleFunc func() *Module

var (
	systemMu      sync.RWMutex
	systemModules = map[string]ModuleFunc{}
)

// RegisterModule makes a system module importable by name. Packages
// under kcl/lib call it from init.
func RegisterModule(name string, f ModuleFunc) {
	systemMu.Lock()
	defer systemMu.Unlock()
	systemModules[name] = f
}

// SystemModule returns the system module called name.
func SystemModule(name string) (*Module, bool) {
	systemMu.RLock()
	f, ok := systemModules[name]
	systemMu.RUnlock()
	if !ok {
		return nil, false
	}
	return f(), true
}

// Output is the result of evaluating a program.
type Output struct {
	// Globals are the module's variables in first-assignment order,
	// hidden ones included (the caller filters).
	Globals []NamedValue
	// Scalars are the values of top-level expression statements.
	Scalars []Value
}

// A NamedValue is one global.
type NamedValue struct {
	Name  string
	Value Value
}

// EvalFiles evaluates files as the main package. Errors are
// *diag.Diagnostic values with positions.
func EvalFiles(th *Thread, files []*syntax.File) (out *Output, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
	}()
	m, err := loadModule(th, MainPkg, mergeDeclarations(files))
	if err != nil {
		return nil, err
	}
	m.orderLike(files)
	m.run()
	out = &Output{Scalars: m.scalars}
	for _, g := range m.order {
		out.Globals = append(out.Globals, NamedValue{Name: g.name, Value: g.value})
	}
	return out, nil
}

// recovered converts a panic value to an error; panics that are not
// diagnostics become internal errors (never a crash of the host).
func recovered(r any) error {
	if d, ok := r.(*diag.Diagnostic); ok {
		return d
	}
	if l, ok := r.(diag.List); ok {
		return l
	}
	stack := strings.Split(string(debug.Stack()), "\n")
	where := ""
	if len(stack) > 8 {
		where = strings.TrimSpace(stack[8])
	}
	return &diag.Diagnostic{Code: diag.InternalError, Message: fmt.Sprintf("internal error: %v (at %s)", r, where)}
}

// loadModule declares a package's schemas, imports and aliases.
func loadModule(th *Thread, pkgpath string, files []*syntax.File) (*module, error) {
	if err := checkFiles(th, files); err != nil {
		return nil, err
	}
	m, err := newModule(th, pkgpath, files)
	if err != nil {
		return nil, err
	}
	if err := m.checkImmutable(files); err != nil {
		return nil, err
	}
	for _, f := range files {
		imports := map[string]Value{}
		m.imports[f.Name] = imports
		fr := &frame{th: th, mod: m, file: f.Name}
		for _, s := range f.Stmts {
			switch s := s.(type) {
			case *syntax.ImportStmt:
				mod := fr.importModule(s)
				name := s.Path[strings.LastIndex(s.Path, ".")+1:]
				if s.Alias != nil {
					name = s.Alias.Name
				}
				imports[name] = mod
			case *syntax.TypeAliasStmt:
				m.aliases[s.Name.Name] = s.Type
				m.aliasFile[s.Name.Name] = f.Name
			case *syntax.SchemaStmt:
				m.setGlobal(s.Name.Name, m.declareSchema(s, f.Name))
			case *syntax.RuleStmt:
				m.setGlobal(s.Name.Name, m.declareRule(s, f.Name))
			}
		}
	}
	// Upstream resolves an import for the whole package: a file sees
	// what its siblings import, unless it binds the name itself.
	for _, f := range files {
		for _, g := range files {
			for name, mod := range m.imports[g.Name] {
				if _, ok := m.imports[f.Name][name]; !ok {
					m.imports[f.Name][name] = mod
				}
			}
		}
	}
	// Types are checked once the imports are known, before anything of
	// the package runs.
	types, err := m.typeCheck(files)
	if err != nil {
		return nil, err
	}
	m.types = types
	return m, nil
}

func (fr *frame) importModule(s *syntax.ImportStmt) *Module {
	if mod, ok := SystemModule(s.Path); ok {
		return mod
	}
	if fr.th.Loader == nil {
		fr.fail(s, diag.CannotFindModule, "pkgpath %s not found in the program", s.Path)
	}
	mod, err := fr.th.Loader.Load(fr.th, fr.file, s.Path)
	fr.check(s, err)
	return mod
}

// declareRule is filled in with rule support.
func (m *module) declareRule(s *syntax.RuleStmt, file string) Value {
	return &Rule{Node: s, mod: m, file: file}
}

// A Rule is a rule declaration; calling it evaluates its checks.
type Rule struct {
	Node *syntax.RuleStmt
	mod  *module
	file string
}

func (r *Rule) Type() string   { return "rule" }
func (r *Rule) String() string { return "<rule " + r.Node.Name.Name + ">" }
func (r *Rule) Truth() bool    { return true }

// LoadPackage evaluates files as the package pkgpath (an imported KCL
// package) and returns it as a module value whose members are the
// package's globals, schemas and rules.
func LoadPackage(th *Thread, pkgpath string, files []*syntax.File) (mod *Module, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
	}()
	m, err := loadModule(th, pkgpath, files)
	if err != nil {
		return nil, err
	}
	mod = &Module{Name: pkgpath, types: m.types, pkg: m}
	mod.getattr = func(th *Thread, name string) (Value, bool, error) {
		v, ok := m.lookupGlobal(name)
		return v, ok, nil
	}
	m.value = mod
	m.run()
	return mod, nil
}
