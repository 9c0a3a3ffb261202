package export

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"akua.dev/akua/kcl/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// testPackages are the packages of testdata exported by the tests.
var testPackages = []string{"allshapes", "features"}

func exportDoc(t testing.TB, pkg string, f Format) []byte {
	t.Helper()
	res, err := Export(context.Background(), Options{Package: pkg, Format: f})
	if err != nil {
		t.Fatalf("export %s (%s): %v", pkg, f, err)
	}
	return res.Document
}

func TestGolden(t *testing.T) {
	for _, name := range testPackages {
		for _, f := range []Format{JSONSchema, OpenAPI} {
			got := exportDoc(t, filepath.Join("testdata", name), f)
			ext := ".schema.json"
			if f == OpenAPI {
				ext = ".openapi.json"
			}
			golden := filepath.Join("testdata", "golden", name+ext)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./export -run TestGolden -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from %s; run go test ./export -run TestGolden -update and review the diff", name+ext, golden)
			}
		}
	}
}

// TestValidDocuments validates every exported document: the test
// packages and every example.
func TestValidDocuments(t *testing.T) {
	pkgs := examplePackages(t)
	for _, name := range testPackages {
		pkgs = append(pkgs, filepath.Join("testdata", name))
	}
	n, defaults := 0, 0
	for _, pkg := range pkgs {
		doc := exportDoc(t, pkg, JSONSchema)
		checkJSONSchema(t, filepath.Base(pkg), doc)
		checkOpenAPI(t, filepath.Base(pkg), exportDoc(t, pkg, OpenAPI))
		n += 2
		defaults += checkDefaults(t, filepath.Base(pkg), doc)
	}
	t.Logf("%d documents valid (%d packages), %d defaults valid", n, len(pkgs), defaults)
}

// checkDefaults validates every property's default against the
// property's own schema: a form prefilled with defaults is valid.
func checkDefaults(t *testing.T, name string, doc []byte) int {
	var root map[string]any
	if err := json.Unmarshal(doc, &root); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	url := "mem:///" + name + ".defaults.json"
	if err := c.AddResource(url, decodeJSON(t, doc)); err != nil {
		t.Fatal(err)
	}
	n := 0
	check := func(base string, s map[string]any) {
		props, _ := s["properties"].(map[string]any)
		for _, p := range sortedKeys(props) {
			d, ok := props[p].(map[string]any)["default"]
			if !ok {
				continue
			}
			sch, err := c.Compile(url + base + "/properties/" + pointerEscape(p))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(decodeJSON(t, mustJSON(t, d))); err != nil {
				t.Errorf("%s: default of %s%s does not validate: %v", name, base, p, err)
			}
			n++
		}
	}
	check("#", root)
	defs, _ := root["$defs"].(map[string]any)
	for _, k := range sortedKeys(defs) {
		check("#/$defs/"+pointerEscape(k), defs[k].(map[string]any))
	}
	return n
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// examplePackages lists the example packages present when the test runs.
func examplePackages(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("..", "examples", "*", "package.k"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		out = append(out, filepath.Dir(f))
	}
	return out
}

// TestDeterministic exports twice, the second time from another working
// directory, and compares bytes.
func TestDeterministic(t *testing.T) {
	for _, name := range testPackages {
		for _, f := range []Format{JSONSchema, OpenAPI} {
			abs, _ := filepath.Abs(filepath.Join("testdata", name))
			a := exportDoc(t, abs, f)
			wd, _ := os.Getwd()
			if err := os.Chdir(t.TempDir()); err != nil {
				t.Fatal(err)
			}
			b := exportDoc(t, abs, f)
			if err := os.Chdir(wd); err != nil {
				t.Fatal(err)
			}
			if string(a) != string(b) {
				t.Errorf("%s (%s): two exports differ", name, f)
			}
			if !strings.HasSuffix(string(a), "}\n") || !strings.HasPrefix(string(a), "{\n  \"") {
				t.Errorf("%s (%s): not two-space indented with a trailing newline", name, f)
			}
		}
	}
}

// TestAllShapes checks the seed's example against the acceptance.
func TestAllShapes(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(exportDoc(t, "testdata/allshapes", JSONSchema), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != SchemaDialect || doc["title"] != "allshapes" || doc["description"] != "Public inputs for this package." {
		t.Errorf("header: %v %v %v", doc["$schema"], doc["title"], doc["description"])
	}
	if got := doc["required"]; !reflect.DeepEqual(got, []any{"appName", "routing"}) {
		t.Errorf("required = %v, want [appName routing]", got)
	}
	props := doc["properties"].(map[string]any)
	prop := func(name string) map[string]any { return props[name].(map[string]any) }
	if got := prop("tier")["enum"]; !reflect.DeepEqual(got, []any{"startup", "production", nil}) {
		t.Errorf("tier enum = %v", got)
	}
	if got := prop("additional_hosts")["maxItems"]; got != 9.0 {
		t.Errorf("additional_hosts maxItems = %v, want 9", got)
	}
	if got := prop("replicas")["minimum"]; got != 1.0 {
		t.Errorf("replicas minimum = %v, want 1", got)
	}
	if got := prop("replicas")["default"]; got != 3.0 {
		t.Errorf("replicas default = %v, want 3", got)
	}
	if got := prop("routing")["$ref"]; got != "#/$defs/RoutingInput" {
		t.Errorf("routing $ref = %v", got)
	}
	if got := prop("labels")["additionalProperties"]; got == nil {
		t.Errorf("labels has no additionalProperties")
	}
	for _, name := range []string{"appName", "routing", "replicas", "tier"} {
		if prop(name)["x-ui"] == nil {
			t.Errorf("%s has no x-ui", name)
		}
	}
	if prop("labels")["x-ui"] != nil {
		t.Errorf("labels has x-ui but no @ui")
	}
	ui := prop("replicas")["x-ui"].(map[string]any)
	if ui["widget"] != "slider" || ui["min"] != 1.0 || ui["max"] != 20.0 {
		t.Errorf("replicas x-ui = %v", ui)
	}
	if doc["additionalProperties"] != false {
		t.Errorf("Input is not closed")
	}
	if _, ok := doc["x-kcl-check"]; ok {
		t.Errorf("allshapes checks should all translate: %v", doc["x-kcl-check"])
	}
	defs := doc["$defs"].(map[string]any)
	routing := defs["RoutingInput"].(map[string]any)
	if !reflect.DeepEqual(routing["required"], []any{"hostname"}) {
		t.Errorf("RoutingInput required = %v", routing["required"])
	}
	var api map[string]any
	if err := json.Unmarshal(exportDoc(t, "testdata/allshapes", OpenAPI), &api); err != nil {
		t.Fatal(err)
	}
	info := api["info"].(map[string]any)
	if info["title"] != "allshapes" || info["version"] != "0.1.0" {
		t.Errorf("info = %v", info)
	}
	schemas := api["components"].(map[string]any)["schemas"].(map[string]any)
	for _, name := range []string{"Input", "RoutingInput", "HostInput"} {
		if schemas[name] == nil {
			t.Errorf("components.schemas has no %s", name)
		}
	}
}

// TestErrors: bad packages fail with positioned diagnostics.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		code      string
		line, col int
		msg       string
	}{
		{"no input", "schema Inputs:\n    a: int\n", "E_EXPORT_NO_INPUT", 1, 1, "no schema Input"},
		{"syntax", "schema Input:\n    a: int =\n", "E1001", 2, 13, ""},
		{"ui not literal", "_g = \"x\"\nschema Input:\n    @ui(order=1, group=_g)\n    a: int\n", "E_EXPORT_UI", 3, 24, "not a literal: _g"},
		{"ui interpolated", "_g = \"x\"\nschema Input:\n    @ui(label=\"${_g}\")\n    a: int\n", "E_EXPORT_UI", 3, 15, "not a literal"},
		{"ui positional", "schema Input:\n    @ui(10)\n    a: int\n", "E_EXPORT_UI", 2, 9, "keyword arguments only"},
		{"unknown type", "schema Input:\n    a: Nope\n", "E_EXPORT_TYPE", 2, 8, "unknown type Nope"},
		{"bad parent", "schema Input(Missing):\n    a: int\n", "E_EXPORT", 1, 14, "cannot resolve schema Missing"},
		{"bad default", "schema Input:\n    a: int = 1 / 2\n", "E2G22", 2, 14, "expected int, got float"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "package.k")
			if err := os.WriteFile(file, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Export(context.Background(), Options{Package: dir})
			list := diag.From(err)
			if len(list) == 0 {
				t.Fatalf("no error")
			}
			d := list[0]
			if d.Code.ID != tt.code || d.Pos.Line != tt.line || d.Pos.Col != tt.col || !strings.Contains(d.Message, tt.msg) {
				t.Errorf("got %s %s:%d:%d %q, want %s at %d:%d containing %q", d.Code.ID, d.Pos.File, d.Pos.Line, d.Pos.Col, d.Message,
					tt.code, tt.line, tt.col, tt.msg)
			}
			if real, _ := filepath.EvalSymlinks(file); d.Pos.File != file && d.Pos.File != real {
				t.Errorf("error in %s, want %s", d.Pos.File, file)
			}
		})
	}
}
