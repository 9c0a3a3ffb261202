package helm

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/internal/tooltest"
)

// Equivalence with the real `helm template` (SPEC §5, issue 5 point 9):
// the helm CLI of the version akua links is built from the module proxy
// (or taken from $AKUA_HELM), run on each chart, and its output compared
// document by document with Template's.

const helmModule = "helm.sh/helm/v3/cmd/helm@v3.22.0"

type equivCase struct {
	name        string
	root, chart string
	values      string // values file, "" for none
	release, ns string
	kubeVersion string
	apiVersions []string
	includeCRDs bool
	skipTests   bool
}

func TestEquivalence(t *testing.T) {
	helmBin := tooltest.Build(t, helmModule, "AKUA_HELM")
	var cases []equivCase
	add := func(c equivCase) { cases = append(cases, c) }

	helloRoot, hello := exampleChart(t, "helm-hello", "hello")
	webRoot, web := exampleChart(t, "webapp", "webapp")
	values := filepath.Join(repoDir(t), "engine", "helm", "testdata", "values")
	add(equivCase{name: "hello", root: helloRoot, chart: hello})
	add(equivCase{name: "hello-override", root: helloRoot, chart: hello, values: filepath.Join(values, "hello-override.yaml"),
		release: "greeter", ns: "apps"})
	add(equivCase{name: "webapp", root: webRoot, chart: web})
	add(equivCase{name: "webapp-skip-tests", root: webRoot, chart: web, skipTests: true})
	add(equivCase{name: "webapp-prod", root: webRoot, chart: web, values: filepath.Join(values, "webapp-prod.yaml"),
		release: "shop", ns: "prod", includeCRDs: true})
	add(equivCase{name: "webapp-kube-1.29", root: webRoot, chart: web, kubeVersion: "1.29.3",
		apiVersions: []string{"monitoring.coreos.com/v1", "gateway.networking.k8s.io/v1"}})

	// Test charts exercising subcharts, globals, import-values, CRDs,
	// hooks and kind ordering.
	tdRoot, err := pathguard.Root(filepath.Join(repoDir(t), "engine", "helm", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	parent := filepath.Join(tdRoot, "charts", "parent")
	add(equivCase{name: "parent", root: tdRoot, chart: parent, includeCRDs: true})
	add(equivCase{name: "parent-values", root: tdRoot, chart: parent, values: filepath.Join(values, "parent-values.yaml"),
		release: "rel", ns: "ns1", includeCRDs: true, skipTests: true})
	add(equivCase{name: "parent-no-crds", root: tdRoot, chart: parent})
	add(equivCase{name: "kinds", root: tdRoot, chart: filepath.Join(tdRoot, "charts", "kinds")})

	// The real-world chart, read from ../shared. Its test hooks name
	// pods with randAlphaNum, so helm's own output differs between runs:
	// compare with tests skipped (TestPodinfoTestsRefused covers the rest).
	if pod, err := findPodinfo(t); err == nil {
		add(equivCase{name: "podinfo", root: pod, chart: pod, values: filepath.Join(pod, "values.yaml"), skipTests: true})
		if _, err := os.Stat(filepath.Join(pod, "values-prod.yaml")); err == nil {
			add(equivCase{name: "podinfo-prod", root: pod, chart: pod, values: filepath.Join(pod, "values-prod.yaml"),
				release: "podinfo", ns: "prod", skipTests: true, includeCRDs: true})
		}
	} else {
		t.Logf("podinfo not compared: ../shared/testdata/charts/podinfo is not available: %v", err)
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := runHelm(t, helmBin, c)
			opts := Options{Root: c.root, Chart: c.chart, Release: c.release, Namespace: c.ns,
				KubeVersion: c.kubeVersion, APIVersions: c.apiVersions, IncludeCRDs: c.includeCRDs, SkipTests: c.skipTests}
			if c.values != "" {
				opts.Values = readValues(t, c.values)
			}
			got := normalizeStream(stream(render(t, opts)))
			compareDocs(t, got, want)
		})
	}
}

// runHelm runs `helm template` for c, with an empty home and TZ=UTC.
func runHelm(t *testing.T, bin string, c equivCase) []doc {
	t.Helper()
	release := c.release
	if release == "" {
		release = "release"
	}
	ns := c.ns
	if ns == "" {
		ns = "default"
	}
	kv := c.kubeVersion
	if kv == "" {
		kv = DefaultKubeVersion
	}
	args := []string{"template", release, c.chart, "-n", ns, "--kube-version", kv}
	if c.values != "" {
		args = append(args, "-f", c.values)
	}
	for _, a := range c.apiVersions {
		args = append(args, "--api-versions", a)
	}
	if c.includeCRDs {
		args = append(args, "--include-crds")
	}
	if c.skipTests {
		args = append(args, "--skip-tests")
	}
	home := t.TempDir()
	cmd := exec.CommandContext(context.Background(), bin, args...)
	cmd.Env = []string{"HOME=" + home, "TZ=UTC", "PATH=" + os.Getenv("PATH"),
		"HELM_CONFIG_HOME=" + filepath.Join(home, "config"), "HELM_CACHE_HOME=" + filepath.Join(home, "cache"),
		"HELM_DATA_HOME=" + filepath.Join(home, "data"), "KUBECONFIG=" + filepath.Join(home, "kubeconfig")}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("helm %s: %v\n%s", strings.Join(args, " "), err, tooltest.Tail(stderr.String(), 2000))
	}
	return normalizeStream(stdout.String())
}

// A doc is one document of a stream: its # Source and its YAML.
type doc struct{ source, yaml string }

// normalizeStream splits a `helm template` stream on its
// "---\n# Source: " separators, drops the Source line, and splits each
// chunk into documents (a crds/ file may hold several), trimmed as helm
// trims template documents.
func normalizeStream(s string) []doc {
	var out []doc
	for _, chunk := range strings.Split(s, "---\n# Source: ") {
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		source, body, _ := strings.Cut(chunk, "\n")
		for _, d := range splitDocuments(body) {
			out = append(out, doc{source, d + "\n"})
		}
	}
	return out
}

func compareDocs(t *testing.T, got, want []doc) {
	t.Helper()
	n := max(len(got), len(want))
	for i := 0; i < n; i++ {
		switch {
		case i >= len(got):
			t.Errorf("document %d missing from akua's output: %s\n%s", i, want[i].source, want[i].yaml)
		case i >= len(want):
			t.Errorf("document %d only in akua's output: %s\n%s", i, got[i].source, got[i].yaml)
		case got[i] != want[i]:
			t.Errorf("document %d differs:\nakua %s\n%s\nhelm %s\n%s", i, got[i].source, got[i].yaml, want[i].source, want[i].yaml)
		}
	}
	if !t.Failed() {
		t.Logf("%d documents identical", len(want))
	}
}

func (d doc) String() string { return fmt.Sprintf("%s: %q", d.source, d.yaml) }
