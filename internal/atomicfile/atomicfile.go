// Package atomicfile replaces files atomically: readers, and a crash,
// see the old contents or the new ones, never a partial write.
package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Write writes data to name through a temporary file in the same
// directory, synced, then renamed over name. A symbolic link is followed
// (the file it points to is replaced, the link stays). An existing file
// keeps its mode; a new one gets perm.
func Write(name string, data []byte, perm fs.FileMode) (err error) {
	if real, err := filepath.EvalSymlinks(name); err == nil {
		name = real
	}
	mode := perm
	if fi, err := os.Stat(name); err == nil {
		mode = fi.Mode().Perm()
	}
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
