package kcl

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
)

// Virtual packages (RunOptions.Packages) live in an fs.FS, not on disk:
// a host's embedded modules. Their files are named "<name>:/dir/file.k"
// in positions, a form that can never be a real relative path, so a
// relative import inside one resolves in its own file system and never
// reaches the disk.
const virtualSep = ":/"

// virtualFile splits a virtual file name into its package and directory.
func virtualFile(name string) (pkg, dir string, ok bool) {
	pkg, p, ok := strings.Cut(name, virtualSep)
	if !ok || len(pkg) < 2 || strings.ContainsAny(pkg, `/\`) { // "C:/x" is a drive
		return "", "", false
	}
	return pkg, path.Dir(p), true
}

// relativeTo resolves a relative import (`.x`, `..y.z`) from dir.
func relativeTo(dir, imp string) string {
	dots := len(imp) - len(strings.TrimLeft(imp, "."))
	for i := 1; i < dots; i++ {
		dir = path.Dir(dir)
	}
	rel := strings.ReplaceAll(imp[dots:], ".", "/")
	return path.Clean(path.Join(dir, rel))
}

// loadVirtual loads rel (a slash path; "" or "." is the package's top
// directory) from the virtual package pkg.
func (l *fileLoader) loadVirtual(th *eval.Thread, pkg, rel, imp string) (*eval.Module, error) {
	fsys := l.virtual[pkg]
	rel = path.Clean("/" + rel)[1:]
	if rel == "" {
		rel = "."
	}
	names, err := virtualFiles(fsys, rel)
	if err != nil || len(names) == 0 {
		return nil, &diag.Diagnostic{Code: diag.CannotFindModule, Message: "pkgpath " + imp + " not found in the program"}
	}
	return l.loadOnce(th, pkg+virtualSep+rel, imp, func() ([]*syntax.File, error) {
		var out []*syntax.File
		var errs diag.List
		for _, n := range names {
			src, err := fs.ReadFile(fsys, n)
			if err != nil {
				return nil, err
			}
			f, err := syntax.ParseFile(pkg+virtualSep+n, src)
			if err != nil {
				errs = append(errs, diag.From(err)...)
				continue
			}
			out = append(out, f)
		}
		if len(errs) > 0 {
			return nil, errs
		}
		return out, nil
	})
}

// virtualFiles lists a virtual package's files: the .k files of the
// directory rel (tests and _-prefixed files excluded), or rel.k.
func virtualFiles(fsys fs.FS, rel string) ([]string, error) {
	if entries, err := fs.ReadDir(fsys, rel); err == nil {
		var names []string
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || !strings.HasSuffix(n, ".k") || strings.HasSuffix(n, "_test.k") || strings.HasPrefix(n, "_") {
				continue
			}
			names = append(names, path.Join(rel, n))
		}
		sort.Strings(names)
		return names, nil
	}
	if _, err := fs.Stat(fsys, rel+".k"); err != nil {
		return nil, err
	}
	return []string{rel + ".k"}, nil
}

// relocate moves diagnostics raised inside a virtual package (a host's
// embedded modules, RunOptions.Packages) to the line of the user's file
// that called into it (the first frame outside), so the caret points at
// code the user can open; frames inside virtual packages are dropped.
func relocate(err error) error {
	switch e := err.(type) {
	case *diag.Diagnostic:
		return relocateOne(e)
	case diag.List:
		for i, d := range e {
			e[i] = relocateOne(d)
		}
		return e
	}
	return err
}

func relocateOne(d *diag.Diagnostic) *diag.Diagnostic {
	virtual := func(p diag.Pos) bool { _, _, ok := virtualFile(p.File); return ok }
	c := *d
	c.Notes = nil
	moved := !virtual(d.Pos)
	for _, n := range d.Notes {
		switch {
		case virtual(n.Pos):
		case !moved:
			c.Pos, c.End, moved = n.Pos, diag.Pos{}, true
		default:
			c.Notes = append(c.Notes, n)
		}
	}
	return &c
}
