package export

// This file loads a package for export: package.k and, transitively,
// the local KCL modules it imports (where schemas may live), parsed
// with positions, with every schema and type alias indexed by module.
// Imports are resolved as the KCL loader resolves them (kcl/loader.go);
// anything that is not a local module (akua.*, system modules, locked
// dependencies) is recorded as external.

import (
	"os"
	"path/filepath"
	"strings"

	"akua.dev/akua/kcl"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
	"akua.dev/akua/render"
)

// A program is a loaded package.
type program struct {
	file string // package.k, absolute
	dir  string // the package directory
	root string // the KCL package root imports resolve against
	main *module
	mods map[string]*module // local modules by key (directory or file)
}

// A module is the main package or one local module.
type module struct {
	key     string // absolute directory or file of the module
	dotted  string // its import path from the package directory ("" for main)
	files   []*srcFile
	schemas map[string]*schemaDecl
	aliases map[string]*aliasDecl
}

// A srcFile is one parsed source file.
type srcFile struct {
	path    string
	src     []byte
	ast     *syntax.File
	lines   []int // byte offset of each line start
	mod     *module
	imports map[string]*importRef // by the name the file binds
}

// An importRef is one import statement; local is nil for modules that
// are not local KCL files.
type importRef struct {
	stmt  *syntax.ImportStmt
	local *module
}

type schemaDecl struct {
	name string
	stmt *syntax.SchemaStmt
	file *srcFile
}

type aliasDecl struct {
	typ  syntax.Type
	file *srcFile
}

// load locates and parses the package and its local modules. Syntax
// errors of every file are reported together.
func load(pkg string) (*program, error) {
	file, dir, err := render.Locate(pkg)
	if err != nil {
		return nil, err
	}
	p := &program{file: file, dir: dir, root: kcl.PackageRoot(dir, dir), mods: map[string]*module{}}
	f, err := parseSource(file)
	if err != nil {
		return nil, err
	}
	p.main = p.newModule(file, "", []*srcFile{f})
	var errs diag.List
	for queue := []*module{p.main}; len(queue) > 0; queue = queue[1:] {
		for _, f := range queue[0].files {
			mods, err := p.resolveImports(f)
			errs = append(errs, diag.From(err)...)
			queue = append(queue, mods...)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

func parseSource(path string) (*srcFile, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, &diag.Diagnostic{Code: render.PackageError, Pos: diag.Pos{File: path},
			Message: "cannot read " + strings.TrimPrefix(err.Error(), "open ")}
	}
	ast, err := syntax.ParseFile(path, src)
	if err != nil {
		return nil, diag.From(err)
	}
	f := &srcFile{path: path, src: src, ast: ast, lines: []int{0}, imports: map[string]*importRef{}}
	for i, c := range src {
		if c == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f, nil
}

func (p *program) newModule(key, dotted string, files []*srcFile) *module {
	m := &module{key: key, dotted: dotted, files: files,
		schemas: map[string]*schemaDecl{}, aliases: map[string]*aliasDecl{}}
	for _, f := range files {
		f.mod = m
		for _, s := range f.ast.Stmts {
			switch s := s.(type) {
			case *syntax.SchemaStmt:
				m.schemas[s.Name.Name] = &schemaDecl{name: s.Name.Name, stmt: s, file: f}
			case *syntax.TypeAliasStmt:
				m.aliases[s.Name.Name] = &aliasDecl{typ: s.Type, file: f}
			}
		}
	}
	p.mods[key] = m
	return m
}

// resolveImports binds f's imports and returns the local modules loaded
// for the first time.
func (p *program) resolveImports(f *srcFile) (fresh []*module, err error) {
	var errs diag.List
	for _, s := range f.ast.Stmts {
		imp, ok := s.(*syntax.ImportStmt)
		if !ok {
			continue
		}
		name := importName(imp)
		ref := &importRef{stmt: imp}
		f.imports[name] = ref
		key, files := p.localModule(f.path, imp.Path)
		if key == "" {
			continue
		}
		if m := p.mods[key]; m != nil {
			ref.local = m
			continue
		}
		// Render confines imports to the package directory; so does
		// export. Module paths are dotted from the KCL package root.
		if inDir, err := filepath.Rel(p.dir, key); err != nil || inDir == ".." || strings.HasPrefix(inDir, ".."+string(filepath.Separator)) {
			errs = append(errs, &diag.Diagnostic{Code: ExportError, Pos: pos(f, imp), Message: "module " + imp.Path + " is outside the package directory",
				Suggestion: "keep the schemas of Input inside the package directory"})
			continue
		}
		rel, _ := filepath.Rel(p.root, strings.TrimSuffix(key, ".k"))
		var parsed []*srcFile
		for _, path := range files {
			pf, perr := parseSource(path)
			if perr != nil {
				errs = append(errs, diag.From(perr)...)
				continue
			}
			parsed = append(parsed, pf)
		}
		m := p.newModule(key, strings.ReplaceAll(filepath.ToSlash(rel), "/", "."), parsed)
		ref.local = m
		fresh = append(fresh, m)
	}
	return fresh, errs.Err()
}

// importName is the name an import binds: its alias, else the last
// segment of its path.
func importName(imp *syntax.ImportStmt) string {
	if imp.Alias != nil {
		return imp.Alias.Name
	}
	path := strings.TrimLeft(imp.Path, ".")
	return path[strings.LastIndex(path, ".")+1:]
}

// localModule resolves an import path written in fromFile to a local
// module: its key and files, or "" when the path names a system module,
// the akua stdlib or anything not on disk (dependencies).
func (p *program) localModule(fromFile, path string) (string, []string) {
	first, _, _ := strings.Cut(path, ".")
	if _, ok := eval.SystemModule(path); ok || first == "akua" {
		return "", nil
	}
	// Dependencies (externals) are not local: export names their types
	// without constraining them.
	files, key, err := kcl.ImportFiles(fromFile, path, p.root, nil)
	if err != nil {
		return "", nil
	}
	return key, files
}

// lookupSchema resolves a schema name (X or module.X) as file f sees it.
func (p *program) lookupSchema(f *srcFile, name string) *schemaDecl {
	if m, n := p.scope(f, name); m != nil {
		return m.schemas[n]
	}
	return nil
}

// lookupAlias resolves a type alias name as file f sees it.
func (p *program) lookupAlias(f *srcFile, name string) *aliasDecl {
	if m, n := p.scope(f, name); m != nil {
		return m.aliases[n]
	}
	return nil
}

func (p *program) scope(f *srcFile, name string) (*module, string) {
	mod, rest, dotted := strings.Cut(name, ".")
	if !dotted {
		return f.mod, name
	}
	if ref := f.imports[mod]; ref != nil && ref.local != nil && !strings.Contains(rest, ".") {
		return ref.local, rest
	}
	return nil, ""
}

// offset is the byte offset of a position in f.
func (f *srcFile) offset(p syntax.Pos) int {
	if p.Line < 1 || int(p.Line) > len(f.lines) {
		return len(f.src)
	}
	o := f.lines[p.Line-1] + int(p.Col) - 1
	return min(max(o, 0), len(f.src))
}

// text is the source text of n, verbatim.
func (f *srcFile) text(n syntax.Node) string {
	s, e := n.Bounds()
	return string(f.src[f.offset(s):f.offset(e)])
}

// pos is the diagnostic position of n in f.
func pos(f *srcFile, n syntax.Node) diag.Pos {
	s, _ := n.Bounds()
	return diag.Pos{File: f.path, Line: int(s.Line), Col: int(s.Col)}
}
