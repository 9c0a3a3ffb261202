package helm

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"akua.dev/akua/kcl/diag"
)

// Error codes of helm.template. They are stable: tools match on the ID.
// The caller attaches the position of the KCL call as a note.
var (
	// TemplateError: a chart template failed to parse or execute, or
	// rendered something that is not YAML. Pos is the template file.
	TemplateError = diag.Code{ID: "E_HELM_TEMPLATE", Title: "HelmTemplateError"}
	// ChartError: the chart cannot be loaded or installed (no chart,
	// no Chart.yaml, bad values.yaml, missing dependency, library chart,
	// incompatible kubeVersion).
	ChartError = diag.Code{ID: "E_HELM_CHART", Title: "HelmChartError"}
	// ValuesError: the values cannot be used: not representable as
	// YAML/JSON, or rejected by the chart's values.schema.json.
	ValuesError = diag.Code{ID: "E_HELM_VALUES", Title: "HelmValuesError"}
	// OptionsError: a bad release name or kubeVersion, or relative paths.
	OptionsError = diag.Code{ID: "E_HELM_OPTIONS", Title: "HelmOptionsError"}
	// Nondeterministic: a template in the output can reach a function
	// that reads the clock, randomness, the environment or the network,
	// or map order (refuse.go).
	Nondeterministic = diag.Code{ID: "E_HELM_NONDETERMINISTIC", Title: "HelmNondeterministic"}
)

// lazyRegexp compiles expr on first use: akua links this package into
// every command, and only renders that use a chart need it.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

func chartErr(file, suggestion, format string, args ...any) *diag.Diagnostic {
	return &diag.Diagnostic{Code: ChartError, Pos: diag.Pos{File: file},
		Message: fmt.Sprintf(format, args...), Suggestion: suggestion}
}

// A tplLoc is one "template: NAME:LINE[:COL]:" location in an error
// text/template produced. Includes nest: the text holds the call site
// of each include, outermost first.
type tplLoc struct {
	name      string
	line, col int
}

// tplLocRE matches the locations text/template writes into parse and
// exec errors: "template: chart/templates/x.yaml:12:5: ...".
var tplLocRE = lazyRegexp(`template: ([^:\n]+):(\d+)(?::(\d+))?: `)

// locations returns the template locations in msg, outermost first. A
// `tpl` call renders a string from values whose lines are not the
// file's, so locations after "error calling tpl" are left out: the
// call of tpl is the last position that points into a file.
func locations(msg string) []tplLoc {
	if i := strings.Index(msg, "error calling tpl: "); i >= 0 {
		msg = msg[:i]
	}
	var out []tplLoc
	for _, m := range tplLocRE().FindAllStringSubmatch(msg, -1) {
		l := tplLoc{name: m[1]}
		l.line, _ = strconv.Atoi(m[2])
		l.col, _ = strconv.Atoi(m[3])
		out = append(out, l)
	}
	return out
}

// warnRE extracts the message of `fail` and `required`, which helm
// wraps in these markers to tell it from text/template's own wording.
// helm's engine strips them from the outermost error; they remain
// when it could not (an error it does not recognise as its own).
var warnRE = lazyRegexp(`HELM_ERR_START((?s).*)HELM_ERR_END`)

// helmErrRE matches the errors helm's engine rewrites: parse errors
// ("parse error at (NAME:LINE): MSG") and fail/required
// ("execution error at (NAME:LINE:COL): MSG"). Other execution errors
// are text/template's, unchanged, with the whole include chain.
var helmErrRE = lazyRegexp(`^(parse|execution) error (?:at|in) \((.*?)\): ((?s).*)$`)

// coreMessage strips text/template's location chain from msg: what is
// left after the last "error calling X: " or location prefix is the
// cause. fail/required messages are returned as the chart wrote them.
func coreMessage(msg string) string {
	if m := warnRE().FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	if i := strings.LastIndex(msg, "error calling "); i >= 0 {
		rest := msg[i+len("error calling "):]
		if j := strings.Index(rest, ": "); j >= 0 && !strings.HasPrefix(rest[j+2:], "template: ") {
			return rest[j+2:]
		}
	}
	if locs := tplLocRE().FindAllStringIndex(msg, -1); len(locs) > 0 {
		return msg[locs[len(locs)-1][1]:]
	}
	return msg
}

// parseLoc reads helm's "NAME:LINE[:COL]" (or just "NAME").
func parseLoc(s string) tplLoc {
	var nums []int // trailing numbers, last first
	for len(nums) < 2 {
		i := strings.LastIndex(s, ":")
		n, err := strconv.Atoi(s[i+1:])
		if i < 0 || err != nil {
			break
		}
		s, nums = s[:i], append(nums, n)
	}
	l := tplLoc{name: s}
	switch len(nums) {
	case 1:
		l.line = nums[0]
	case 2:
		l.line, l.col = nums[1], nums[0]
	}
	return l
}

func (r *run) pos(l tplLoc) diag.Pos {
	return diag.Pos{File: r.src.file(l.name), Line: l.line, Col: l.col}
}

// engineDiag turns an error of helm's engine into a diagnostic
// positioned at the innermost template location it names; the include
// call sites around it become notes.
func (r *run) engineDiag(err error) *diag.Diagnostic {
	msg := err.Error()
	if m := helmErrRE().FindStringSubmatch(msg); m != nil {
		l, core := parseLoc(m[2]), m[3]
		if m[1] == "parse" {
			if d := r.undefinedFuncDiag(l, core); d != nil {
				return d
			}
			return &diag.Diagnostic{Code: TemplateError, Pos: r.pos(l),
				Message:    fmt.Sprintf("%s: parse error: %s", l.name, core),
				Suggestion: "fix the template syntax at the position shown"}
		}
		if d := r.refusedIn(l.name, msg); d != nil {
			return d
		}
		// helm keeps only the outermost location of fail/required: an
		// include site when the call is in a helper.
		return &diag.Diagnostic{Code: TemplateError, Pos: r.pos(l),
			Message:    fmt.Sprintf("%s: %s", l.name, coreMessage(core)),
			Suggestion: "the chart requires a value it did not get: set it in values"}
	}
	locs := locations(msg)
	if len(locs) == 0 {
		return &diag.Diagnostic{Code: TemplateError, Pos: diag.Pos{File: r.opts.Chart},
			Message:    strings.TrimSpace(msg),
			Suggestion: "check the values the chart's templates read (`helm template` fails the same way)"}
	}
	if d := r.refusedIn(locs[0].name, msg); d != nil {
		return d
	}
	inner := locs[len(locs)-1]
	d := &diag.Diagnostic{Code: TemplateError, Pos: r.pos(inner)}
	for i := len(locs) - 2; i >= 0; i-- {
		d.Notes = append(d.Notes, diag.Note{Pos: r.pos(locs[i]), Message: "included from here"})
	}
	core := strings.TrimPrefix(coreMessage(msg), fmt.Sprintf("executing %q ", inner.name))
	d.Message = fmt.Sprintf("%s: %s", inner.name, strings.TrimSpace(core))
	if warnRE().MatchString(msg) {
		d.Suggestion = "the chart requires a value it did not get: set it in values"
	} else {
		d.Suggestion = "check the values this template reads at the position shown (`helm template` fails the same way)"
	}
	return d
}

// undefinedFuncDiag explains the functions helm itself removes from
// the template language: env and expandenv fail at parse time, as in
// `helm template`, but with akua's reason and suggestion.
func (r *run) undefinedFuncDiag(l tplLoc, msg string) *diag.Diagnostic {
	for _, fn := range []string{"env", "expandenv"} {
		if strings.Contains(msg, fmt.Sprintf("function %q not defined", fn)) {
			return &diag.Diagnostic{Code: Nondeterministic, Pos: r.pos(l),
				Message:    fmt.Sprintf("%s: %s reads the environment, which templates may not do (helm removes it too)", l.name, fn),
				Suggestion: "pass the value as an input: set it in the chart's values from package.k"}
		}
	}
	return nil
}

// yamlLineRE finds the line sigs.k8s.io/yaml reports in a parse error.
var yamlLineRE = lazyRegexp(`yaml: line (\d+):`)

// loadDiag turns a chart loader error into a diagnostic. Values files
// and Chart.yaml errors get the file and, when the YAML parser gave
// one, the line.
func loadDiag(chartPath string, err error) *diag.Diagnostic {
	msg := err.Error()
	d := chartErr(chartPath, "check the chart files: `helm lint` reports the same problem", "cannot load chart: %s", msg)
	for _, f := range []string{"Chart.yaml", "values.yaml", "Chart.lock", "requirements.yaml", "requirements.lock"} {
		if !strings.Contains(msg, "cannot load "+f) {
			continue
		}
		if !strings.Contains(msg, "error unpacking subchart") && !strings.HasSuffix(chartPath, ".tgz") {
			d.Pos.File = filepath.Join(chartPath, f)
		}
		if m := yamlLineRE().FindStringSubmatch(msg); m != nil {
			d.Pos.Line, _ = strconv.Atoi(m[1])
		}
		d.Suggestion = "fix the YAML syntax of " + f
	}
	if strings.Contains(msg, "Chart.yaml file is missing") {
		d.Message = "no Chart.yaml in " + chartPath
		d.Suggestion = "point chart at a directory holding Chart.yaml (or a packaged chart .tgz)"
	}
	return d
}
