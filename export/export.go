// Package export converts a package's public input contract, `schema
// Input` in package.k, to JSON Schema 2020-12 or OpenAPI 3.1 (SPEC §7),
// for install forms, API docs, SDK generators and admission validators.
//
// The export is faithful: it accepts exactly the inputs `akua render`
// accepts when it binds `input: Input = ctx.input()`, as far as JSON
// Schema can say so. Where it cannot (a check export does not
// recognise), the check is listed verbatim under x-kcl-check. Defaults
// are evaluated by the KCL engine. See docs/export.md.
//
// Output is deterministic: schema keywords in a fixed order (see
// keywordRank), properties in declaration order (inherited ones first),
// definitions sorted by name after Input, two-space indentation and a
// trailing newline.
package export

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/lock"
	"akua.dev/akua/render"
)

// Diagnostic codes of export.
var (
	ExportError  = diag.Code{ID: "E_EXPORT", Title: "ExportError"}
	NoInputError = diag.Code{ID: "E_EXPORT_NO_INPUT", Title: "NoInputSchema"}
	UIError      = diag.Code{ID: "E_EXPORT_UI", Title: "UIHintError"}
	TypeError    = diag.Code{ID: "E_EXPORT_TYPE", Title: "ExportTypeError"}
)

// A Format is an export format.
type Format string

// The formats.
const (
	JSONSchema Format = "json-schema"
	OpenAPI    Format = "openapi"
)

// The JSON Schema dialect and the OpenAPI version written.
const (
	SchemaDialect  = "https://json-schema.org/draft/2020-12/schema"
	OpenAPIVersion = "3.1.0"
)

// Options configure an export.
type Options struct {
	// Package is package.k or its directory ("" is ./package.k).
	Package string
	// Format is JSONSchema (the default) or OpenAPI.
	Format Format
	// Timeout caps the evaluation of defaults, as render's wall clock
	// (0: render.DefaultTimeout; <0 none).
	Timeout time.Duration
}

// A Result is an exported document.
type Result struct {
	Format   Format
	Package  string   // absolute path of package.k
	Document []byte   // the JSON document, with a trailing newline
	Schemas  []string // the definitions: Input, then the others by name
}

// Export exports the Input schema of a package. Errors are
// *diag.Diagnostic or diag.List values with positions.
func Export(ctx context.Context, opts Options) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if opts.Timeout == 0 {
		opts.Timeout = render.DefaultTimeout
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	switch opts.Format {
	case "":
		opts.Format = JSONSchema
	case JSONSchema, OpenAPI:
	default:
		return nil, &diag.Diagnostic{Code: ExportError, Message: "unknown export format " + string(opts.Format),
			Suggestion: "use json-schema or openapi"}
	}
	p, err := load(opts.Package)
	if err != nil {
		return nil, err
	}
	g, err := build(ctx, p)
	if err != nil {
		return nil, err
	}
	title, version, err := packageInfo(p.dir)
	if err != nil {
		return nil, err
	}
	res := &Result{Format: opts.Format, Package: p.file, Schemas: []string{g.names[g.order[0]]}}
	for _, v := range g.sorted() {
		res.Schemas = append(res.Schemas, g.names[v])
	}
	if opts.Format == OpenAPI {
		res.Document, err = g.openAPI(title, version)
	} else {
		res.Document, err = g.jsonSchema(title)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// packageInfo is the title and version of the package: akua.toml's
// [package] name and version, else the directory's name and 0.0.0.
func packageInfo(dir string) (title, version string, err error) {
	title, version = filepath.Base(dir), "0.0.0"
	m, err := lock.LoadManifest(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return title, version, nil
	case err != nil:
		return "", "", err
	}
	if m.Package.Name != "" {
		title = m.Package.Name
	}
	if m.Package.Version != "" {
		version = m.Package.Version
	}
	return title, version, nil
}

// jsonSchema writes the JSON Schema document: Input at the root, the
// other schemas under $defs.
func (g *gen) jsonSchema(title string) ([]byte, error) {
	root, err := g.define(g.order[0])
	if err != nil {
		return nil, err
	}
	root.set("$schema", SchemaDialect)
	root.set("title", title)
	if others := g.sorted(); len(others) > 0 {
		defs := newObj()
		for _, v := range others {
			d, err := g.define(v)
			if err != nil {
				return nil, err
			}
			defs.set(g.names[v], d)
		}
		root.set("$defs", defs)
	}
	enc := &encoder{uri: func(v *schemaView) string {
		if v == g.order[0] {
			return "#"
		}
		return "#/$defs/" + pointerEscape(g.names[v])
	}}
	return enc.encode(root)
}

// openAPI writes the OpenAPI document: every schema under
// components.schemas, Input first.
func (g *gen) openAPI(title, version string) ([]byte, error) {
	doc := newObj()
	doc.set("openapi", OpenAPIVersion)
	info := newObj()
	info.set("title", title)
	info.set("version", version)
	if d := g.p.main.files[0].ast.Doc; d != nil {
		if s := cleanDoc(d.Value); s != "" {
			info.set("description", s)
		}
	}
	doc.set("info", info)
	doc.set("paths", newObj())
	schemas := newObj()
	for _, v := range append([]*schemaView{g.order[0]}, g.sorted()...) {
		d, err := g.define(v)
		if err != nil {
			return nil, err
		}
		schemas.set(g.names[v], d)
	}
	components := newObj()
	components.set("schemas", schemas)
	doc.set("components", components)
	enc := &encoder{uri: func(v *schemaView) string {
		return "#/components/schemas/" + pointerEscape(g.names[v])
	}}
	return enc.encode(doc)
}

// pointerEscape escapes a JSON Pointer reference token (RFC 6901).
func pointerEscape(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
