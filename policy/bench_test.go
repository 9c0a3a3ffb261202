package policy

import (
	"context"
	"fmt"
	"testing"
)

// benchResources returns n resources, a third of them Deployments (with
// containers and CPU requests), the rest Services and ConfigMaps.
func benchResources(n int) []any {
	out := make([]any, 0, n)
	for i := range n {
		name := fmt.Sprintf("app-%d", i)
		meta := map[string]any{"name": name, "namespace": "shop", "labels": map[string]any{"team": "web", "app": name}}
		switch i % 3 {
		case 0:
			out = append(out, map[string]any{
				"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
				"spec": map[string]any{"replicas": 2, "template": map[string]any{"spec": map[string]any{
					"containers": []any{map[string]any{
						"name": "app", "image": "ghcr.io/acme/app:1.0.0",
						"resources": map[string]any{"requests": map[string]any{"cpu": "10m"}},
					}},
				}}},
			})
		case 1:
			out = append(out, map[string]any{"apiVersion": "v1", "kind": "Service", "metadata": meta,
				"spec": map[string]any{"ports": []any{map[string]any{"port": 80}}}})
		default:
			out = append(out, map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta,
				"data": map[string]any{"key": "value"}})
		}
	}
	return out
}

// BenchmarkEval1000 evaluates the example policies (per-resource and
// cross-resource rules) over 1000 resources.
func BenchmarkEval1000(b *testing.B) {
	e := load(b, examplePolicies)
	in := Input{Resources: benchResources(1000), Package: Package{Name: "bench", Version: "1.0.0"},
		Inputs: map[string]any{"cpuBudget": 100}}
	ctx := context.Background()
	res, err := e.Eval(ctx, in)
	if err != nil {
		b.Fatal(err)
	}
	if res.Denied() || res.Resources != 1000 {
		b.Fatalf("unexpected result: %d denies", len(res.Denies))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad compiles the example policies.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		load(b, examplePolicies)
	}
}
