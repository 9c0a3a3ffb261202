package kustomize

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/internal/tooltest"
)

// kustomizeCLI is the release whose go.mod requires the kustomize api
// and kyaml versions akua links (v0.21.2) and builds with Go 1.26; see
// Version.
const kustomizeCLI = "sigs.k8s.io/kustomize/kustomize/v5@" + Version

// TestEquivalence builds every kustomization of the kustomize-hello
// example and of testdata/equiv with Build and with the real `kustomize
// build`, and requires the same documents in the same order, byte for
// byte, or an error from both.
func TestEquivalence(t *testing.T) {
	bin := tooltest.Build(t, kustomizeCLI, "AKUA_KUSTOMIZE")
	roots := []string{filepath.Join("..", "..", "examples", "kustomize-hello")}
	trees, _ := filepath.Glob(filepath.Join("testdata", "equiv", "*"))
	roots = append(roots, trees...)
	n := 0
	for _, r := range roots {
		root, err := pathguard.Root(r)
		if err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		for _, dir := range kustomizationDirs(t, root) {
			rel, _ := filepath.Rel(filepath.Dir(root), dir)
			t.Run(filepath.ToSlash(rel), func(t *testing.T) {
				compareWithCLI(t, bin, root, dir)
			})
			n++
		}
	}
	if n < 10 {
		t.Fatalf("only %d kustomizations compared", n)
	}
}

func compareWithCLI(t *testing.T, bin, root, dir string) {
	cmd := exec.Command(bin, "build", dir)
	// A clean environment: nothing of the user's reaches the CLI either.
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cliErr := cmd.Run()

	docs, err := Build(t.Context(), Options{Root: root, Path: dir})
	switch {
	case cliErr != nil && err != nil:
		t.Logf("both fail:\n  kustomize: %s\n  akua:      %v", strings.TrimSpace(stderr.String()), err)
		return
	case cliErr != nil:
		t.Fatalf("kustomize build fails but Build succeeds: %s", stderr.String())
	case err != nil:
		t.Fatalf("Build fails but kustomize build succeeds: %v", err)
	}
	want := splitDocs(stdout.Bytes())
	if len(docs) != len(want) {
		t.Errorf("%d documents, kustomize build prints %d:\n%v\nvs\n%v", len(docs), len(want), kinds(docs), kinds(want))
	}
	for i := range min(len(docs), len(want)) {
		if !bytes.Equal(docs[i], want[i]) {
			t.Errorf("document %d differs:\n--- Build\n%s\n--- kustomize build\n%s", i, docs[i], want[i])
		}
	}
	if got := join(docs); !bytes.Equal(got, stdout.Bytes()) {
		t.Errorf("joined output differs from kustomize build's (%d vs %d bytes)", len(got), stdout.Len())
	}
}

// splitDocs splits `kustomize build` output at its "---" lines.
func splitDocs(out []byte) [][]byte {
	if len(out) == 0 {
		return nil
	}
	var docs [][]byte
	for _, d := range bytes.Split(out, []byte("\n---\n")) {
		if !bytes.HasSuffix(d, []byte("\n")) {
			d = append(d, '\n')
		}
		docs = append(docs, d)
	}
	return docs
}

// kustomizationDirs lists the directories under root holding a
// kustomization file, in lexical order.
func kustomizationDirs(t *testing.T, root string) []string {
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch d.Name() {
		case "kustomization.yaml", "kustomization.yml", "Kustomization":
			dirs = append(dirs, filepath.Dir(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}
