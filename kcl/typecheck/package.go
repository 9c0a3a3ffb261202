package typecheck

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// A Package holds the declarations of one checked package: its schemas,
// type aliases and globals, with the scopes of its files, so packages
// that import it can resolve names and types through it.
type Package struct {
	Path    string
	schemas map[string]*Schema
	aliases map[string]*alias
	globals map[string]*global
	// members lists the names of a system module (every one of type
	// any); nil for a KCL package.
	members map[string]bool
	// opaque marks a package nothing is known of: every member is any.
	opaque bool
	c      *checker
}

// SystemPackage describes a system module (math, json, ...) by the
// names of its members; accessing another name is an error.
func SystemPackage(path string, members []string) *Package {
	p := &Package{Path: path, members: map[string]bool{}}
	for _, m := range members {
		p.members[m] = true
	}
	return p
}

// A fileScope is one file of a package: its imports are its own.
type fileScope struct {
	pkg     *Package
	name    string
	imports map[string]*Type // alias → Module type, or any when unknown
	root    *scope
}

type alias struct {
	t     syntax.Type
	file  *fileScope
	typ   *Type
	state int8
}

// A global is a package-level name.
type global struct {
	name string
	pos  diag.Pos
	// setters counts the top-level statements that set the name.
	setters int
	// annot is the first type annotation of the name, if any.
	annot     syntax.Type
	annotFile *fileScope
	// value is the value of the only setter when that setter is a plain
	// unconditional `name = value`.
	value     syntax.Expr
	valueFile *fileScope
	schema    *Schema
	typ       *Type
	state     int8
}

// Resolution states of lazily computed types.
const (
	unresolved int8 = iota
	resolving
	resolved
)

// declare records the top-level declarations of files.
func (p *Package) declare(files []*syntax.File, imp func(file string, s *syntax.ImportStmt) *Package) []*fileScope {
	var scopes []*fileScope
	for _, f := range files {
		fs := &fileScope{pkg: p, name: f.Name, imports: map[string]*Type{}}
		scopes = append(scopes, fs)
		for _, s := range f.Stmts {
			p.declareStmt(fs, s, true, imp)
		}
	}
	// As at run time (see eval's loadModule), a file also sees what the
	// package's other files import, unless it binds the name itself.
	for _, fs := range scopes {
		for _, other := range scopes {
			for name, t := range other.imports {
				if _, ok := fs.imports[name]; !ok {
					fs.imports[name] = t
				}
			}
		}
	}
	return scopes
}

func (p *Package) declareStmt(fs *fileScope, s syntax.Stmt, top bool, imp func(string, *syntax.ImportStmt) *Package) {
	switch s := s.(type) {
	case *syntax.ImportStmt:
		name := s.Path[strings.LastIndex(s.Path, ".")+1:]
		if s.Alias != nil {
			name = s.Alias.Name
		}
		t := AnyType
		if imp != nil {
			if ip := imp(fs.name, s); ip != nil {
				t = &Type{Kind: Module, Pkg: ip}
			}
		}
		fs.imports[name] = t
	case *syntax.TypeAliasStmt:
		p.aliases[s.Name.Name] = &alias{t: s.Type, file: fs}
	case *syntax.SchemaStmt:
		sc := &Schema{Name: s.Name.Name, Node: s, file: fs}
		p.schemas[s.Name.Name] = sc
		p.c.byNode[s] = sc
		g := p.addSetter(fs, s.Name)
		g.schema = sc
	case *syntax.RuleStmt:
		p.addSetter(fs, s.Name)
	case *syntax.AssignStmt:
		for _, t := range s.Targets {
			id := rootIdent(t)
			if id == nil {
				continue
			}
			g := p.addSetter(fs, id)
			if s.Type != nil && g.annot == nil {
				g.annot, g.annotFile = s.Type, fs
			}
			if _, plain := t.(*syntax.Ident); plain && top && g.setters == 1 {
				g.value, g.valueFile = s.Value, fs
			}
		}
	case *syntax.AugAssignStmt:
		if id := rootIdent(s.Target); id != nil {
			p.addSetter(fs, id)
		}
	case *syntax.UnificationStmt:
		p.addSetter(fs, s.Target)
	case *syntax.IfStmt:
		for _, b := range s.Branches {
			for _, bs := range b.Body {
				p.declareStmt(fs, bs, false, imp)
			}
		}
	}
}

// addSetter counts one more statement setting id's name.
func (p *Package) addSetter(fs *fileScope, id *syntax.Ident) *global {
	g := p.globals[id.Name]
	if g == nil {
		g = &global{name: id.Name, pos: posOf(fs.name, id)}
		p.globals[id.Name] = g
	}
	g.setters++
	if g.setters > 1 {
		g.value = nil
	}
	return g
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

// member returns the type of the package member name and whether the
// package has it.
func (p *Package) member(name string) (*Type, bool) {
	switch {
	case p.opaque:
		return AnyType, true
	case p.members != nil:
		return AnyType, p.members[name]
	}
	if g := p.globals[name]; g != nil {
		return p.c.globalType(g), true
	}
	if _, ok := p.aliases[name]; ok {
		return AnyType, true
	}
	return AnyType, false
}

// memberNames lists the package's members, for suggestions.
func (p *Package) memberNames() []string {
	var out []string
	for n := range p.members {
		out = append(out, n)
	}
	for n := range p.globals {
		out = append(out, n)
	}
	return out
}

// posOf converts a node's start to a diagnostic position in file.
func posOf(file string, n syntax.Node) diag.Pos {
	s, _ := n.Bounds()
	return diag.Pos{File: file, Line: int(s.Line), Col: int(s.Col)}
}

// spanOf converts a node's bounds to diagnostic positions in file.
func spanOf(file string, n syntax.Node) (diag.Pos, diag.Pos) {
	s, e := n.Bounds()
	return diag.Pos{File: file, Line: int(s.Line), Col: int(s.Col)},
		diag.Pos{File: file, Line: int(e.Line), Col: int(e.Col)}
}
