// Package pathguard confines the paths a package names to the package
// directory (SPEC §12): every path an engine call, a chart or a
// kustomization names is resolved, symlinks followed, and refused when
// it is absolute or leaves the root.
package pathguard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"akua.dev/akua/kcl/diag"
)

// Error codes. Callers attach the position of the offending call.
var (
	Escape   = diag.PathEscape
	NotFound = diag.Code{ID: "E_PATH_NOT_FOUND", Title: "PathNotFound"}
)

// Root returns dir as an absolute, symlink-free path, the form every
// other function here expects for root.
func Root(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// Resolve resolves p, relative to base (a directory inside root), and
// returns its symlink-free absolute path. It refuses absolute paths and
// any path that ends up outside root, directly or through a symlink.
func Resolve(root, base, p string) (string, error) {
	if p == "" {
		return "", &diag.Diagnostic{Code: NotFound, Message: "empty path",
			Suggestion: "name a file or directory inside the package, e.g. \"./charts/app\""}
	}
	if filepath.IsAbs(p) || strings.HasPrefix(p, "/") || filepath.VolumeName(p) != "" {
		return "", escape(p, "absolute paths are not allowed")
	}
	joined := filepath.Join(base, filepath.FromSlash(p))
	if !Within(root, joined) {
		return "", escape(p, "it leaves the package directory")
	}
	real, err := filepath.EvalSymlinks(joined)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", &diag.Diagnostic{Code: NotFound,
				Message:    fmt.Sprintf("%q does not exist in the package", p),
				Suggestion: "paths are relative to the directory of package.k"}
		}
		return "", err
	}
	if !Within(root, real) {
		return "", escape(p, "a symlink points outside the package directory")
	}
	return real, nil
}

// Within reports whether the clean absolute path p is root or below it.
func Within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel))
}

func escape(p, why string) *diag.Diagnostic {
	return &diag.Diagnostic{Code: Escape,
		Message:    fmt.Sprintf("path %q escapes the package: %s", p, why),
		Suggestion: "keep charts, bases and files inside the package directory (or add them as dependencies with `akua add`)"}
}

// A File is one regular file read by ReadTree.
type File struct {
	Name string // slash-separated, relative to the tree's directory
	Data []byte
	// Escapes marks a symlink leading outside the root, listed (with no
	// data) instead of failing the read when Limits.SkipEscapes is set.
	Escapes bool
}

// Limits cap what ReadTree reads; zero fields take the defaults.
type Limits struct {
	MaxFiles int   // default 100 000
	MaxBytes int64 // total, default 256 MiB
	// SkipEscapes lists escaping symlinks as File{Escapes: true} rather
	// than failing: for callers that read a whole tree but refuse only
	// the paths actually used (kustomize's copy of the package).
	SkipEscapes bool
}

// ReadTree reads every regular file under dir (inside root) in lexical
// order. Symlinks are followed only when their target stays inside
// root; one that escapes is an E_PATH_ESCAPE error naming it.
// Directories named .git are skipped.
func ReadTree(root, dir string, lim Limits) ([]File, error) {
	if lim.MaxFiles == 0 {
		lim.MaxFiles = 100_000
	}
	if lim.MaxBytes == 0 {
		lim.MaxBytes = 256 << 20
	}
	t := &treeReader{root: root, lim: lim, seen: map[string]bool{}}
	if err := t.walk(dir, ""); err != nil {
		return nil, err
	}
	return t.files, nil
}

type treeReader struct {
	root  string
	lim   Limits
	files []File
	total int64
	seen  map[string]bool // real directories on the current path: symlink loops
}

func (t *treeReader) walk(dir, prefix string) error {
	if t.seen[dir] {
		return fmt.Errorf("symlink loop at %s", prefix)
	}
	t.seen[dir] = true
	defer delete(t.seen, dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := prefix + e.Name()
		p := filepath.Join(dir, e.Name())
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			real, err := filepath.EvalSymlinks(p)
			if err != nil {
				return fmt.Errorf("%s: broken symlink: %w", name, err)
			}
			if !Within(t.root, real) {
				if t.lim.SkipEscapes {
					t.files = append(t.files, File{Name: name, Escapes: true})
					continue
				}
				return escape(name, "a symlink points outside the package directory")
			}
			st, err := os.Stat(real)
			if err != nil {
				return err
			}
			p, mode = real, st.Mode().Type()
		}
		switch {
		case mode.IsDir():
			if e.Name() == ".git" {
				continue
			}
			if err := t.walk(p, name+"/"); err != nil {
				return err
			}
		case mode.IsRegular():
			if err := t.read(p, name); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *treeReader) read(p, name string) error {
	if len(t.files) >= t.lim.MaxFiles {
		return fmt.Errorf("more than %d files under the tree", t.lim.MaxFiles)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	t.total += int64(len(data))
	if t.total > t.lim.MaxBytes {
		return fmt.Errorf("the tree holds more than %d bytes", t.lim.MaxBytes)
	}
	t.files = append(t.files, File{Name: name, Data: data})
	return nil
}
