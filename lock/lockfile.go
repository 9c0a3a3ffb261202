// This file holds the akua.lock model, its strict parser and its
// canonical writer.

package lock

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"akua.dev/akua/kcl/diag"
)

// FormatVersion is the akua.lock format version akua writes and reads.
const FormatVersion = 1

// A Lock is a parsed akua.lock.
type Lock struct {
	Version  int     // FormatVersion
	Packages []Entry // sorted by name
}

// An Entry is one [[package]] of akua.lock: a dependency pinned by digest.
type Entry struct {
	Name         string
	Version      string   // the concrete version chosen (may be empty for path deps)
	Source       string   // see SourceOf; git sources end in #<commit>
	Digest       string   // "sha256:<hex>"
	Signature    string   // digest of the verified signature, if any
	Dependencies []string // names of other entries this one needs
	Attestation  string   // digest of the provenance attestation, if any
	Replaced     string   // "path+<dir>" when replace = { path } is in force
	Pos          diag.Pos // where the entry was read from, zero if built
}

// Entry returns the entry called name.
func (l *Lock) Entry(name string) (Entry, bool) {
	if l == nil {
		return Entry{}, false
	}
	for _, e := range l.Packages {
		if e.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}

// Set adds e, replacing an entry of the same name, and keeps the entries
// sorted.
func (l *Lock) Set(e Entry) {
	for i := range l.Packages {
		if l.Packages[i].Name == e.Name {
			l.Packages[i] = e
			return
		}
	}
	l.Packages = append(l.Packages, e)
	l.sort()
}

// Remove drops the entry called name and reports whether there was one.
func (l *Lock) Remove(name string) bool {
	for i := range l.Packages {
		if l.Packages[i].Name == name {
			l.Packages = append(l.Packages[:i], l.Packages[i+1:]...)
			return true
		}
	}
	return false
}

func (l *Lock) sort() {
	sort.Slice(l.Packages, func(i, j int) bool { return l.Packages[i].Name < l.Packages[j].Name })
}

// LoadLock reads and parses dir/akua.lock. A missing file is an error
// satisfying errors.Is(err, fs.ErrNotExist).
func LoadLock(dir string) (*Lock, error) {
	name := filepath.Join(dir, LockFile)
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return ParseLock(name, src)
}

var lockEntryKeys = []string{"name", "version", "source", "digest", "signature", "dependencies", "attestation", "replaced"}

// ParseLock parses akua.lock text; file names it in diagnostics. The
// error, if any, is a diag.List.
func ParseLock(file string, src []byte) (*Lock, error) {
	doc, r, err := decode(file, src, lockCodes)
	if err != nil {
		return nil, err
	}
	r.known(doc, nil, "version", "package")
	l := &Lock{}
	switch v := doc["version"].(type) {
	case nil:
		r.errs.add(LockMissing, diag.Pos{File: file, Line: 1, Col: 1}, "akua writes version = 1 first; run 'akua lock'", "akua.lock has no version")
	case int64:
		if v != FormatVersion {
			r.errs.add(LockVersion, r.valuePos([]string{"version"}), "this akua reads version 1; upgrade akua or run 'akua lock'",
				"unsupported akua.lock version %d", v)
		}
		l.Version = int(v)
	default:
		r.wrongType([]string{"version"}, v, "integer")
	}
	var tables []map[string]any
	switch v := doc["package"].(type) {
	case nil:
	case []map[string]any:
		tables = v
	default:
		r.wrongType([]string{"package"}, v, "array of tables ([[package]])")
	}
	seen := map[string]diag.Pos{}
	for i, t := range tables {
		p := []string{"package", "#" + strconv.Itoa(i)}
		r.known(t, p, lockEntryKeys...)
		e := Entry{Pos: r.pos(p)}
		e.Name, _ = r.str(t, p, "name", true, "")
		e.Version, _ = r.str(t, p, "version", false, "")
		e.Source, _ = r.str(t, p, "source", true, "")
		e.Digest, _ = r.str(t, p, "digest", true, "")
		e.Signature, _ = r.str(t, p, "signature", false, "")
		e.Dependencies = r.strings(t, p, "dependencies")
		e.Attestation, _ = r.str(t, p, "attestation", false, "")
		e.Replaced, _ = r.str(t, p, "replaced", false, "")
		if _, ok := t["digest"].(string); ok && !ValidDigest(e.Digest) {
			r.invalid(join(p, "digest"), "digests are sha256:<64 hex digits>; run 'akua lock' to rewrite the lock", "invalid digest %q", e.Digest)
		}
		if e.Source != "" {
			if _, err := ParseSource(e.Source); err != nil {
				r.invalid(join(p, "source"), "", "%v", err)
			}
		}
		if first, dup := seen[e.Name]; dup && e.Name != "" {
			r.errs.add(LockDuplicate, e.Pos, fmt.Sprintf("the first is at line %d; run 'akua lock'", first.Line), "two entries for %q", e.Name)
		}
		seen[e.Name] = e.Pos
		l.Packages = append(l.Packages, e)
	}
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	l.sort()
	return l, nil
}

// ValidDigest reports whether d is "sha256:" and 64 lowercase hex digits.
func ValidDigest(d string) bool {
	hex, ok := strings.CutPrefix(d, "sha256:")
	if !ok || len(hex) != 64 {
		return false
	}
	for _, c := range hex {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Format returns the canonical text of l: version = 1, then the entries
// sorted by name with their keys in a fixed order, optional keys only
// when set, no timestamps, one trailing newline. The same lock always
// gives the same bytes.
func (l *Lock) Format() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "version = %d\n", FormatVersion)
	entries := append([]Entry(nil), l.Packages...)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name })
	for _, e := range entries {
		b.WriteString("\n[[package]]\n")
		kv := func(k, v string) {
			if v != "" {
				fmt.Fprintf(&b, "%s = %s\n", k, Quote(v))
			}
		}
		kv("name", e.Name)
		kv("version", e.Version)
		kv("source", e.Source)
		kv("digest", e.Digest)
		kv("signature", e.Signature)
		if len(e.Dependencies) > 0 {
			deps := append([]string(nil), e.Dependencies...)
			sort.Strings(deps)
			q := make([]string, len(deps))
			for i, d := range deps {
				q[i] = Quote(d)
			}
			fmt.Fprintf(&b, "dependencies = [%s]\n", strings.Join(q, ", "))
		}
		kv("attestation", e.Attestation)
		kv("replaced", e.Replaced)
	}
	return b.Bytes()
}

// WriteLock writes l to dir/akua.lock atomically.
func WriteLock(dir string, l *Lock) error {
	return WriteFileAtomic(filepath.Join(dir, LockFile), l.Format())
}

// Quote returns s as a TOML basic string.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
