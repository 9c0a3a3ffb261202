package pack

// This file walks a package directory and writes the archive.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/opencontainers/go-digest"
)

// DefaultMaxSize caps the size of an archive: the size consumers accept
// for a fetched archive (SPEC §12), so nothing is published that no one
// could pull.
const DefaultMaxSize int64 = 256 << 20

// Options tune Pack. The zero value is the default.
type Options struct {
	// Exclude lists more paths to leave out, relative to the package
	// directory, '/'-separated: a file, or a directory and all it holds
	// (e.g. a configured output directory, or the archive being written
	// when it is inside the package).
	Exclude []string
	// MaxSize caps the compressed archive; 0 means DefaultMaxSize.
	MaxSize int64
}

// An Archive is a packed package.
type Archive struct {
	Data   []byte        // the .tar.gz
	Digest digest.Digest // sha256 of Data: the OCI layer digest
	Files  []string      // the files packed, '/'-separated, sorted
}

// Pack archives the package in dir.
func Pack(dir string, opts Options) (*Archive, error) {
	var b bytes.Buffer
	files, err := Write(&b, dir, opts)
	if err != nil {
		return nil, err
	}
	return &Archive{Data: b.Bytes(), Digest: digest.FromBytes(b.Bytes()), Files: files}, nil
}

// Write writes the archive of the package in dir to w and returns the
// files it holds.
func Write(w io.Writer, dir string, opts Options) ([]string, error) {
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	files, err := walk(dir, opts)
	if err != nil {
		return nil, err
	}
	max := opts.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	cw := &capWriter{w: w, left: max}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	// The zero gzip.Header already means no name, no comment, no time;
	// set the OS byte explicitly rather than rely on the default.
	zw.Header = gzip.Header{OS: 255}
	tw := tar.NewWriter(zw)
	for _, e := range entries(files) {
		if err := writeEntry(tw, dir, e); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if cw.err != nil {
		return nil, cw.err
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.name
	}
	return names, nil
}

// Digest returns the sha256 of the archive of dir without keeping it.
func Digest(dir string, opts Options) (digest.Digest, error) {
	h := sha256.New()
	if _, err := Write(h, dir, opts); err != nil {
		return "", err
	}
	return digest.NewDigest(digest.SHA256, h), nil
}

// A file is one regular file to pack.
type file struct {
	name string // '/'-separated, relative to the package directory
	exec bool   // any execute bit set
}

// An entry is one tar entry: a file, or a directory when dir is set.
type entry struct {
	file
	dir bool
}

// epoch is the mtime of every entry. The zero time.Time is not used: it
// lies before 1970 and would push the header out of the ustar format.
var epoch = time.Unix(0, 0)

// writeEntry writes e's header and, for a file, its content.
func writeEntry(tw *tar.Writer, dir string, e entry) error {
	hdr := &tar.Header{Name: e.tarName(), ModTime: epoch, Format: formatFor(e.tarName())}
	if e.dir {
		hdr.Typeflag, hdr.Mode = tar.TypeDir, 0o755
		return tw.WriteHeader(hdr)
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.name)))
	if err != nil {
		return err
	}
	hdr.Typeflag, hdr.Size, hdr.Mode = tar.TypeReg, int64(len(data)), 0o644
	if e.exec {
		hdr.Mode = 0o755
	}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	_, err = tw.Write(data)
	return err
}

// formatFor picks the tar format of an entry named name: plain ustar
// when the name fits (the common case, readable by every tar), PAX for
// long names. Choosing explicitly keeps the choice stable whatever
// archive/tar's defaults become.
func formatFor(name string) tar.Format {
	if len(name) <= 100 {
		return tar.FormatUSTAR
	}
	return tar.FormatPAX
}

// entries returns the tar entries for files: each file, and before its
// first file each directory that holds files, sorted by tar name.
func entries(files []file) []entry {
	dirs := map[string]bool{}
	var out []entry
	for _, f := range files {
		for d := path.Dir(f.name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
			out = append(out, entry{file: file{name: d}, dir: true})
		}
		out = append(out, entry{file: f})
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.tarName(), b.tarName()) })
	return out
}

func (e entry) tarName() string {
	if e.dir {
		return e.name + "/"
	}
	return e.name
}

// A capWriter fails once more than left bytes are written.
type capWriter struct {
	w    io.Writer
	left int64
	err  error
}

func (c *capWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if int64(len(p)) > c.left {
		c.err = errors.New("package archive exceeds the size limit")
		return 0, c.err
	}
	c.left -= int64(len(p))
	return c.w.Write(p)
}

// statErr names the package-relative path in fs errors.
func statErr(rel string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", rel, pe.Err)
	}
	return err
}
