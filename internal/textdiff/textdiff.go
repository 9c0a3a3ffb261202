// Package textdiff computes line diffs and prints them as unified
// diffs, for `akua fmt --diff` and the golden tests of `akua test`. It
// is a small Myers diff: texts are short (source files, rendered
// manifests), so simplicity wins over the heuristics of a full diff tool.
package textdiff

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// contextLines is the number of unchanged lines shown around a change.
const contextLines = 3

// maxEdits bounds the work of the line diff; past it the whole file
// is shown as replaced.
const maxEdits = 2000

// A Line is one line of an edit script: Op is ' ' kept, '-' deleted or
// '+' inserted; Text keeps its line terminator, if it has one.
type Line struct {
	Op   byte
	Text string
}

// Unified returns the unified diff (as `diff -u` prints it) that turns
// a into b, labelled from and to in its header; "" when they are equal.
func Unified(from, to string, a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	script := Lines(SplitLines(a), SplitLines(b))
	var w strings.Builder
	fmt.Fprintf(&w, "--- %s\n+++ %s\n", from, to)
	// aAt[i] and bAt[i] are the line numbers (0-based) before script[i].
	aAt, bAt := make([]int, len(script)+1), make([]int, len(script)+1)
	for i, l := range script {
		aAt[i+1], bAt[i+1] = aAt[i], bAt[i]
		if l.Op != '+' {
			aAt[i+1]++
		}
		if l.Op != '-' {
			bAt[i+1]++
		}
	}
	for i := 0; i < len(script); {
		if script[i].Op == ' ' {
			i++
			continue
		}
		// A hunk: changes closer than twice the context go together.
		lo, hi := max(0, i-contextLines), i
		for j := i; j < len(script); {
			if script[j].Op != ' ' {
				j++
				hi = j
				continue
			}
			k := j
			for k < len(script) && script[k].Op == ' ' {
				k++
			}
			if k == len(script) || k-j > 2*contextLines {
				break
			}
			j = k
		}
		hi = min(len(script), hi+contextLines)
		fmt.Fprintf(&w, "@@ -%s +%s @@\n", hunkRange(aAt[lo], aAt[hi]), hunkRange(bAt[lo], bAt[hi]))
		for _, l := range script[lo:hi] {
			w.WriteByte(l.Op)
			w.WriteString(l.Text)
			if !strings.HasSuffix(l.Text, "\n") {
				w.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = hi
	}
	return w.String()
}

// hunkRange returns a hunk header's `start,count` for the 0-based lines
// [from, to).
func hunkRange(from, to int) string {
	if from == to {
		return fmt.Sprintf("%d,0", from)
	}
	return fmt.Sprintf("%d,%d", from+1, to-from)
}

// SplitLines splits text after each newline; the last line may lack one.
func SplitLines(text []byte) []string {
	var lines []string
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n') + 1
		if i == 0 {
			i = len(text)
		}
		lines = append(lines, string(text[:i]))
		text = text[i:]
	}
	return lines
}

// Lines returns a shortest edit script turning a into b (Myers' O(ND)
// algorithm), or, past maxEdits edits, one that deletes all of a and
// inserts all of b.
func Lines(a, b []string) []Line {
	// Common prefix and suffix need no search.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var script []Line
	for _, l := range a[:pre] {
		script = append(script, Line{' ', l})
	}
	mid, ok := myers(a[pre:len(a)-suf], b[pre:len(b)-suf])
	if !ok {
		mid = mid[:0]
		for _, l := range a[pre : len(a)-suf] {
			mid = append(mid, Line{'-', l})
		}
		for _, l := range b[pre : len(b)-suf] {
			mid = append(mid, Line{'+', l})
		}
	}
	script = append(script, mid...)
	for _, l := range a[len(a)-suf:] {
		script = append(script, Line{' ', l})
	}
	return script
}

// myers returns a shortest edit script turning a into b, and false when
// it needs more than maxEdits edits.
func myers(a, b []string) ([]Line, bool) {
	n, m := len(a), len(b)
	// v[off+k] is the furthest x reached on diagonal k = x - y; trace[d]
	// keeps v[off-d : off+d+1] after step d, for the way back.
	off := min(n+m, maxEdits) + 1
	v := make([]int, 2*off+1)
	var trace [][]int
	d := 0
	for ; ; d++ {
		if d > maxEdits {
			return nil, false
		}
		done := false
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				done = true
				break
			}
		}
		trace = append(trace, slices.Clone(v[off-d:off+d+1]))
		if done {
			break
		}
	}
	// Walk back from (n, m), collecting the script in reverse.
	var rev []Line
	x, y := n, m
	for ; d > 0; d-- {
		prev := trace[d-1] // diagonals -(d-1)..d-1
		at := func(k int) int { return prev[k+d-1] }
		k := x - y
		var pk int
		if k == -d || k != d && at(k-1) < at(k+1) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		for x > px && y > py {
			x, y = x-1, y-1
			rev = append(rev, Line{' ', a[x]})
		}
		if x == px {
			y--
			rev = append(rev, Line{'+', b[y]})
		} else {
			x--
			rev = append(rev, Line{'-', a[x]})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, Line{' ', a[x]})
	}
	slices.Reverse(rev)
	return rev, true
}
