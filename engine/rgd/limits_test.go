package rgd

// Hostile expressions stop with E_RGD_LIMIT, quickly, instead of
// hanging: cel-go's per-expression cost limit, the guards on calls it
// would only charge after they return, and the budget shared by all
// expressions of one instantiation.

import (
	"strings"
	"testing"
	"time"
)

func TestCostBombsStop(t *testing.T) {
	digits := "[0,1,2,3,4,5,6,7,8,9]"
	nested := digits + ".map(a, " + digits + ".map(b, " + digits + ".map(c, " + digits + ".map(d, " + digits + ".map(e, " + digits + ".map(f, a))))))"
	// doubling builds a list of 10^9 items for a few concatenations.
	doubling := "cel.bind(a, lists.range(1000), cel.bind(b, a+a+a+a+a+a+a+a+a+a, cel.bind(c, b+b+b+b+b+b+b+b+b+b, cel.bind(d, c+c+c+c+c+c+c+c+c+c, cel.bind(e, d+d+d+d+d+d+d+d+d+d, cel.bind(f, e+e+e+e+e+e+e+e+e+e, f))))))"
	// sharing: c holds a million references to one list of 1000 strings.
	sharing := `cel.bind(a, lists.range(1000).map(i, "xxxxxxxxxx"), cel.bind(b, lists.range(1000).map(i, a), cel.bind(c, lists.range(1000).map(i, b), %s)))`
	// s is a 100k-character string built cheaply by doubling.
	str := `cel.bind(s0, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", cel.bind(s1, s0+s0+s0+s0+s0+s0+s0+s0+s0+s0, cel.bind(s2, s1+s1+s1+s1+s1+s1+s1+s1+s1+s1, cel.bind(s, s2+s2+s2+s2+s2+s2+s2+s2+s2+s2, %s))))`
	for _, tc := range []struct{ name, expr, msg string }{
		{"nested comprehensions", nested + ".size()", "actual cost limit exceeded (limit 1000000 per expression)"},
		{"list doubling", doubling + ".size()", "actual cost limit exceeded"},
		{"quadratic distinct()", "lists.range(50000).distinct().size()", "actual cost limit exceeded by distinct()"},
		{"flatten() over shared lists", strings.Replace(sharing, "%s", "c.flatten().flatten().size()", 1), "actual cost limit exceeded by flatten()"},
		{"equality over shared lists", strings.Replace(sharing, "%s", "c == c", 1), "actual cost limit exceeded by _==_()"},
		{"format() over shared lists", strings.Replace(sharing, "%s", `"%s".format([c]).size()`, 1), "actual cost limit exceeded by format()"},
		{"json.marshal over shared lists", strings.Replace(sharing, "%s", "json.marshal(c).size()", 1), "json.marshal: the value is too large to encode"},
		{"a shared value as output", strings.Replace(sharing, "%s", "c", 1), "gives a value too large for a manifest"},
		{"replace() with an empty pattern", strings.Replace(str, "%s", `s.replace("", s).size()`, 1), "actual cost limit exceeded by replace()"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := renderValue(t, "'${"+tc.expr+"}'")
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("took %v to stop", took)
			}
			if err == nil {
				t.Fatal("no error")
			}
			d := firstDiag(t, err)
			if d.Code != CodeLimit || !strings.Contains(d.Message, tc.msg) {
				t.Errorf("got %s %q, want %q", d.Code.ID, d.Message, tc.msg)
			}
		})
	}
}

func TestTotalBudget(t *testing.T) {
	var res strings.Builder
	for i := 0; i < 12; i++ {
		res.WriteString(cm(string(rune('a'+i)), "${string(lists.range(900000).size())}"))
	}
	_, err := ids(t, res.String(), "{}")
	if err == nil {
		t.Fatal("no error")
	}
	d := firstDiag(t, err)
	if d.Code != CodeLimit || d.Path != "spec.resources[11].template.data.v" || !strings.Contains(d.Message, "used up its CEL budget of 10000000") {
		t.Errorf("got %s %s %q", d.Code.ID, d.Path, d.Message)
	}
	// The same work split in fewer resources fits.
	if _, err := ids(t, cm("a", "${string(lists.range(900000).size())}"), "{}"); err != nil {
		t.Fatal(err)
	}
}
