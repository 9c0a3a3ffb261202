// This file holds the layout-preserving editor of akua.toml: `akua add`
// and `akua remove` change one dependency and leave every other byte
// (comments, blank lines, key order, quoting) as the author wrote it.
//
// A dependency is written in one of three shapes, and edits keep the
// shape the author chose:
//
//	[dependencies]                      [dependencies.podinfo]
//	podinfo = { repo = "...", ... }     repo = "..."          podinfo.repo = "..."
//	                                    chart = "podinfo"      (dotted keys)
//
// New dependencies follow the file's style: an inline entry under an
// existing [dependencies] table, else a [dependencies.<name>] table after
// the last one, else a new [dependencies] table at the end.

package lock

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// An edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

func apply(src []byte, edits []edit) []byte {
	// Back to front, so offsets stay valid; at one offset the removal
	// goes first, so text inserted there survives it.
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start > edits[j].start
		}
		return edits[i].end > edits[j].end
	})
	out := append([]byte(nil), src...)
	for _, e := range edits {
		out = append(out[:e.start], append([]byte(e.text), out[e.end:]...)...)
	}
	return out
}

// depLayout is where dependency name is written in a document.
type depLayout struct {
	lay     *layout
	main    int     // index of [dependencies.<name>] in lay.headers, or -1
	sub     []int   // [dependencies.<name>.*] headers
	entries []entry // top-level entries defining it outside those tables
}

func findDep(src []byte, name string) (*depLayout, error) {
	var v map[string]any
	if _, err := toml.Decode(string(src), &v); err != nil {
		return nil, fmt.Errorf("akua.toml is not valid TOML: %w", err)
	}
	lay := scanLayout(src)
	d := &depLayout{lay: lay, main: -1}
	for i, h := range lay.headers {
		if len(h.path) >= 2 && h.path[0] == "dependencies" && h.path[1] == name && !h.array {
			if len(h.path) == 2 {
				d.main = i
			} else {
				d.sub = append(d.sub, i)
			}
		}
	}
	for _, e := range lay.entries {
		if e.inline {
			continue
		}
		if len(e.path) == 1 && e.path[0] == "dependencies" {
			return nil, fmt.Errorf("line %d: cannot edit an inline `dependencies = {...}` table; write a [dependencies] table instead", e.line)
		}
		if len(e.path) >= 2 && e.path[0] == "dependencies" && e.path[1] == name && !d.inTable(e) {
			d.entries = append(d.entries, e)
		}
	}
	return d, nil
}

// inTable reports whether e lies in one of the dependency's own tables.
func (d *depLayout) inTable(e entry) bool {
	return e.headerIdx >= 0 && (e.headerIdx == d.main || containsInt(d.sub, e.headerIdx))
}

func containsInt(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// bodyEnd returns the byte after the last entry of header h's table, or
// after the header line when the table is empty. Comments and blank lines
// after the last entry are left to whatever follows.
func (l *layout) bodyEnd(h int) int {
	end := l.headers[h].end
	for _, e := range l.entries {
		if !e.inline && e.headerIdx == h && e.end > end {
			end = e.end
		}
	}
	return end
}

// SetDependency returns src with d added, or replacing the dependency of
// the same name, keeping everything else byte for byte.
func SetDependency(src []byte, d Dependency) ([]byte, error) {
	dl, err := findDep(src, d.Name)
	if err != nil {
		return nil, err
	}
	lay := dl.lay
	kvs := dependencyKeys(d)
	var edits []edit
	switch {
	case dl.main >= 0 || len(dl.sub) > 0:
		done := map[string]bool{}
		for _, e := range lay.entries {
			if e.inline || e.headerIdx != dl.main || dl.main < 0 {
				continue
			}
			if v, ok := lookupKV(kvs, e.key); ok && !done[e.key[0]] {
				edits = append(edits, edit{e.valStart, e.valEnd, v})
				done[e.key[0]] = true
			} else {
				edits = append(edits, edit{e.start, e.end, ""})
			}
		}
		for _, h := range dl.sub {
			edits = append(edits, edit{lay.headers[h].start, lay.bodyEnd(h), ""})
		}
		var add strings.Builder
		for _, kv := range kvs {
			if !done[kv[0]] {
				fmt.Fprintf(&add, "%s = %s\n", kv[0], kv[1])
			}
		}
		if dl.main >= 0 {
			at := lay.bodyEnd(dl.main)
			edits = append(edits, edit{at, at, lineStart(src, at) + add.String()})
		} else {
			h := lay.headers[dl.sub[0]]
			edits = append(edits, edit{h.start, h.start, "[dependencies." + tomlKey(d.Name) + "]\n" + add.String()})
		}
	case len(dl.entries) > 0:
		first := dl.entries[0]
		table := len(first.path) - len(first.key)
		if len(first.key) == 2-table && len(dl.entries) == 1 {
			edits = append(edits, edit{first.valStart, first.valEnd, inlineTable(kvs)})
			break
		}
		prefix := keyString(first.key[:2-table])
		for i, e := range dl.entries {
			text := ""
			if i == 0 {
				text = prefix + " = " + inlineTable(kvs) + "\n"
			}
			edits = append(edits, edit{e.start, e.end, text})
		}
	default:
		edits = append(edits, insertDep(src, lay, d.Name, kvs))
	}
	return apply(src, edits), nil
}

// insertDep places a new dependency in the file's style.
func insertDep(src []byte, lay *layout, name string, kvs [][2]string) edit {
	last := -1
	for i, h := range lay.headers {
		if len(h.path) == 1 && h.path[0] == "dependencies" && !h.array {
			at := lay.bodyEnd(i)
			return edit{at, at, lineStart(src, at) + tomlKey(name) + " = " + inlineTable(kvs) + "\n"}
		}
		if len(h.path) >= 2 && h.path[0] == "dependencies" {
			last = i
		}
	}
	var b strings.Builder
	at := len(src)
	if last >= 0 {
		at = lay.bodyEnd(last)
		b.WriteString(lineStart(src, at) + "\n[dependencies." + tomlKey(name) + "]\n")
		for _, kv := range kvs {
			fmt.Fprintf(&b, "%s = %s\n", kv[0], kv[1])
		}
		return edit{at, at, b.String()}
	}
	b.WriteString(lineStart(src, at))
	if at > 0 && !strings.HasSuffix(string(src), "\n\n") {
		b.WriteString("\n")
	}
	b.WriteString("[dependencies]\n" + tomlKey(name) + " = " + inlineTable(kvs) + "\n")
	return edit{at, at, b.String()}
}

// lineStart returns "\n" when offset at is not at the start of a line
// (the file's last line has no newline), else "".
func lineStart(src []byte, at int) string {
	if at > 0 && src[at-1] != '\n' {
		return "\n"
	}
	return ""
}

func lookupKV(kvs [][2]string, key []string) (string, bool) {
	if len(key) != 1 {
		return "", false
	}
	for _, kv := range kvs {
		if kv[0] == key[0] {
			return kv[1], true
		}
	}
	return "", false
}

// dependencyKeys returns d's keys and TOML values in the canonical order:
// the source first, then what pins it, then replace.
func dependencyKeys(d Dependency) [][2]string {
	var kvs [][2]string
	add := func(k, v string) {
		if v != "" {
			kvs = append(kvs, [2]string{k, Quote(v)})
		}
	}
	add("oci", d.OCI)
	add("git", d.Git)
	add("path", d.Path)
	add("repo", d.Repo)
	add("chart", d.Chart)
	add("version", d.Version)
	add("tag", d.Tag)
	add("rev", d.Rev)
	if d.Replace != "" {
		kvs = append(kvs, [2]string{"replace", "{ path = " + Quote(d.Replace) + " }"})
	}
	return kvs
}

func inlineTable(kvs [][2]string) string {
	parts := make([]string, len(kvs))
	for i, kv := range kvs {
		parts[i] = kv[0] + " = " + kv[1]
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

var bareKeyRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]+$`) })

func tomlKey(k string) string {
	if bareKeyRE().MatchString(k) {
		return k
	}
	return Quote(k)
}

func keyString(key []string) string {
	parts := make([]string, len(key))
	for i, k := range key {
		parts[i] = tomlKey(k)
	}
	return strings.Join(parts, ".")
}

// RemoveDependency returns src without the dependency called name, and
// whether it was there. A [dependencies.<name>] table goes with the
// comment lines directly above its header; an inline entry goes alone.
func RemoveDependency(src []byte, name string) ([]byte, bool, error) {
	dl, err := findDep(src, name)
	if err != nil {
		return nil, false, err
	}
	lay := dl.lay
	var edits []edit
	for _, h := range append([]int{dl.main}, dl.sub...) {
		if h < 0 {
			continue
		}
		start := attachedComments(src, lay.headers[h].start)
		start, end := collapseBlank(src, start, lay.bodyEnd(h))
		edits = append(edits, edit{start, end, ""})
	}
	for _, e := range dl.entries {
		edits = append(edits, edit{e.start, e.end, ""})
	}
	if len(edits) == 0 {
		return src, false, nil
	}
	return apply(src, edits), true, nil
}

// attachedComments returns the start of the comment lines directly above
// the line at off (no blank line between), or off.
func attachedComments(src []byte, off int) int {
	for off > 0 {
		prev := strings.LastIndexByte(string(src[:off-1]), '\n') + 1
		line := strings.TrimSpace(string(src[prev : off-1]))
		if !strings.HasPrefix(line, "#") {
			return off
		}
		off = prev
	}
	return off
}

// collapseBlank widens a removal [start,end) so that removing a table
// between two blank lines leaves one, and removing the last table leaves
// no blank line at the end of the file.
func collapseBlank(src []byte, start, end int) (int, int) {
	prevBlank := -1 // start of a blank line just before start
	if start >= 1 && src[start-1] == '\n' {
		p := strings.LastIndexByte(string(src[:start-1]), '\n') + 1
		if strings.TrimSpace(string(src[p:start-1])) == "" {
			prevBlank = p
		}
	}
	if start != 0 && prevBlank < 0 {
		return start, end
	}
	if end == len(src) && prevBlank >= 0 {
		return prevBlank, end
	}
	nl := strings.IndexByte(string(src[end:]), '\n')
	if nl >= 0 && strings.TrimSpace(string(src[end:end+nl])) == "" {
		return start, end + nl + 1
	}
	return start, end
}
