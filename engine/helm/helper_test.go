package helm

import (
	"akua.dev/akua/internal/testfs"
	"context"
	"errors"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
	sigsyaml "sigs.k8s.io/yaml"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl/diag"
)

// TestMain runs the tests as akua's CLI runs renders: in UTC, whatever
// the machine's zone (the date functions format in time.Local). helm's
// library logs notices (an unknown hook skipped, a value that is not a
// table) with the standard logger; the tests discard them.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	log.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// repoDir is the repository root (this file is engine/helm/...).
func repoDir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(filepath.Dir(file)))
}

// exampleChart returns the root and chart path of an example chart.
func exampleChart(t testing.TB, example, chart string) (root, dir string) {
	t.Helper()
	root, err := pathguard.Root(filepath.Join(repoDir(t), "examples", example))
	if err != nil {
		t.Fatal(err)
	}
	return root, filepath.Join(root, "charts", chart)
}

// findPodinfo returns the real-world chart beside the project, read
// from ../shared (never copied), or why it is not there.
func findPodinfo(t testing.TB) (string, error) {
	dir := filepath.Join(repoDir(t), "..", "shared", "testdata", "charts", "podinfo")
	if _, err := os.Stat(filepath.Join(dir, "Chart.yaml")); err != nil {
		return "", err
	}
	return pathguard.Root(dir)
}

// podinfoDir is findPodinfo, skipping the test when it is absent.
func podinfoDir(t testing.TB) string {
	t.Helper()
	dir, err := findPodinfo(t)
	if err != nil {
		t.Skip("../shared/testdata/charts/podinfo is not available: " + err.Error())
	}
	return dir
}

// writeChart writes files (slash paths → contents) under a new package
// root and returns the root and the chart directory (root/chart).
func writeChart(t testing.TB, files map[string]string) (root, dir string) {
	t.Helper()
	root, err := pathguard.Root(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(root, "chart")
	testfs.Write(t, dir, files)
	return root, dir
}

// readValues reads a values file as `helm template -f` reads it
// (sigs.k8s.io/yaml: YAML 1.1 scalars, `y` is true), then turns whole
// numbers into int64, as a KCL caller hands ints over, so that
// Template's own normalisation is what makes the output equal.
func readValues(t testing.TB, file string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := sigsyaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return intsOf(v).(map[string]any)
}

func intsOf(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = intsOf(e)
		}
	case []any:
		for i, e := range x {
			x[i] = intsOf(e)
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x)
		}
	}
	return v
}

func render(t testing.TB, opts Options) []Document {
	t.Helper()
	docs, err := Template(context.Background(), opts)
	if err != nil {
		t.Fatalf("Template: %v", err)
	}
	return docs
}

// renderErr renders and returns the diagnostic it must fail with.
func renderErr(t testing.TB, opts Options) *diag.Diagnostic {
	t.Helper()
	_, err := Template(context.Background(), opts)
	if err == nil {
		t.Fatal("Template succeeded, want an error")
	}
	var d *diag.Diagnostic
	if !errors.As(err, &d) {
		t.Fatalf("error %T %v, want a *diag.Diagnostic", err, err)
	}
	return d
}

// stream joins documents as `helm template` prints them.
func stream(docs []Document) string {
	var b strings.Builder
	for _, d := range docs {
		b.WriteString("---\n# Source: " + d.Source + "\n")
		b.Write(d.YAML)
	}
	return b.String()
}

// sources lists the Source of each document.
func sourcesOf(docs []Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Source
	}
	return out
}

// kinds lists "Kind/name" of each document.
func kinds(t testing.TB, docs []Document) []string {
	t.Helper()
	out := make([]string, len(docs))
	for i, d := range docs {
		var h struct {
			Kind     string
			Metadata struct{ Name string }
		}
		if err := yaml.Unmarshal(d.YAML, &h); err != nil {
			t.Fatalf("document %d (%s): %v", i, d.Source, err)
		}
		out[i] = h.Kind + "/" + h.Metadata.Name
	}
	return out
}
