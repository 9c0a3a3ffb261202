package kustomize

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"

	"akua.dev/akua/internal/tooltest"
)

// BenchmarkBuildOverlay is Build of the kustomize-hello prod overlay:
// reading the package into memory, the checks and krusty (SPEC §14: no
// slower than `kustomize build` of the same overlay, BenchmarkCLIOverlay).
func BenchmarkBuildOverlay(b *testing.B) {
	root := examplesDir(b)
	opts := Options{Root: root, Path: filepath.Join(root, "overlays", "prod")}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(ctx, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCLIOverlay runs the real `kustomize build` on the same
// overlay, process start-up included, as a user would.
func BenchmarkCLIOverlay(b *testing.B) {
	bin := tooltest.Build(b, kustomizeCLI, "AKUA_KUSTOMIZE")
	dir := filepath.Join(examplesDir(b), "overlays", "prod")
	for b.Loop() {
		if out, err := exec.Command(bin, "build", dir).CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
	}
}
