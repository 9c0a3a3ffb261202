// This file holds the atomic file write both akua.toml edits and
// akua.lock use.

package lock

import (
	"os"
	"path/filepath"
)

// WriteFileAtomic writes data to name through a temporary file in the
// same directory and a rename, so a reader (or a crash) sees the old file
// or the new one, never half of one. An existing file keeps its mode.
func WriteFileAtomic(name string, data []byte) (err error) {
	mode := os.FileMode(0o644)
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
