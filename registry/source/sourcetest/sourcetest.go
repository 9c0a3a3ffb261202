// Package sourcetest builds the dependency sources the tests of
// registry/source, registry/resolve and the CLI run against: Helm chart
// archives made from ../shared/testdata at test time, a classic Helm
// repository served by httptest on 127.0.0.1, and git repositories
// created with go-git in a temporary directory.
//
// It is imported only by _test.go files. The shared test data is read
// where it lies, never copied into the repository; tests skip with a
// reason when it is absent.
package sourcetest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// SharedDir returns the shared/ directory beside the module root, or
// skips the test when it is absent.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "testdata")); err != nil {
		t.Skipf("../shared/testdata is absent (%v): the dependency tests use its real-world chart and KCL module", err)
	}
	return shared
}

// Podinfo returns the directory of the podinfo chart in the shared test
// data (or skips).
func Podinfo(t testing.TB) string {
	return filepath.Join(SharedDir(t), "testdata", "charts", "podinfo")
}

var versionLine = regexp.MustCompile(`(?m)^version:.*$`)

// ChartTgz packs chartDir as `helm package` would lay it out
// (<name>/... in a gzipped tar), with Chart.yaml's version set to
// version. Entries are sorted and timestamps fixed, so the bytes are
// reproducible.
func ChartTgz(t testing.TB, chartDir, name, version string) []byte {
	t.Helper()
	var files []string
	err := filepath.WalkDir(chartDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(chartDir, p)
		rel = filepath.ToSlash(rel)
		if rel == "Chart.yaml" {
			data = versionLine.ReplaceAll(data, []byte("version: "+version))
		}
		hdr := &tar.Header{Name: name + "/" + rel, Mode: 0o644, Size: int64(len(data)), ModTime: time.Unix(0, 0), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		tw.Write(data)
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

// A HelmRepo is a classic Helm repository on 127.0.0.1.
type HelmRepo struct {
	URL string // http://127.0.0.1:NNNNN/charts

	mu       sync.Mutex
	files    map[string][]byte // path under /charts/ → bytes
	versions map[string][]string
	digests  map[string]string // file → sha256 hex announced in the index
	Requests int               // requests served, to prove offline runs make none
}

// NewHelmRepo starts an empty repository that stops when the test ends.
func NewHelmRepo(t testing.TB) *HelmRepo {
	r := &HelmRepo{files: map[string][]byte{}, versions: map[string][]string{}, digests: map[string]string{}}
	srv := httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(srv.Close)
	r.URL = srv.URL + "/charts"
	return r
}

// Add publishes chart name at version with the .tgz bytes data.
func (r *HelmRepo) Add(name, version string, data []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	file := fmt.Sprintf("%s-%s.tgz", name, version)
	r.files[file] = data
	sum := sha256.Sum256(data)
	r.digests[file] = hex.EncodeToString(sum[:])
	r.versions[name] = append(r.versions[name], version)
}

// Tamper makes the repository serve data for an already published chart
// version, leaving the index as it was (a compromised file server).
func (r *HelmRepo) Tamper(name, version string, data []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files[fmt.Sprintf("%s-%s.tgz", name, version)] = data
}

func (r *HelmRepo) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Requests++
	name := strings.TrimPrefix(req.URL.Path, "/charts/")
	if name == "index.yaml" {
		w.Write(r.index())
		return
	}
	data, ok := r.files[name]
	if !ok {
		http.NotFound(w, req)
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.Write(data)
}

// index writes index.yaml, with relative URLs as `helm repo index` does.
func (r *HelmRepo) index() []byte {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nentries:\n")
	names := make([]string, 0, len(r.versions))
	for n := range r.versions {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "  %s:\n", n)
		for _, v := range r.versions[n] {
			file := fmt.Sprintf("%s-%s.tgz", n, v)
			fmt.Fprintf(&b, "  - name: %s\n    version: %s\n    digest: %s\n    urls:\n    - %s\n", n, v, r.digests[file], file)
		}
	}
	b.WriteString("generated: \"2024-01-01T00:00:00Z\"\n")
	return []byte(b.String())
}

// A GitRepo is a repository on disk, made with go-git.
type GitRepo struct {
	Dir  string
	URL  string // file://<Dir>
	repo *git.Repository
	t    testing.TB
}

// NewGitRepo initialises a repository in a temporary directory.
func NewGitRepo(t testing.TB) *GitRepo {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return &GitRepo{Dir: dir, URL: "file://" + filepath.ToSlash(dir), repo: repo, t: t}
}

// Commit writes files (path → content; "" deletes, "symlink:<target>"
// makes a symlink), commits them and
// tags the commit with each tag. It returns the commit hash.
func (g *GitRepo) Commit(files map[string]string, tags ...string) string {
	g.t.Helper()
	wt, err := g.repo.Worktree()
	if err != nil {
		g.t.Fatal(err)
	}
	for name, body := range files {
		p := filepath.Join(g.Dir, filepath.FromSlash(name))
		if body == "" {
			os.Remove(p)
			wt.Remove(name)
			continue
		}
		if target, ok := strings.CutPrefix(body, "symlink:"); ok {
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.Symlink(target, p); err != nil {
				g.t.Skip(err)
			}
			if _, err := wt.Add(name); err != nil {
				g.t.Fatal(err)
			}
			continue
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			g.t.Fatal(err)
		}
		if _, err := wt.Add(name); err != nil {
			g.t.Fatal(err)
		}
	}
	sig := &object.Signature{Name: "test", Email: "test@example.com", When: time.Unix(1700000000, 0).UTC()}
	h, err := wt.Commit("commit", &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true})
	if err != nil {
		g.t.Fatal(err)
	}
	for i, tag := range tags {
		var opts *git.CreateTagOptions
		if i%2 == 1 { // alternate lightweight and annotated tags
			opts = &git.CreateTagOptions{Tagger: sig, Message: tag}
		}
		if _, err := g.repo.CreateTag(tag, h, opts); err != nil {
			g.t.Fatal(err)
		}
	}
	return h.String()
}
