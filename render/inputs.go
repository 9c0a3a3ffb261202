package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// Input error codes.
var (
	InputFileError = diag.Code{ID: "E_INPUTS", Title: "InputsError"}
	SetError       = diag.Code{ID: "E_SET", Title: "SetError"}
)

// LoadInputs builds a package's inputs (SPEC §4 step 2): each file in
// order (YAML or JSON), deep-merged, then each `--set path=value`; with
// no files, inputs.yaml and then inputs.example.yaml beside the package
// are tried; else the inputs are empty. It also returns the files used.
func LoadInputs(pkgDir string, files, sets []string) (*eval.OrderedMap, []string, error) {
	if len(files) == 0 {
		for _, name := range []string{"inputs.yaml", "inputs.example.yaml"} {
			p := filepath.Join(pkgDir, name)
			if _, err := os.Stat(p); err == nil {
				files = []string{p}
				break
			}
		}
	}
	merged := eval.NewOrderedMap(0)
	for _, f := range files {
		m, err := readInputFile(f)
		if err != nil {
			return nil, nil, err
		}
		deepMerge(merged, m)
	}
	for _, s := range sets {
		if err := applySet(merged, s); err != nil {
			return nil, nil, err
		}
	}
	return merged, files, nil
}

// readInputFile reads one inputs file: a single YAML (or JSON) mapping.
func readInputFile(name string) (*eval.OrderedMap, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, &diag.Diagnostic{Code: InputFileError, Message: "cannot read inputs: " + strings.TrimPrefix(err.Error(), "open "),
			Suggestion: "pass an existing YAML or JSON file with --inputs"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return eval.NewOrderedMap(0), nil // an empty file is no inputs
		}
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &diag.Diagnostic{Code: InputFileError, Pos: diag.Pos{File: name, Line: extra.Line, Col: extra.Column},
			Message: "inputs file holds more than one YAML document", Suggestion: "keep one mapping per file; pass several files with repeated --inputs"}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return eval.NewOrderedMap(0), nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &diag.Diagnostic{Code: InputFileError, Pos: diag.Pos{File: name, Line: root.Line, Col: root.Column},
			Message: "inputs must be a mapping of input names to values", Suggestion: "write `appName: demo`-style keys at the top level"}
	}
	v, err := eval.FromGo(root)
	if err != nil {
		return nil, &diag.Diagnostic{Code: InputFileError, Pos: diag.Pos{File: name}, Message: err.Error()}
	}
	m, _ := eval.ToGo(v).(*eval.OrderedMap)
	return m, nil
}

func yamlError(name string, err error) error {
	d := &diag.Diagnostic{Code: InputFileError, Pos: diag.Pos{File: name},
		Message: strings.TrimPrefix(err.Error(), "yaml: "), Suggestion: "fix the YAML (or JSON) syntax"}
	// yaml.v3 reports "line N: ..." without a column.
	var line int
	if _, e := fmt.Sscanf(d.Message, "line %d:", &line); e == nil {
		d.Pos.Line = line
		d.Message = strings.TrimSpace(d.Message[strings.Index(d.Message, ":")+1:])
	}
	return d
}

// deepMerge merges src into dst: mappings recursively, anything else
// replaced, so later files override earlier ones key by key.
func deepMerge(dst, src *eval.OrderedMap) {
	for _, k := range src.Keys {
		sv, _ := src.Get(k)
		if sm, ok := sv.(*eval.OrderedMap); ok {
			if dv, ok := dst.Get(k); ok {
				if dm, ok := dv.(*eval.OrderedMap); ok {
					deepMerge(dm, sm)
					continue
				}
			}
		}
		dst.Set(k, sv)
	}
}

// applySet applies one `--set a.b.c=value`: the dotted path (a `\.`
// keeps a dot inside a key) is created as mappings where missing; the
// value is parsed as a YAML scalar (true, 3, 1.5, null, "quoted") or a
// flow list/mapping ([a, b], {k: v}).
func applySet(m *eval.OrderedMap, s string) error {
	key, raw, ok := strings.Cut(s, "=")
	if !ok || key == "" {
		return &diag.Diagnostic{Code: SetError, Message: fmt.Sprintf("--set %q is not path=value", s),
			Suggestion: "write --set replicas=3 or --set routing.hostname=app.example.com"}
	}
	path := splitPath(key)
	for _, p := range path {
		if p == "" {
			return &diag.Diagnostic{Code: SetError, Message: fmt.Sprintf("--set %q has an empty path segment", s),
				Suggestion: "segments are separated by single dots: a.b.c=value"}
		}
	}
	var node yaml.Node
	var val any
	if err := yaml.Unmarshal([]byte(raw), &node); err != nil {
		val = raw // not YAML: the text as it is
	} else if len(node.Content) == 0 {
		val = "" // `--set a=` is the empty string, not null
	} else {
		v, err := eval.FromGo(node.Content[0])
		if err != nil {
			return &diag.Diagnostic{Code: SetError, Message: fmt.Sprintf("--set %s: %v", key, err)}
		}
		val = eval.ToGo(v)
	}
	cur := m
	for i, p := range path[:len(path)-1] {
		next, ok := cur.Get(p)
		nm, isMap := next.(*eval.OrderedMap)
		if !ok || next == nil {
			nm = eval.NewOrderedMap(0)
			cur.Set(p, nm)
		} else if !isMap {
			return &diag.Diagnostic{Code: SetError,
				Message:    fmt.Sprintf("--set %s: %s is not a mapping", key, strings.Join(path[:i+1], ".")),
				Suggestion: "set the whole value instead, or fix the path"}
		}
		cur = nm
	}
	cur.Set(path[len(path)-1], val)
	return nil
}

// splitPath splits a dotted path; `\.` is a literal dot.
func splitPath(key string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		switch {
		case key[i] == '\\' && i+1 < len(key) && key[i+1] == '.':
			b.WriteByte('.')
			i++
		case key[i] == '.':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(key[i])
		}
	}
	return append(out, b.String())
}
