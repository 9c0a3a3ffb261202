package render

// The examples under ../examples are the product's acceptance tests:
// each renders, matches its committed rendered/ golden byte for byte,
// and renders byte-identically under different GOMAXPROCS, time zones,
// locales and working directories (SPEC §13).

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the examples' rendered/ goldens")

// examples lists the example packages that have a rendered/ golden.
func examples(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob("../examples/*/package.k")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range dirs {
		dir := filepath.Dir(f)
		if st, err := os.Stat(filepath.Join(dir, "rendered")); err == nil && st.IsDir() || *update {
			out = append(out, dir)
		}
	}
	if len(out) == 0 {
		t.Fatal("no examples found")
	}
	return out
}

func TestExamplesGolden(t *testing.T) {
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := Render(context.Background(), Options{Package: dir})
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(dir, "rendered")
			if *update {
				if _, err := Write(golden, res.Resources); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := map[string]bool{}
			for _, r := range res.Resources {
				want[r.File] = true
				got, err := os.ReadFile(filepath.Join(golden, r.File))
				if err != nil {
					t.Errorf("%s: missing from the golden (run go test ./render -run Examples -update)", r.File)
					continue
				}
				if !bytes.Equal(got, r.YAML) {
					t.Errorf("%s differs from the golden:\n--- golden\n%s\n--- rendered\n%s", r.File, got, r.YAML)
				}
			}
			entries, _ := os.ReadDir(golden)
			for _, e := range entries {
				if e.Name() != ManifestFile && !want[e.Name()] {
					t.Errorf("%s: in the golden but no longer rendered", e.Name())
				}
			}
		})
	}
}

// childEnv marks the test binary re-executed to render one package.
const childEnv = "AKUA_RENDER_TEST_CHILD"

// TestRenderChild renders the package named by $AKUA_RENDER_TEST_CHILD
// and prints the stream and hash; it is a no-op in a normal run.
func TestRenderChild(t *testing.T) {
	dir := os.Getenv(childEnv)
	if dir == "" {
		t.Skip("only runs re-executed by TestExamplesDeterministic")
	}
	res, err := Render(context.Background(), Options{Package: dir})
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.Write(Stream(res.Resources))
	os.Stdout.WriteString("hash " + res.Hash + "\n")
}

func TestExamplesDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not re-executing the test binary")
	}
	envs := [][]string{
		{"GOMAXPROCS=1", "TZ=UTC", "LANG=C", "LC_ALL=C"},
		{"GOMAXPROCS=8", "TZ=Asia/Tokyo", "LANG=ja_JP.UTF-8", "LC_ALL=ja_JP.UTF-8"},
	}
	for _, dir := range examples(t) {
		abs, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var outs []string
			for _, env := range envs {
				cmd := exec.Command(os.Args[0], "-test.run=^TestRenderChild$", "-test.v")
				cmd.Dir = t.TempDir() // another working directory each time
				cmd.Env = append(filterEnv(os.Environ()), append(env, childEnv+"="+abs)...)
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("%v: %v\n%s", env, err, out)
				}
				outs = append(outs, stripTestNoise(string(out)))
			}
			if outs[0] != outs[1] {
				t.Errorf("renders differ between %v and %v", envs[0], envs[1])
			}
			if !strings.Contains(outs[0], "hash sha256:") {
				t.Errorf("child printed no render:\n%s", outs[0])
			}
		})
	}
}

// filterEnv drops the variables the test sets itself.
func filterEnv(env []string) []string {
	var out []string
	for _, e := range env {
		k, _, _ := strings.Cut(e, "=")
		switch k {
		case "GOMAXPROCS", "TZ", "LANG", "LC_ALL", childEnv:
			continue
		}
		out = append(out, e)
	}
	return out
}

// stripTestNoise drops go test's own lines (=== RUN, --- PASS, timings).
func stripTestNoise(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") || t == "PASS" || strings.HasPrefix(t, "ok ") {
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}
