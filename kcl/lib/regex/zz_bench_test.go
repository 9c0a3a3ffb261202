package regex

import (
	"strings"
	"testing"
)

func BenchmarkFindAllLook(b *testing.B) {
	p, _ := compile(`(?<=a)b`)
	s := strings.Repeat("ab", 10000)
	for i := 0; i < b.N; i++ {
		p.findAll(s, -1)
	}
}
