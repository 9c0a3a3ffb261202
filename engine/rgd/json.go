package rgd

// This file decodes JSON into ordered values (schema defaults and
// json.unmarshal) and encodes values as kro does (json.marshal).

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"akua.dev/akua/kcl/eval"
)

// maxJSONDepth bounds nesting so hostile input cannot exhaust the stack.
const maxJSONDepth = 1000

// decodeJSON parses one JSON document keeping object key order. With
// ints, integral numbers written without fraction or exponent become
// int64, as Kubernetes decodes defaults; otherwise every number is a
// float64, as encoding/json gives kro's json.unmarshal.
func decodeJSON(s string, ints bool) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	v, err := decodeJSONValue(dec, ints, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("unexpected data after the JSON value")
	}
	return v, nil
}

func decodeJSONValue(dec *json.Decoder, ints bool, depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("JSON nested too deeply")
	}
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("unexpected end of JSON input")
		}
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := eval.NewOrderedMap(4)
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeJSONValue(dec, ints, depth+1)
				if err != nil {
					return nil, err
				}
				m.Set(k, v)
			}
			_, err := dec.Token() // '}'
			return m, err
		case '[':
			out := []any{}
			for dec.More() {
				v, err := decodeJSONValue(dec, ints, depth+1)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			_, err := dec.Token() // ']'
			return out, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case json.Number:
		if ints && !strings.ContainsAny(t.String(), ".eE") {
			if i, err := strconv.ParseInt(t.String(), 10, 64); err == nil {
				return i, nil
			}
		}
		return t.Float64()
	}
	return tok, nil // string, bool or nil
}

// marshalJSON encodes a value as encoding/json encodes kro's
// unstructured maps: compact, object keys sorted.
func marshalJSON(x any) (string, error) {
	b, err := json.Marshal(sortedForJSON(x))
	return string(b), err
}

// sortedForJSON turns ordered maps into plain maps, which
// encoding/json writes with sorted keys.
func sortedForJSON(x any) any {
	switch x := x.(type) {
	case *eval.OrderedMap:
		m := make(map[string]any, x.Len())
		for _, k := range x.Keys {
			m[k] = sortedForJSON(x.Values[k])
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = sortedForJSON(e)
		}
		return out
	}
	return x
}
