// This file holds safe unpacking of fetched archives (tar and tar.gz):
// the archive is untrusted (SPEC §12), so every entry name is checked,
// links and special files are refused, and sizes are capped as the
// stream is read, which stops decompression bombs after at most the cap.

package registry

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Default caps for fetched archives (SPEC §12).
const (
	DefaultMaxBytes   = 256 << 20 // bytes of file content
	DefaultMaxEntries = 100_000
)

// Limits caps what an archive may unpack to. The zero value means the
// defaults.
type Limits struct {
	MaxBytes   int64 // total bytes of file content
	MaxEntries int   // headers of every type
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	return l
}

// MaxBytesOrDefault returns MaxBytes, or DefaultMaxBytes when unset.
func (l Limits) MaxBytesOrDefault() int64 { return l.withDefaults().MaxBytes }

// UntarOptions control Untar. The zero value unpacks everything with the
// default limits.
type UntarOptions struct {
	Limits
	// StripComponents drops this many leading path components from each
	// name (Helm charts keep everything under <chart>/); entries with no
	// component left are skipped.
	StripComponents int
}

// Untar unpacks the tar or gzip-compressed tar read from r into dest,
// which must not exist. On any error dest is removed again, so a refused
// archive leaves nothing behind. Refusals have their own codes:
// CodeArchiveTraversal, CodeArchiveAbsolute, CodeArchiveLink,
// CodeArchiveType, CodeArchiveTooLarge, CodeArchiveEntries and
// CodeArchiveInvalid.
func Untar(r io.Reader, dest string, opt UntarOptions) (err error) {
	lim := opt.Limits.withDefaults()
	if err := os.Mkdir(dest, 0o755); err != nil {
		return Wrap(CodeIO, err, "creating %s", dest)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dest)
		}
	}()
	root, err := os.OpenRoot(dest)
	if err != nil {
		return Wrap(CodeIO, err, "opening %s", dest)
	}
	defer root.Close()

	br := bufio.NewReader(r)
	var stream io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return Wrap(CodeArchiveInvalid, err, "reading the gzip stream")
		}
		defer zr.Close()
		stream = zr
	}
	// The decompressed stream is capped as a whole too: headers and
	// padding included, a tar is at most 1 KiB per entry above its content.
	capped := &capReader{r: stream, left: lim.MaxBytes + int64(lim.MaxEntries+2)*1024, max: lim.MaxBytes}
	tr := tar.NewReader(capped)

	var total int64
	seen := map[string]bool{}
	for n := 0; ; n++ {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var e *Error
			if errors.As(err, &e) {
				return e
			}
			return Wrap(CodeArchiveInvalid, err, "reading the archive")
		}
		if n >= lim.MaxEntries {
			return Errorf(CodeArchiveEntries, "the archive has more than %d entries", lim.MaxEntries)
		}
		if hdr.Typeflag == tar.TypeXGlobalHeader {
			continue // pax metadata, not a file (git archive writes one)
		}
		name, err := entryName(hdr.Name, opt.StripComponents)
		if err != nil {
			return err
		}
		switch hdr.Typeflag {
		case tar.TypeSymlink, tar.TypeLink:
			return Errorf(CodeArchiveLink, "the archive entry %q is a link to %q; links are refused", hdr.Name, hdr.Linkname)
		case tar.TypeDir:
			if name != "" {
				if err := root.MkdirAll(name, 0o755); err != nil {
					return Wrap(CodeIO, err, "creating %s", name)
				}
			}
			continue
		case tar.TypeReg, tar.TypeRegA:
		default:
			return Errorf(CodeArchiveType, "the archive entry %q has type %q; only files and directories are allowed", hdr.Name, string(hdr.Typeflag))
		}
		if name == "" {
			continue
		}
		if seen[name] {
			return Errorf(CodeArchiveInvalid, "the archive holds %q twice", name)
		}
		seen[name] = true
		if hdr.Size < 0 || hdr.Size > lim.MaxBytes-total {
			return tooLarge(lim.MaxBytes)
		}
		total += hdr.Size
		if err := writeEntry(root, name, hdr, tr); err != nil {
			return err
		}
	}
}

func tooLarge(max int64) *Error {
	return Errorf(CodeArchiveTooLarge, "the archive unpacks to more than %d MiB", max>>20).
		WithHelp("archives are capped to stop decompression bombs; a real dependency this large needs a higher limit")
}

// entryName checks an archive entry name and returns it cleaned and
// stripped, "" when nothing is left.
func entryName(name string, strip int) (string, error) {
	if strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) || len(name) >= 2 && name[1] == ':' {
		return "", Errorf(CodeArchiveAbsolute, "the archive entry %q has an absolute name", name)
	}
	parts := strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' })
	var keep []string
	for _, p := range parts {
		switch p {
		case "..":
			return "", Errorf(CodeArchiveTraversal, "the archive entry %q leaves the destination (..)", name)
		case ".":
			continue
		}
		if strings.ContainsRune(p, 0) {
			return "", Errorf(CodeArchiveInvalid, "the archive entry %q holds a NUL byte", name)
		}
		keep = append(keep, p)
	}
	if len(keep) <= strip {
		return "", nil
	}
	return path.Join(keep[strip:]...), nil
}

func writeEntry(root *os.Root, name string, hdr *tar.Header, r io.Reader) error {
	if dir := path.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return Wrap(CodeIO, err, "creating %s", dir)
		}
	}
	mode := os.FileMode(0o644)
	if hdr.Mode&0o111 != 0 {
		mode = 0o755
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return Wrap(CodeIO, err, "writing %s", name)
	}
	_, err = io.CopyN(f, r, hdr.Size)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return e
		}
		return Wrap(CodeArchiveInvalid, err, "reading %s from the archive", name)
	}
	return nil
}

// A capReader fails with CodeArchiveTooLarge once more than left bytes
// have been read: a bomb is stopped while it inflates, not after.
type capReader struct {
	r    io.Reader
	left int64
	max  int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, tooLarge(c.max)
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// String describes the limits for messages.
func (l Limits) String() string {
	l = l.withDefaults()
	return fmt.Sprintf("%d MiB, %d entries", l.MaxBytes>>20, l.MaxEntries)
}
