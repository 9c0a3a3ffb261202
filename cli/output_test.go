package cli

import (
	"os"
	"path/filepath"
	"testing"
)

func TestYAMLToJSON(t *testing.T) {
	tests := []struct{ yaml, json string }{
		{"", "null\n"},
		{"b: 1\na: x\n", "{\n  \"b\": 1,\n  \"a\": \"x\"\n}\n"},
		{"l:\n- 1.5\n- true\n- null\n- '1'\n", "{\n  \"l\": [\n    1.5,\n    true,\n    null,\n    \"1\"\n  ]\n}\n"},
		{"a: 1\n---\nb: 2\n", "[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": 2\n  }\n]\n"},
		{"s: <&>\n", "{\n  \"s\": \"<&>\"\n}\n"},
		{"a: &x [1]\nb: *x\n", "{\n  \"a\": [\n    1\n  ],\n  \"b\": [\n    1\n  ]\n}\n"},
		{"1: one\n", "{\n  \"1\": \"one\"\n}\n"},
	}
	for _, tt := range tests {
		got, err := yamlToJSON([]byte(tt.yaml))
		if err != nil {
			t.Errorf("yamlToJSON(%q): %v", tt.yaml, err)
			continue
		}
		if string(got) != tt.json {
			t.Errorf("yamlToJSON(%q) =\n%s\nwant\n%s", tt.yaml, got, tt.json)
		}
	}
	for _, bad := range []string{"a: .inf\n", "a: [\n", "? [1]\n: x\n"} {
		if got, err := yamlToJSON([]byte(bad)); err == nil {
			t.Errorf("yamlToJSON(%q) = %s, want an error", bad, got)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.yaml")
	for _, content := range []string{"a: 1\n", "b: 2\n"} {
		if err := writeFileAtomic(name, []byte(content)); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(name)
		if err != nil || string(data) != content {
			t.Errorf("after writing %q: %q, %v", content, data, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in %s: %v", dir, entries)
	}
	if err := writeFileAtomic(filepath.Join(dir, "missing", "out.yaml"), nil); err == nil {
		t.Error("writing into a missing directory: no error")
	}
}
