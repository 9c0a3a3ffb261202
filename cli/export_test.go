package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const exportTestdata = "../export/testdata"

func readGolden(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(exportTestdata, "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestExportStdout(t *testing.T) {
	pkg := filepath.Join(exportTestdata, "allshapes")
	for _, tt := range []struct {
		args   []string
		golden string
	}{
		{[]string{"export", "--package", pkg}, "allshapes.schema.json"},
		{[]string{"export", "--package", filepath.Join(pkg, "package.k"), "--format", "json-schema"}, "allshapes.schema.json"},
		{[]string{"export", "--package", pkg, "--format", "openapi"}, "allshapes.openapi.json"},
		{[]string{"export", "--package", pkg, "--format", "openapi", "--json"}, "allshapes.openapi.json"},
	} {
		code, stdout, stderr := akua(t, tt.args...)
		if code != ExitOK || stderr != "" {
			t.Fatalf("akua %v: exit %d, stderr %s", tt.args, code, stderr)
		}
		if stdout != readGolden(t, tt.golden) {
			t.Errorf("akua %v: stdout differs from %s", tt.args, tt.golden)
		}
	}
}

func TestExportOut(t *testing.T) {
	pkg := filepath.Join(exportTestdata, "allshapes")
	out := filepath.Join(t.TempDir(), "schema.json")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := akua(t, "export", "--package", pkg, "--out", out, "--json")
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	var rep exportReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json output: %v\n%s", err, stdout)
	}
	want := readGolden(t, "allshapes.schema.json")
	if rep.Format != "json-schema" || rep.Out != out || rep.Bytes != len(want) ||
		!reflect.DeepEqual(rep.Schemas, []string{"Input", "HostInput", "RoutingInput"}) {
		t.Errorf("report = %+v", rep)
	}
	data, err := os.ReadFile(out)
	if err != nil || string(data) != want {
		t.Errorf("--out file differs from the golden (%v)", err)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v: the existing file's mode is kept", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}

	code, stdout, _ = akua(t, "export", "--package", pkg, "--out", out, "--format", "openapi")
	if code != ExitOK || !strings.Contains(stdout, "exported openapi (3 schemas) to "+out) {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
}

func TestExportErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		d := filepath.Join(dir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "package.k"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		pkg       string
		code      string
		line, col int
	}{
		{write("noinput", "schema Config:\n    a: int\nresources = []\n"), "E_EXPORT_NO_INPUT", 1, 1},
		{write("syntax", "schema Input:\n    a: int =\n    b: [str\n"), "E1001", 2, 13},
		{write("ui", "_g = 1\nschema Input:\n    @ui(order=_g + 1)\n    a: int\n"), "E_EXPORT_UI", 3, 15},
		{filepath.Join(dir, "missing"), "E_PACKAGE", 0, 0},
	}
	for _, tt := range tests {
		code, stdout, _ := akua(t, "export", "--package", tt.pkg, "--json")
		doc := decodeJSONError(t, stdout)
		if code != ExitUser || doc.Code != tt.code || doc.Line != tt.line || doc.Column != tt.col {
			t.Errorf("%s: exit %d, %s at %d:%d; want exit 1, %s at %d:%d", tt.pkg, code, doc.Code, doc.Line, doc.Column,
				tt.code, tt.line, tt.col)
		}
		if tt.line > 0 && !strings.HasSuffix(doc.File, "package.k") {
			t.Errorf("%s: error in %q", tt.pkg, doc.File)
		}
		code, _, stderr := akua(t, "export", "--package", tt.pkg)
		if code != ExitUser || !strings.Contains(stderr, "error["+tt.code+"]") {
			t.Errorf("%s: exit %d, stderr:\n%s", tt.pkg, code, stderr)
		}
	}
	if code, _, stderr := akua(t, "export", "--format", "yaml"); code != ExitUser || !strings.Contains(stderr, "json-schema or openapi") {
		t.Errorf("bad --format: exit %d, stderr %s", code, stderr)
	}
}
