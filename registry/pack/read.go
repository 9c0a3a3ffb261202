package pack

// This file reads package archives back in memory (akua inspect).
// Archives come from registries, so they are untrusted: entry names are
// checked, and size and entry count capped (SPEC §12). Unpacking to disk
// is registry.Untar's job.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"akua.dev/akua/registry"
)

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
func Walk(archive io.Reader, lim registry.Limits, fn func(f File) error) error {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = registry.DefaultMaxBytes
	}
	if lim.MaxEntries <= 0 {
		lim.MaxEntries = registry.DefaultMaxEntries
	}
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
	err := Walk(bytes.NewReader(archive), registry.Limits{}, func(f File) error {
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
