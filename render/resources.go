package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// ResourceError is the code of a `resources` value of the wrong shape.
var ResourceError = diag.Code{ID: "E_RESOURCES", Title: "ResourcesError"}

// A Resource is one rendered manifest.
type Resource struct {
	File       string // NNN-kind-name.yaml
	APIVersion string
	Kind       string
	Name       string
	Namespace  string
	YAML       []byte
	Value      eval.Value // as the package produced it
}

// collectResources checks the `resources` global (SPEC §4 step 5): a
// list of dicts (or schema instances), each with string apiVersion and
// kind; and encodes each entry. Its errors carry no position: the
// caller places them at the assignment of `resources`, looked up only
// when there is an error.
func collectResources(v eval.Value) ([]Resource, error) {
	if v == nil {
		return nil, &diag.Diagnostic{Code: ResourceError,
			Message:    "the package defines no `resources`",
			Suggestion: "end package.k with `resources = [...]`, the list of manifests to write"}
	}
	list, ok := v.(*eval.List)
	if !ok {
		return nil, &diag.Diagnostic{Code: ResourceError,
			Message:    fmt.Sprintf("`resources` is a %s, want a list of resources", v.Type()),
			Suggestion: "wrap a single resource in a list, or concatenate lists with [*a, *b]"}
	}
	width := len(fmt.Sprint(len(list.Elems) - 1))
	if width < 3 {
		width = 3
	}
	out := make([]Resource, 0, len(list.Elems))
	for i, e := range list.Elems {
		r, err := resourceAt(i, e)
		if err != nil {
			return nil, err
		}
		y, err := eval.EncodeYAML(e, eval.PlanOptions{QuoteYAML11: true})
		if err != nil {
			return nil, &diag.Diagnostic{Code: ResourceError, Message: fmt.Sprintf("resources[%d]: %v", i, err)}
		}
		r.YAML = y
		r.File = fmt.Sprintf("%0*d-%s-%s.yaml", width, i, sanitize(r.Kind, "resource"), sanitize(r.Name, "unnamed"))
		out = append(out, r)
	}
	return out, nil
}

func resourceAt(i int, e eval.Value) (Resource, error) {
	bad := func(format string, args ...any) (Resource, error) {
		return Resource{}, &diag.Diagnostic{Code: ResourceError, Path: fmt.Sprintf("resources[%d]", i),
			Message:    fmt.Sprintf(format, args...),
			Suggestion: "every entry of `resources` is a Kubernetes object: a dict with apiVersion, kind and metadata.name"}
	}
	switch e.(type) {
	case *eval.Dict, *eval.Schema:
	default:
		return bad("is a %s, want a dict", e.Type())
	}
	r := Resource{Value: e}
	var ok bool
	if r.APIVersion, ok = strField(e, "apiVersion"); !ok || r.APIVersion == "" {
		return bad("has no string apiVersion")
	}
	if r.Kind, ok = strField(e, "kind"); !ok || r.Kind == "" {
		return bad("has no string kind")
	}
	if md, ok := field(e, "metadata"); ok {
		r.Name, _ = strField(md, "name")
		r.Namespace, _ = strField(md, "namespace")
	}
	return r, nil
}

// field returns the value of name in a dict or schema instance; an
// unset optional attribute (Undefined) or None counts as absent.
func field(v eval.Value, name string) (eval.Value, bool) {
	var f eval.Value
	var ok bool
	switch v := v.(type) {
	case *eval.Dict:
		f, ok = v.Get(name)
	case *eval.Schema:
		f, ok = v.Attrs.Get(name)
	}
	switch f.(type) {
	case nil, eval.NoneType, eval.UndefinedType:
		return nil, false
	}
	return f, ok
}

func strField(v eval.Value, name string) (string, bool) {
	f, ok := field(v, name)
	if !ok {
		return "", false
	}
	s, ok := f.(eval.Str)
	return string(s), ok
}

// sanitize lowercases s and keeps [a-z0-9.-], other runs becoming one
// '-', so a file name never holds a separator or a surprise.
func sanitize(s, empty string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			b.WriteRune(r)
			dash = r == '-'
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-.")
	if out == "" {
		return empty
	}
	return out
}

// Hash is the render hash of SPEC §4 step 8: sha256 over each file's
// `<name>\n<yaml>`, in order.
func Hash(rs []Resource) string {
	h := sha256.New()
	for _, r := range rs {
		h.Write([]byte(r.File))
		h.Write([]byte{'\n'})
		h.Write(r.YAML)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Stream is the resources as one multi-document YAML stream.
func Stream(rs []Resource) []byte {
	var b bytes.Buffer
	for i, r := range rs {
		if i > 0 {
			b.WriteString("---\n")
		}
		b.Write(r.YAML)
	}
	return b.Bytes()
}
