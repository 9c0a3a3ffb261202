package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestLoadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.yaml", "app: x\nrouting:\n  hostname: a.example.com\n  tls: true\nlist: [1, 2]\n")
	b := write("b.json", `{"routing": {"tls": false}, "list": [3], "extra": null}`)
	m, files, err := LoadInputs(dir, []string{a, b}, []string{"routing.port=8080", "app=y", `labels.app\.kubernetes\.io/name=web`, "empty=", "flow=[a, b]"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Errorf("files = %v", files)
	}
	got, _ := json.Marshal(m)
	want := `{"app":"y","routing":{"hostname":"a.example.com","tls":false,"port":8080},"list":[3],"extra":null,"labels":{"app.kubernetes.io/name":"web"},"empty":"","flow":["a","b"]}`
	if string(got) != want {
		t.Errorf("merged =\n%s\nwant\n%s", got, want)
	}
}

func TestLoadInputsDiscovery(t *testing.T) {
	dir := t.TempDir()
	m, files, err := LoadInputs(dir, nil, nil)
	if err != nil || m.Len() != 0 || len(files) != 0 {
		t.Fatalf("no inputs: %v %v %v", m, files, err)
	}
	os.WriteFile(filepath.Join(dir, "inputs.example.yaml"), []byte("a: example\n"), 0o644)
	m, _, _ = LoadInputs(dir, nil, nil)
	if v, _ := m.Get("a"); v != "example" {
		t.Errorf("example inputs not used: %v", v)
	}
	os.WriteFile(filepath.Join(dir, "inputs.yaml"), []byte("a: real\n"), 0o644)
	m, _, _ = LoadInputs(dir, nil, nil)
	if v, _ := m.Get("a"); v != "real" {
		t.Errorf("inputs.yaml not preferred: %v", v)
	}
}

func TestLoadInputsErrors(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"list.yaml":  "- a\n- b\n",
		"multi.yaml": "a: 1\n---\nb: 2\n",
		"bad.yaml":   "a: [1\n",
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(src), 0o644)
		if _, _, err := LoadInputs(dir, []string{p}, nil); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if _, _, err := LoadInputs(dir, nil, []string{"a=1", "a.b=2"}); err == nil {
		t.Error("--set through a scalar accepted")
	}
}

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"Demo_App": "demo-app", "a/b\\c": "a-b-c", "": "unnamed", "..": "unnamed",
		"ok.name-1": "ok.name-1", "__x__": "x", "Über": "ber",
	} {
		if got := sanitize(in, "unnamed"); got != want {
			t.Errorf("sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
