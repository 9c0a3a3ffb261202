package syntax

import (
	"strings"
	"testing"
)

func BenchmarkManyStmts(b *testing.B) {
	for _, n := range []int{5000, 50000} {
		src := []byte(strings.Repeat("a = b.c(1, [2], {d: 3})\n", n))
		b.Run(strings.Repeat("x", n/5000), func(b *testing.B) {
			for b.Loop() {
				ParseFile("t.k", src)
			}
		})
	}
}
