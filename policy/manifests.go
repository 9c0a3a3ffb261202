// This file reads rendered manifests (YAML files) back into resources,
// for checking output that is already on disk (`akua policy check`).

package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/kcl/diag"
)

// A Manifest is one resource read from a rendered file.
type Manifest struct {
	File   string         // the file it was read from
	Line   int            // the line its document starts on
	Object map[string]any // the resource
}

// ReadManifests reads every `*.yaml` and `*.yml` file under dir, sorted
// by path (the order `akua render` writes them in), each a stream of
// documents; empty documents are skipped. Scalars keep their YAML 1.2
// meaning, with one exception for fidelity: timestamps stay the strings
// they were written as.
func ReadManifests(dir string) ([]Manifest, error) {
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(path); (ext == ".yaml" || ext == ".yml") && d.Type().IsRegular() {
			names = append(names, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading manifests: %w", err)
	}
	slices.Sort(names)
	var out []Manifest
	var errs diag.List
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms, err := DecodeManifests(name, data)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		out = append(out, ms...)
	}
	return out, errs.Err()
}

// DecodeManifests decodes a YAML stream named name into manifests.
func DecodeManifests(name string, data []byte) ([]Manifest, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []Manifest
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			line, msg := yamlError(err)
			return nil, &diag.Diagnostic{Code: CodeManifest, Pos: diag.Pos{File: name, Line: line}, Message: msg}
		}
		if len(doc.Content) == 0 || doc.Content[0].ShortTag() == "!!null" {
			continue
		}
		root := doc.Content[0]
		pos := diag.Pos{File: name, Line: root.Line, Col: root.Column}
		if root.Kind != yaml.MappingNode {
			return nil, &diag.Diagnostic{Code: CodeManifest, Pos: pos,
				Message: "a manifest document must be a mapping (a Kubernetes resource)"}
		}
		v, err := nodeValue(name, root, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, Manifest{File: name, Line: root.Line, Object: v.(map[string]any)})
	}
}

// maxDepth caps nesting, so a hostile file cannot exhaust the stack.
const maxDepth = 1000

// nodeValue converts a YAML node to the Go values ast.InterfaceToValue
// takes: map[string]any, []any, string, bool, nil, int64 or float64.
func nodeValue(file string, n *yaml.Node, depth int) (any, error) {
	pos := diag.Pos{File: file, Line: n.Line, Col: n.Column}
	if depth > maxDepth {
		return nil, &diag.Diagnostic{Code: CodeManifest, Pos: pos, Message: "documents nested too deeply"}
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nodeValue(file, n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := nodeValue(file, c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			for k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				return nil, &diag.Diagnostic{Code: CodeManifest, Pos: diag.Pos{File: file, Line: k.Line, Col: k.Column},
					Message: "a mapping key must be a scalar"}
			}
			if k.Value == "<<" && k.Tag == "!!merge" {
				return nil, &diag.Diagnostic{Code: CodeManifest, Pos: diag.Pos{File: file, Line: k.Line, Col: k.Column},
					Message: "merge keys (<<) are not supported in manifests"}
			}
			if _, dup := out[k.Value]; dup {
				return nil, &diag.Diagnostic{Code: CodeManifest, Pos: diag.Pos{File: file, Line: k.Line, Col: k.Column},
					Message: fmt.Sprintf("duplicate key %q", k.Value)}
			}
			v, err := nodeValue(file, n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = v
		}
		return out, nil
	case yaml.ScalarNode:
		return scalarValue(n), nil
	}
	return nil, &diag.Diagnostic{Code: CodeManifest, Pos: pos, Message: "unexpected YAML node"}
}

// scalarValue converts a scalar by its resolved tag.
func scalarValue(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return i
		}
		var u uint64
		if n.Decode(&u) == nil {
			return u
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	}
	return n.Value
}

// yamlError splits a yaml.v3 error ("yaml: line 3: did not find ...")
// into its line (0 when it has none) and message.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	s, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg
	}
	if i := strings.IndexByte(s, ':'); i > 0 {
		if n, err := strconv.Atoi(s[:i]); err == nil {
			return n, strings.TrimSpace(s[i+1:])
		}
	}
	return 0, msg
}
