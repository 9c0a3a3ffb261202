package regex

// This file holds the backtracking matcher for the trees of syntax.go.
// It explores alternatives depth first with continuations, so that
// look-around, backreferences and atomic groups are direct; a step
// budget and a depth cap bound its work on hostile patterns, as
// fancy-regex's backtrack limit does.

import (
	"errors"
	"unicode"
	"unicode/utf8"
)

const (
	maxSteps = 1_000_000
	maxDepth = 100_000
)

var errLimit = errors.New("regex: backtracking limit exceeded")

// A backtracker is a compiled pattern of the backtracking engine.
type backtracker struct {
	root   *node
	ngroup int
	names  []string
}

func compileBacktrack(pattern string) (*backtracker, error) {
	n, ng, names, err := parse(pattern)
	if err != nil {
		return nil, err
	}
	return &backtracker{root: n, ngroup: ng, names: names}, nil
}

type machine struct {
	in    string
	caps  []int
	steps int
	depth int
}

type limitPanic struct{}

// findAt returns the capture positions of the leftmost match starting
// at or after start, or nil.
func (b *backtracker) findAt(s string, start int) (caps []int, err error) {
	m := &machine{in: s, caps: make([]int, 2*(b.ngroup+1))}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(limitPanic); ok {
				caps, err = nil, errLimit
				return
			}
			panic(r)
		}
	}()
	for i := start; i <= len(s); {
		for j := range m.caps {
			m.caps[j] = -1
		}
		end := -1
		if m.match(b.root, i, func(j int) bool { end = j; return true }) {
			m.caps[0], m.caps[1] = i, end
			return m.caps, nil
		}
		if i == len(s) {
			break
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return nil, nil
}

func (m *machine) match(n *node, i int, k func(int) bool) bool {
	m.steps++
	m.depth++
	if m.steps > maxSteps || m.depth > maxDepth {
		panic(limitPanic{})
	}
	ok := m.match1(n, i, k)
	m.depth--
	return ok
}

func (m *machine) match1(n *node, i int, k func(int) bool) bool {
	s := m.in
	switch n.kind {
	case nEmpty:
		return k(i)
	case nLit:
		if i >= len(s) {
			return false
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == n.r || n.fold && equalFold(r, n.r) {
			return k(i + w)
		}
		return false
	case nAny:
		if i >= len(s) {
			return false
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '\n' && !n.nl {
			return false
		}
		return k(i + w)
	case nClass:
		if i >= len(s) {
			return false
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if n.cls.has(r, n.fold) {
			return k(i + w)
		}
		return false
	case nBegText:
		return i == 0 && k(i)
	case nEndText:
		return i == len(s) && k(i)
	case nBegLine:
		return (i == 0 || s[i-1] == '\n') && k(i)
	case nEndLine:
		return (i == len(s) || s[i] == '\n') && k(i)
	case nWordB, nNotWordB:
		at := m.wordAt(i-1, true) != m.wordAt(i, false)
		return at == (n.kind == nWordB) && k(i)
	case nConcat:
		return m.seq(n.subs, 0, i, k)
	case nAlt:
		for _, a := range n.subs {
			if m.match(a, i, k) {
				return true
			}
		}
		return false
	case nGroup:
		if n.idx < 0 {
			return m.match(n.subs[0], i, k)
		}
		g := 2 * n.idx
		oldStart, oldEnd := m.caps[g], m.caps[g+1]
		m.caps[g] = i
		if m.match(n.subs[0], i, func(j int) bool {
			prevEnd := m.caps[g+1]
			m.caps[g+1] = j
			if k(j) {
				return true
			}
			m.caps[g+1] = prevEnd
			return false
		}) {
			return true
		}
		m.caps[g], m.caps[g+1] = oldStart, oldEnd
		return false
	case nRepeat:
		if n.poss {
			return m.atomic(&node{kind: nRepeat, subs: n.subs, min: n.min, max: n.max}, i, k)
		}
		return m.repeat(n, 0, i, k)
	case nAtomic:
		return m.atomic(n.subs[0], i, k)
	case nLook:
		saved := append([]int(nil), m.caps...)
		var ok bool
		if n.back {
			ok = m.behind(n.subs[0], i)
		} else {
			ok = m.match(n.subs[0], i, func(int) bool { return true })
		}
		if ok == n.neg {
			copy(m.caps, saved)
			return false
		}
		if n.neg {
			copy(m.caps, saved)
		}
		if k(i) {
			return true
		}
		copy(m.caps, saved)
		return false
	case nBackref:
		g := 2 * n.idx
		if g+1 >= len(m.caps) || m.caps[g] < 0 || m.caps[g+1] < 0 {
			return false
		}
		ref := s[m.caps[g]:m.caps[g+1]]
		j := i
		for _, r := range ref {
			if j >= len(s) {
				return false
			}
			r2, w := utf8.DecodeRuneInString(s[j:])
			if r2 != r && !(n.fold && equalFold(r, r2)) {
				return false
			}
			j += w
		}
		return k(j)
	}
	return false
}

func (m *machine) seq(subs []*node, at, i int, k func(int) bool) bool {
	if at == len(subs) {
		return k(i)
	}
	return m.match(subs[at], i, func(j int) bool { return m.seq(subs, at+1, j, k) })
}

func (m *machine) repeat(n *node, count, i int, k func(int) bool) bool {
	more := func() bool {
		if n.max >= 0 && count >= n.max {
			return false
		}
		return m.match(n.subs[0], i, func(j int) bool {
			if j == i && count >= n.min {
				return false // an empty iteration past the minimum cannot help
			}
			return m.repeat(n, count+1, j, k)
		})
	}
	if n.lazy {
		if count >= n.min && k(i) {
			return true
		}
		return more()
	}
	if more() {
		return true
	}
	return count >= n.min && k(i)
}

// atomic matches n once, its first way, without backtracking into it.
func (m *machine) atomic(n *node, i int, k func(int) bool) bool {
	saved := append([]int(nil), m.caps...)
	end := -1
	if !m.match(n, i, func(j int) bool { end = j; return true }) {
		return false
	}
	if k(end) {
		return true
	}
	copy(m.caps, saved)
	return false
}

// behind reports whether n matches a substring ending at i. A
// fixed-width n (the usual look-behind, and all fancy-regex accepts) is
// tried at one start only; others at every start before i.
func (m *machine) behind(n *node, i int) bool {
	if w, ok := width(n); ok {
		start := i
		for ; w > 0 && start > 0; w-- {
			_, size := utf8.DecodeLastRuneInString(m.in[:start])
			start -= size
		}
		return w == 0 && m.match(n, start, func(j int) bool { return j == i })
	}
	for start := i; start >= 0; start-- {
		if start < len(m.in) && start > 0 && !utf8.RuneStart(m.in[start]) {
			continue
		}
		if m.match(n, start, func(j int) bool { return j == i }) {
			return true
		}
	}
	return false
}

// wordAt reports whether the rune ending (before) or starting at i is
// a word character.
func (m *machine) wordAt(i int, before bool) bool {
	if before {
		if i+1 <= 0 {
			return false
		}
		r, _ := utf8.DecodeLastRuneInString(m.in[:i+1])
		return isWord(r)
	}
	if i >= len(m.in) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(m.in[i:])
	return isWord(r)
}

func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

// width returns the number of runes every match of n spans, when it is
// fixed.
func width(n *node) (int, bool) {
	switch n.kind {
	case nLit, nAny, nClass:
		return 1, true
	case nBegText, nEndText, nBegLine, nEndLine, nWordB, nNotWordB, nLook, nEmpty:
		return 0, true
	case nGroup, nAtomic:
		return width(n.subs[0])
	case nConcat:
		total := 0
		for _, s := range n.subs {
			w, ok := width(s)
			if !ok {
				return 0, false
			}
			total += w
		}
		return total, true
	case nAlt:
		first := -1
		for _, s := range n.subs {
			w, ok := width(s)
			if !ok || first >= 0 && w != first {
				return 0, false
			}
			first = w
		}
		return first, true
	case nRepeat:
		if n.min != n.max {
			return 0, false
		}
		w, ok := width(n.subs[0])
		return w * n.min, ok
	}
	return 0, false
}
