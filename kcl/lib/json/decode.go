package json

// This file holds the JSON reader: a document becomes KCL values with
// objects as dicts in key order (a repeated key keeps its first place
// and its last value), integers as ints (floats beyond 64 bits) and
// other numbers as floats, as upstream's serde_json reader.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"akua.dev/akua/kcl/eval"
)

// maxDepth bounds the nesting of arrays and objects.
const maxDepth = 1000

// Decode parses s, which must hold exactly one JSON value.
func Decode(s string) (eval.Value, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err != nil {
		return nil, jsonError(s, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("trailing characters")
		}
		return nil, jsonError(s, dec, err)
	}
	return v, nil
}

// jsonError adds the line and column where reading stopped.
func jsonError(s string, dec *json.Decoder, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = errors.New("unexpected end of input")
	}
	off := int(dec.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	if off > len(s) {
		off = len(s)
	}
	line := 1 + strings.Count(s[:off], "\n")
	col := off - strings.LastIndex(s[:off], "\n")
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return fmt.Errorf("%s at line %d column %d", msg, line, col)
}

func decodeValue(dec *json.Decoder, depth int) (eval.Value, error) {
	if depth > maxDepth {
		return nil, errors.New("recursion limit exceeded")
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '[':
			var elems []eval.Value
			for dec.More() {
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				elems = append(elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return eval.NewList(elems), nil
		case '{':
			d := eval.NewDict(0)
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, ok := kt.(string)
				if !ok {
					return nil, errors.New("key must be a string")
				}
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				d.Set(k, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return d, nil
		}
		return nil, fmt.Errorf("unexpected %q", rune(t))
	case string:
		return eval.Str(t), nil
	case bool:
		return eval.Bool(t), nil
	case nil:
		return eval.None, nil
	case json.Number:
		return number(string(t))
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// number converts a JSON number: an int when it is an integer that fits
// 64 bits, else a float.
func number(s string) (eval.Value, error) {
	if !strings.ContainsAny(s, ".eE") {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return eval.Int(n), nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return nil, fmt.Errorf("invalid number %s", s)
	}
	return eval.Float(f), nil
}
