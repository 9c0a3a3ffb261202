package render

// The adversarial suite of SPEC §12: a package is untrusted, and each
// guard is proven here by a package that tries to break it.

import (
	"akua.dev/akua/internal/testfs"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSandboxMemoryBomb(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": `_s = "x" * 1000000
_l = [_s + str(i) for i in range(100000)]
resources = []
`})
	mustFail(t, dir, Options{MaxMemory: 64 << 20}, "E3M40")
}

// runaway loops for 10^10 steps over small lists: a CPU bomb, not a
// memory one.
const runaway = "_x = [sum([1 for j in range(100000)]) for i in range(100000)]\nresources = []\n"

func TestSandboxRunawayLoop(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": runaway})
	start := time.Now()
	if _, err := renderDir(t, dir, Options{MaxSteps: 1_000_000}); err == nil {
		t.Fatal("runaway loop rendered")
	}
	// The wall clock alone stops it too.
	if _, err := renderDir(t, dir, Options{Timeout: 300 * time.Millisecond, MaxMemory: -1}); err == nil {
		t.Fatal("runaway loop rendered under a deadline")
	}
	if time.Since(start) > 20*time.Second {
		t.Errorf("stopping took %v", time.Since(start))
	}
}

func TestSandboxDeepRecursion(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": "f = lambda n: int -> int { f(n + 1) }\nresources = [f(0)]\n"})
	mustFail(t, dir, Options{}, "E3M44")
}

func TestSandboxPathEscapes(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.k"), []byte("token = \"s3cr3t\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(outside, "base"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"absolute":  "import akua.kustomize\nresources = kustomize.build(\"" + filepath.ToSlash(outside) + "\")\n",
		"dotdot":    "import akua.kustomize\nresources = kustomize.build(\"../../base\")\n",
		"symlink":   "import akua.kustomize\nresources = kustomize.build(\"./link\")\n",
		"import":    "import ..secret\nresources = []\n",
		"file.read": "import file\n_s = file.read(\"" + filepath.ToSlash(filepath.Join(outside, "secret.k")) + "\")\nresources = []\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "pkg")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "package.k"), []byte(src), 0o644)
			os.WriteFile(filepath.Join(parent, "secret.k"), []byte("token = \"s3cr3t\"\n"), 0o644)
			os.Symlink(filepath.Join(outside, "base"), filepath.Join(dir, "link"))
			_, err := renderDir(t, dir, Options{})
			if err == nil {
				t.Fatal("escape rendered")
			}
			if name != "file.read" {
				mustFail(t, dir, Options{}, "E_PATH_ESCAPE")
			}
		})
	}
}

func TestSandboxNoEnvironment(t *testing.T) {
	t.Setenv("AKUA_TEST_SECRET", "leak")
	for _, src := range []string{
		"import runtime\n_x = runtime.getenv(\"AKUA_TEST_SECRET\")\nresources = []\n",
		"_x = option(\"AKUA_TEST_SECRET\")\nresources = [{apiVersion = \"v1\", kind = \"A\", data = _x}]\n",
	} {
		dir := testfs.Tree(t, map[string]string{"package.k": src})
		res, err := renderDir(t, dir, Options{})
		if err == nil {
			for _, r := range res.Resources {
				if strings.Contains(string(r.YAML), "leak") {
					t.Errorf("%q read the environment", src)
				}
			}
		}
	}
}

func TestSandboxContextCancel(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": runaway})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Render(ctx, Options{Package: dir, MaxMemory: -1}); err == nil {
		t.Fatal("canceled render succeeded")
	}
}

// One builtin building a huge list is stopped by the deadline too, not
// only loops of small steps.
func TestSandboxLongBuiltin(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": "_x = sum(range(40000000))\nresources = []\n"})
	start := time.Now()
	if _, err := renderDir(t, dir, Options{Timeout: 200 * time.Millisecond}); err == nil {
		t.Fatal("rendered")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping took %v", d)
	}
	mustFail(t, testfs.Tree(t, map[string]string{"package.k": "_x = range(100000000)\nresources = []\n"}), Options{}, "E3M40")
}
