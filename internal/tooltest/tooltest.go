// Package tooltest builds a real third-party CLI (cosign, helm,
// kustomize) from the Go module proxy for equivalence tests. akua never
// runs these tools itself; only tests compare against them, and they
// skip with a reason where the tool cannot be built.
package tooltest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	mu    sync.Mutex
	built = map[string]result{}
)

type result struct{ bin, why string }

// Build returns the path of the binary that `go install module` (a
// "path@version" of a main package) produces, building it once per
// process into a cache directory kept across runs
// ($AKUA_TOOL_CACHE, else the user cache dir). envVar, when set in the
// environment, names a prebuilt binary to use instead. The test is
// skipped, with the reason, under -short or when the build fails or
// cannot finish before the test binary's deadline.
func Build(t testing.TB, module, envVar string) string {
	t.Helper()
	if p := os.Getenv(envVar); envVar != "" && p != "" {
		return p
	}
	if testing.Short() {
		t.Skip("-short: not building " + module)
	}
	mu.Lock()
	defer mu.Unlock()
	r, ok := built[module]
	if !ok {
		r = build(t, module)
		built[module] = r
	}
	if r.bin == "" {
		t.Skip("cannot use " + module + ": " + r.why)
	}
	return r.bin
}

func build(t testing.TB, module string) result {
	path, _, _ := strings.Cut(module, "@")
	name := filepath.Base(path)
	if strings.HasPrefix(name, "v") && strings.Trim(name[1:], "0123456789") == "" {
		name = filepath.Base(filepath.Dir(path)) // .../kustomize/v5 builds "kustomize"
	}
	dir, err := cacheDir(module)
	if err != nil {
		return result{why: err.Error()}
	}
	bin := filepath.Join(dir, name)
	if st, err := os.Stat(bin); err == nil && st.Mode().IsRegular() {
		return result{bin: bin}
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		return result{why: "no go command to build it with: " + err.Error()}
	}
	// A cold build downloads and compiles a few hundred modules; give it
	// what the test binary's own deadline leaves, up to 30 minutes.
	budget := 30 * time.Minute
	if tt, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if d, ok := tt.Deadline(); ok {
			budget = time.Until(d) - 2*time.Minute
		}
	}
	if budget < time.Minute {
		return result{why: "not enough time left under -timeout to build it"}
	}
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return result{why: err.Error()}
	}
	defer os.RemoveAll(tmp)
	cmd := exec.CommandContext(ctx, goBin, "install", module)
	// GOBIN makes `go install pkg@version` build outside any module, with
	// the tool's own go.mod; module and build caches are the user's.
	cmd.Env = append(os.Environ(), "GOBIN="+tmp, "CGO_ENABLED=0", "GOFLAGS=-mod=mod", "GOWORK=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return result{why: "building: " + err.Error() + "\n" + Tail(out.String(), 2000)}
	}
	// Rename into place so a concurrent or interrupted build never leaves
	// a half-written binary at the cached path.
	if err := os.Rename(filepath.Join(tmp, name), bin); err != nil {
		return result{why: err.Error()}
	}
	return result{bin: bin}
}

func cacheDir(module string) (string, error) {
	base := os.Getenv("AKUA_TOOL_CACHE")
	if base == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		base = filepath.Join(c, "akua-test-tools")
	}
	dir := filepath.Join(base, strings.NewReplacer("/", "_", "@", "_").Replace(module))
	return dir, os.MkdirAll(dir, 0o755)
}

// Tail returns the last n bytes of s, marked as cut when longer.
func Tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
