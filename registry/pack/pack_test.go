package pack

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"akua.dev/akua/registry"
)

// long is a path too long for a plain ustar header name.
var long = "lib/" + strings.Repeat("d", 120) + "/f.k"

// tree is a package directory used by the tests: path → content. Paths
// ending in "*" are executable (the star is not part of the name).
var tree = map[string]string{
	"akua.toml":                  "[package]\nname = \"app\"\nversion = \"1.0.0\"\n",
	"akua.lock":                  "version = 1\n",
	"package.k":                  "resources = []\n",
	"inputs.example.yaml":        "replicas: 1\n",
	".gitignore":                 "deploy/\n",
	"lib/util.k":                 "x = 1\n",
	"lib/deep/more.k":            "y = 2\n",
	"lib/inputs.yaml":            "nested inputs are package content\n",
	"scripts/gen.sh*":            "#!/bin/sh\necho hi\n",
	"a-b/file":                   "sorts before a/\n",
	"inputs.yaml":                "local: true\n",
	"deploy/000-x.yaml":          "rendered\n",
	"rendered/000-x.yaml":        "golden\n",
	".git/HEAD":                  "ref: refs/heads/main\n",
	".akua/vendor/dep/package.k": "vendored\n",
	"lib/.cache/junk":            "tool state\n",
	long:                         "long\n",
}

var wantFiles = []string{
	".gitignore", "a-b/file", "akua.lock", "akua.toml", "inputs.example.yaml",
	long, "lib/deep/more.k", "lib/inputs.yaml", "lib/util.k", "package.k", "scripts/gen.sh",
}

// writeTree writes tree under dir in the given key order, with file
// permissions perm (plus execute bits where asked) and mtime.
func writeTree(t *testing.T, dir string, order []string, perm os.FileMode, mtime time.Time) {
	t.Helper()
	for _, k := range order {
		name, exec := k, false
		if name[len(name)-1] == '*' {
			name, exec = name[:len(name)-1], true
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), perm|0o700); err != nil {
			t.Fatal(err)
		}
		mode := perm
		if exec {
			mode |= 0o100
		}
		if err := os.WriteFile(p, []byte(tree[k]), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
}

func keys() []string {
	var ks []string
	for k := range tree {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestPackIsReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	order := keys()
	writeTree(t, a, order, 0o664, time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC))
	slices.Reverse(order)
	writeTree(t, b, order, 0o600, time.Now())
	// An empty directory is not something git keeps: it must not change
	// the archive.
	if err := os.Mkdir(filepath.Join(b, "empty"), 0o700); err != nil {
		t.Fatal(err)
	}

	pa, err := Pack(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pb, err := Pack(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pa.Data, pb.Data) || pa.Digest != pb.Digest {
		t.Fatalf("archives differ: %s vs %s", pa.Digest, pb.Digest)
	}
	if !slices.Equal(pa.Files, wantFiles) {
		t.Errorf("files = %q\nwant %q", pa.Files, wantFiles)
	}
	d, err := Digest(a, Options{})
	if err != nil || d != pa.Digest {
		t.Errorf("Digest = %s, %v; want %s", d, err, pa.Digest)
	}
}

func TestArchiveHeaders(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, keys(), 0o640, time.Now())
	p, err := Pack(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// gzip: ID1 ID2 CM FLG MTIME[4] XFL OS
	h := p.Data[:10]
	if h[3] != 0 || !bytes.Equal(h[4:8], []byte{0, 0, 0, 0}) || h[9] != 255 {
		t.Errorf("gzip header % x: want no flags (no name), zero mtime, OS 255", h)
	}
	zr, err := gzip.NewReader(bytes.NewReader(p.Data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var names []string
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, hdr.Name)
		if hdr.Uid != 0 || hdr.Gid != 0 || hdr.Uname != "" || hdr.Gname != "" || hdr.ModTime.Unix() != 0 {
			t.Errorf("%s: owner %d/%d %q/%q mtime %v", hdr.Name, hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname, hdr.ModTime)
		}
		want := int64(0o644)
		if hdr.Typeflag == tar.TypeDir || hdr.Name == "scripts/gen.sh" {
			want = 0o755
		}
		if hdr.Mode != want {
			t.Errorf("%s: mode %o, want %o", hdr.Name, hdr.Mode, want)
		}
	}
	want := []string{".gitignore", "a-b/", "a-b/file", "akua.lock", "akua.toml", "inputs.example.yaml",
		"lib/", path.Dir(long) + "/", long, "lib/deep/", "lib/deep/more.k", "lib/inputs.yaml", "lib/util.k", "package.k", "scripts/", "scripts/gen.sh"}
	if !slices.Equal(names, want) {
		t.Errorf("entries = %q\nwant %q", names, want)
	}
}

func TestPackRefusesSymlinks(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, keys(), 0o644, time.Now())
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "lib", "passwd")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := Pack(dir, Options{})
	var ue *UnsupportedFileError
	if !errors.As(err, &ue) || ue.Path != "lib/passwd" {
		t.Fatalf("Pack with a symlink: %v, want an UnsupportedFileError for lib/passwd", err)
	}
	// A symlink inside an excluded directory is not looked at.
	os.Remove(filepath.Join(dir, "lib", "passwd"))
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, ".git", "link")); err != nil {
		t.Fatal(err)
	}
	if _, err := Pack(dir, Options{}); err != nil {
		t.Fatalf("symlink in .git: %v", err)
	}
}

func TestPackExcludeAndLimit(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, keys(), 0o644, time.Now())
	files, err := Files(dir, Options{Exclude: []string{"lib", "package.k"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f == "package.k" || filepath.Dir(f) == "lib" {
			t.Errorf("excluded %s was listed", f)
		}
	}
	if _, err := Pack(dir, Options{MaxSize: 64}); err == nil {
		t.Error("Pack over MaxSize succeeded")
	}
}

func TestWalkRoundTrip(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, keys(), 0o644, time.Now())
	p, err := Pack(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	err = Walk(bytes.NewReader(p.Data), registry.Limits{}, func(f File) error {
		names = append(names, f.Name)
		key := f.Name
		if f.Exec {
			key += "*"
		}
		if string(f.Data) != tree[key] {
			t.Errorf("%s: content %q, exec %v", f.Name, f.Data, f.Exec)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, wantFiles) {
		t.Errorf("walked %q", names)
	}
	data, err := ReadFile(p.Data, "akua.toml")
	if err != nil || string(data) != tree["akua.toml"] {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	if _, err := ReadFile(p.Data, "nope"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
}

// archive builds a .tar.gz from raw headers, for hostile archives.
func archive(t *testing.T, hdrs ...*tar.Header) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	tw := tar.NewWriter(zw)
	for _, h := range hdrs {
		if h.Typeflag == 0 {
			h.Typeflag = tar.TypeReg
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			tw.Write(bytes.Repeat([]byte("x"), int(h.Size)))
		}
	}
	tw.Close()
	zw.Close()
	return b.Bytes()
}

func TestWalkRefusesUnsafeArchives(t *testing.T) {
	for name, data := range map[string][]byte{
		"zip-slip":  archive(t, &tar.Header{Name: "../evil", Size: 1, Mode: 0o644}),
		"nested":    archive(t, &tar.Header{Name: "a/../../evil", Size: 1, Mode: 0o644}),
		"absolute":  archive(t, &tar.Header{Name: "/etc/evil", Size: 1, Mode: 0o644}),
		"backslash": archive(t, &tar.Header{Name: `..\evil`, Size: 1, Mode: 0o644}),
		"symlink":   archive(t, &tar.Header{Name: "link", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"}),
		"hardlink":  archive(t, &tar.Header{Name: "link", Typeflag: tar.TypeLink, Linkname: "/etc/passwd"}),
		"duplicate": archive(t, &tar.Header{Name: "a", Size: 1}, &tar.Header{Name: "a", Size: 1}),
		"bomb":      archive(t, &tar.Header{Name: "big", Size: 2048}),
		"entries":   archive(t, &tar.Header{Name: "a", Size: 1}, &tar.Header{Name: "b", Size: 1}, &tar.Header{Name: "c", Size: 1}),
	} {
		err := Walk(bytes.NewReader(data), registry.Limits{MaxBytes: 1024, MaxEntries: 2}, func(File) error { return nil })
		if !errors.Is(err, ErrUnsafeArchive) {
			t.Errorf("%s: Walk = %v, want ErrUnsafeArchive", name, err)
		}
	}
}
