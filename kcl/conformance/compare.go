package conformance

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// CompareYAML compares two YAML streams as documents and returns nil
// when they are equal, or an error describing the first difference.
//
// Documents are compared in order as node trees: map keys in order (key
// order is significant), sequences element by element, scalars by their
// resolved value, so quoting and layout do not matter ('a' equals "a" and
// a; 1.0 equals 1.00) but types do (1 is not 1.0, "1" is not 1). Plain
// scalars that YAML resolves as timestamps are compared as strings (KCL
// has no timestamp type). Comments are ignored, aliases are followed,
// and empty documents at the end of a stream (a trailing `---`) are
// dropped. A program with no output prints `{}` or nothing depending on
// the upstream version that recorded the golden, so a stream holding
// only an empty mapping equals an empty stream.
func CompareYAML(got, want []byte) error {
	g, err := decodeStream(got)
	if err != nil {
		return fmt.Errorf("output is not YAML: %v", err)
	}
	w, err := decodeStream(want)
	if err != nil {
		return fmt.Errorf("golden is not YAML: %v", err)
	}
	g, w = dropEmptyMapping(g), dropEmptyMapping(w)
	if len(g) != len(w) {
		return fmt.Errorf("got %d documents, want %d", len(g), len(w))
	}
	for i := range g {
		path := ""
		if len(g) > 1 {
			path = fmt.Sprintf("document %d: ", i+1)
		}
		if err := compareNode(path+"$", g[i], w[i]); err != nil {
			return err
		}
	}
	return nil
}

func decodeStream(data []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		n := new(yaml.Node)
		err := dec.Decode(n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, n)
	}
	for len(docs) > 0 && isEmptyDocument(docs[len(docs)-1]) {
		docs = docs[:len(docs)-1]
	}
	return docs, nil
}

// isEmptyDocument reports whether n is a document with no content (as
// after a trailing `---`), not an explicit null.
func isEmptyDocument(n *yaml.Node) bool {
	if n.Kind != yaml.DocumentNode {
		return false
	}
	if len(n.Content) == 0 {
		return true
	}
	c := n.Content[0]
	return c.Kind == yaml.ScalarNode && c.Value == "" && c.Style == 0 && c.ShortTag() == "!!null"
}

func compareNode(path string, got, want *yaml.Node) error {
	got, want = deref(got), deref(want)
	if got.Kind == yaml.DocumentNode && want.Kind == yaml.DocumentNode {
		if len(got.Content) == 0 || len(want.Content) == 0 {
			if len(got.Content) != len(want.Content) {
				return fmt.Errorf("%s: got %d nodes, want %d", path, len(got.Content), len(want.Content))
			}
			return nil
		}
		return compareNode(path, got.Content[0], want.Content[0])
	}
	if got.Kind != want.Kind {
		return fmt.Errorf("%s: got %s, want %s", path, describe(got), describe(want))
	}
	switch got.Kind {
	case yaml.MappingNode:
		gn, wn := len(got.Content)/2, len(want.Content)/2
		for i := 0; i < gn && i < wn; i++ {
			gk, wk := deref(got.Content[2*i]), deref(want.Content[2*i])
			if !scalarEqual(gk, wk) {
				return fmt.Errorf("%s: key %d is %s, want %s (got keys %s, want %s)",
					path, i+1, describe(gk), describe(wk), keys(got), keys(want))
			}
			if err := compareNode(path+"."+wk.Value, got.Content[2*i+1], want.Content[2*i+1]); err != nil {
				return err
			}
		}
		if gn != wn {
			return fmt.Errorf("%s: got %d keys, want %d (got keys %s, want %s)", path, gn, wn, keys(got), keys(want))
		}
	case yaml.SequenceNode:
		gn, wn := len(got.Content), len(want.Content)
		for i := 0; i < gn && i < wn; i++ {
			if err := compareNode(fmt.Sprintf("%s[%d]", path, i), got.Content[i], want.Content[i]); err != nil {
				return err
			}
		}
		if gn != wn {
			return fmt.Errorf("%s: got %d items, want %d", path, gn, wn)
		}
	case yaml.ScalarNode:
		if !scalarEqual(got, want) {
			return fmt.Errorf("%s: got %s, want %s", path, describe(got), describe(want))
		}
	}
	return nil
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// tag returns n's resolved tag, with timestamps read as strings.
func tag(n *yaml.Node) string {
	t := n.ShortTag()
	if t == "!!timestamp" {
		return "!!str"
	}
	return t
}

// scalarEqual reports whether two scalar nodes have the same type and
// resolved value.
func scalarEqual(a, b *yaml.Node) bool {
	if a.Kind != yaml.ScalarNode || b.Kind != yaml.ScalarNode {
		return false
	}
	ta, tb := tag(a), tag(b)
	if ta != tb {
		return false
	}
	switch ta {
	case "!!float":
		var x, y float64
		if a.Decode(&x) != nil || b.Decode(&y) != nil {
			return a.Value == b.Value
		}
		return x == y || (math.IsNaN(x) && math.IsNaN(y))
	case "!!int", "!!bool", "!!null":
		var x, y any
		if a.Decode(&x) != nil || b.Decode(&y) != nil {
			return a.Value == b.Value
		}
		return reflect.DeepEqual(x, y)
	}
	return a.Value == b.Value
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	case yaml.DocumentNode:
		return "a document"
	case yaml.ScalarNode:
		kind := strings.TrimPrefix(tag(n), "!!")
		v := n.Value
		if len(v) > 60 {
			v = v[:60] + "..."
		}
		return fmt.Sprintf("%s %q", kind, v)
	}
	return "an alias"
}

func keys(n *yaml.Node) string {
	var ks []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		ks = append(ks, deref(n.Content[i]).Value)
		if len(ks) == 8 && len(n.Content) > 18 {
			ks = append(ks, "...")
			break
		}
	}
	return "[" + strings.Join(ks, " ") + "]"
}

// dropEmptyMapping returns no documents for a stream that is one empty
// mapping.
func dropEmptyMapping(docs []*yaml.Node) []*yaml.Node {
	if len(docs) == 1 {
		n := deref(docs[0])
		if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
			n = deref(n.Content[0])
		}
		if n.Kind == yaml.MappingNode && len(n.Content) == 0 {
			return nil
		}
	}
	return docs
}
