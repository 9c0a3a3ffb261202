package kustomize

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/kcl/diag"
)

// userAt is the `user@` kustomize takes for the start of an scp-style
// git address (git@github.com:org/repo).
var userAt = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*@`)

// remoteRef says why s would make krusty reach the network, or "" for a
// plain path. It covers what kustomize's loader fetches (http(s) files,
// and the git forms of its repo-spec parser: a scheme, `git::`, `user@`,
// `github.com/`) and more: any scheme, and git query parameters.
func remoteRef(s string) string {
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(t, "git::"):
		return "a git URL"
	case strings.HasPrefix(t, "http://"), strings.HasPrefix(t, "https://"):
		return "a URL"
	case strings.Contains(t, "://"):
		return "a remote URL (" + t[:strings.Index(t, "://")] + ")"
	case strings.HasPrefix(t, "github.com/"), strings.HasPrefix(t, "github.com:"):
		return "a GitHub repository"
	case userAt.MatchString(t):
		return "a git address"
	}
	for _, q := range []string{"?ref=", "?version=", "?submodules=", "?timeout=", "&ref="} {
		if strings.Contains(t, q) {
			return "a git reference (" + strings.Trim(q, "?&=") + ")"
		}
	}
	return ""
}

// lineOf returns the line of the first scalar equal to value under a key
// matching field (case-insensitively, as kustomize matches keys), else of
// the first such scalar anywhere in data, else of one containing value
// (a generator's "key=path"); 0 when there is none.
func lineOf(data []byte, field, value string) int {
	doc := parseYAML(data)
	if value == "" || doc == nil {
		return 0
	}
	for _, contains := range []bool{false, true} {
		m := match{value: value, contains: contains}
		if l := m.under(doc, field, 0); l > 0 {
			return l
		}
		if l := m.scalar(doc, 0); l > 0 {
			return l
		}
	}
	return 0
}

type match struct {
	value    string
	contains bool
}

func (m match) under(n *yaml.Node, field string, depth int) int {
	if n == nil || depth > 64 {
		return 0
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if strings.EqualFold(n.Content[i].Value, field) {
				if l := m.scalar(n.Content[i+1], 0); l > 0 {
					return l
				}
			}
		}
	}
	for _, c := range n.Content {
		if l := m.under(c, field, depth+1); l > 0 {
			return l
		}
	}
	return 0
}

func (m match) scalar(n *yaml.Node, depth int) int {
	if n == nil || depth > 64 {
		return 0
	}
	if n.Kind == yaml.ScalarNode {
		v := strings.TrimSpace(n.Value)
		if v == strings.TrimSpace(m.value) || (m.contains && strings.Contains(v, m.value)) {
			return n.Line
		}
	}
	for _, c := range n.Content {
		if l := m.scalar(c, depth+1); l > 0 {
			return l
		}
	}
	return 0
}

// unknownField and badField name the key kustomize's decoder refused.
var (
	unknownField = regexp.MustCompile(`unknown field "([^"]+)"`)
	badField     = regexp.MustCompile(`struct field [\w.]*?(\w+) of type`)
)

// krusty reports an entry it tried as a file and then as a directory
// with both errors; only the one for what the entry is tells the story.
var (
	notDir  = regexp.MustCompile(`accumulation err='(.*)': must build at directory: '[^']*': file is not directory`)
	notFile = regexp.MustCompile(`accumulation err='(accumulating resources from '[^']*'): '[^']*' must resolve to a file': ` +
		`recursed accumulation of path '[^']*': `)
)

// yamlLine is the "line N" of a YAML decoding error.
var yamlLine = regexp.MustCompile(`line (\d+)`)

// buildErr turns a krusty error for the build of dir into a diagnostic:
// package-relative paths instead of in-memory absolute ones, and the
// position of the innermost kustomization entry the message quotes.
func (c *checker) buildErr(dir string, err error) error {
	if d, ok := err.(*diag.Diagnostic); ok {
		return d
	}
	msg := c.clean(err.Error())
	pos := diag.Pos{File: c.find(dir).path}
	if pos.File == dir {
		pos.File = ""
	}
	if p, ok := c.entryPos(err.Error()); ok {
		pos = p
	}
	return &diag.Diagnostic{Code: BuildError, Pos: pos, Message: "kustomize: " + msg,
		Suggestion: "fix the kustomization; `kustomize build` reports the same error for this tree"}
}

// entryPos finds the kustomization entry krusty failed on: krusty quotes
// the entries it was processing, outermost first, so the quoted entry
// that appears last in msg is the innermost.
func (c *checker) entryPos(msg string) (diag.Pos, bool) {
	best, at := diag.Pos{}, -1
	for _, kf := range c.kust {
		eachScalar(parseYAML(kf.data), 0, func(n *yaml.Node) {
			v := n.Value
			if v == "" || strings.Contains(v, "\n") {
				return
			}
			for _, q := range []string{"'" + v + "'", `"` + v + `"`} {
				if i := strings.LastIndex(msg, q); i > at {
					best, at = diag.Pos{File: kf.path, Line: n.Line}, i
				}
			}
		})
	}
	return best, at >= 0
}

func eachScalar(n *yaml.Node, depth int, f func(*yaml.Node)) {
	if n == nil || depth > 64 {
		return
	}
	if n.Kind == yaml.ScalarNode {
		f(n)
	}
	for _, c := range n.Content {
		eachScalar(c, depth+1, f)
	}
}

// keyLine is the line of the first mapping key named key.
func keyLine(n *yaml.Node, key string, depth int) int {
	if n == nil || depth > 64 {
		return 0
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i].Line
			}
		}
	}
	for _, c := range n.Content {
		if l := keyLine(c, key, depth+1); l > 0 {
			return l
		}
	}
	return 0
}

// parseYAML parses data into a node tree, nil when it is not YAML.
func parseYAML(data []byte) *yaml.Node {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return nil
	}
	return &doc
}

// fileErr reports a kustomization kustomize cannot decode.
func (c *checker) fileErr(kf *kfile, err error) error {
	msg := c.clean(err.Error())
	pos := diag.Pos{File: kf.path}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
	} else if m := unknownField.FindStringSubmatch(msg); m != nil {
		pos.Line = keyLine(parseYAML(kf.data), m[1], 0)
	} else if m := badField.FindStringSubmatch(msg); m != nil {
		pos.Line = keyLine(parseYAML(kf.data), m[1], 0)
	}
	return &diag.Diagnostic{Code: BuildError, Pos: pos,
		Message:    c.rel(kf.path) + ": " + msg,
		Suggestion: "check the field names and indentation against the kustomization reference (kubectl.docs.kubernetes.io)"}
}

// clean makes a krusty message read like the rest of akua's: paths
// relative to the package, lowercase start, no trailing period.
func (c *checker) clean(msg string) string {
	msg = strings.ReplaceAll(msg, c.root+string(filepath.Separator), "")
	msg = strings.ReplaceAll(msg, c.root, ".")
	msg = notDir.ReplaceAllString(msg, "$1")
	msg = notFile.ReplaceAllString(msg, "$1: ")
	msg = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(msg), "."))
	if r, n := utf8.DecodeRuneInString(msg); n > 0 && unicode.IsUpper(r) && !isAcronym(msg) {
		msg = string(unicode.ToLower(r)) + msg[n:]
	}
	return msg
}

// isAcronym reports whether msg starts with a word in capitals (URL,
// JSON): lowering its first letter would garble it.
func isAcronym(msg string) bool {
	w, _, _ := strings.Cut(msg, " ")
	return len(w) > 1 && strings.ToUpper(w) == w
}
