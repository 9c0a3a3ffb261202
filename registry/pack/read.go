package pack

// This file reads package archives back: one file (akua inspect) or all
// of them (akua pull --out). Archives come from registries, so they are
// untrusted: entry names are checked, and size and entry count capped
// (SPEC §12: a fetched archive holds at most 256 MiB in 100k entries).

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Limits cap what is read from an archive. Zero fields take the
// defaults.
type Limits struct {
	MaxEntries int   // entries, files and directories; default 100 000
	MaxBytes   int64 // uncompressed bytes of all files; default 256 MiB
}

func (l Limits) withDefaults() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = 100_000
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxSize
	}
	return l
}

// ErrUnsafeArchive: an archive entry would land outside the target
// directory, is not a regular file or directory, or the archive is over
// its limits.
var ErrUnsafeArchive = errors.New("unsafe archive")

// A File is a regular file read from an archive.
type File struct {
	Name string // checked, '/'-separated, relative
	Exec bool   // the archive gives it an execute bit
	Data []byte
}

// Walk calls fn for each regular file of the archive, in archive order.
// Directories are checked and skipped.
func Walk(archive io.Reader, lim Limits, fn func(f File) error) error {
	lim = lim.withDefaults()
	zr, err := gzip.NewReader(archive)
	if err != nil {
		return fmt.Errorf("reading package archive: %w", err)
	}
	tr := tar.NewReader(zr)
	seen := map[string]bool{}
	var total int64
	for n := 0; ; n++ {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading package archive: %w", err)
		}
		if n >= lim.MaxEntries {
			return fmt.Errorf("%w: more than %d entries", ErrUnsafeArchive, lim.MaxEntries)
		}
		name, err := entryName(hdr.Name)
		if err != nil {
			return err
		}
		switch hdr.Typeflag {
		case tar.TypeDir:
			continue
		case tar.TypeReg:
		default:
			return fmt.Errorf("%w: %s is not a regular file or directory (type %q)", ErrUnsafeArchive, hdr.Name, hdr.Typeflag)
		}
		if seen[name] {
			return fmt.Errorf("%w: %s appears twice", ErrUnsafeArchive, name)
		}
		seen[name] = true
		// Read through a limit rather than trusting hdr.Size, so a
		// lying header cannot make the reader allocate or expand past
		// the cap.
		var b bytes.Buffer
		m, err := io.Copy(&b, io.LimitReader(tr, lim.MaxBytes-total+1))
		if err != nil {
			return fmt.Errorf("reading %s from package archive: %w", name, err)
		}
		if total += m; total > lim.MaxBytes {
			return fmt.Errorf("%w: more than %d bytes uncompressed", ErrUnsafeArchive, lim.MaxBytes)
		}
		if err := fn(File{Name: name, Exec: hdr.Mode&0o111 != 0, Data: b.Bytes()}); err != nil {
			return err
		}
	}
}

// entryName checks an archive entry name and returns it cleaned, without
// a trailing slash: relative, '/'-separated, no "..", no backslash or
// drive letter that could mean something else on Windows.
func entryName(raw string) (string, error) {
	name := strings.TrimSuffix(raw, "/")
	bad := name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") ||
		strings.Contains(name, ":") || strings.ContainsRune(name, 0)
	if !bad {
		for _, el := range strings.Split(name, "/") {
			if el == ".." || el == "" {
				bad = true
			}
		}
	}
	if bad {
		return "", fmt.Errorf("%w: entry %q escapes the package directory", ErrUnsafeArchive, raw)
	}
	return path.Clean(name), nil
}

// ReadFile returns the content of the file name in the archive, or an
// error wrapping os.ErrNotExist.
func ReadFile(archive []byte, name string) ([]byte, error) {
	var found []byte
	errFound := errors.New("found")
	err := Walk(bytes.NewReader(archive), Limits{}, func(f File) error {
		if f.Name == name {
			found = f.Data
			return errFound
		}
		return nil
	})
	if err == errFound {
		return found, nil
	}
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%s in package archive: %w", name, os.ErrNotExist)
}

// Extract writes the files of the archive under dir, which is created
// if needed and must be empty: extracting over existing files could mix
// two packages. Files are written 0644 (0755 when the archive says
// executable), directories 0755. It returns the files written.
func Extract(archive []byte, dir string, lim Limits) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if ents, err := os.ReadDir(dir); err != nil {
		return nil, err
	} else if len(ents) > 0 {
		return nil, fmt.Errorf("%s is not empty; extract into a new or empty directory", dir)
	}
	var written []string
	err := Walk(bytes.NewReader(archive), lim, func(f File) error {
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		perm := os.FileMode(0o644)
		if f.Exec {
			perm = 0o755
		}
		// O_EXCL: never follow or replace something already there.
		out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if err != nil {
			return err
		}
		if _, err := out.Write(f.Data); err != nil {
			out.Close()
			return err
		}
		written = append(written, f.Name)
		return out.Close()
	})
	return written, err
}
