// This file holds the strict reader both files share: decode the TOML
// text, then walk the generic value with typed getters that report
// unknown keys and wrong types at the key's line and column.

package lock

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"akua.dev/akua/kcl/diag"
)

// codeSet names the codes one file kind reports.
type codeSet struct {
	parse, key, typ, value, missing diag.Code
}

var (
	manifestCodes = codeSet{ManifestParse, ManifestKey, ManifestType, ManifestValue, ManifestMissing}
	lockCodes     = codeSet{LockParse, LockKey, LockType, LockValue, LockMissing}
)

// A reader walks one decoded document.
type reader struct {
	errs  errorList
	lay   *layout
	codes codeSet
}

// decode parses src as TOML. A syntax error is returned as one positioned
// diagnostic; otherwise the reader is ready to walk the returned table.
func decode(file string, src []byte, codes codeSet) (map[string]any, *reader, error) {
	r := &reader{errs: errorList{file: file}, codes: codes}
	var doc map[string]any
	if _, err := toml.Decode(string(src), &doc); err != nil {
		var pe toml.ParseError
		pos := diag.Pos{File: file}
		msg := err.Error()
		if errors.As(err, &pe) {
			// Position.Line counts a newline the lexer has already
			// consumed; the byte offset is exact.
			pos.Line, pos.Col = pe.Position.Line, pe.Position.Col
			if pe.Position.Start > 0 && pe.Position.Start <= len(src) {
				pos.Line, pos.Col = scanLines(src).lineCol(pe.Position.Start)
			}
			msg = pe.Message
		}
		r.errs.add(codes.parse, pos, "", "invalid TOML: %s", msg)
		return nil, nil, r.errs.err()
	}
	r.lay = scanLayout(src)
	return doc, r, nil
}

func (r *reader) pos(path []string) diag.Pos {
	line, col := r.lay.pos(path...)
	return diag.Pos{File: r.errs.file, Line: line, Col: col}
}

func (r *reader) valuePos(path []string) diag.Pos {
	line, col := r.lay.valuePos(path...)
	return diag.Pos{File: r.errs.file, Line: line, Col: col}
}

func join(path []string, key string) []string {
	return append(append([]string{}, path...), key)
}

// known reports every key of m not in keys, in sorted order.
func (r *reader) known(m map[string]any, path []string, keys ...string) {
	var bad []string
	for k := range m {
		if !contains(keys, k) {
			bad = append(bad, k)
		}
	}
	sort.Strings(bad)
	for _, k := range bad {
		r.errs.add(r.codes.key, r.pos(join(path, k)), didYouMean(k, keys),
			"unknown key %q in %s", k, where(path))
	}
}

// where names a table path for messages: [package], [dependencies.x],
// or [[package]] #2 for the second entry of an array of tables.
func where(path []string) string {
	if len(path) == 0 {
		return "the top-level table"
	}
	if len(path) >= 2 && strings.HasPrefix(path[1], "#") {
		n, _ := strconv.Atoi(path[1][1:])
		s := fmt.Sprintf("[[%s]] #%d", path[0], n+1)
		if len(path) > 2 {
			s += " " + dotted(path[2:])
		}
		return s
	}
	return "[" + dotted(path) + "]"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// typeName names a decoded TOML value's type for messages.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case int64:
		return "integer"
	case float64:
		return "float"
	case bool:
		return "boolean"
	case time.Time:
		return "datetime"
	case []map[string]any:
		return "array of tables"
	case []any:
		return "array"
	case map[string]any:
		return "table"
	}
	return fmt.Sprintf("%T", v)
}

func (r *reader) wrongType(path []string, v any, want string) {
	r.errs.add(r.codes.typ, r.valuePos(path), "", "%s must be a %s, got %s", dotted(path), want, typeName(v))
}

// dotted names a key path for messages: package.name,
// dependencies.x.oci; array elements show as [n].
func dotted(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if strings.HasPrefix(p, "#") {
			b.WriteString("[" + p[1:] + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// table returns m[key] as a table; ok is false when absent or mistyped.
func (r *reader) table(m map[string]any, path []string, key string) (map[string]any, bool) {
	v, ok := m[key]
	if !ok {
		return nil, false
	}
	t, ok := v.(map[string]any)
	if !ok {
		r.wrongType(join(path, key), v, "table")
	}
	return t, ok
}

// str returns m[key] as a string. A required key that is absent is
// reported with the suggestion help.
func (r *reader) str(m map[string]any, path []string, key string, required bool, help string) (string, bool) {
	v, ok := m[key]
	if !ok {
		if required && !r.misspelt(m, key) {
			r.errs.add(r.codes.missing, r.pos(path), help, "%s is missing the required key %q", where(path), key)
		}
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		r.wrongType(join(path, key), v, "string")
		return "", false
	}
	if required && s == "" {
		r.invalid(join(path, key), help, "%s must not be empty", dotted(join(path, key)))
		return "", false
	}
	return s, true
}

// misspelt reports whether m has a key within two edits of key: then
// the unknown-key error (with its "did you mean") says it all, and a
// second "missing key" error would only distract.
func (r *reader) misspelt(m map[string]any, key string) bool {
	for k := range m {
		if k != key && editDistance(strings.ToLower(k), key) <= 2 {
			return true
		}
	}
	return false
}

func (r *reader) boolean(m map[string]any, path []string, key string) bool {
	v, ok := m[key]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		r.wrongType(join(path, key), v, "boolean")
	}
	return b
}

// strings returns m[key] as a list of strings.
func (r *reader) strings(m map[string]any, path []string, key string) []string {
	v, ok := m[key]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		r.wrongType(join(path, key), v, "array of strings")
		return nil
	}
	out := make([]string, 0, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			r.wrongType(join(join(path, key), fmt.Sprintf("#%d", i)), x, "string")
			continue
		}
		out = append(out, s)
	}
	return out
}

// invalid reports a value that has the right type but is not acceptable.
func (r *reader) invalid(path []string, help, format string, args ...any) {
	r.errs.add(r.codes.value, r.valuePos(path), help, format, args...)
}
