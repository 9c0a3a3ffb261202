// This file holds content digests: of byte streams, and of directory
// trees (SPEC §6: path and vendored dependencies, git contents).

package registry

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// SHA256 returns the "sha256:<hex>" digest of data.
func SHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// A Digester hashes a byte stream written to it.
type Digester struct{ h hash.Hash }

// NewDigester returns a sha256 Digester.
func NewDigester() *Digester { return &Digester{sha256.New()} }

func (d *Digester) Write(p []byte) (int, error) { return d.h.Write(p) }

// Digest returns "sha256:<hex>" of what was written so far.
func (d *Digester) Digest() string { return "sha256:" + hex.EncodeToString(d.h.Sum(nil)) }

// A TreeFile is one regular file of a tree being digested.
type TreeFile struct {
	Path string // relative, with /
	Size int64
	Open func() (io.ReadCloser, error)
}

// TreeDigest returns the digest of a tree of regular files: sha256 over,
// for each file in byte order of its relative path,
//
//	<relpath with /> NUL <size in decimal> NUL <bytes>
//
// This is SPEC §6's "sorted relpath NUL bytes" with the size added, so
// that two different trees can never produce the same stream (without
// it, {a: "xb\0y"} and {a: "x", b: "y"} would collide).
func TreeDigest(files []TreeFile) (string, error) {
	files = append([]TreeFile(nil), files...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	d := NewDigester()
	buf := make([]byte, 64<<10)
	for _, f := range files {
		io.WriteString(d, f.Path)
		d.Write([]byte{0})
		io.WriteString(d, strconv.FormatInt(f.Size, 10))
		d.Write([]byte{0})
		r, err := f.Open()
		if err != nil {
			return "", err
		}
		n, err := io.CopyBuffer(d, r, buf)
		r.Close()
		if err != nil {
			return "", err
		}
		if n != f.Size {
			return "", Errorf(CodeIO, "%s changed while it was being read", f.Path)
		}
	}
	return d.Digest(), nil
}

// skipDir reports whether a directory is left out of tree digests and
// copies: version control metadata, and akua's own state at the top.
func skipDir(rel string) bool {
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	return base == ".git" || rel == ".akua"
}

// Skipped reports whether the file at rel (relative, with /) is left out
// of tree digests: it is under a .git directory or the top-level .akua.
func Skipped(rel string) bool {
	parts := strings.Split(rel, "/")
	for i, p := range parts[:len(parts)-1] {
		if p == ".git" || i == 0 && p == ".akua" {
			return true
		}
	}
	return false
}

// DirFiles lists the regular files under dir for TreeDigest. .git
// directories and a top-level .akua directory are left out. A symlink
// anywhere is refused (CodeSymlink): SPEC §6 digests only regular files,
// and a link could point outside the dependency.
func DirFiles(dir string) ([]TreeFile, error) {
	var files []TreeFile
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return Wrap(CodeIO, err, "reading %s", dir)
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			return Errorf(CodeSymlink, "%s is a symlink; dependency trees may hold only regular files and directories", p).
				WithHelp("replace the link with a copy of what it points to")
		case d.IsDir():
			if rel != "." && skipDir(rel) {
				return filepath.SkipDir
			}
			return nil
		case !d.Type().IsRegular():
			return Errorf(CodeSymlink, "%s is not a regular file", p)
		}
		info, err := d.Info()
		if err != nil {
			return Wrap(CodeIO, err, "reading %s", dir)
		}
		path := p
		files = append(files, TreeFile{Path: rel, Size: info.Size(), Open: func() (io.ReadCloser, error) { return os.Open(path) }})
		return nil
	})
	return files, err
}

// DirDigest returns the TreeDigest of the regular files under dir.
func DirDigest(dir string) (string, error) {
	files, err := DirFiles(dir)
	if err != nil {
		return "", err
	}
	return TreeDigest(files)
}
