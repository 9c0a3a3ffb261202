package cli

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/registry/oci/ocitest"
)

// A registry on 127.0.0.1 that wants basic auth: login with the right
// password stores it, the wrong one is refused and stores nothing,
// list shows it and logout removes it.
func TestAuthLoginLogout(t *testing.T) {
	reg := ocitest.New(t)
	reg.Hook(func(w http.ResponseWriter, r *http.Request) bool {
		if u, p, ok := r.BasicAuth(); ok && u == "acme" && p == "s3cret" {
			return false
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
		w.WriteHeader(http.StatusUnauthorized)
		return true
	})
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	cfg := filepath.Join(os.Getenv("DOCKER_CONFIG"), "config.json")

	code, _, stderr := akuaStdin(t, "wrong\n", "auth", "login", reg.Host, "-u", "acme", "--password-stdin")
	if code != ExitUser {
		t.Fatalf("wrong password: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(cfg); err == nil {
		b, _ := os.ReadFile(cfg)
		if strings.Contains(string(b), reg.Host) {
			t.Fatalf("a refused login was stored: %s", b)
		}
	}
	if code, _, stderr := akuaStdin(t, "s3cret\n", "auth", "login", reg.Host, "-u", "acme", "--password-stdin"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, stderr)
	}
	if code, stdout, _ := akua(t, "auth", "list"); code != 0 || !strings.Contains(stdout, reg.Host) {
		t.Errorf("list: exit %d: %s", code, stdout)
	}
	if code, _, stderr := akua(t, "auth", "logout", reg.Host); code != 0 {
		t.Fatalf("logout: exit %d: %s", code, stderr)
	}
	if _, stdout, _ := akua(t, "auth", "list", "--json"); strings.Contains(stdout, reg.Host) {
		t.Errorf("still listed after logout: %s", stdout)
	}
}

// akuaStdin is akua with stdin.
func akuaStdin(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}
