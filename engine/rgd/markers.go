package rgd

// This file parses the marker half of a SimpleSchema field string,
// `integer | default=3 minimum=1 description="How many"`, the way kro
// does: markers are `key=value` separated by spaces; a value may be a
// double-quoted string (with \" and \\ escapes) or hold brackets and
// braces (a JSON default) that may contain spaces.

import (
	"fmt"
	"strings"
	"unicode"
)

// A marker is one key=value pair of a field string.
type marker struct {
	key, value string
}

// knownMarkers are the markers kro accepts. printColumn and immutable
// only matter to a cluster; they are accepted and ignored.
var knownMarkers = []string{
	"required", "default", "description", "enum", "minimum", "maximum",
	"immutable", "pattern", "minLength", "maxLength", "uniqueItems",
	"minItems", "maxItems", "validation", "printColumn",
}

// parseMarkers splits s into markers.
func parseMarkers(s string) ([]marker, error) {
	var (
		out      []marker
		buf      strings.Builder
		key      string
		haveKey  bool
		inQuotes bool
		escaped  bool
		depth    int
	)
	flush := func() error {
		if !haveKey {
			if t := strings.TrimSpace(buf.String()); t != "" {
				return fmt.Errorf("marker %q has no value (want key=value)", t)
			}
			return nil
		}
		out = append(out, marker{key: key, value: markerValue(buf.String())})
		buf.Reset()
		haveKey = false
		return nil
	}
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
			buf.WriteRune(r)
		case inQuotes && r == '\\':
			escaped = true
			buf.WriteRune(r)
		case r == '"':
			inQuotes = !inQuotes
			buf.WriteRune(r)
		case inQuotes:
			buf.WriteRune(r)
		case r == '=' && !haveKey && depth == 0:
			key = strings.TrimSpace(buf.String())
			if key == "" {
				return nil, fmt.Errorf("marker with an empty key")
			}
			if !contains(knownMarkers, key) {
				return nil, hintError{fmt.Sprintf("unknown marker %q", key), didYouMean(key, knownMarkers)}
			}
			haveKey = true
			buf.Reset()
		case r == '[' || r == '{':
			depth++
			buf.WriteRune(r)
		case r == ']' || r == '}':
			depth--
			if depth < 0 {
				return nil, fmt.Errorf("unmatched %q in markers", r)
			}
			buf.WriteRune(r)
		case unicode.IsSpace(r) && depth == 0:
			if err := flush(); err != nil {
				return nil, err
			}
		default:
			buf.WriteRune(r)
		}
	}
	if inQuotes {
		return nil, fmt.Errorf("unclosed quote in markers")
	}
	if depth > 0 {
		return nil, fmt.Errorf("unclosed bracket in markers")
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// A hintError carries a suggestion for the diagnostic built from it.
type hintError struct{ msg, hint string }

func (e hintError) Error() string { return e.msg }

// markerValue strips surrounding quotes and undoes \" and \\; other
// escapes stay as written, so regex patterns keep their backslashes.
func markerValue(v string) string {
	v = strings.TrimSpace(v)
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return v
	}
	var b strings.Builder
	escaped := false
	for _, r := range v[1 : len(v)-1] {
		switch {
		case escaped:
			if r != '"' && r != '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
			escaped = false
		case r == '\\':
			escaped = true
		default:
			b.WriteRune(r)
		}
	}
	if escaped {
		b.WriteByte('\\')
	}
	return b.String()
}
