// Package regex is KCL's regex system module
// (reference/kcl-docs/model/regex.md; upstream
// kclvm/runtime/src/regex): match, search, findall, replace, split and
// compile.
//
// Upstream uses fancy-regex: Rust's regex syntax with look-around and
// backreferences. Patterns Go's regexp (RE2, linear time) accepts run
// there; the others (look-around, backreferences, atomic groups,
// possessive or large counted repetitions) run on the bounded
// backtracking engine of syntax.go and backtrack.go.
package regex

import (
	"regexp"
	"strings"
	"sync"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("regex", New) }

// New returns the regex module.
func New() *eval.Module {
	return libkit.Module("regex", libkit.Funcs(map[string]eval.BuiltinFunc{
		"match":   match,
		"search":  search,
		"findall": findall,
		"replace": replace,
		"split":   split,
		"compile": compileFn,
	}), nil)
}

// A pattern is a compiled regular expression of either engine.
type pattern struct {
	re *regexp.Regexp
	bt *backtracker
}

func (p *pattern) numSubexp() int {
	if p.re != nil {
		return p.re.NumSubexp()
	}
	return p.bt.ngroup
}

func (p *pattern) names() []string {
	if p.re != nil {
		return p.re.SubexpNames()
	}
	return p.bt.names
}

// findAll returns the submatch positions of up to n (all when n < 0)
// successive non-overlapping matches; an empty match right after the
// previous match is skipped, as Go's regexp does.
func (p *pattern) findAll(s string, n int) ([][]int, error) {
	if p.re != nil {
		return p.re.FindAllStringSubmatchIndex(s, n), nil
	}
	var out [][]int
	prevEnd := -1
	for pos := 0; pos <= len(s) && (n < 0 || len(out) < n); {
		caps, err := p.bt.findAt(s, pos)
		if err != nil {
			return nil, err
		}
		if caps == nil {
			break
		}
		if caps[1] == caps[0] && caps[0] == prevEnd {
			// Skip an empty match abutting the previous one.
			if caps[0] >= len(s) {
				break
			}
			pos = caps[0] + runeLen(s, caps[0])
			continue
		}
		out = append(out, append([]int(nil), caps...))
		prevEnd = caps[1]
		if caps[1] > caps[0] {
			pos = caps[1]
		} else if caps[1] < len(s) {
			pos = caps[1] + runeLen(s, caps[1])
		} else {
			break
		}
	}
	return out, nil
}

func runeLen(s string, i int) int {
	for j := i + 1; j <= len(s); j++ {
		if j == len(s) || s[j]&0xc0 != 0x80 {
			return j - i
		}
	}
	return 1
}

// isMatch reports whether s holds a match.
func (p *pattern) isMatch(s string) (bool, error) {
	if p.re != nil {
		return p.re.MatchString(s), nil
	}
	caps, err := p.bt.findAt(s, 0)
	return caps != nil, err
}

var cache = struct {
	sync.Mutex
	m map[string]*pattern
}{m: map[string]*pattern{}}

const cacheSize = 256

// compile compiles pattern with Go's regexp, or the backtracking
// engine when regexp refuses it.
func compile(expr string) (*pattern, error) {
	cache.Lock()
	p, ok := cache.m[expr]
	cache.Unlock()
	if ok {
		return p, nil
	}
	if re, err := regexp.Compile(expr); err == nil {
		p = &pattern{re: re}
	} else {
		bt, err2 := compileBacktrack(expr)
		if err2 != nil {
			return nil, err2
		}
		p = &pattern{bt: bt}
	}
	cache.Lock()
	if len(cache.m) >= cacheSize {
		cache.m = map[string]*pattern{}
	}
	cache.m[expr] = p
	cache.Unlock()
	return p, nil
}

func compileArg(fname, expr string) (*pattern, error) {
	p, err := compile(expr)
	if err != nil {
		return nil, eval.Errorf(eval.ErrValue, "%s(): invalid regular expression %q: %v", fname, expr, err)
	}
	return p, nil
}

func limitError(fname string, err error) error {
	return eval.Errorf(eval.ErrEval, "%s(): %v", fname, err)
}

// match(string: str, pattern: str) -> bool reports whether string holds
// a match of pattern (anchor it with ^ to match at the start only;
// upstream matches anywhere, as search does). A pattern that exceeds
// the backtracking limit does not match, as upstream.
func match(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	return matchLike("match", args)
}

// search(string: str, pattern: str) -> bool reports whether string
// holds a match of pattern.
func search(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	return matchLike("search", args)
}

func matchLike(fname string, args *eval.Args) (eval.Value, error) {
	var s, expr string
	if err := eval.UnpackArgs(fname, args, "string", &s, "pattern", &expr); err != nil {
		return nil, err
	}
	p, err := compileArg(fname, expr)
	if err != nil {
		return nil, err
	}
	ok, err := p.isMatch(s)
	return eval.Bool(ok && err == nil), nil
}

// compile(pattern: str) -> bool reports whether pattern is a valid
// regular expression.
func compileFn(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var expr string
	if err := eval.UnpackArgs("compile", args, "pattern", &expr); err != nil {
		return nil, err
	}
	_, err := compile(expr)
	return eval.Bool(err == nil), nil
}

// findall(string: str, pattern: str) -> [str] lists the non-overlapping
// matches: the whole match when pattern has at most one group, else a
// list of the groups' texts ("" for a group that did not take part).
func findall(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var s, expr string
	if err := eval.UnpackArgs("findall", args, "string", &s, "pattern", &expr); err != nil {
		return nil, err
	}
	p, err := compileArg("findall", expr)
	if err != nil {
		return nil, err
	}
	ms, err := p.findAll(s, -1)
	if err != nil {
		return nil, limitError("findall", err)
	}
	groups := p.numSubexp() + 1
	out := make([]eval.Value, len(ms))
	for i, m := range ms {
		if groups < 3 {
			out[i] = eval.Str(s[m[0]:m[1]])
			continue
		}
		sub := make([]eval.Value, groups-1)
		for g := 1; g < groups; g++ {
			sub[g-1] = eval.Str(group(s, m, g))
		}
		out[i] = eval.NewList(sub)
	}
	return eval.NewList(out), nil
}

func group(s string, m []int, g int) string {
	if 2*g+1 >= len(m) || m[2*g] < 0 {
		return ""
	}
	return s[m[2*g]:m[2*g+1]]
}

// replace(string: str, pattern: str, replace: str, count: int = 0) ->
// str replaces the first count matches (all when count is 0); replace
// may refer to groups as $1, ${1}, $name or ${name}, and writes $ as $$.
func replace(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var s, expr, repl string
	var count int
	if err := eval.UnpackArgs("replace", args, "string", &s, "pattern", &expr, "replace", &repl, "count?", &count); err != nil {
		return nil, err
	}
	p, err := compileArg("replace", expr)
	if err != nil {
		return nil, err
	}
	n := -1
	if count > 0 {
		n = count
	}
	ms, err := p.findAll(s, n)
	if err != nil {
		return nil, limitError("replace", err)
	}
	var b strings.Builder
	last := 0
	names := p.names()
	for _, m := range ms {
		b.WriteString(s[last:m[0]])
		expand(&b, repl, s, m, names)
		last = m[1]
	}
	b.WriteString(s[last:])
	return eval.Str(b.String()), nil
}

// expand writes template with its group references replaced, as Rust's
// regex (and Go's Regexp.Expand) do: $name is the longest run of
// letters, digits and underscores; ${name} is delimited; $$ is $.
func expand(b *strings.Builder, template, s string, m []int, names []string) {
	for len(template) > 0 {
		i := strings.IndexByte(template, '$')
		if i < 0 {
			b.WriteString(template)
			return
		}
		b.WriteString(template[:i])
		template = template[i+1:]
		if strings.HasPrefix(template, "$") {
			b.WriteByte('$')
			template = template[1:]
			continue
		}
		var name string
		if strings.HasPrefix(template, "{") {
			end := strings.IndexByte(template, '}')
			if end < 0 {
				b.WriteByte('$')
				continue
			}
			name, template = template[1:end], template[end+1:]
		} else {
			j := 0
			for j < len(template) && (template[j] == '_' || template[j] >= '0' && template[j] <= '9' ||
				template[j] >= 'a' && template[j] <= 'z' || template[j] >= 'A' && template[j] <= 'Z') {
				j++
			}
			if j == 0 {
				b.WriteByte('$')
				continue
			}
			name, template = template[:j], template[j:]
		}
		g := -1
		if n, ok := atoi(name); ok {
			g = n
		} else {
			for k, nm := range names {
				if nm == name {
					g = k
					break
				}
			}
		}
		if g >= 0 {
			b.WriteString(group(s, m, g))
		}
	}
}

func atoi(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// split(string: str, pattern: str, maxsplit: int = 0) -> [str] splits
// string at the matches of pattern, at most maxsplit times when it is
// positive (the rest is the last element).
func split(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var s, expr string
	var maxsplit int
	if err := eval.UnpackArgs("split", args, "string", &s, "pattern", &expr, "maxsplit?", &maxsplit); err != nil {
		return nil, err
	}
	p, err := compileArg("split", expr)
	if err != nil {
		return nil, err
	}
	n := -1
	if maxsplit > 0 {
		n = maxsplit
	}
	ms, err := p.findAll(s, n)
	if err != nil {
		return nil, limitError("split", err)
	}
	var out []eval.Value
	last := 0
	for _, m := range ms {
		out = append(out, eval.Str(s[last:m[0]]))
		last = m[1]
	}
	out = append(out, eval.Str(s[last:]))
	return eval.NewList(out), nil
}
