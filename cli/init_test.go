package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/lock"
	"akua.dev/akua/scaffold"
)

// Every template makes a package that renders at once and whose
// akua.toml the dependency commands accept.
func TestInitTemplatesRender(t *testing.T) {
	for _, tmpl := range scaffold.Templates {
		t.Run(tmpl, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "my-"+tmpl)
			if code, _, stderr := akua(t, "init", dir, "--template", tmpl); code != 0 {
				t.Fatalf("init: exit %d: %s", code, stderr)
			}
			if _, err := lock.LoadManifest(dir); err != nil {
				t.Errorf("akua.toml: %v", err)
			}
			code, stdout, stderr := akua(t, "render", "--package", dir, "--inputs", filepath.Join(dir, "inputs.example.yaml"), "--stdout")
			if code != 0 {
				t.Fatalf("render: exit %d: %s", code, stderr)
			}
			if tmpl != "empty" && !strings.Contains(stdout, "kind: Deployment") {
				t.Errorf("render printed no Deployment:\n%s", stdout)
			}
		})
	}
}

func TestInitRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "package.k"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := akua(t, "init", dir)
	if code != ExitUser || !strings.Contains(stderr, "E_INIT_EXISTS") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "package.k")); string(b) != "mine" {
		t.Error("package.k overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "akua.toml")); err == nil {
		t.Error("init wrote other files before refusing")
	}
}

func TestInitBadNameAndTemplate(t *testing.T) {
	if code, _, stderr := akua(t, "init", t.TempDir(), "--name", "Bad Name"); code != ExitUser || !strings.Contains(stderr, "E_INIT_NAME") {
		t.Errorf("bad name: exit %d: %s", code, stderr)
	}
	if code, _, stderr := akua(t, "init", t.TempDir(), "--template", "nope"); code != ExitUser || !strings.Contains(stderr, "E_INIT_TEMPLATE") {
		t.Errorf("bad template: exit %d: %s", code, stderr)
	}
}
