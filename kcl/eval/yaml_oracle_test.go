package eval

import (
	"encoding/json"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// oracleScript emits YAML with libyaml's C emitter (PyYAML's CDumper):
// the emitter serde_yaml uses upstream, fed with the scalar styles that
// serdeStringStyle computes. It reads a JSON list of node trees and
// writes a JSON list of documents.
const oracleScript = `
import json, sys, yaml
from yaml.events import *
STY = {"any": None, "plain": None, "single": "'", "double": '"', "literal": "|"}
def events(n, out):
    if n["k"] == "map":
        out.append(MappingStartEvent(None, None, True, flow_style=None))
        for kn, vn in n["items"]:
            events(kn, out); events(vn, out)
        out.append(MappingEndEvent())
    elif n["k"] == "seq":
        out.append(SequenceStartEvent(None, None, True, flow_style=None))
        for it in n["items"]:
            events(it, out)
        out.append(SequenceEndEvent())
    else:
        out.append(ScalarEvent(None, None, (True, True), n["v"], style=STY[n["s"]]))
res = []
for d in json.load(sys.stdin):
    ev = [StreamStartEvent(), DocumentStartEvent(explicit=False)]
    events(d, ev)
    ev += [DocumentEndEvent(explicit=False), StreamEndEvent()]
    res.append(yaml.emit(ev, Dumper=yaml.CDumper, width=-1, allow_unicode=True, indent=2))
json.dump(res, sys.stdout)
`

// oracleNode converts a planned value to the oracle's node tree.
func oracleNode(t *testing.T, v Value) map[string]any {
	switch v := v.(type) {
	case *Dict:
		items := [][]any{}
		for _, k := range v.Keys() {
			x, _ := v.Get(k)
			items = append(items, []any{oracleNode(t, Str(k)), oracleNode(t, x)})
		}
		return map[string]any{"k": "map", "items": items}
	case *List:
		items := []any{}
		for _, e := range v.Elems {
			items = append(items, oracleNode(t, e))
		}
		return map[string]any{"k": "seq", "items": items}
	case Str:
		style := [...]string{"any", "plain", "single", "double", "literal"}[serdeStringStyle(string(v))]
		return map[string]any{"k": "scalar", "v": string(v), "s": style}
	case Int, Float, Bool, NoneType:
		b, _ := EncodeYAML(v, PlanOptions{})
		return map[string]any{"k": "scalar", "v": strings.TrimSuffix(string(b), "\n"), "s": "plain"}
	}
	t.Fatalf("oracleNode(%T)", v)
	return nil
}

func oracleStrings() []string {
	ss := []string{"a", "", " ", "a ", "- a", "---", "...", ":", "a: b", "? a", "#", "a #b", ",a", "a]", "'a'", "a\"b",
		"a\tb", "a\rb", "\x00", "\u0085", "\u00a0", "é", "😀", "\ufeff", "\u2028", "a\u2028 b", "\n", "\n\n", "a\n",
		"a\nb\n\n", "\na", " a\nb", "a \nb", "a\n b", "a\n\nb", "a\nb ", "a\r\nb", "x\n\n\n", "true", "0123", "1e5",
		".inf", "0x1F", "123456789012345678901234567890", strings.Repeat("k", 128), strings.Repeat("k", 129)}
	alpha := []rune{'a', ' ', '\n', ':', '-', '#', '\'', '"', '\t', '?', ',', '[', '{', '.', '0', '1', 'e', '+', '\u2028', '|', '>', '\r', 'é', '😀', '~', '!', '%', '@', '&', '*', '\\'}
	seed := uint32(12345)
	for i := 0; i < 400; i++ {
		seed = seed*1103515245 + 12345
		n := int(seed>>16) % 7
		var b []rune
		for j := 0; j < n; j++ {
			seed = seed*1103515245 + 12345
			b = append(b, alpha[(seed>>16)%uint32(len(alpha))])
		}
		ss = append(ss, string(b))
	}
	return ss
}

// TestEncodeYAMLOracle compares the emitter with libyaml on many
// strings as keys, values, list items, in nested blocks and at the top.
func TestEncodeYAMLOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	var docs []Value
	for _, s := range oracleStrings() {
		docs = append(docs,
			dict(s, Str(s), "k", list(Str(s), list(Str(s)), dict("x", Str(s)))),
			Str(s), list(Str(s)))
	}
	docs = append(docs, dict("a", list(), "b", dict(), "c", dict("x", list(Int(1), list(Int(2)), dict(), list()), "y", list(dict("p", Int(1), "q", list(Float(1.5)))))),
		list(), dict(), Int(1), None, list(list(list(True))))
	var nodes []any
	for _, d := range docs {
		nodes = append(nodes, oracleNode(t, Plan(d, PlanOptions{})))
	}
	in, err := json.Marshal(nodes)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", "-c", oracleScript)
	cmd.Stdin = strings.NewReader(string(in))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := stderr.String()
		if errors.Is(err, exec.ErrNotFound) || strings.Contains(msg, "No module named 'yaml'") || strings.Contains(msg, "CDumper") {
			t.Skipf("libyaml oracle not available (python3 with PyYAML's libyaml bindings): %v", err)
		}
		t.Fatalf("oracle: %v\n%s", err, msg)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil || len(want) != len(docs) {
		t.Fatalf("oracle output: %v (%d documents)", err, len(want))
	}
	bad := 0
	for i, d := range docs {
		got, _ := EncodeYAML(d, PlanOptions{})
		if string(got) != want[i] {
			if bad++; bad <= 20 {
				t.Errorf("EncodeYAML(%s):\n got %q\nwant %q", Repr(d), got, want[i])
			}
		}
	}
}
