package diag

// Nearest returns the candidate closest to name by edit distance, or ""
// when none is close enough to be a likely typo (distance at most a
// third of the name's length, and at least one edit allowed).
func Nearest(name string, candidates []string) string {
	best, bestD := "", -1
	limit := len(name)/3 + 1
	for _, c := range candidates {
		if c == name {
			continue
		}
		d := distance(name, c)
		if d <= limit && (bestD < 0 || d < bestD || (d == bestD && c < best)) {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours cost 1,
// so the common typo "nmae" is one edit from "name".
func distance(a, b string) int {
	rows := make([][]int, len(a)+1)
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(a)][len(b)]
}
