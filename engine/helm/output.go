package helm

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"helm.sh/helm/v3/pkg/release"
	"helm.sh/helm/v3/pkg/releaseutil"

	"akua.dev/akua/kcl/diag"
)

// documents orders the rendered templates as `helm template` prints
// them (action's renderResources, then the template command): the
// chart's crds/ files first with IncludeCRDs, then the manifests sorted
// by releaseutil in helm's install order, then the hooks, sorted the
// same way, without test hooks under SkipTests. releaseutil drops
// partials, empty documents and hooks of unknown type.
func (r *run) documents(rendered map[string]string) ([]Document, error) {
	hooks, manifests, err := releaseutil.SortManifests(rendered, nil, releaseutil.InstallOrder)
	if err != nil {
		return nil, r.yamlDiag(err)
	}
	var docs []Document
	if r.opts.IncludeCRDs {
		for _, crd := range r.chart.CRDObjects() {
			// helm prints a crds/ file whole; akua returns each of its
			// documents. helm joins the name with the OS separator;
			// akua prints '/' everywhere.
			source := filepath.ToSlash(crd.Filename)
			for _, d := range splitDocuments(string(crd.File.Data)) {
				docs = append(docs, newDocument(source, d))
			}
		}
	}
	for _, m := range manifests {
		docs = append(docs, newDocument(m.Name, m.Content))
	}
	for _, h := range hooks {
		if r.opts.SkipTests && isTestHook(h) {
			continue
		}
		docs = append(docs, newDocument(h.Path, h.Manifest))
	}
	return docs, nil
}

// isTestHook is the `helm template --skip-tests` rule: a hook with the
// test event (test-success is read as test by releaseutil).
func isTestHook(h *release.Hook) bool {
	for _, e := range h.Events {
		if e == release.HookTest {
			return true
		}
	}
	return false
}

// splitDocuments splits a YAML stream into its non-empty documents,
// trimmed, in order: releaseutil.SplitManifests, whose result is a map
// keyed "manifest-N".
func splitDocuments(s string) []string {
	m := releaseutil.SplitManifests(s)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Sort(releaseutil.BySplitManifestsOrder(keys))
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// leadingSepRE matches document separators at the start of a document:
// helm's split leaves one on a document that followed "---\n---".
var leadingSepRE = lazyRegexp(`^(---(\s+|$))+`)

func newDocument(source, content string) Document {
	return Document{Source: source, YAML: []byte(leadingSepRE().ReplaceAllString(content, "") + "\n")}
}

// yamlDiag reports a rendered template that is not YAML, from
// releaseutil's "YAML parse error on NAME: CAUSE". When the template
// reaches a refused function, the refusal is reported instead: the
// random or clock value may be what broke the YAML.
func (r *run) yamlDiag(err error) error {
	msg := err.Error()
	rest, ok := strings.CutPrefix(msg, "YAML parse error on ")
	if !ok {
		return &diag.Diagnostic{Code: TemplateError, Pos: diag.Pos{File: r.opts.Chart}, Message: msg}
	}
	name, cause, _ := strings.Cut(rest, ": ")
	if d := r.refusedIn(name, msg); d != nil {
		return d
	}
	return &diag.Diagnostic{Code: TemplateError, Pos: diag.Pos{File: r.src.file(name)},
		Message:    fmt.Sprintf("%s renders invalid YAML: %s", name, cause),
		Suggestion: "the line is counted in the rendered document, not the template: check indent/nindent around the values it prints"}
}
