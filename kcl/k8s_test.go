package kcl

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// k8sModule returns the real KCL k8s module from ../shared/testdata, or
// skips the test when it is absent.
func k8sModule(tb testing.TB) string {
	tb.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "testdata", "kcl-modules", "k8s"))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "kcl.mod")); err != nil {
		tb.Skipf("the k8s KCL module is not at %s: skipping", dir)
	}
	return dir
}

// genDeployments writes a program that imports k8s.api.apps.v1 and
// core.v1 and builds n Deployments from their schemas.
func genDeployments(n int) string {
	return fmt.Sprintf(`import k8s.api.apps.v1 as apps
import k8s.api.core.v1 as core

deployments = [apps.Deployment {
    metadata.name = "app-${i}"
    metadata.labels = {app = "app-${i}"}
    spec = {
        replicas = 1 + i %% 3
        selector.matchLabels = {app = "app-${i}"}
        template = {
            metadata.labels = {app = "app-${i}"}
            spec.containers = [core.Container {
                name = "app"
                image = "registry.example.com/app-${i}:1.0.0"
                ports = [{containerPort = 8080, name = "http"}]
                resources.requests = {cpu = "100m", memory = "128Mi"}
            }]
        }
    }
} for i in range(%d)]
`, n)
}

func writeProgram(tb testing.TB, src string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "main.k")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestK8sModule(t *testing.T) {
	k8s := k8sModule(t)
	path := writeProgram(t, genDeployments(5))
	res, err := Run(context.Background(), []string{path}, RunOptions{Externals: map[string]string{"k8s": k8s}})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.YAML)
	if n := strings.Count(out, "kind: Deployment"); n != 5 {
		t.Errorf("%d Deployments, want 5", n)
	}
	// apiVersion and kind come from the schema's defaults.
	if !strings.Contains(out, "- apiVersion: apps/v1\n  kind: Deployment\n") {
		t.Errorf("schema defaults missing:\n%s", out[:min(len(out), 600)])
	}
	// A wrong type deep in the module's schemas is a positioned error
	// with the data path.
	bad := writeProgram(t, "import k8s.api.apps.v1 as apps\nd = apps.Deployment {spec.replicas = \"two\"}\n")
	_, err = Run(context.Background(), []string{bad}, RunOptions{Externals: map[string]string{"k8s": k8s}})
	if err == nil || !strings.Contains(err.Error(), "expected int, got str") {
		t.Fatalf("err = %v", err)
	}
}

// BenchmarkK8s100 parses, checks and evaluates a program importing the
// real k8s module's apps/v1 and core/v1 and building 100 Deployments.
func BenchmarkK8s100(b *testing.B) {
	k8s := k8sModule(b)
	path := writeProgram(b, genDeployments(100))
	opt := RunOptions{Externals: map[string]string{"k8s": k8s}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), []string{path}, opt); err != nil {
			b.Fatal(err)
		}
	}
}
