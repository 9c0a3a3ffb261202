package helm

import (
	"fmt"
	"strings"
	"text/template/parse"

	"akua.dev/akua/kcl/diag"
)

// Functions that would make the output depend on the machine, the
// moment or chance are refused (SPEC §0, §13). helm's engine runs them
// for real, so akua refuses by reachability (analyze.go, walk.go):
// after rendering, each template with a document in the output, and
// every template it can include, is checked for calls of them. For the
// clock, zones and DNS a call in a branch the values did not take counts
// too: the analysis cannot tell. Calls drawing random data are refused
// only when a second render changes a document that reaches them (see
// checkRefused), so an untaken `default (randAlphaNum 16)` passes.
// Templates with no document in the output may call anything: test
// hooks dropped by SkipTests (many charts name test pods with
// randAlphaNum), NOTES.txt, templates that render nothing.
//
// Formatting a given time is deterministic once the process runs in
// UTC (akua's CLI sets time.Local = time.UTC): the date functions are
// allowed when the analysis sees that they are given a time, and
// refused when sprig would read the clock instead.

const (
	whyClock  = "reads the clock"
	whyNoTime = "reads the clock unless given a time (a value from values is a string or a number: " +
		"convert it with toDate, or with int64 for seconds since 1970)"
	whyRandom = "returns random data"
	whyCert   = "generates keys or certificates at random, valid from the current time"
	whySalt   = "hashes with a random salt"
	whyIV     = "encrypts with a random initialisation vector"
	whyDNS    = "looks up DNS (helm template returns \"\" instead)"
	whyZone   = "depends on the machine's time zone database"
	whyOrder  = "returns map entries in random order unless sorted"
)

// refusedFuncs are refused wherever they are called.
var refusedFuncs = map[string]string{
	"now": whyClock, "ago": whyClock,
	"randAlphaNum": whyRandom, "randAlpha": whyRandom, "randAscii": whyRandom, "randNumeric": whyRandom,
	"randBytes": whyRandom, "randInt": whyRandom, "uuidv4": whyRandom, "shuffle": whyRandom,
	"genPrivateKey": whyCert, "genCA": whyCert, "genCAWithKey": whyCert, "genSelfSignedCert": whyCert,
	"genSelfSignedCertWithKey": whyCert, "genSignedCert": whyCert, "genSignedCertWithKey": whyCert,
	"bcrypt": whySalt, "htpasswd": whySalt, "encryptAES": whyIV, "getHostByName": whyDNS,
}

// confirmable are the functions whose only fault is chance and whose
// results are too varied to repeat by accident: renders that reach one
// and come out the same did not use it (see checkRefused). randInt and
// shuffle have few outcomes, so renders could agree by luck: they stay
// refused by reachability.
var confirmable = map[string]bool{
	"randAlphaNum": true, "randAlpha": true, "randAscii": true, "randNumeric": true, "randBytes": true,
	"uuidv4": true, "genPrivateKey": true, "genCA": true, "genCAWithKey": true, "genSelfSignedCert": true,
	"genSelfSignedCertWithKey": true, "genSignedCert": true, "genSignedCertWithKey": true,
	"bcrypt": true, "htpasswd": true, "encryptAES": true,
}

// timeFuncs return a time.Time or an integer, the values the date
// functions format instead of reading the clock.
var timeFuncs = map[string]bool{
	"toDate": true, "mustToDate": true, "dateModify": true, "date_modify": true, "mustDateModify": true,
	"must_date_modify": true, "now": true, "int": true, "int64": true, "atoi": true, "add": true, "add1": true,
	"sub": true, "mul": true, "div": true, "mod": true, "max": true, "min": true, "biggest": true, "len": true,
}

// orderFree are the consumers for which the order of a list does not
// matter: keys and values may feed them unsorted.
var orderFree = map[string]bool{"sortAlpha": true, "len": true, "empty": true, "not": true, "has": true, "mustHas": true, "if": true}

// dateArgs is where the time and the zone are among a date function's
// arguments (the piped value last); -1 when there is no zone.
var dateArgs = map[string][2]int{
	"date": {1, -1}, "htmlDate": {0, -1}, "dateInZone": {1, 2}, "date_in_zone": {1, 2}, "htmlDateInZone": {0, 1},
}

const zoneSuggestion = `write the zone as "UTC", or pass the value as an input: the time formatted outside the render`

const refuseSuggestion = "pass the value as an input: compute it once, outside the render, and set it in the chart's values from package.k"

// check returns a finding when c is a refused call, and follows
// include and tpl into what they run.
func (a *analysis) check(w *walker, c call) *finding {
	if why, ok := refusedFuncs[c.fn]; ok {
		if a.skipRandom && confirmable[c.fn] {
			return nil
		}
		return a.found(w, c.ident, c.fn, why, "")
	}
	if idx, ok := dateArgs[c.fn]; ok {
		if t := idx[0]; t < len(c.args) && !w.isTime(c.args[t], 0) {
			return a.found(w, c.ident, c.fn, whyNoTime, "")
		}
		if z := idx[1]; z >= 0 && z < len(c.args) {
			zone, isConst := constString(c.args[z])
			switch {
			case !isConst:
				return a.found(w, c.ident, c.fn+" with a time zone from a value", whyZone, zoneSuggestion)
			case zone != "" && zone != "UTC" && zone != "Local":
				return a.found(w, c.ident, c.fn+" in zone "+zone, whyZone, zoneSuggestion)
			}
		}
		return nil
	}
	switch c.fn {
	case "durationRound":
		if len(c.args) > 0 && w.isTime(c.args[0], 0) {
			return a.found(w, c.ident, c.fn, whyClock+" when given a time", "")
		}
	case "keys", "values":
		if !orderFree[c.consumer] {
			return a.found(w, c.ident, c.fn, whyOrder,
				"sort the result where it is computed (`"+c.fn+" $map | sortAlpha`), or range over the map itself, which goes in key order")
		}
	case "include":
		if len(c.args) > 0 {
			return a.enter(w.site(c.ident, "included from here"), a.set.targets(c.args[0]))
		}
	case "tpl":
		if len(c.args) > 0 {
			return a.tpl(w, c)
		}
	}
	return nil
}

// isTime reports whether the analysis can see that n is a time or an
// integer. Values from values.yaml never are (they are strings or
// float64 numbers), nor are other constants.
func (w *walker) isTime(n parse.Node, depth int) bool {
	if depth > 8 {
		return false
	}
	switch n := n.(type) {
	case *parse.NumberNode:
		// text/template passes a constant as an int unless it is
		// written as a float.
		return n.IsInt && (!strings.ContainsAny(n.Text, ".eEpP") || strings.HasPrefix(strings.TrimLeft(n.Text, "+-"), "0x"))
	case *parse.IdentifierNode:
		return timeFuncs[n.Ident]
	case *parse.PipeNode:
		return len(n.Cmds) > 0 && w.isTime(n.Cmds[len(n.Cmds)-1], depth+1)
	case *parse.CommandNode:
		if fn := funcName(n); fn != "" {
			return timeFuncs[fn]
		}
		return len(n.Args) == 1 && w.isTime(n.Args[0], depth+1)
	case *parse.VariableNode:
		decls := w.vars[n.Ident[0]]
		if len(n.Ident) != 1 || len(decls) == 0 {
			return false
		}
		for _, d := range decls {
			if d == nil || !w.isTime(d, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

func constString(n parse.Node) (string, bool) {
	s, ok := n.(*parse.StringNode)
	if !ok {
		return "", false
	}
	return s.Text, true
}

// A finding is a refused call.
type finding struct {
	fn, why, suggestion string
	at                  *site
	via                 []*site // the sites that led to it, outermost first
	text                string  // when at is in text tpl renders: where the text comes from
}

func (a *analysis) found(w *walker, n parse.Node, fn, why, suggestion string) *finding {
	f := &finding{fn: fn, why: why, suggestion: suggestion, at: w.site(n, ""),
		via: append([]*site(nil), a.stack...)}
	if w.inText {
		f.text = a.textOrigin
	}
	return f
}

// locOf is the "name:line:col" text/template gives a node.
func locOf(s *site) tplLoc {
	loc, _ := s.tree.ErrorContext(s.node)
	return parseLoc(loc)
}

// refusedDiag positions a finding at the innermost site in a chart
// file: the call itself, or the tpl call that renders the text holding
// it. The sites that led there become notes.
func (r *run) refusedDiag(f *finding) *diag.Diagnostic {
	d := &diag.Diagnostic{Code: Nondeterministic, Suggestion: refuseSuggestion}
	if f.suggestion != "" {
		d.Suggestion = f.suggestion
	}
	sites := append(f.via[:len(f.via):len(f.via)], f.at)
	k := len(sites) - 1
	for k > 0 && sites[k].inText {
		k--
	}
	l := locOf(sites[k])
	d.Pos = r.pos(l)
	d.Message = fmt.Sprintf("%s: %s is not allowed: it %s, so the output would differ between renders", l.name, f.fn, f.why)
	if f.at.inText {
		d.Message += fmt.Sprintf(" (line %d of the text tpl renders here, from %s)", locOf(f.at).line, f.text)
	}
	for i := k - 1; i >= 0; i-- {
		if !sites[i].inText {
			d.Notes = append(d.Notes, diag.Note{Pos: r.pos(locOf(sites[i])), Message: sites[i].note})
		}
	}
	return d
}
