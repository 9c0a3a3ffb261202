// Package ocitest runs a real OCI registry in the test process, for the
// tests of akua's registry code and commands: the CNCF distribution
// registry (github.com/distribution/distribution/v3) with in-memory
// storage, behind an httptest server on 127.0.0.1.
//
// It is imported only by _test.go files, so the registry and its
// dependencies never reach the akua binary. It lives in its own package
// rather than a _test.go file because the tests of several packages
// (registry/oci, registry/sign, dependency sources, cli) need the same
// registry.
package ocitest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/distribution/distribution/v3/configuration"
	"github.com/distribution/distribution/v3/registry/handlers"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/inmemory" // the "inmemory" storage driver
	"github.com/opencontainers/go-digest"
	"github.com/sirupsen/logrus"
)

// quietOnce silences the registry's request log, which would otherwise
// print a line per request into test output.
var quietOnce sync.Once

// A Registry is a running in-process registry.
type Registry struct {
	// Host is host:port of the registry (127.0.0.1:NNNNN). Loopback
	// registries are reached over plain HTTP by akua's client.
	Host string

	srv *httptest.Server
	app http.Handler

	mu     sync.Mutex
	tamper map[digest.Digest][]byte
	hooks  []func(w http.ResponseWriter, r *http.Request) bool
}

// New starts a registry with empty storage; it stops when the test
// ends.
func New(t testing.TB) *Registry {
	t.Helper()
	quietOnce.Do(func() {
		logrus.SetOutput(io.Discard)
		logrus.SetLevel(logrus.PanicLevel)
	})
	cfg := &configuration.Configuration{
		Storage: configuration.Storage{
			"inmemory": configuration.Parameters{},
			// Manifests and tags may be deleted, as on most hosted
			// registries; tests of immutability must not rely on a
			// registry that forbids it.
			"delete": configuration.Parameters{"enabled": true},
		},
	}
	cfg.Log.AccessLog.Disabled = true
	cfg.HTTP.Secret = "ocitest"
	ctx, cancel := context.WithCancel(context.Background())
	r := &Registry{app: handlers.NewApp(ctx, cfg), tamper: map[digest.Digest][]byte{}}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	r.Host = strings.TrimPrefix(r.srv.URL, "http://")
	t.Cleanup(func() {
		r.srv.Close()
		cancel()
	})
	return r
}

// Ref returns the oci:// reference of repository repo (with a tag or
// digest if repo has one) in this registry.
func (r *Registry) Ref(repo string) string { return fmt.Sprintf("oci://%s/%s", r.Host, repo) }

// TamperBlob makes the registry serve data instead of the real content
// of blob d, in every repository: a registry (or a man in the middle)
// serving different bytes than the ones published.
func (r *Registry) TamperBlob(d digest.Digest, data []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tamper[d] = data
}

// Hook adds a function that sees every request first; when it returns
// true it has answered the request and the registry does not.
func (r *Registry) Hook(f func(w http.ResponseWriter, req *http.Request) bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hooks = append(r.hooks, f)
}

func (r *Registry) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	hooks := append([]func(http.ResponseWriter, *http.Request) bool(nil), r.hooks...)
	var data []byte
	tampered := false
	if i := strings.LastIndex(req.URL.Path, "/blobs/"); i >= 0 && (req.Method == http.MethodGet || req.Method == http.MethodHead) {
		data, tampered = r.tamper[digest.Digest(req.URL.Path[i+len("/blobs/"):])]
	}
	r.mu.Unlock()
	for _, h := range hooks {
		if h(w, req) {
			return
		}
	}
	if tampered {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		w.WriteHeader(http.StatusOK)
		if req.Method == http.MethodGet {
			w.Write(data)
		}
		return
	}
	r.app.ServeHTTP(w, req)
}
