package helm

import (
	"path"
	"sort"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/Masterminds/sprig/v3"

	"helm.sh/helm/v3/pkg/chart"
)

// Static analysis of the chart's templates, for refuse.go. helm's
// engine offers no way to replace a template function, so akua cannot
// stop a call of `now` or `randAlphaNum` as it happens; instead it
// parses the templates again, as helm parses them, and looks at which
// functions the templates in the output can reach.

// parseFuncs has the names of the functions helm's engine defines
// (sprig's text functions without env and expandenv, plus helm's own),
// so the templates parse exactly when helm's do. Parsing only checks
// that a name exists; helm's own functions are stubs here because
// nothing is executed.
var parseFuncs = sync.OnceValue(func() template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	stub := func(...any) (any, error) { return nil, nil }
	for _, name := range helmFuncs {
		f[name] = stub
	}
	return f
})

// helmFuncs are the functions helm's engine adds to sprig's (or
// replaces: toJson, fromJson, fail).
var helmFuncs = []string{
	"toToml", "fromToml", "toYaml", "toYamlPretty", "fromYaml", "fromYamlArray",
	"toJson", "fromJson", "fromJsonArray", "include", "tpl", "required", "fail", "lookup",
}

// A tplSet is the chart's templates parsed into one set, in helm's
// order, so that a name defined twice resolves as in helm.
type tplSet struct {
	t     *template.Template
	files map[string]bool // the names that are template files, not defines
	names []string        // every name in the set, sorted
}

// parseChart parses the templates helm's engine renders for c: every
// template of c and its (enabled) subcharts, named "<chart path>/<file>",
// library charts contributing their partials only.
func parseChart(c *chart.Chart) (*tplSet, error) {
	texts := map[string]string{}
	collectTemplates(c, texts)
	names := make([]string, 0, len(texts))
	for n := range texts {
		names = append(names, n)
	}
	// helm parses deeper paths first, then names in reverse order; a
	// later definition of a name replaces an earlier one.
	sort.Slice(names, func(i, j int) bool {
		a, b := names[i], names[j]
		if ca, cb := strings.Count(a, "/"), strings.Count(b, "/"); ca != cb {
			return ca > cb
		}
		return a > b
	})
	s := &tplSet{t: template.New("gotpl").Funcs(parseFuncs()), files: map[string]bool{}}
	for _, n := range names {
		if _, err := s.t.New(n).Parse(texts[n]); err != nil {
			return nil, err
		}
		s.files[n] = true
	}
	for _, t := range s.t.Templates() {
		s.names = append(s.names, t.Name())
	}
	sort.Strings(s.names)
	return s, nil
}

func collectTemplates(c *chart.Chart, texts map[string]string) {
	for _, d := range c.Dependencies() {
		collectTemplates(d, texts)
	}
	library := strings.EqualFold(c.Metadata.Type, "library")
	for _, t := range c.Templates {
		if t == nil || (library && !strings.HasPrefix(path.Base(t.Name), "_")) {
			continue
		}
		texts[path.Join(c.ChartFullPath(), t.Name)] = string(t.Data)
	}
}

// tree returns the parse tree of the template named name, or nil.
func (s *tplSet) tree(name string) *parse.Tree {
	if t := s.t.Lookup(name); t != nil {
		return t.Tree
	}
	return nil
}

// targets returns the templates an `include` or `template` whose name
// is the node n may execute. A constant names one. A name built with
// print or printf from constants and other values
// (`print $.Template.BasePath "/config.yaml"`) names those matching the
// constant parts. Any other name may be any define.
func (s *tplSet) targets(n parse.Node) []string {
	if str, ok := n.(*parse.StringNode); ok {
		return []string{str.Text}
	}
	var out []string
	pattern, ok := namePattern(n)
	for _, name := range s.names {
		if ok && globMatch(pattern, name) || !ok && !s.files[name] {
			out = append(out, name)
		}
	}
	return out
}

// namePattern turns `print a "b"` or `printf "%s.b" a` into a pattern
// where "*" stands for any text ("*b", "*.b").
func namePattern(n parse.Node) (string, bool) {
	p, ok := n.(*parse.PipeNode)
	if !ok || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) < 2 {
		return "", false
	}
	args := p.Cmds[0].Args
	fn, ok := args[0].(*parse.IdentifierNode)
	if !ok {
		return "", false
	}
	var b strings.Builder
	switch fn.Ident {
	case "print":
		for _, a := range args[1:] {
			if s, ok := a.(*parse.StringNode); ok {
				b.WriteString(s.Text)
			} else {
				b.WriteString("*")
			}
		}
	case "printf":
		format, ok := args[1].(*parse.StringNode)
		if !ok {
			return "", false
		}
		for f := format.Text; f != ""; {
			i := strings.IndexByte(f, '%')
			if i < 0 || i == len(f)-1 {
				b.WriteString(f)
				break
			}
			b.WriteString(f[:i])
			if f[i+1] == '%' {
				b.WriteString("%")
				f = f[i+2:]
				continue
			}
			j := i + 1 // flags, width, precision up to the verb letter
			for j < len(f) && !isLetter(f[j]) {
				j++
			}
			b.WriteString("*")
			f = f[min(j+1, len(f)):]
		}
	default:
		return "", false
	}
	return b.String(), true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// globMatch matches name against a pattern whose only wildcard is "*",
// which matches any text, "/" included.
func globMatch(pattern, name string) bool {
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	name = name[len(parts[0]):]
	last := len(parts) - 1
	for _, p := range parts[1:last] {
		i := strings.Index(name, p)
		if i < 0 {
			return false
		}
		name = name[i+len(p):]
	}
	return last == 0 && name == "" || last > 0 && strings.HasSuffix(name, parts[last])
}
