package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ManifestFile lists, in an output directory, the files akua wrote
// there, so the next render removes the ones it no longer produces and
// never touches anything else.
const ManifestFile = ".akua-rendered"

// WriteStats says what Write changed.
type WriteStats struct {
	Written []string // files of this render
	Removed []string // stale files of an earlier render
}

// Write writes the resources into dir (SPEC §4 step 7). The render is
// complete in memory before Write runs, so a failed render never gets
// here and the previous output stays intact. A new directory, or one
// holding only akua's files, is replaced with one rename of a fully
// written sibling; otherwise each file is renamed into place and the
// stale files of the previous render are removed, other files untouched.
func Write(dir string, rs []Resource) (*WriteStats, error) {
	dir = filepath.Clean(dir)
	old, foreign, err := inspectOut(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	st := &WriteStats{}
	names := map[string]bool{}
	for _, r := range rs {
		if err := writeFile(filepath.Join(tmp, r.File), r.YAML); err != nil {
			return nil, err
		}
		st.Written = append(st.Written, r.File)
		names[r.File] = true
	}
	if err := writeFile(filepath.Join(tmp, ManifestFile), manifest(st.Written)); err != nil {
		return nil, err
	}
	for _, f := range old {
		if !names[f] {
			st.Removed = append(st.Removed, f)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if !foreign {
		return st, swapDir(tmp, dir)
	}
	for _, f := range append(st.Written, ManifestFile) {
		if err := os.Rename(filepath.Join(tmp, f), filepath.Join(dir, f)); err != nil {
			return nil, err
		}
	}
	for _, f := range st.Removed {
		if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return st, nil
}

// inspectOut reads dir's manifest and reports whether dir holds files
// akua did not write (foreign). A missing dir has neither.
func inspectOut(dir string) (old []string, foreign bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("output directory: %w", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	mine := map[string]bool{ManifestFile: true}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		// Only plain names: a tampered manifest cannot make akua delete
		// anything outside dir.
		name := strings.TrimSpace(sc.Text())
		if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
			continue
		}
		old = append(old, name)
		mine[name] = true
	}
	for _, e := range entries {
		if !mine[e.Name()] {
			foreign = true
		}
	}
	return old, foreign, nil
}

// swapDir replaces dir with tmp: rename the old one aside, rename tmp in,
// remove the old one. Between the two renames dir is briefly absent,
// never half-written.
func swapDir(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	aside := tmp + ".old"
	if err := os.Rename(dir, aside); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(aside, dir) // put the previous output back
		return err
	}
	return os.RemoveAll(aside)
}

func writeFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func manifest(files []string) []byte {
	s := append([]string(nil), files...)
	sort.Strings(s)
	return []byte(strings.Join(s, "\n") + "\n")
}
