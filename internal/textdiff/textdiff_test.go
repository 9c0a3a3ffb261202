package textdiff

import (
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15"
	b := "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n15\n"
	want := `--- old
+++ new
@@ -1,6 +1,6 @@
 1
 2
-3
+three
 4
 5
 6
@@ -11,5 +11,4 @@
 11
 12
 13
-14
-15
\ No newline at end of file
+15
`
	if got := Unified("old", "new", []byte(a), []byte(b)); got != want {
		t.Errorf("Unified:\n%s\nwant:\n%s", got, want)
	}
	if got := Unified("old", "new", []byte(a), []byte(a)); got != "" {
		t.Errorf("diff of equal texts = %q", got)
	}
	if got := Unified("a", "b", nil, []byte("x\n")); got != "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n" {
		t.Errorf("diff from empty = %q", got)
	}
}

// TestLinesMinimal checks the edit scripts against an LCS: they must
// turn a into b with as few edits as possible.
func TestLinesMinimal(t *testing.T) {
	cases := [][2]string{
		{"abcabba", "cbabac"},
		{"", "abc"},
		{"abc", ""},
		{"xaxbxc", "abc"},
		{"abcdefg", "gfedcba"},
	}
	for _, c := range cases {
		a, b := strings.Split(c[0], ""), strings.Split(c[1], "")
		var gotA, gotB []string
		edits := 0
		for _, l := range Lines(a, b) {
			if l.Op != '+' {
				gotA = append(gotA, l.Text)
			}
			if l.Op != '-' {
				gotB = append(gotB, l.Text)
			}
			if l.Op != ' ' {
				edits++
			}
		}
		if strings.Join(gotA, "") != c[0] || strings.Join(gotB, "") != c[1] {
			t.Errorf("%q → %q: script does not rebuild both sides", c[0], c[1])
		}
		if want := len(a) + len(b) - 2*lcsLen(a, b); edits != want {
			t.Errorf("%q → %q: %d edits, want %d", c[0], c[1], edits, want)
		}
	}
}

func lcsLen(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
