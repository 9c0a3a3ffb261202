package pathguard

import (
	"os"
	"path/filepath"
	"testing"

	"akua.dev/akua/kcl/diag"
)

func setup(t *testing.T) (root, outside string) {
	t.Helper()
	base, err := Root(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root, outside = filepath.Join(base, "pkg"), filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(root, "charts", "app"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(root, "charts", "app", "Chart.yaml"), []byte("name: app\n"), 0o644)
	os.WriteFile(filepath.Join(outside, "secret"), []byte("s3cr3t"), 0o644)
	os.Symlink(outside, filepath.Join(root, "out"))
	os.Symlink(filepath.Join(root, "charts"), filepath.Join(root, "in"))
	return root, outside
}

func TestResolve(t *testing.T) {
	root, outside := setup(t)
	for p, want := range map[string]string{
		"charts/app": "", "./charts/../charts/app": "", "in/app": "",
		"/etc": Escape.ID, outside: Escape.ID, "../outside": Escape.ID, "out/secret": Escape.ID,
		"charts/../../outside": Escape.ID, "nope": NotFound.ID, "": NotFound.ID,
	} {
		got, err := Resolve(root, root, p)
		code := ""
		if d, ok := err.(*diag.Diagnostic); ok {
			code = d.Code.ID
		} else if err != nil {
			code = err.Error()
		}
		if code != want {
			t.Errorf("Resolve(%q) = %q, %v; want code %q", p, got, err, want)
		}
		if err == nil && !Within(root, got) {
			t.Errorf("Resolve(%q) = %q, outside the root", p, got)
		}
	}
}

func TestReadTree(t *testing.T) {
	root, _ := setup(t)
	if _, err := ReadTree(root, root, Limits{}); err == nil {
		t.Error("a tree holding an escaping symlink was read")
	}
	files, err := ReadTree(root, filepath.Join(root, "charts"), Limits{})
	if err != nil || len(files) != 1 || files[0].Name != "app/Chart.yaml" {
		t.Errorf("ReadTree = %+v, %v", files, err)
	}
	if _, err := ReadTree(root, filepath.Join(root, "charts"), Limits{MaxBytes: 3}); err == nil {
		t.Error("size cap not enforced")
	}
	if err := os.Symlink(filepath.Join(root, "charts"), filepath.Join(root, "charts", "loop")); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadTree(root, filepath.Join(root, "charts"), Limits{}); err == nil {
		t.Error("a symlink loop was followed forever")
	}
}
