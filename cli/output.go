package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"akua.dev/akua/internal/atomicfile"
	"gopkg.in/yaml.v3"
)

// writeFileAtomic writes data to name atomically; a new file is 0644.
func writeFileAtomic(name string, data []byte) error {
	return atomicfile.Write(name, data, 0o644)
}

// yamlToJSON converts a YAML stream to one indented JSON document: the
// value of a single document, an array for several, null for none. Map
// key order is kept.
func yamlToJSON(data []byte) ([]byte, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("converting the output to JSON: %w", err)
		}
		docs = append(docs, &n)
	}
	var b bytes.Buffer
	var err error
	switch len(docs) {
	case 0:
		b.WriteString("null")
	case 1:
		err = nodeJSON(&b, docs[0])
	default:
		b.WriteByte('[')
		for i, d := range docs {
			if i > 0 {
				b.WriteByte(',')
			}
			if err = nodeJSON(&b, d); err != nil {
				break
			}
		}
		b.WriteByte(']')
	}
	if err != nil {
		return nil, fmt.Errorf("converting the output to JSON: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// nodeJSON writes n as compact JSON.
func nodeJSON(b *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			b.WriteString("null")
			return nil
		}
		return nodeJSON(b, n.Content[0])
	case yaml.AliasNode:
		return nodeJSON(b, n.Alias)
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := nodeJSON(b, c); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k := n.Content[i]
			for k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: a map key that is not a scalar has no JSON form", k.Line)
			}
			writeJSONString(b, k.Value)
			b.WriteByte(':')
			if err := nodeJSON(b, n.Content[i+1]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case yaml.ScalarNode:
		return scalarJSON(b, n)
	}
	return fmt.Errorf("line %d: unexpected YAML node", n.Line)
}

func scalarJSON(b *bytes.Buffer, n *yaml.Node) error {
	switch n.ShortTag() {
	case "!!null":
		b.WriteString("null")
		return nil
	case "!!bool", "!!int":
		var v any
		if err := n.Decode(&v); err != nil {
			return err
		}
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(data)
		return nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return err
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return fmt.Errorf("line %d: %s has no JSON form", n.Line, n.Value)
		}
		data, err := json.Marshal(f)
		if err != nil {
			return err
		}
		b.Write(data)
		return nil
	}
	writeJSONString(b, n.Value)
	return nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline
}
