package kcl

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
)

// fileLoader resolves `import` statements against the file system.
// `import .x` and `import ..x` are relative to the importing file;
// `import a.b` is the directory a/b (all its .k files) or the file a/b.k
// under the importing file's package root (the nearest directory above
// it holding kcl.mod), unless `a` names an external package, whose root
// is then used. Packages are evaluated once per run.
//
// Host modules (RunOptions.Modules) are found first by their full path,
// then virtual packages (RunOptions.Packages), then external roots.
type fileLoader struct {
	root      string
	externals map[string]string
	sandbox   []string // roots every loaded file must stay in; nil: none
	virtual   map[string]fs.FS
	modules   map[string]*eval.Module
	cache     map[string]*eval.Module
	busy      map[string]bool
}

func newFileLoader(dir string, opt RunOptions) *fileLoader {
	l := &fileLoader{root: PackageRoot(dir, dir), externals: opt.Externals,
		virtual: opt.Packages, modules: opt.Modules,
		cache: map[string]*eval.Module{}, busy: map[string]bool{}}
	if opt.Sandbox != "" {
		l.sandbox = append(l.sandbox, realPath(opt.Sandbox))
		for _, ext := range opt.Externals {
			l.sandbox = append(l.sandbox, realPath(ext))
		}
		// A kcl.mod above the sandbox must not widen `import a.b`.
		if !within(l.sandbox[0], l.root) {
			l.root = l.sandbox[0]
		}
	}
	return l
}

// realPath is p absolute and symlink-free, or as clean as it gets.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// confine refuses files outside the sandbox (when there is one).
func (l *fileLoader) confine(path string, files []string) error {
	if l.sandbox == nil {
		return nil
	}
	for _, f := range files {
		r := realPath(f)
		ok := false
		for _, root := range l.sandbox {
			ok = ok || within(root, r)
		}
		if !ok {
			return &diag.Diagnostic{Code: diag.PathEscape,
				Message:    fmt.Sprintf("import %s resolves to %s, outside the package", path, f),
				Suggestion: "import modules inside the package directory, or add the package as a dependency"}
		}
	}
	return nil
}

// PackageRoot returns the nearest directory at or above dir that holds
// kcl.mod, or fallback.
func PackageRoot(dir, fallback string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "kcl.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return fallback
		}
		d = parent
	}
}

// Load implements eval.Loader.
func (l *fileLoader) Load(th *eval.Thread, fromFile, path string) (*eval.Module, error) {
	if m, ok := l.modules[path]; ok {
		return m, nil
	}
	if pkg, dir, ok := virtualFile(fromFile); ok && strings.HasPrefix(path, ".") {
		return l.loadVirtual(th, pkg, relativeTo(dir, path), path)
	}
	first, rest, _ := strings.Cut(path, ".")
	if _, ok := l.virtual[first]; ok {
		return l.loadVirtual(th, first, strings.ReplaceAll(rest, ".", "/"), path)
	}
	files, key, err := ImportFiles(fromFile, path, l.root, l.externals)
	if err != nil {
		d := &diag.Diagnostic{Code: diag.CannotFindModule, Message: "pkgpath " + path + " not found in the program"}
		if len(l.externals) == 0 && !strings.HasPrefix(path, ".") {
			d.Suggestion = "is " + strings.Split(path, ".")[0] + " an external package? pass it with -E name=path"
		}
		return nil, d
	}
	if err := l.confine(path, files); err != nil {
		return nil, err
	}
	return l.loadOnce(th, key, path, func() ([]*syntax.File, error) { return parseFiles("", files) })
}

// ImportFiles returns the .k files `import path` in fromFile loads from
// disk, and the key naming that package: `.x`/`..x` relative to the
// file, `a.b` under the root of the external package a, else under the
// importing file's package root (the nearest kcl.mod above it, or root).
func ImportFiles(fromFile, path, root string, externals map[string]string) (files []string, key string, err error) {
	var base, rel string
	first, rest, _ := strings.Cut(path, ".")
	switch {
	case strings.HasPrefix(path, "."):
		base = filepath.Dir(fromFile)
		dots := len(path) - len(strings.TrimLeft(path, "."))
		for i := 1; i < dots; i++ {
			base = filepath.Dir(base)
		}
		rel = path[dots:]
	default:
		if ext, ok := externals[first]; ok {
			base, rel = ext, rest
		} else {
			base, rel = PackageRoot(filepath.Dir(fromFile), root), path
		}
	}
	target := base
	if rel != "" {
		target = filepath.Join(base, filepath.FromSlash(strings.ReplaceAll(rel, ".", "/")))
	}
	return packageFiles(target)
}

// loadOnce evaluates the package key once per run, refusing import cycles.
func (l *fileLoader) loadOnce(th *eval.Thread, key, path string, parse func() ([]*syntax.File, error)) (*eval.Module, error) {
	if m, ok := l.cache[key]; ok {
		return m, nil
	}
	if l.busy[key] {
		return nil, &diag.Diagnostic{Code: diag.RecursiveLoad, Message: "there is a circular import of module '" + path + "'"}
	}
	l.busy[key] = true
	defer delete(l.busy, key)
	parsed, err := parse()
	if err != nil {
		return nil, err
	}
	pkgpath := strings.TrimLeft(path, ".")
	m, err := eval.LoadPackage(th, pkgpath, parsed)
	if err != nil {
		return nil, err
	}
	l.cache[key] = m
	return m, nil
}

// packageFiles lists the .k files of the package at target: the
// directory's files (tests excluded) or the single file target.k.
func packageFiles(target string) (files []string, key string, err error) {
	if st, err := os.Stat(target); err == nil && st.IsDir() {
		entries, err := os.ReadDir(target)
		if err != nil {
			return nil, "", err
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || !strings.HasSuffix(n, ".k") || strings.HasSuffix(n, "_test.k") || strings.HasPrefix(n, "_") {
				continue
			}
			files = append(files, filepath.Join(target, n))
		}
		sort.Strings(files)
		if len(files) == 0 {
			return nil, "", os.ErrNotExist
		}
		return files, target, nil
	}
	if _, err := os.Stat(target + ".k"); err == nil {
		return []string{target + ".k"}, target + ".k", nil
	}
	return nil, "", os.ErrNotExist
}
