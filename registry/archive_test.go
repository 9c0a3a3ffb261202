package registry

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

type tarEntry struct {
	name, body, link string
	typ              byte
	size             int64 // header size when body is not given
}

func tarball(t testing.TB, gz bool, entries ...tarEntry) []byte {
	var buf bytes.Buffer
	var w io.Writer = &buf
	var zw *gzip.Writer
	if gz {
		zw = gzip.NewWriter(&buf)
		w = zw
	}
	tw := tar.NewWriter(w)
	for _, e := range entries {
		typ := e.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		hdr := &tar.Header{Name: e.name, Typeflag: typ, Mode: 0o644, Linkname: e.link, Size: int64(len(e.body)), Format: tar.FormatPAX}
		if typ != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		io.WriteString(tw, e.body)
	}
	tw.Close()
	if zw != nil {
		zw.Close()
	}
	return buf.Bytes()
}

func TestUntar(t *testing.T) {
	data := tarball(t, true,
		tarEntry{name: "chart/", typ: tar.TypeDir},
		tarEntry{name: "chart/Chart.yaml", body: "name: c\n"},
		tarEntry{name: "./chart/templates/a.yaml", body: "kind: A\n"},
	)
	dest := filepath.Join(t.TempDir(), "out")
	if err := Untar(bytes.NewReader(data), dest, UntarOptions{StripComponents: 1}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dest, "templates", "a.yaml"))
	if err != nil || string(got) != "kind: A\n" {
		t.Fatalf("a.yaml = %q, %v", got, err)
	}
}

func TestUntarRefusals(t *testing.T) {
	tests := []struct {
		name    string
		entries []tarEntry
		code    string
	}{
		{"dot-dot", []tarEntry{{name: "ok.txt", body: "x"}, {name: "a/../../evil", body: "x"}}, CodeArchiveTraversal},
		{"backslash dot-dot", []tarEntry{{name: `a\..\..\evil`, body: "x"}}, CodeArchiveTraversal},
		{"absolute", []tarEntry{{name: "/etc/passwd", body: "x"}}, CodeArchiveAbsolute},
		{"windows absolute", []tarEntry{{name: "C:/evil", body: "x"}}, CodeArchiveAbsolute},
		{"symlink escape", []tarEntry{{name: "link", typ: tar.TypeSymlink, link: "../../../etc"}, {name: "link/passwd", body: "x"}}, CodeArchiveLink},
		{"hard link", []tarEntry{{name: "h", typ: tar.TypeLink, link: "/etc/passwd"}}, CodeArchiveLink},
		{"fifo", []tarEntry{{name: "f", typ: tar.TypeFifo}}, CodeArchiveType},
		{"duplicate", []tarEntry{{name: "a", body: "1"}, {name: "./a", body: "2"}}, CodeArchiveInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "out")
			err := Untar(bytes.NewReader(tarball(t, true, tc.entries...)), dest, UntarOptions{})
			if CodeOf(err) != tc.code {
				t.Fatalf("err = %v (%s), want %s", err, CodeOf(err), tc.code)
			}
			if _, err := os.Stat(dest); !os.IsNotExist(err) {
				t.Errorf("destination left behind: %v", err)
			}
		})
	}
	t.Run("too many entries", func(t *testing.T) {
		var es []tarEntry
		for i := 0; i < 11; i++ {
			es = append(es, tarEntry{name: string(rune('a'+i)) + ".txt", body: "x"})
		}
		dest := filepath.Join(t.TempDir(), "out")
		err := Untar(bytes.NewReader(tarball(t, false, es...)), dest, UntarOptions{Limits: Limits{MaxEntries: 10}})
		if CodeOf(err) != CodeArchiveEntries {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("total size", func(t *testing.T) {
		big := string(bytes.Repeat([]byte{'z'}, 600<<10))
		dest := filepath.Join(t.TempDir(), "out")
		err := Untar(bytes.NewReader(tarball(t, true, tarEntry{name: "a", body: big}, tarEntry{name: "b", body: big})), dest,
			UntarOptions{Limits: Limits{MaxBytes: 1 << 20}})
		if CodeOf(err) != CodeArchiveTooLarge {
			t.Fatalf("err = %v", err)
		}
		if _, err := os.Stat(dest); !os.IsNotExist(err) {
			t.Errorf("destination left behind")
		}
	})
}

// bomb streams a gzip-compressed tar whose one entry claims (and holds)
// size bytes of zeros, generated as it is read: nothing is allocated.
func bomb(size int64, tarHeader bool) *io.PipeReader {
	pr, pw := io.Pipe()
	go func() {
		zw, _ := gzip.NewWriterLevel(pw, gzip.BestSpeed)
		var w io.Writer = zw
		var tw *tar.Writer
		if tarHeader {
			tw = tar.NewWriter(zw)
			if err := tw.WriteHeader(&tar.Header{Name: "zeros", Typeflag: tar.TypeReg, Mode: 0o644, Size: size}); err != nil {
				pw.CloseWithError(err)
				return
			}
			w = tw
		}
		zero := make([]byte, 1<<20)
		for n := int64(0); n < size; n += int64(len(zero)) {
			if _, err := w.Write(zero); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		if tw != nil {
			tw.Close()
		}
		zw.Close()
		pw.Close()
	}()
	return pr
}

func TestUntarDecompressionBomb(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header bool
		code   string
	}{
		// A 1 GiB file: refused from its header, before a byte is written.
		{"1 GiB entry", true, CodeArchiveTooLarge},
		// 1 GiB of bare zeros: a tar stream of zero blocks ends at once.
		{"1 GiB of zeros", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := bomb(1<<30, tc.header)
			defer r.CloseWithError(io.ErrClosedPipe) // stops the generator
			dest := filepath.Join(t.TempDir(), "out")
			start := time.Now()
			err := Untar(r, dest, UntarOptions{})
			if CodeOf(err) != tc.code || (tc.code == "" && err != nil) {
				t.Fatalf("err = %v, want code %q", err, tc.code)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v: the bomb was not stopped early", d)
			}
			if tc.code != "" {
				if _, err := os.Stat(dest); !os.IsNotExist(err) {
					t.Errorf("destination left behind")
				}
			}
		})
	}
	// The stream cap: a lying reader that never ends is cut off after
	// the cap even when no header announces the size.
	t.Run("stream cap", func(t *testing.T) {
		c := &capReader{r: infinite{}, left: 1 << 20, max: 1 << 20}
		_, err := io.Copy(io.Discard, c)
		if CodeOf(err) != CodeArchiveTooLarge {
			t.Fatalf("err = %v", err)
		}
	})
}

type infinite struct{}

func (infinite) Read(p []byte) (int, error) { return len(p), nil }
