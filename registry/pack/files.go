package pack

// This file decides what a package archive holds.

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// topExcluded are the top-level names never packed: render output and
// local inputs.
var topExcluded = []string{"deploy", "rendered", "inputs.yaml"}

// Files returns the files Pack would archive from dir, sorted by path.
// It fails on a symbolic link or any other non-regular file outside the
// excluded paths.
func Files(dir string, opts Options) ([]string, error) {
	files, err := walk(dir, opts)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.name
	}
	return names, nil
}

// An UnsupportedFileError reports a path Pack refuses to archive.
type UnsupportedFileError struct {
	Path string // relative to the package directory, '/'-separated
	Mode fs.FileMode
}

func (e *UnsupportedFileError) Error() string {
	what := "a special file"
	switch {
	case e.Mode&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case e.Mode&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case e.Mode&fs.ModeSocket != 0:
		what = "a socket"
	case e.Mode&fs.ModeDevice != 0:
		what = "a device"
	}
	return fmt.Sprintf("%s is %s; packages hold regular files only (copy the target in, or move it out of the package)", e.Path, what)
}

// walk lists the regular files of dir to pack, sorted.
func walk(dir string, opts Options) ([]file, error) {
	// The package directory itself may be reached through a symbolic
	// link (a checkout under a linked home, say); what is inside it may
	// not.
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(dir); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	excluded := map[string]bool{}
	for _, e := range opts.Exclude {
		excluded[path.Clean(filepath.ToSlash(e))] = true
	}
	var files []file
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if skip(rel, d.IsDir(), excluded) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return &UnsupportedFileError{Path: rel, Mode: d.Type()}
		}
		fi, err := d.Info()
		if err != nil {
			return statErr(rel, err)
		}
		files = append(files, file{name: rel, exec: fi.Mode().Perm()&0o111 != 0})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	return files, nil
}

// skip reports whether rel (a directory when isDir) is left out.
func skip(rel string, isDir bool, excluded map[string]bool) bool {
	if excluded[rel] {
		return true
	}
	base := path.Base(rel)
	if isDir && strings.HasPrefix(base, ".") {
		return true
	}
	if !strings.Contains(rel, "/") && slices.Contains(topExcluded, rel) {
		// deploy/ and rendered/ are directories; inputs.yaml a file. A
		// file named deploy (or a directory named inputs.yaml) is odd
		// but harmless to leave out too.
		return true
	}
	return false
}
