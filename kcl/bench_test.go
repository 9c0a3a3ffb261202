package kcl

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// genResources writes a KCL program that builds n Kubernetes-like
// resources (a Deployment and a Service per app) from a schema, a
// comprehension, string interpolation and config unions: the shape of
// a real akua package body.
func genResources(n int) string {
	var b strings.Builder
	b.WriteString(`schema App:
    name: str
    image: str
    replicas: int = 2
    port: int = 8080
    labels: {str:str} = {}

_apps = [App {
    name = "app-${i}"
    image = "registry.example.com/app-${i}:1.${i % 10}.0"
    replicas = 1 + i % 3
    labels = {tier = "web" if i % 2 == 0 else "worker"}
} for i in range(`)
	fmt.Fprintf(&b, "%d", n/2)
	b.WriteString(`)]

_deployments = [{
    apiVersion = "apps/v1"
    kind = "Deployment"
    metadata = {name = a.name, labels = a.labels | {app = a.name}}
    spec = {
        replicas = a.replicas
        selector.matchLabels = {app = a.name}
        template = {
            metadata.labels = {app = a.name}
            spec.containers = [{
                name = a.name
                image = a.image
                ports = [{containerPort = a.port}]
                resources = {requests = {cpu = "100m", memory = "128Mi"}}
            }]
        }
    }
} for a in _apps]

_services = [{
    apiVersion = "v1"
    kind = "Service"
    metadata.name = a.name
    spec = {
        selector.app = a.name
        ports = [{port = 80, targetPort = a.port}]
    }
} for a in _apps]

resources = _deployments + _services
`)
	return b.String()
}

// BenchmarkRun500 parses and evaluates a program emitting 500
// Kubernetes-like resources and prints them as YAML.
func BenchmarkRun500(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "main.k")
	if err := os.WriteFile(path, []byte(genResources(500)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := Run(context.Background(), []string{path}, RunOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.YAML) == 0 {
			b.Fatal("empty output")
		}
	}
}

func TestGeneratedProgram(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "main.k")
	if err := os.WriteFile(path, []byte(genResources(10)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), []string{path}, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.YAML)
	if got := strings.Count(out, "kind: Deployment"); got != 5 {
		t.Errorf("deployments = %d, want 5\n%s", got, out)
	}
	if got := strings.Count(out, "kind: Service"); got != 5 {
		t.Errorf("services = %d, want 5", got)
	}
	if !strings.Contains(out, "image: registry.example.com/app-3:1.3.0") {
		t.Errorf("missing interpolated image:\n%s", out)
	}
}
