package helm

import (
	"context"
	"path/filepath"
	"testing"
)

// Benchmarks of one Template call, chart loading included (SPEC §14:
// a package calling one chart must be no slower than `helm template`).

func BenchmarkTemplateHello(b *testing.B) {
	root, dir := exampleChart(b, "helm-hello", "hello")
	benchTemplate(b, Options{Root: root, Chart: dir})
}

func BenchmarkTemplatePodinfo(b *testing.B) {
	dir := podinfoDir(b)
	vals := readValues(b, filepath.Join(dir, "values.yaml"))
	benchTemplate(b, Options{Root: dir, Chart: dir, Values: vals, SkipTests: true, IncludeCRDs: true})
}

func BenchmarkTemplateWebappProd(b *testing.B) {
	root, dir := exampleChart(b, "webapp", "webapp")
	vals := readValues(b, filepath.Join(repoDir(b), "engine", "helm", "testdata", "values", "webapp-prod.yaml"))
	benchTemplate(b, Options{Root: root, Chart: dir, Values: vals})
}

func benchTemplate(b *testing.B, opts Options) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Template(ctx, opts); err != nil {
			b.Fatal(err)
		}
	}
}
