// Package file is KCL's file system module
// (reference/kcl-docs/model/file.md; upstream kclvm/runtime/src/file):
// read, glob, modpath, workdir, exists, abs, mkdir, delete, cp, mv,
// size, write, append, read_env and current.
//
// Every path is confined to the host's file root
// (eval.Thread.FileRoot): relative paths resolve against it, absolute
// ones must lie inside it, and ".." or symbolic links that leave it are
// refused. When the evaluation must be deterministic, functions that
// write are refused, read_env is refused, and the paths modpath,
// current and abs report are relative to the root.
package file

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"unicode/utf8"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("file", New) }

// New returns the file module.
func New() *eval.Module {
	funcs := libkit.Funcs(map[string]eval.BuiltinFunc{
		"read":    read,
		"glob":    glob,
		"modpath": modpath,
		"workdir": workdir,
		"exists":  exists,
		"abs":     abs,
		"mkdir":   mkdir,
		"delete":  deleteFn,
		"cp":      cp,
		"mv":      mv,
		"size":    size,
		"write":   write,
		"append":  appendFn,
		"current": current,
	})
	funcs["read_env"] = libkit.Func{Fn: readEnv, Nondeterministic: true}
	return libkit.Module("file", funcs, nil)
}

// withRoot unpacks one path argument named param and opens the root.
func withRoot(th *eval.Thread, fname, param string, args *eval.Args, f func(r *libkit.Root, p, rel string) (eval.Value, error)) (eval.Value, error) {
	var p string
	if err := eval.UnpackArgs(fname, args, param, &p); err != nil {
		return nil, err
	}
	r, err := libkit.OpenRoot(th)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	rel, err := r.Rel(p)
	if err != nil {
		return nil, err
	}
	return f(r, p, rel)
}

// read(filepath: str) -> str is the contents of a file.
func read(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	return withRoot(th, "read", "filepath", args, func(r *libkit.Root, p, _ string) (eval.Value, error) {
		data, err := r.ReadFile(p)
		if err != nil {
			return nil, libkit.Fail(err, "failed to access the file '%s'", p)
		}
		if !utf8.Valid(data) {
			return nil, eval.Errorf(eval.ErrEval, "failed to access the file '%s': stream did not contain valid UTF-8", p)
		}
		return eval.Str(data), nil
	})
}

// glob(pattern: str) -> [str] lists the paths matching pattern, in
// lexical order: relative to the root for a relative pattern, absolute
// for an absolute one.
func glob(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	return withRoot(th, "glob", "pattern", args, func(r *libkit.Root, p, rel string) (eval.Value, error) {
		matches, err := fs.Glob(r.FS(), filepath.ToSlash(rel))
		if err != nil {
			return nil, eval.Errorf(eval.ErrEval, "Failed to read glob pattern: %v", err)
		}
		out := make([]eval.Value, len(matches))
		for i, m := range matches {
			if filepath.IsAbs(p) {
				m = r.Display(th, filepath.Join(r.Dir, filepath.FromSlash(m)))
			}
			out[i] = eval.Str(m)
		}
		return eval.NewList(out), nil
	})
}

// modpath() -> str is the root of the current KCL module (the host's
// file root).
func modpath(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	if err := eval.UnpackArgs("modpath", args); err != nil {
		return nil, err
	}
	dir, err := th.FileRootDir()
	if err != nil {
		return nil, err
	}
	if th.Deterministic {
		return eval.Str("."), nil
	}
	return eval.Str(dir), nil
}

// workdir() -> str is the working directory the host gave; `kcl run`
// gives none, so it is "" as upstream.
func workdir(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	if err := eval.UnpackArgs("workdir", args); err != nil {
		return nil, err
	}
	return eval.Str(""), nil
}

// current() -> str is the path of the file being executed (where the
// call is written).
func current(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	if err := eval.UnpackArgs("current", args); err != nil {
		return nil, err
	}
	p := args.CallAt.File
	if th.Deterministic {
		if dir, err := th.FileRootDir(); err == nil {
			if rel, err := filepath.Rel(dir, p); err == nil {
				p = filepath.ToSlash(rel)
			}
		} else {
			p = filepath.Base(p)
		}
	}
	return eval.Str(p), nil
}

// exists(filepath: str) -> bool reports whether the path exists
// (following symbolic links inside the root).
func exists(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	return withRoot(th, "exists", "filepath", args, func(r *libkit.Root, _, rel string) (eval.Value, error) {
		_, err := r.Stat(rel)
		return eval.Bool(err == nil), nil
	})
}

// abs(filepath: str) -> str is the canonical absolute form of an
// existing path, symbolic links resolved.
func abs(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	return withRoot(th, "abs", "filepath", args, func(r *libkit.Root, p, rel string) (eval.Value, error) {
		if _, err := r.Stat(rel); err != nil {
			return nil, eval.Errorf(eval.ErrEval, "Could not get the absolute path of %s", p)
		}
		real, err := filepath.EvalSymlinks(filepath.Join(r.Dir, rel))
		if err != nil {
			return nil, eval.Errorf(eval.ErrEval, "Could not get the absolute path of %s", p)
		}
		dir, err := filepath.EvalSymlinks(r.Dir)
		if err != nil {
			dir = r.Dir
		}
		if inside, err := filepath.Rel(dir, real); err == nil && inside != ".." && !startsWithDotDot(inside) {
			real = filepath.Join(r.Dir, inside)
		}
		return eval.Str(r.Display(th, real)), nil
	})
}

func startsWithDotDot(rel string) bool {
	return len(rel) >= 3 && rel[:3] == ".."+string(filepath.Separator)
}

// size(filepath: str) -> int is the size of a file in bytes.
func size(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	return withRoot(th, "size", "filepath", args, func(r *libkit.Root, p, rel string) (eval.Value, error) {
		fi, err := r.Stat(rel)
		if err != nil {
			return nil, libkit.Fail(err, "failed to get size of '%s'", p)
		}
		return eval.Int(fi.Size()), nil
	})
}

// read_env(key: str) -> str is an environment variable of the process,
// Undefined when it is not set. It is refused when the evaluation must
// be deterministic.
func readEnv(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var key string
	if err := eval.UnpackArgs("read_env", args, "key", &key); err != nil {
		return nil, err
	}
	v, ok := os.LookupEnv(key)
	if !ok {
		return eval.Undefined, nil
	}
	return eval.Str(v), nil
}

// writer unpacks the arguments of a function that writes and opens the
// root, refusing when the evaluation must be deterministic.
func writer(th *eval.Thread, fname string, args *eval.Args, pairs ...any) (*libkit.Root, error) {
	if err := eval.UnpackArgs(fname, args, pairs...); err != nil {
		return nil, err
	}
	if err := libkit.RefuseWrite(th, "file."+fname); err != nil {
		return nil, err
	}
	return libkit.OpenRoot(th)
}

// mkdir(directory: str, exists: bool = False) creates a directory and
// its missing parents; an existing directory is not an error.
func mkdir(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var dir string
	var existsOK bool
	r, err := writer(th, "mkdir", args, "directory", &dir, "exists?", &existsOK)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	rel, err := r.Rel(dir)
	if err != nil {
		return nil, err
	}
	if err := r.MkdirAll(rel, 0o755); err != nil {
		if existsOK && errors.Is(err, fs.ErrExist) {
			return eval.None, nil
		}
		return nil, libkit.Fail(err, "Failed to create directory '%s'", dir)
	}
	return eval.None, nil
}

// delete(filepath: str) removes a file or an empty directory.
func deleteFn(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var p string
	r, err := writer(th, "delete", args, "filepath", &p)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	rel, err := r.Rel(p)
	if err != nil {
		return nil, err
	}
	if err := r.Remove(rel); err != nil {
		return nil, libkit.Fail(err, "failed to delete '%s'", p)
	}
	return eval.None, nil
}

// cp(src: str, dest: str) copies a file, or a directory recursively.
func cp(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var src, dest string
	r, err := writer(th, "cp", args, "src", &src, "dest", &dest)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	fail := func(err error) error {
		return libkit.Fail(err, "Failed to copy from '%s' to '%s'", src, dest)
	}
	s, err := r.Rel(src)
	if err != nil {
		return nil, err
	}
	d, err := r.Rel(dest)
	if err != nil {
		return nil, err
	}
	fi, err := r.Stat(s)
	if err != nil {
		return nil, fail(err)
	}
	if !fi.IsDir() {
		if err := copyFile(r, s, d); err != nil {
			return nil, fail(err)
		}
		return eval.None, nil
	}
	fsys := r.FS()
	err = fs.WalkDir(fsys, filepath.ToSlash(s), func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s, filepath.FromSlash(p))
		target := filepath.Join(d, rel)
		if e.IsDir() {
			return r.MkdirAll(target, 0o755)
		}
		return copyFile(r, filepath.FromSlash(p), target)
	})
	if err != nil {
		return nil, fail(err)
	}
	return eval.None, nil
}

func copyFile(r *libkit.Root, src, dest string) error {
	data, err := r.Root.ReadFile(src)
	if err != nil {
		return err
	}
	if fi, err := r.Stat(dest); err == nil && fi.IsDir() {
		dest = filepath.Join(dest, path.Base(filepath.ToSlash(src)))
	}
	return r.Root.WriteFile(dest, data, 0o644)
}

// mv(src: str, dest: str) moves (renames) a file or directory.
func mv(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var src, dest string
	r, err := writer(th, "mv", args, "src", &src, "dest", &dest)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	s, err := r.Rel(src)
	if err != nil {
		return nil, err
	}
	d, err := r.Rel(dest)
	if err != nil {
		return nil, err
	}
	if err := r.Rename(s, d); err != nil {
		return nil, libkit.Fail(err, "Failed to move '%s' to '%s'", src, dest)
	}
	return eval.None, nil
}

// write(filepath: str, content: str) writes content to a file,
// creating or replacing it.
func write(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var p, content string
	r, err := writer(th, "write", args, "filepath", &p, "content", &content)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if err := r.WriteFile(p, []byte(content)); err != nil {
		return nil, libkit.Fail(err, "Failed to write to '%s'", p)
	}
	return eval.None, nil
}

// append(filepath: str, content: str) appends content to a file,
// creating it when missing.
func appendFn(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var p, content string
	r, err := writer(th, "append", args, "filepath", &p, "content", &content)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	rel, err := r.Rel(p)
	if err != nil {
		return nil, err
	}
	f, err := r.OpenFile(rel, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, libkit.Fail(err, "Failed to open or create file '%s'", p)
	}
	_, werr := f.WriteString(content)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr != nil {
		return nil, libkit.Fail(werr, "Failed to append to file '%s'", p)
	}
	return eval.None, nil
}
