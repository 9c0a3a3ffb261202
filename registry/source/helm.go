// This file holds classic Helm repository dependencies: repo + chart +
// version, found through the repository's index.yaml and pinned by the
// sha256 of the chart's .tgz.

package source

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
)

// maxIndexSize caps index.yaml: large public repositories publish tens
// of MiB, and nothing legitimate comes near this.
const maxIndexSize = 128 << 20

// Helm is the source of classic Helm repository dependencies.
type Helm struct{ opts Options }

// helmIndex is the part of a repository's index.yaml akua reads. yaml.v3
// decodes any scalar into a string, so unquoted versions like 1.10 keep
// their spelling.
type helmIndex struct {
	Entries map[string][]struct {
		Version string   `yaml:"version"`
		URLs    []string `yaml:"urls"`
		Digest  string   `yaml:"digest"`
	} `yaml:"entries"`
}

// chartRef is one chart version found in an index.
type chartRef struct {
	version, url, digest string
}

// lookup reads the index of repo and finds the highest version of chart
// matching want.
func (h *Helm) lookup(ctx context.Context, repo, chart, want string) (chartRef, error) {
	base := strings.TrimSuffix(repo, "/") + "/"
	data, err := h.get(ctx, base+"index.yaml", maxIndexSize, nil)
	if err != nil {
		return chartRef{}, err
	}
	var idx helmIndex
	if err := yaml.Unmarshal(data, &idx); err != nil {
		return chartRef{}, registry.Wrap(registry.CodeFetch, err, "reading %sindex.yaml", base)
	}
	versions := idx.Entries[chart]
	if len(versions) == 0 {
		names := make([]string, 0, len(idx.Entries))
		for n := range idx.Entries {
			names = append(names, n)
		}
		sort.Strings(names)
		return chartRef{}, registry.Errorf(registry.CodeNotFound, "the repository %s has no chart %q", repo, chart).
			WithHelp("its charts: %s", strings.Join(names, ", "))
	}
	var all []string
	for _, v := range versions {
		all = append(all, v.Version)
	}
	best, ok := lock.Highest(want, all)
	if !ok {
		return chartRef{}, registry.Errorf(registry.CodeNoMatch, "no version of chart %q matches %s", chart, want).
			WithHelp("available: %s", strings.Join(all, ", "))
	}
	for _, v := range versions {
		if v.Version != best || len(v.URLs) == 0 {
			continue
		}
		u, err := url.Parse(base)
		if err != nil {
			return chartRef{}, registry.Wrap(registry.CodeFetch, err, "repository URL %s", repo)
		}
		ref, err := url.Parse(v.URLs[0])
		if err != nil {
			return chartRef{}, registry.Wrap(registry.CodeFetch, err, "chart URL %s", v.URLs[0])
		}
		d := ""
		if v.Digest != "" {
			d = "sha256:" + strings.TrimPrefix(v.Digest, "sha256:")
		}
		return chartRef{version: best, url: u.ResolveReference(ref).String(), digest: d}, nil
	}
	return chartRef{}, registry.Errorf(registry.CodeNotFound, "chart %q %s has no download URL in the index", chart, best)
}

// get downloads u, at most max bytes, reporting progress when track is set.
func (h *Helm) get(ctx context.Context, u string, max int64, track *lock.Entry) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, registry.Wrap(registry.CodeFetch, err, "GET %s", u)
	}
	resp, err := httpClient(h.opts).Do(req)
	if err != nil {
		return nil, registry.Wrap(registry.CodeFetch, err, "GET %s", u)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, registry.Errorf(registry.CodeNotFound, "GET %s: 404 not found", u)
	case resp.StatusCode != http.StatusOK:
		return nil, registry.Wrap(registry.CodeFetch, fmt.Errorf("%s", resp.Status), "GET %s", u)
	}
	var body io.Reader = resp.Body
	if track != nil {
		var done func()
		body, done = registry.TrackReader(h.opts.Progress, body, label(*track), resp.ContentLength)
		defer done()
	}
	data, err := io.ReadAll(io.LimitReader(body, max+1))
	if err != nil {
		return nil, registry.Wrap(registry.CodeFetch, err, "GET %s", u)
	}
	if int64(len(data)) > max {
		return nil, registry.Errorf(registry.CodeArchiveTooLarge, "GET %s: larger than %d MiB", u, max>>20)
	}
	return data, nil
}

// Resolve finds the highest chart version matching d.Version, downloads
// the .tgz and pins it by its sha256.
func (h *Helm) Resolve(ctx context.Context, d lock.Dependency) (lock.Entry, error) {
	src := lock.SourceOf(d)
	e := lock.Entry{Name: d.Name, Source: src.String()}
	if h.opts.Offline {
		return e, offline(d.Name, src.URL)
	}
	ref, err := h.lookup(ctx, src.URL, src.Chart, d.Version)
	if err != nil {
		return e, err
	}
	e.Version = ref.version
	_, digest, err := h.download(ctx, e, ref, ref.digest)
	if err != nil {
		return e, err
	}
	e.Digest = digest
	return e, nil
}

// Fetch returns the unpacked chart e pins.
func (h *Helm) Fetch(ctx context.Context, e lock.Entry) (string, error) {
	if dir, ok, err := fromCache(h.opts.Cache, e.Digest, h.opts.Offline); ok || err != nil {
		return dir, err
	}
	if _, err := h.opts.Cache.Blob(e.Digest); err == nil {
		return h.unpack(e, e.Digest)
	}
	if h.opts.Offline {
		return "", offline(e.Name, e.Source)
	}
	src, err := lock.ParseSource(e.Source)
	if err != nil {
		return "", err
	}
	ref, err := h.lookup(ctx, src.URL, src.Chart, e.Version)
	if err != nil {
		return "", err
	}
	dir, _, err := h.download(ctx, e, ref, e.Digest)
	return dir, err
}

// download fetches the chart .tgz into the cache (checked against want
// when set) and unpacks it.
func (h *Helm) download(ctx context.Context, e lock.Entry, ref chartRef, want string) (dir, digest string, err error) {
	data, err := h.get(ctx, ref.url, h.opts.Limits.MaxBytesOrDefault(), &e)
	if err != nil {
		return "", "", err
	}
	got := registry.SHA256(data)
	if want != "" && got != want {
		return "", "", registry.Errorf(registry.CodeDigestMismatch, "%s served %s for %s %s, but %s is pinned", ref.url, got, e.Name, ref.version, want).
			WithHelp("the repository changed a published chart; if that is expected, run 'akua update %s'", e.Name)
	}
	if _, _, err := h.opts.Cache.PutBlob(got, bytes.NewReader(data)); err != nil {
		return "", "", err
	}
	dir, err = h.unpack(e, got)
	return dir, got, err
}

// unpack extracts the cached .tgz with digest into the tree cache. Helm
// archives hold the chart under <chart>/, which is stripped.
func (h *Helm) unpack(e lock.Entry, digest string) (string, error) {
	blob, err := h.opts.Cache.Blob(digest)
	if err != nil {
		return "", err
	}
	dir, _, err := h.opts.Cache.PutTree(digest, registry.TreeInfo{Source: e.Source, Version: e.Version}, func(dir string) error {
		f, err := os.Open(blob)
		if err != nil {
			return registry.Wrap(registry.CodeIO, err, "reading the cache")
		}
		defer f.Close()
		if err := registry.Untar(f, dir, registry.UntarOptions{Limits: h.opts.Limits, StripComponents: 1}); err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(dir, "Chart.yaml")); err != nil {
			return registry.Errorf(registry.CodeKind, "%s %s is not a Helm chart (no Chart.yaml)", e.Name, e.Version)
		}
		return nil
	})
	return dir, err
}
