package policy

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadManifests(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("002-b.yml", "kind: B\n")
	write("001-a.yaml", "---\nkind: A\nn: 1\nf: 1.5\nb: true\nz: null\nd: 2024-01-02\ns: '1'\n---\n---\nkind: C\n")
	write("notes.txt", "not yaml: [")
	ms, err := ReadManifests(dir)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, m := range ms {
		kinds = append(kinds, m.Object["kind"].(string))
	}
	if len(ms) != 3 || kinds[0] != "A" || kinds[1] != "C" || kinds[2] != "B" {
		t.Fatalf("kinds = %v", kinds)
	}
	a := ms[0].Object
	if a["n"] != int64(1) || a["f"] != 1.5 || a["b"] != true || a["z"] != nil || a["d"] != "2024-01-02" || a["s"] != "1" {
		t.Errorf("scalars = %#v", a)
	}
	if ms[0].Line != 2 || ms[1].Line != 11 {
		t.Errorf("lines = %d, %d", ms[0].Line, ms[1].Line)
	}
}

func TestDecodeManifestsErrors(t *testing.T) {
	for _, tc := range []struct{ src, pos, msg string }{
		{"- a\n- b\n", "f.yaml:1:1", "must be a mapping"},
		{"a: 1\na: 2\n", "f.yaml:2:1", "duplicate key"},
		{"a: [\n", "f.yaml:1", "did not find"},
	} {
		_, err := DecodeManifests("f.yaml", []byte(tc.src))
		checkDiag(t, err, CodeManifest, tc.pos, tc.msg)
	}
}
