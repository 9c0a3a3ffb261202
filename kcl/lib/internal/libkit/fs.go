package libkit

// This file holds file access for the file, crypto, json and yaml
// modules, confined to the host's file root (eval.Thread.FileRoot):
// relative names resolve against the root, absolute names must lie
// inside it, and os.Root refuses ".." and symbolic links that leave it.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// MaxReadSize bounds the size of a file read whole into a string.
const MaxReadSize = 64 << 20

// A Root is the host's file root opened for one builtin call.
type Root struct {
	*os.Root
	Dir string // absolute path of the root
}

// OpenRoot opens th's file root; the caller closes it.
func OpenRoot(th *eval.Thread) (*Root, error) {
	dir, err := th.FileRootDir()
	if err != nil {
		return nil, err
	}
	r, err := th.OpenFileRoot()
	if err != nil {
		return nil, err
	}
	return &Root{Root: r, Dir: dir}, nil
}

// Rel returns name as a clean path relative to the root, for the
// methods of os.Root. An absolute name must lie inside the root; a
// relative one may not climb out of it with "..".
func (r *Root) Rel(name string) (string, error) {
	if name == "" {
		return "", eval.Errorf(eval.ErrValue, "empty file path")
	}
	p := filepath.FromSlash(name)
	if filepath.IsAbs(p) {
		rel, err := filepath.Rel(r.Dir, filepath.Clean(p))
		if err != nil || escapes(rel) {
			return "", eval.Errorf(eval.ErrEval, "path '%s' is outside the package root", name)
		}
		return rel, nil
	}
	c := filepath.Clean(p)
	if escapes(c) {
		return "", eval.Errorf(eval.ErrEval, "path '%s' is outside the package root", name)
	}
	return c, nil
}

func escapes(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// ReadFile reads the file name whole (at most MaxReadSize bytes).
func (r *Root) ReadFile(name string) ([]byte, error) {
	rel, err := r.Rel(name)
	if err != nil {
		return nil, err
	}
	f, err := r.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxReadSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxReadSize {
		return nil, eval.Errorf(eval.ErrEval, "file '%s' is larger than %d bytes", name, MaxReadSize)
	}
	return data, nil
}

// WriteFile writes data to the file name, creating or truncating it.
func (r *Root) WriteFile(name string, data []byte) error {
	rel, err := r.Rel(name)
	if err != nil {
		return err
	}
	return r.Root.WriteFile(rel, data, 0o644)
}

// Display returns p, an absolute path inside the root, as the file
// functions report it: as is, or relative to the root ("." for the
// root itself) when the thread is deterministic, so that output does
// not depend on where the package lies.
func (r *Root) Display(th *eval.Thread, p string) string {
	if !th.Deterministic {
		return p
	}
	rel, err := filepath.Rel(r.Dir, p)
	if err != nil || escapes(rel) {
		return filepath.Base(p)
	}
	return filepath.ToSlash(rel)
}

// RefuseWrite fails when th is deterministic: a render may not write
// files.
func RefuseWrite(th *eval.Thread, fname string) error {
	if th.Deterministic {
		return eval.Errorf(eval.ErrEval, "%s is not allowed: evaluation must be deterministic (no file writes)", fname)
	}
	return nil
}

// Reason returns the cause of a file error without the operation and
// path Go puts in front ("no such file or directory"); other errors
// as they are.
func Reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// Fail returns a file error as a KCL error: errors that are already
// KCL diagnostics (a path outside the root) as they are, others as
// "<format>: <reason>".
func Fail(err error, format string, args ...any) error {
	var d *diag.Diagnostic
	if errors.As(err, &d) {
		return err
	}
	return eval.Errorf(eval.ErrEval, "%s: %s", fmt.Sprintf(format, args...), Reason(err))
}
