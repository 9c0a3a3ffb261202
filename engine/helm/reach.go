package helm

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"

	"akua.dev/akua/kcl/diag"
)

// What the templates in the output can reach: the driver of the
// static analysis (refuse.go has the rules, walk.go the walk).

// analysis is the state of one check over a parsed chart.
type analysis struct {
	set        *tplSet
	clean      map[string]bool // templates checked, with all they reach, and found clean
	active     map[string]bool // templates being checked (recursive includes)
	stack      []*site         // the sites that led to the tree being walked
	values     chartutil.Values
	chart      *chart.Chart
	texts      []*tplText // candidate texts of a tpl call, gathered on first need
	textOrigin string     // where the tpl text being walked comes from
	// skipRandom leaves out the functions whose only fault is chance
	// (random data, keys, salts): checkRefused confirms those by
	// rendering twice.
	skipRandom bool
}

func (r *run) newAnalysis() (*analysis, error) {
	set, err := parseChart(r.chart)
	if err != nil {
		return nil, err
	}
	vals, _ := r.top["Values"].(chartutil.Values)
	return &analysis{set: set, clean: map[string]bool{}, active: map[string]bool{}, values: vals, chart: r.chart}, nil
}

// confirmRenders is how many more renders confirm that random data did
// not reach the output.
const confirmRenders = 2

// checkRefused fails when a template with a document in docs reaches
// a refused function. Functions reading the clock, the zone database or
// DNS are refused wherever they are reachable. Those that only draw
// random data are confirmed: the chart is rendered a second time, and
// such a call is refused only when a document reaching it comes out
// different — so `.Values.password | default (randAlphaNum 16)` passes
// when the password is given and is refused when it is not.
func (r *run) checkRefused(docs []Document) error {
	static, err := r.newAnalysis()
	if err != nil {
		// helm parsed the same templates with the same function names.
		return &diag.Diagnostic{Code: diag.InternalError, Pos: diag.Pos{File: r.opts.Chart},
			Message:    "cannot analyse the chart's templates: " + err.Error(),
			Suggestion: "this is a bug in akua: please report it with the chart"}
	}
	static.skipRandom = true
	for _, d := range docs {
		if f := static.enter(nil, []string{d.Source}); f != nil {
			return r.refusedDiag(f)
		}
	}
	full, _ := r.newAnalysis()
	var reached []*finding // by document index
	for _, d := range docs {
		reached = append(reached, full.enter(nil, []string{d.Source}))
	}
	// Renders that reach random data and agree were not changed by it.
	// Short results can agree by luck (randNumeric 1 one time in ten),
	// so up to confirmRenders more renders are compared.
	for n := 0; n < confirmRenders; n++ {
		var again []Document
		for i, f := range reached {
			if f == nil {
				continue
			}
			if again == nil {
				if again, err = r.render(); err != nil || len(again) != len(docs) {
					return r.refusedDiag(f)
				}
			}
			if again[i].Source != docs[i].Source || string(again[i].YAML) != string(docs[i].YAML) {
				return r.refusedDiag(f)
			}
		}
		if again == nil {
			break // nothing reaches random data
		}
	}
	return nil
}

// refusedIn returns the refusal in template name, if it reaches a
// refused function: when rendering it failed (cause), the refused
// value may be the reason, and the refusal is the problem to fix first.
func (r *run) refusedIn(name, cause string) *diag.Diagnostic {
	a, err := r.newAnalysis()
	if err != nil {
		return nil
	}
	f := a.enter(nil, []string{name})
	if f == nil {
		return nil
	}
	d := r.refusedDiag(f)
	cause, _, _ = strings.Cut(cause, "\n")
	d.Notes = append(d.Notes, diag.Note{Pos: diag.Pos{File: r.src.file(name)},
		Message: "rendering this template also failed: " + cause})
	return d
}

// enter checks the templates names, run from site at (nil for a
// template in the output), and returns the first refusal found.
func (a *analysis) enter(at *site, names []string) *finding {
	for _, name := range names {
		tree := a.set.tree(name)
		if tree == nil || a.clean[name] || a.active[name] {
			continue
		}
		a.active[name] = true
		if at != nil {
			a.stack = append(a.stack, at)
		}
		f := newWalker(a, tree, false).node(tree.Root)
		if at != nil {
			a.stack = a.stack[:len(a.stack)-1]
		}
		delete(a.active, name)
		if f != nil {
			return f
		}
		a.clean[name] = true
	}
	return nil
}

// A tplText is text a tpl call may render.
type tplText struct {
	origin, text string
	trees        []*parse.Tree // nil until parsed, or when it does not parse
	parsed       bool
}

// tpl checks what a tpl call can render: its text when it is a
// constant, else every string of the values and every chart file that
// holds "{{" and parses as a template. The analysis cannot tell which
// one the call gets, so it assumes any.
func (a *analysis) tpl(w *walker, c call) *finding {
	if w.inText {
		return nil // already walking every candidate text
	}
	texts := a.candidateTexts()
	if s, ok := constString(c.args[0]); ok {
		texts = []*tplText{{origin: "the string given to tpl", text: s}}
	}
	for _, t := range texts {
		if !t.parsed {
			t.parsed, t.trees = true, parseText(t.origin, t.text)
		}
		a.stack = append(a.stack, w.site(c.ident, "tpl renders text from "+t.origin+" here"))
		a.textOrigin = t.origin
		var f *finding
		for _, tree := range t.trees {
			if f = newWalker(a, tree, true).node(tree.Root); f != nil {
				break
			}
		}
		a.stack = a.stack[:len(a.stack)-1]
		if f != nil {
			return f
		}
	}
	return nil
}

// parseText parses text as tpl does, returning its trees in name order,
// or nil when it is not a template (tpl would fail on it).
func parseText(origin, text string) []*parse.Tree {
	t, err := template.New(origin).Funcs(parseFuncs()).Parse(text)
	if err != nil {
		return nil
	}
	var trees []*parse.Tree
	tmpls := t.Templates()
	sort.Slice(tmpls, func(i, j int) bool { return tmpls[i].Name() < tmpls[j].Name() })
	for _, x := range tmpls {
		if x.Tree != nil {
			trees = append(trees, x.Tree)
		}
	}
	return trees
}

func (a *analysis) candidateTexts() []*tplText {
	if a.texts == nil {
		a.texts = []*tplText{}
		a.valueTexts(map[string]any(a.values), "values")
		a.fileTexts(a.chart)
	}
	return a.texts
}

// valueTexts gathers the strings holding "{{" in v, in key order.
func (a *analysis) valueTexts(v any, at string) {
	switch x := v.(type) {
	case chartutil.Values:
		a.valueTexts(map[string]any(x), at)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			a.valueTexts(x[k], at+"."+k)
		}
	case []any:
		for i, e := range x {
			a.valueTexts(e, fmt.Sprintf("%s[%d]", at, i))
		}
	case string:
		if strings.Contains(x, "{{") {
			a.texts = append(a.texts, &tplText{origin: at, text: x})
		}
	}
}

// fileTexts gathers the chart files (not templates) holding "{{":
// `tpl (.Files.Get "conf/app.ini") .` renders one.
func (a *analysis) fileTexts(c *chart.Chart) {
	for _, f := range c.Files {
		if f != nil && strings.Contains(string(f.Data), "{{") {
			a.texts = append(a.texts, &tplText{origin: "file " + path.Join(c.ChartFullPath(), f.Name), text: string(f.Data)})
		}
	}
	for _, d := range c.Dependencies() {
		a.fileTexts(d)
	}
}
