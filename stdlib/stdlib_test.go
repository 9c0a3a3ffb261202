package stdlib

import (
	"io/fs"
	"strings"
	"testing"

	"akua.dev/akua/kcl/syntax"
)

// Every module parses, and every host function a module calls is one a
// host is told to provide (and the other way round).
func TestModulesParseAndCallKnownHostFuncs(t *testing.T) {
	called := map[string]bool{}
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(FS(), p)
		if err != nil {
			return err
		}
		if _, err := syntax.ParseFile(p, src); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			if i := strings.Index(line, "host."); i >= 0 {
				name := line[i+len("host."):]
				if j := strings.IndexByte(name, '('); j > 0 {
					called[name[:j]] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range HostFuncs {
		if !called[f] {
			t.Errorf("host function %s is declared but no module calls it", f)
		}
		delete(called, f)
	}
	for f := range called {
		t.Errorf("a module calls host.%s, which is not in HostFuncs", f)
	}
}
