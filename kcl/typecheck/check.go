package typecheck

import (
	"strconv"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// Config says what the checker knows of the world outside the package.
type Config struct {
	// Import returns the package an import statement of file binds, or
	// nil when it is unknown (its members are then any).
	Import func(file string, s *syntax.ImportStmt) *Package
	// Builtin reports whether name is a builtin function. When nil no
	// name is reported undefined.
	Builtin func(name string) bool
	// Partial says the files may not be the whole package (a linter
	// checking files one by one): names are then never reported
	// undefined, since another file may define them.
	Partial bool
}

// maxErrors bounds the errors one package reports.
const maxErrors = 50

type checker struct {
	pkg  *Package
	conf Config
	errs diag.List
	seen map[diag.Pos]bool
	// quiet suppresses reports while a type is computed on demand (the
	// same code is walked, and reported, in its own turn).
	quiet int
	// lenient is set while checking a config unioned into a value that
	// may be an instance: unknown keys are then not reported.
	lenient int
	// done is set once the package is checked: later on-demand work for
	// importers reports nothing.
	done bool
	// byNode maps schema statements to their declarations.
	byNode map[*syntax.SchemaStmt]*Schema
	// first records the first unconditional top-level assignment of each
	// name: later assignments must keep its type, as upstream requires.
	first map[string]*firstDecl
}

type firstDecl struct {
	t   *Type
	pos diag.Pos
}

// Check resolves and type-checks the files of the package pkgpath and
// returns the package's declarations (for importers) and the errors.
func Check(pkgpath string, files []*syntax.File, conf Config) (*Package, diag.List) {
	p := &Package{Path: pkgpath, schemas: map[string]*Schema{}, aliases: map[string]*alias{},
		globals: map[string]*global{}}
	c := &checker{pkg: p, conf: conf, seen: map[diag.Pos]bool{},
		byNode: map[*syntax.SchemaStmt]*Schema{}, first: map[string]*firstDecl{}}
	p.c = c
	scopes := p.declare(files, conf.Import)
	for _, s := range c.byNode {
		for _, mx := range s.Node.Mixins {
			if m := c.schemaRef(mx, s.file); m != nil {
				m.mixed = true
			}
		}
	}
	for _, fs := range scopes {
		fs.root = &scope{fs: fs, kind: scopeTop}
	}
	for i, f := range files {
		for _, s := range f.Stmts {
			c.topStmt(s, scopes[i].root)
		}
	}
	c.done = true
	c.errs.Sort()
	return p, c.errs
}

// report records d at node n of file, unless reports are suppressed or
// the position already has an error.
func (c *checker) report(d *diag.Diagnostic, file string, n syntax.Node) {
	if c.quiet > 0 || c.done || len(c.errs) >= maxErrors {
		return
	}
	d.Pos, d.End = spanOf(file, n)
	if c.seen[d.Pos] {
		return
	}
	c.seen[d.Pos] = true
	c.errs = append(c.errs, d)
}

// A want is what a value is checked against: the expected type, where
// that type was declared, and the value's data path from the top.
type want struct {
	t    *Type
	attr *Attr      // the attribute declaring t, if any
	decl *diag.Note // another declaration of t (a variable, a parameter)
	path string
}

func (w want) with(t *Type) want { w.t = t; return w }

// note returns the declaration note of w, or nil.
func (w want) note() *diag.Note {
	if w.attr != nil {
		return &diag.Note{Pos: w.attr.pos(), Message: "attribute '" + w.attr.Name + "' of schema '" +
			w.attr.owner.Name + "' is declared here with type " + w.t.String()}
	}
	return w.decl
}

// declNote builds the note for a declaration at node n of file.
func declNote(file string, n syntax.Node, what string, t *Type) *diag.Note {
	return &diag.Note{Pos: posOf(file, n), Message: what + " is declared here with type " + t.String()}
}

// typeError reports that value e, of type got, does not fit w.
func (c *checker) typeError(e syntax.Expr, got *Type, w want, file string) {
	if c.quiet > 0 || c.done {
		return
	}
	exp, gs := w.t.String(), brief(widen(got))
	if exp == gs && got.Kind == Instance && w.t.Kind == Instance {
		// Two schemas of one name from different packages.
		exp, gs = w.t.Schema.qualified(), got.Schema.qualified()
	}
	d := &diag.Diagnostic{Code: diag.TypeError, Path: w.path,
		Message:    "expected " + exp + ", got " + gs,
		Suggestion: suggestFix(e, got, w)}
	if n := w.note(); n != nil {
		d.Notes = []diag.Note{*n}
	}
	c.report(d, file, e)
}

// brief prints a value's type, naming only its kind when the whole
// type would be too long to read.
func brief(t *Type) string {
	s := t.String()
	if len(s) <= 60 {
		return s
	}
	switch t.Kind {
	case List:
		return "list"
	case Dict:
		return "dict"
	}
	return s
}

// suggestFix proposes a fix for a value that does not fit its type.
func suggestFix(e syntax.Expr, got *Type, w want) string {
	if got.Kind == Lit {
		switch {
		case got.Base == Str && (w.t.Kind == Int || w.t.Kind == Float):
			s, _ := strconv.Unquote(got.Value)
			if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
				return "remove the quotes: " + strings.TrimSpace(s)
			}
		case got.Base != Str && w.t.Kind == Str:
			return "quote the value: " + strconv.Quote(got.Value)
		}
	}
	if lits := literalChoices(w.t); lits != "" {
		return "use one of " + lits
	}
	if w.path != "" {
		return "give " + w.path + " a value of type " + w.t.String()
	}
	return "use a value of type " + w.t.String()
}

// literalChoices lists the values of a literal or union of literals.
func literalChoices(t *Type) string {
	switch t.Kind {
	case Lit:
		return t.Value
	case Union:
		var vs []string
		for _, m := range t.Types {
			if m.Kind != Lit {
				return ""
			}
			vs = append(vs, m.Value)
		}
		return strings.Join(vs, ", ")
	}
	return ""
}

// joinPath appends a name to a data path.
func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
