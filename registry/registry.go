// Package registry holds what every dependency source shares: the
// content-addressed cache (cache.go), safe unpacking of fetched archives
// (archive.go), tree and blob digests (digest.go), download progress
// (this file) and the coded errors they report (errors.go).
//
// The sources themselves live in registry/source (path, git, Helm
// repository, OCI), the OCI client in registry/oci, and the resolver that
// turns akua.toml into akua.lock and a lock into directories in
// registry/resolve.
package registry

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// A Progress reports download progress; nil reports nothing. The CLI
// passes one only when stderr is a terminal and --json is off.
type Progress interface {
	// Start announces a download of total bytes (-1 when unknown) and
	// returns a writer that is told every byte received; Close ends it.
	Start(label string, total int64) io.WriteCloser
}

// TrackReader returns r reporting its bytes to p under label, and a
// function that ends the report. With a nil p it returns r unchanged.
func TrackReader(p Progress, r io.Reader, label string, total int64) (io.Reader, func()) {
	if p == nil {
		return r, func() {}
	}
	w := p.Start(label, total)
	return io.TeeReader(r, w), func() { w.Close() }
}

// TerminalProgress is a Progress drawing one updating line per download
// on a terminal: "label  1.2 MiB / 4.0 MiB".
type TerminalProgress struct {
	W io.Writer // the terminal (stderr)
}

// Start implements Progress.
func (t *TerminalProgress) Start(label string, total int64) io.WriteCloser {
	return &bar{w: t.W, label: label, total: total}
}

type bar struct {
	mu    sync.Mutex
	w     io.Writer
	label string
	total int64
	n     int64
	last  time.Time
}

func (b *bar) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n += int64(len(p))
	// Redraw at most ten times a second: a terminal is slower than a
	// loopback download.
	if now := time.Now(); now.Sub(b.last) >= 100*time.Millisecond {
		b.last = now
		b.draw()
	}
	return len(p), nil
}

func (b *bar) draw() {
	if b.total > 0 {
		fmt.Fprintf(b.w, "\r%s  %s / %s", b.label, size(b.n), size(b.total))
	} else {
		fmt.Fprintf(b.w, "\r%s  %s", b.label, size(b.n))
	}
}

func (b *bar) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.draw()
	fmt.Fprintln(b.w)
	return nil
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
