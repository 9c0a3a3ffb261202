// This file holds a skimming scanner that records where each table
// header and key/value pair of a TOML document sits. BurntSushi/toml
// decodes values but keeps no positions public, so diagnostics take their
// line and column from here; the akua.toml editor (edit.go) uses the same
// byte offsets to change one dependency without reformatting the rest.
//
// The scanner runs only on text the real decoder accepted, so it can be
// lenient: it tracks strings, comments and brackets, nothing more.

package lock

import (
	"strconv"
	"strings"
)

// A layout is the shape of one TOML document.
type layout struct {
	src     []byte
	headers []header
	entries []entry
	index   map[string]int // pathKey → entries/headers position (see pos)
	lines   []int          // byte offset of each line start
}

// A header is a `[table]` or `[[array]]` line.
type header struct {
	path       []string // table path; arrays get an "#n" element after their name
	array      bool
	line, col  int
	start, end int // byte range of the whole line, newline included
}

// An entry is one `key = value`, top-level or inside an inline table.
type entry struct {
	path      []string // full path: table path + dotted key
	key       []string // the dotted key as written
	inline    bool     // inside an inline table or array
	line, col int
	start     int // start of the line (top-level entries) or of the key
	valStart  int // first byte of the value
	valEnd    int // byte after the value
	end       int // byte after the line's newline (top-level entries)
	headerIdx int // index of the enclosing header, -1 for the root table
}

func pathKey(path []string) string { return strings.Join(path, "\x00") }

// scanLayout skims src.
func scanLayout(src []byte) *layout {
	l := scanLines(src)
	s := &skim{l: l, src: src}
	s.run()
	return l
}

// scanLines returns a layout holding only the line index of src.
func scanLines(src []byte) *layout {
	l := &layout{src: src, index: map[string]int{}}
	l.lines = append(l.lines, 0)
	for i, c := range src {
		if c == '\n' {
			l.lines = append(l.lines, i+1)
		}
	}
	return l
}

// lineCol returns the 1-based line and column of byte offset off.
func (l *layout) lineCol(off int) (int, int) {
	lo, hi := 0, len(l.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if l.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, off - l.lines[lo] + 1
}

// pos returns the line and column of the key at path, else of the nearest
// enclosing table or key that has one, else line 0.
func (l *layout) pos(path ...string) (line, col int) {
	for n := len(path); n > 0; n-- {
		if i, ok := l.index[pathKey(path[:n])]; ok {
			if i >= 0 {
				e := l.entries[i]
				return e.line, e.col
			}
			h := l.headers[-i-1]
			return h.line, h.col
		}
	}
	return 0, 0
}

// valuePos returns the position of the value at path, for errors about
// the value rather than the key.
func (l *layout) valuePos(path ...string) (line, col int) {
	if i, ok := l.index[pathKey(path)]; ok && i >= 0 {
		return l.lineCol(l.entries[i].valStart)
	}
	return l.pos(path...)
}

type skim struct {
	l     *layout
	src   []byte
	i     int
	count map[string]int // arrays of tables seen so far, by path
}

func (s *skim) peek(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

func (s *skim) run() {
	s.count = map[string]int{}
	var table []string
	hdr := -1
	for s.i < len(s.src) {
		s.blanks()
		switch c := s.peek(0); c {
		case 0:
			return
		case '\n', '\r':
			s.i++
		case '#':
			s.toEOL()
		case '[':
			table = s.header()
			hdr = len(s.l.headers) - 1
		default:
			lineStart, before := s.lineStart(), s.i
			e := s.keyValue(table, false)
			if s.i == before {
				s.toEOL() // lost: never loop on the same byte
			}
			e.start, e.headerIdx = lineStart, hdr
			s.blanks()
			if s.peek(0) == '#' {
				s.toEOL()
			}
			if s.peek(0) == '\r' {
				s.i++
			}
			if s.peek(0) == '\n' {
				s.i++
			}
			e.end = s.i
			s.l.entries[e.idx] = e.entry
		}
	}
}

func (s *skim) lineStart() int {
	j := s.i
	for j > 0 && s.src[j-1] != '\n' {
		j--
	}
	return j
}

func (s *skim) blanks() {
	for s.peek(0) == ' ' || s.peek(0) == '\t' {
		s.i++
	}
}

// space skips blanks, newlines and comments (inside arrays).
func (s *skim) space() {
	for {
		switch s.peek(0) {
		case ' ', '\t', '\r', '\n':
			s.i++
		case '#':
			s.toEOL()
		default:
			return
		}
	}
}

func (s *skim) toEOL() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

func (s *skim) header() []string {
	start := s.lineStart()
	line, col := s.l.lineCol(s.i)
	array := s.peek(1) == '['
	if array {
		s.i += 2
	} else {
		s.i++
	}
	s.blanks()
	path := s.key()
	for s.peek(0) == ']' || s.peek(0) == ' ' || s.peek(0) == '\t' {
		s.i++
	}
	s.blanks()
	if s.peek(0) == '#' {
		s.toEOL()
	}
	if s.peek(0) == '\n' {
		s.i++
	}
	full := path
	if array {
		k := pathKey(path)
		full = append(append([]string{}, path...), "#"+strconv.Itoa(s.count[k]))
		s.count[k]++
	}
	s.l.headers = append(s.l.headers, header{path: full, array: array, line: line, col: col, start: start, end: s.i})
	s.l.index[pathKey(full)] = -len(s.l.headers)
	return full
}

// key reads a dotted key.
func (s *skim) key() []string {
	var parts []string
	for {
		s.blanks()
		switch c := s.peek(0); c {
		case '"', '\'':
			parts = append(parts, s.quotedKey(c))
		default:
			j := s.i
			for isBareKey(s.peek(0)) {
				s.i++
			}
			parts = append(parts, string(s.src[j:s.i]))
		}
		s.blanks()
		if s.peek(0) != '.' {
			return parts
		}
		s.i++
	}
}

func isBareKey(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// quotedKey reads a quoted key; escapes in keys are rare in akua files and
// only \" and \\ are undone.
func (s *skim) quotedKey(q byte) string {
	s.i++
	var b strings.Builder
	for s.i < len(s.src) && s.src[s.i] != q {
		if q == '"' && s.src[s.i] == '\\' && s.i+1 < len(s.src) {
			s.i++
		}
		b.WriteByte(s.src[s.i])
		s.i++
	}
	s.i++
	return b.String()
}

type indexedEntry struct {
	entry
	idx int
}

// keyValue reads `key = value` and records the entry (and any inside an
// inline table value).
func (s *skim) keyValue(table []string, inline bool) indexedEntry {
	line, col := s.l.lineCol(s.i)
	keyStart := s.i
	key := s.key()
	s.blanks()
	if s.peek(0) == '=' {
		s.i++
	}
	s.blanks()
	path := append(append([]string{}, table...), key...)
	idx := len(s.l.entries)
	s.l.entries = append(s.l.entries, entry{})
	s.l.index[pathKey(path)] = idx
	valStart := s.i
	s.value(path)
	e := entry{path: path, key: key, inline: inline, line: line, col: col,
		start: keyStart, valStart: valStart, valEnd: s.i, headerIdx: -1}
	s.l.entries[idx] = e
	return indexedEntry{e, idx}
}

func (s *skim) value(path []string) {
	switch c := s.peek(0); c {
	case '"', '\'':
		s.str(c)
	case '{':
		s.i++
		for {
			s.space()
			if c := s.peek(0); c == '}' || c == 0 {
				s.i++
				return
			}
			if s.peek(0) == ',' {
				s.i++
				continue
			}
			before := s.i
			s.keyValue(path, true)
			if s.i == before {
				s.i++
			}
		}
	case '[':
		s.i++
		for n := 0; ; {
			s.space()
			if c := s.peek(0); c == ']' || c == 0 {
				s.i++
				return
			}
			if s.peek(0) == ',' {
				s.i++
				continue
			}
			before := s.i
			s.value(append(append([]string{}, path...), "#"+strconv.Itoa(n)))
			if s.i == before {
				s.i++
			}
			n++
		}
	default:
		for {
			switch s.peek(0) {
			case ',', ']', '}', '#', '\n', '\r', 0:
				for s.i > 0 && (s.src[s.i-1] == ' ' || s.src[s.i-1] == '\t') {
					s.i--
				}
				return
			}
			s.i++
		}
	}
}

// str skips a basic, literal or multi-line string starting at s.i.
func (s *skim) str(q byte) {
	if s.peek(1) == q && s.peek(2) == q {
		s.i += 3
		for s.i < len(s.src) {
			if q == '"' && s.src[s.i] == '\\' {
				s.i += 2
				continue
			}
			if s.peek(0) == q && s.peek(1) == q && s.peek(2) == q {
				s.i += 3
				for s.peek(0) == q { // up to two quotes may end the content
					s.i++
				}
				return
			}
			s.i++
		}
		return
	}
	s.i++
	for s.i < len(s.src) && s.src[s.i] != q && s.src[s.i] != '\n' {
		if q == '"' && s.src[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	s.i++
}
