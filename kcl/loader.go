package kcl

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
)

// fileLoader resolves `import` statements against the file system:
// `import a.b` is the directory a/b (all its .k files) or the file a/b.k
// under the package root; `import .x` and `import ..x` are relative to
// the importing file. Packages are evaluated once per run.
type fileLoader struct {
	root  string
	cache map[string]*eval.Module
	busy  map[string]bool
}

func newFileLoader(root string) *fileLoader {
	// The package root is the nearest directory holding kcl.mod, else
	// the main file's directory.
	for dir := root; ; {
		if _, err := os.Stat(filepath.Join(dir, "kcl.mod")); err == nil {
			root = dir
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return &fileLoader{root: root, cache: map[string]*eval.Module{}, busy: map[string]bool{}}
}

// Load implements eval.Loader.
func (l *fileLoader) Load(th *eval.Thread, fromFile, path string) (*eval.Module, error) {
	base := l.root
	rel := path
	if strings.HasPrefix(path, ".") {
		base = filepath.Dir(fromFile)
		dots := len(path) - len(strings.TrimLeft(path, "."))
		for i := 1; i < dots; i++ {
			base = filepath.Dir(base)
		}
		rel = path[dots:]
	}
	target := filepath.Join(base, filepath.FromSlash(strings.ReplaceAll(rel, ".", "/")))
	files, key, err := packageFiles(target)
	if err != nil {
		return nil, &diag.Diagnostic{Code: diag.CannotFindModule, Message: "pkgpath " + path + " not found in the program"}
	}
	if m, ok := l.cache[key]; ok {
		return m, nil
	}
	if l.busy[key] {
		return nil, &diag.Diagnostic{Code: diag.RecursiveLoad, Message: "there is a circular import of module '" + path + "'"}
	}
	l.busy[key] = true
	defer delete(l.busy, key)
	parsed, err := parseFiles("", files)
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

var _ = syntax.EOF
