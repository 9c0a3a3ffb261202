package render

import (
	"context"
	"path/filepath"
	"testing"

	"akua.dev/akua/kcl/eval"
)

// benchRender renders pkg b.N times, as `akua render --dry-run` does.
func benchRender(b *testing.B, pkg string, inputs *eval.OrderedMap) {
	b.Helper()
	opts := Options{Package: pkg, InputValues: inputs}
	res, err := Render(context.Background(), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(res.Resources)), "resources")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Render(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender500 is SPEC §14's pure-KCL 500-resource package.
func BenchmarkRender500(b *testing.B) {
	benchRender(b, "../bench/render500", nil)
}

// BenchmarkRender500Write adds writing the 500 files.
func BenchmarkRender500Write(b *testing.B) {
	out := filepath.Join(b.TempDir(), "deploy")
	res, err := Render(context.Background(), Options{Package: "../bench/render500"})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Write(out, res.Resources); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender50000 shows cost growing linearly (SPEC §14).
func BenchmarkRender50000(b *testing.B) {
	in := eval.NewOrderedMap(1)
	in.Set("apps", int64(25000))
	benchRender(b, "../bench/render500", in)
}
