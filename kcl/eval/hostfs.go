package eval

// This file holds the host-facing state of the system modules (kcl/lib):
// the directory their file access is confined to (Thread.FileRoot) and
// the output manifests.yaml_stream substitutes for the program's.

import (
	"os"
	"path/filepath"
)

// OpenFileRoot opens th.FileRoot for the file functions of system
// modules. Every name given to the returned *os.Root is resolved inside
// the root: os.Root refuses absolute names, ".." and symbolic links
// that lead outside it. The caller closes the root. It fails when the
// host gave no root.
func (th *Thread) OpenFileRoot() (*os.Root, error) {
	dir, err := th.FileRootDir()
	if err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, errorf(ErrEval, "cannot open the file root: %v", err)
	}
	return r, nil
}

// FileRootDir returns th.FileRoot as an absolute, clean path, or an
// error when the host gave no root (file access is then refused).
func (th *Thread) FileRootDir() (string, error) {
	if th == nil || th.FileRoot == "" {
		return "", errorf(ErrEval, "file access is not allowed: the host gave no file root")
	}
	dir, err := filepath.Abs(th.FileRoot)
	if err != nil {
		return "", errorf(ErrEval, "invalid file root %q: %v", th.FileRoot, err)
	}
	return dir, nil
}

// SetManifestsOutput replaces what the program prints with out: the
// YAML stream of manifests.yaml_stream. The last call wins.
func (th *Thread) SetManifestsOutput(out []byte) {
	th.manifests = append([]byte(nil), out...)
	th.hasManifests = true
}

// ManifestsOutput returns the output manifests.yaml_stream set, and
// whether it was called. When ok, the host prints out (after print()
// output) instead of the YAML of the program's values, as upstream
// `kcl run` does.
func (th *Thread) ManifestsOutput() (out []byte, ok bool) {
	return th.manifests, th.hasManifests
}
