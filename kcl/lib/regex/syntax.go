package regex

// This file holds the parser of the backtracking engine (backtrack.go),
// used for the patterns Go's regexp cannot compile: the syntax of Rust's
// regex crate plus what fancy-regex, which upstream uses, adds to it:
// look-ahead (?=...) (?!...), look-behind (?<=...) (?<!...),
// backreferences \1 \k<name>, atomic groups (?>...) and possessive
// quantifiers (a*+).

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type nodeKind uint8

const (
	nLit      nodeKind = iota // one rune
	nAny                      // . (with the s flag, also \n)
	nClass                    // [...], \d, \w, \s, \p{..}
	nBegText                  // \A, ^ without m
	nEndText                  // \z, $ without m
	nBegLine                  // ^ with m
	nEndLine                  // $ with m
	nWordB                    // \b
	nNotWordB                 // \B
	nGroup                    // (...) capturing, or (?:...) when idx < 0
	nConcat
	nAlt
	nRepeat
	nLook    // look-ahead or look-behind
	nBackref // \1, \k<name>
	nAtomic  // (?>...)
	nEmpty
)

type node struct {
	kind nodeKind
	r    rune
	fold bool    // case-insensitive literal, class or backref
	nl   bool    // nAny: matches \n
	cls  *class  // nClass
	idx  int     // nGroup, nBackref: group index
	subs []*node // nConcat, nAlt; sub[0] for nGroup, nRepeat, nLook, nAtomic
	min  int     // nRepeat
	max  int     // nRepeat; -1 for no bound
	lazy bool    // nRepeat
	poss bool    // nRepeat: possessive
	neg  bool    // nLook: negative
	back bool    // nLook: look-behind
}

// A class is a set of runes: ranges and predicates, maybe negated.
type class struct {
	ranges []rune // pairs lo, hi
	preds  []func(rune) bool
	neg    bool
}

func (c *class) has(r rune, fold bool) bool {
	in := c.contains(r)
	if !in && fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if c.contains(f) {
				in = true
				break
			}
		}
	}
	return in != c.neg
}

func (c *class) contains(r rune) bool {
	for i := 0; i+1 < len(c.ranges); i += 2 {
		if r >= c.ranges[i] && r <= c.ranges[i+1] {
			return true
		}
	}
	for _, p := range c.preds {
		if p(r) {
			return true
		}
	}
	return false
}

type flags struct{ i, m, s, x, u bool }

type parser struct {
	src    string
	pos    int
	ngroup int
	names  map[string]int
}

// parse parses a pattern into a tree; it returns the number of
// capturing groups and their names by index.
func parse(src string) (*node, int, []string, error) {
	p := &parser{src: src, names: map[string]int{}}
	n, err := p.alt(flags{}, 0)
	if err != nil {
		return nil, 0, nil, err
	}
	if p.pos < len(p.src) {
		return nil, 0, nil, fmt.Errorf("unopened group at position %d", p.pos)
	}
	names := make([]string, p.ngroup+1)
	for name, i := range p.names {
		names[i] = name
	}
	return n, p.ngroup, names, nil
}

func (p *parser) eof() bool { return p.pos >= len(p.src) }

func (p *parser) peek() rune {
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return r
}

func (p *parser) next() rune {
	r, w := utf8.DecodeRuneInString(p.src[p.pos:])
	p.pos += w
	return r
}

const maxNesting = 250

func (p *parser) alt(f flags, depth int) (*node, error) {
	if depth > maxNesting {
		return nil, fmt.Errorf("pattern nested too deeply")
	}
	var alts []*node
	for {
		seq, nf, err := p.concat(f, depth)
		if err != nil {
			return nil, err
		}
		f = nf
		alts = append(alts, seq)
		if p.eof() || p.peek() != '|' {
			break
		}
		p.next()
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &node{kind: nAlt, subs: alts}, nil
}

// concat parses items up to | or ) ; inline flags (?i) change f for the
// rest of the group, which it returns.
func (p *parser) concat(f flags, depth int) (*node, flags, error) {
	var items []*node
	for !p.eof() {
		c := p.peek()
		if c == '|' || c == ')' {
			break
		}
		if f.x && (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			p.next()
			continue
		}
		if f.x && c == '#' {
			for !p.eof() && p.peek() != '\n' {
				p.next()
			}
			continue
		}
		if c == '(' && strings.HasPrefix(p.src[p.pos:], "(?") {
			if nf, ok, err := p.inlineFlags(f); err != nil {
				return nil, f, err
			} else if ok {
				f = nf
				continue
			}
		}
		atom, err := p.atom(f, depth)
		if err != nil {
			return nil, f, err
		}
		atom, err = p.quantifier(atom, f)
		if err != nil {
			return nil, f, err
		}
		items = append(items, atom)
	}
	switch len(items) {
	case 0:
		return &node{kind: nEmpty}, f, nil
	case 1:
		return items[0], f, nil
	}
	return &node{kind: nConcat, subs: items}, f, nil
}

// inlineFlags parses (?flags) at p.pos; ok is false when the group is
// something else.
func (p *parser) inlineFlags(f flags) (flags, bool, error) {
	i := p.pos + 2
	j := i
	for j < len(p.src) && strings.IndexByte("imsxU-", p.src[j]) >= 0 {
		j++
	}
	if j >= len(p.src) || p.src[j] != ')' || j == i {
		return f, false, nil
	}
	nf, err := applyFlags(f, p.src[i:j])
	if err != nil {
		return f, false, err
	}
	p.pos = j + 1
	return nf, true, nil
}

func applyFlags(f flags, s string) (flags, error) {
	on := true
	for _, c := range s {
		switch c {
		case '-':
			on = false
		case 'i':
			f.i = on
		case 'm':
			f.m = on
		case 's':
			f.s = on
		case 'x':
			f.x = on
		case 'U':
			f.u = on
		default:
			return f, fmt.Errorf("unrecognized flag %q", c)
		}
	}
	return f, nil
}

func (p *parser) quantifier(atom *node, f flags) (*node, error) {
	for !p.eof() {
		min, max := -1, -1
		save := p.pos
		switch p.peek() {
		case '*':
			p.next()
			min, max = 0, -1
		case '+':
			p.next()
			min, max = 1, -1
		case '?':
			p.next()
			min, max = 0, 1
		case '{':
			lo, hi, ok := p.counted()
			if !ok {
				return nil, fmt.Errorf("invalid counted repetition at position %d", save)
			}
			min, max = lo, hi
		default:
			return atom, nil
		}
		switch atom.kind {
		case nBegText, nEndText, nBegLine, nEndLine, nWordB, nNotWordB, nLook, nEmpty:
			return nil, fmt.Errorf("repetition operator missing expression at position %d", save)
		}
		rep := &node{kind: nRepeat, subs: []*node{atom}, min: min, max: max, lazy: f.u}
		if !p.eof() && p.peek() == '?' {
			p.next()
			rep.lazy = !rep.lazy
		} else if !p.eof() && p.peek() == '+' {
			p.next()
			rep.poss = true
		}
		atom = rep
	}
	return atom, nil
}

// counted parses {n}, {n,}, {n,m}.
func (p *parser) counted() (int, int, bool) {
	end := strings.IndexByte(p.src[p.pos:], '}')
	if end < 0 {
		return 0, 0, false
	}
	body := strings.ReplaceAll(p.src[p.pos+1:p.pos+end], " ", "")
	lo, hi, comma := strings.Cut(body, ",")
	min, err := strconv.Atoi(lo)
	if err != nil || min > 100000 {
		return 0, 0, false
	}
	max := min
	if comma {
		if hi == "" {
			max = -1
		} else if max, err = strconv.Atoi(hi); err != nil || max < min || max > 100000 {
			return 0, 0, false
		}
	}
	p.pos += end + 1
	return min, max, true
}

func (p *parser) atom(f flags, depth int) (*node, error) {
	c := p.next()
	switch c {
	case '(':
		return p.group(f, depth)
	case '[':
		cls, err := p.class(f)
		if err != nil {
			return nil, err
		}
		return &node{kind: nClass, cls: cls, fold: f.i}, nil
	case '.':
		return &node{kind: nAny, nl: f.s}, nil
	case '^':
		if f.m {
			return &node{kind: nBegLine}, nil
		}
		return &node{kind: nBegText}, nil
	case '$':
		if f.m {
			return &node{kind: nEndLine}, nil
		}
		return &node{kind: nEndText}, nil
	case '\\':
		return p.escape(f)
	case '*', '+', '?':
		return nil, fmt.Errorf("repetition operator missing expression at position %d", p.pos-1)
	}
	return &node{kind: nLit, r: c, fold: f.i}, nil
}

func (p *parser) group(f flags, depth int) (*node, error) {
	var n *node
	sub := func() (*node, error) {
		s, err := p.alt(f, depth+1)
		if err != nil {
			return nil, err
		}
		if p.eof() || p.next() != ')' {
			return nil, fmt.Errorf("unclosed group")
		}
		return s, nil
	}
	rest := p.src[p.pos:]
	switch {
	case strings.HasPrefix(rest, "?:"):
		p.pos += 2
		s, err := sub()
		if err != nil {
			return nil, err
		}
		return &node{kind: nGroup, idx: -1, subs: []*node{s}}, nil
	case strings.HasPrefix(rest, "?="), strings.HasPrefix(rest, "?!"):
		p.pos += 2
		s, err := sub()
		if err != nil {
			return nil, err
		}
		return &node{kind: nLook, neg: rest[1] == '!', subs: []*node{s}}, nil
	case strings.HasPrefix(rest, "?<="), strings.HasPrefix(rest, "?<!"):
		p.pos += 3
		s, err := sub()
		if err != nil {
			return nil, err
		}
		return &node{kind: nLook, back: true, neg: rest[2] == '!', subs: []*node{s}}, nil
	case strings.HasPrefix(rest, "?>"):
		p.pos += 2
		s, err := sub()
		if err != nil {
			return nil, err
		}
		return &node{kind: nAtomic, subs: []*node{s}}, nil
	case strings.HasPrefix(rest, "?P<"), strings.HasPrefix(rest, "?<"):
		skip := 2
		if rest[1] == 'P' {
			skip = 3
		}
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return nil, fmt.Errorf("unclosed group name")
		}
		name := rest[skip:end]
		if name == "" {
			return nil, fmt.Errorf("empty group name")
		}
		if _, dup := p.names[name]; dup {
			return nil, fmt.Errorf("duplicate group name %s", name)
		}
		p.pos += end + 1
		p.ngroup++
		idx := p.ngroup
		p.names[name] = idx
		s, err := sub()
		if err != nil {
			return nil, err
		}
		return &node{kind: nGroup, idx: idx, subs: []*node{s}}, nil
	case strings.HasPrefix(rest, "?"):
		// (?flags:...)
		colon := strings.IndexByte(rest, ':')
		if colon < 0 {
			return nil, fmt.Errorf("unrecognized group syntax")
		}
		nf, err := applyFlags(f, rest[1:colon])
		if err != nil {
			return nil, err
		}
		p.pos += colon + 1
		s, err := p.alt(nf, depth+1)
		if err != nil {
			return nil, err
		}
		if p.eof() || p.next() != ')' {
			return nil, fmt.Errorf("unclosed group")
		}
		return &node{kind: nGroup, idx: -1, subs: []*node{s}}, nil
	}
	p.ngroup++
	idx := p.ngroup
	s, err := sub()
	if err != nil {
		return nil, err
	}
	n = &node{kind: nGroup, idx: idx, subs: []*node{s}}
	return n, nil
}

func (p *parser) escape(f flags) (*node, error) {
	if p.eof() {
		return nil, fmt.Errorf("incomplete escape sequence")
	}
	c := p.next()
	switch c {
	case 'A':
		return &node{kind: nBegText}, nil
	case 'z':
		return &node{kind: nEndText}, nil
	case 'b':
		return &node{kind: nWordB}, nil
	case 'B':
		return &node{kind: nNotWordB}, nil
	case 'k':
		if p.eof() || p.peek() != '<' {
			return nil, fmt.Errorf("invalid backreference")
		}
		end := strings.IndexByte(p.src[p.pos:], '>')
		if end < 0 {
			return nil, fmt.Errorf("invalid backreference")
		}
		name := p.src[p.pos+1 : p.pos+end]
		p.pos += end + 1
		if i, err := strconv.Atoi(name); err == nil {
			return &node{kind: nBackref, idx: i, fold: f.i}, nil
		}
		i, ok := p.names[name]
		if !ok {
			return nil, fmt.Errorf("invalid group name %s in backreference", name)
		}
		return &node{kind: nBackref, idx: i, fold: f.i}, nil
	}
	if c >= '1' && c <= '9' {
		n := int(c - '0')
		for !p.eof() && p.peek() >= '0' && p.peek() <= '9' && n*10+int(p.peek()-'0') <= p.ngroup {
			n = n*10 + int(p.next()-'0')
		}
		return &node{kind: nBackref, idx: n, fold: f.i}, nil
	}
	p.pos -= utf8.RuneLen(c)
	cls, r, err := p.escapeValue()
	if err != nil {
		return nil, err
	}
	if cls != nil {
		return &node{kind: nClass, cls: cls, fold: f.i}, nil
	}
	return &node{kind: nLit, r: r, fold: f.i}, nil
}

// escapeValue parses the escape after a backslash (p.pos is past it)
// that stands for a rune or a class.
func (p *parser) escapeValue() (*class, rune, error) {
	c := p.next()
	switch c {
	case 'd':
		return &class{preds: []func(rune) bool{unicode.IsDigit}}, 0, nil
	case 'D':
		return &class{preds: []func(rune) bool{unicode.IsDigit}, neg: true}, 0, nil
	case 'w':
		return &class{preds: []func(rune) bool{isWord}}, 0, nil
	case 'W':
		return &class{preds: []func(rune) bool{isWord}, neg: true}, 0, nil
	case 's':
		return &class{preds: []func(rune) bool{unicode.IsSpace}}, 0, nil
	case 'S':
		return &class{preds: []func(rune) bool{unicode.IsSpace}, neg: true}, 0, nil
	case 'p', 'P':
		name := ""
		if !p.eof() && p.peek() == '{' {
			end := strings.IndexByte(p.src[p.pos:], '}')
			if end < 0 {
				return nil, 0, fmt.Errorf("unclosed Unicode class")
			}
			name = p.src[p.pos+1 : p.pos+end]
			p.pos += end + 1
		} else if !p.eof() {
			name = string(p.next())
		}
		neg := c == 'P'
		if strings.HasPrefix(name, "^") {
			name, neg = name[1:], !neg
		}
		tab := unicodeTable(name)
		if tab == nil {
			return nil, 0, fmt.Errorf("unknown Unicode class %s", name)
		}
		return &class{preds: []func(rune) bool{func(r rune) bool { return unicode.Is(tab, r) }}, neg: neg}, 0, nil
	case 'n':
		return nil, '\n', nil
	case 't':
		return nil, '\t', nil
	case 'r':
		return nil, '\r', nil
	case 'f':
		return nil, '\f', nil
	case 'v':
		return nil, '\v', nil
	case 'a':
		return nil, '\a', nil
	case '0':
		return nil, 0, nil
	case 'x', 'u', 'U':
		digits := map[rune]int{'x': 2, 'u': 4, 'U': 8}[c]
		var hex string
		if !p.eof() && p.peek() == '{' {
			end := strings.IndexByte(p.src[p.pos:], '}')
			if end < 0 {
				return nil, 0, fmt.Errorf("unclosed hex escape")
			}
			hex = p.src[p.pos+1 : p.pos+end]
			p.pos += end + 1
		} else {
			if p.pos+digits > len(p.src) {
				return nil, 0, fmt.Errorf("incomplete hex escape")
			}
			hex = p.src[p.pos : p.pos+digits]
			p.pos += digits
		}
		v, err := strconv.ParseUint(hex, 16, 32)
		if err != nil || v > unicode.MaxRune {
			return nil, 0, fmt.Errorf("invalid hex escape %s", hex)
		}
		return nil, rune(v), nil
	}
	if c < utf8.RuneSelf && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
		return nil, 0, fmt.Errorf("unrecognized escape sequence \\%c", c)
	}
	return nil, c, nil
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) || unicode.Is(unicode.Pc, r)
}

func unicodeTable(name string) *unicode.RangeTable {
	if t, ok := unicode.Categories[name]; ok {
		return t
	}
	if t, ok := unicode.Scripts[name]; ok {
		return t
	}
	if t, ok := unicode.Properties[name]; ok {
		return t
	}
	switch strings.ToLower(name) {
	case "letter":
		return unicode.L
	case "digit", "decimal_number":
		return unicode.Nd
	}
	return nil
}
