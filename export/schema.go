package export

// This file builds one JSON Schema definition per flattened KCL schema:
// properties with their types, defaults, docs, hints and translated
// checks; which attributes are required; and whether null is accepted,
// all as KCL decides when it converts inputs to `Input`.

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
)

// gen builds the definitions of a program.
type gen struct {
	p     *program
	views map[*schemaDecl]*schemaView
	order []*schemaView // discovery order; order[0] is Input
	names map[*schemaView]string
}

// build discovers Input and every schema it reaches, and evaluates
// their defaults.
func build(ctx context.Context, p *program) (*gen, error) {
	input := p.main.schemas["Input"]
	if input == nil || input.file != p.main.files[0] {
		return nil, &diag.Diagnostic{Code: NoInputError, Pos: diag.Pos{File: p.file, Line: 1, Col: 1},
			Message:    "package.k declares no schema Input",
			Suggestion: "declare the package's inputs as `schema Input:` in package.k and bind them with `input: Input = ctx.input()`"}
	}
	g := &gen{p: p, views: map[*schemaDecl]*schemaView{}, names: map[*schemaView]string{}}
	if _, err := g.view(input); err != nil {
		return nil, err
	}
	for i := 0; i < len(g.order); i++ {
		v := g.order[i]
		for _, a := range v.attrs {
			d := a.last()
			t, err := g.typeSchema(d.file, d.a.Type)
			if err != nil {
				return nil, err
			}
			a.typ = t
		}
		if v.sig != nil {
			t, err := g.typeSchema(v.sigFile, v.sig.ValueType)
			if err != nil {
				return nil, err
			}
			v.sigType = t
		}
	}
	if err := p.evalDefaults(ctx, g.order); err != nil {
		return nil, err
	}
	g.assignNames()
	return g, nil
}

func (g *gen) view(d *schemaDecl) (*schemaView, error) {
	if v := g.views[d]; v != nil {
		return v, nil
	}
	v, err := g.p.flatten(d)
	if err != nil {
		return nil, err
	}
	g.views[d] = v
	g.order = append(g.order, v)
	return v, nil
}

// assignNames names each definition after its schema; a name two
// modules share is qualified with the module path, except for the main
// package's schema.
func (g *gen) assignNames() {
	count := map[string]int{}
	for _, v := range g.order {
		count[v.decl.name]++
	}
	for _, v := range g.order {
		name := v.decl.name
		if mod := v.decl.file.mod; count[name] > 1 && mod != g.p.main {
			name = mod.dotted + "." + name
		}
		g.names[v] = name
	}
}

// sorted returns the definitions other than Input, by name.
func (g *gen) sorted() []*schemaView {
	out := append([]*schemaView(nil), g.order[1:]...)
	sort.Slice(out, func(i, j int) bool { return g.names[out[i]] < g.names[out[j]] })
	return out
}

// define builds the definition of v.
func (g *gen) define(v *schemaView) (*obj, error) {
	o := newSchema()
	o.set("title", v.decl.name)
	if v.decl.stmt.Doc != nil {
		if d := splitDoc(v.decl.stmt.Doc.Value).desc; d != "" {
			o.set("description", d)
		}
	}
	o.set("type", "object")
	tr := g.translateChecks(v)
	names := g.p.attrNames(v.decl)
	props, patterns := newObj(), newObj()
	var required []any
	for _, a := range v.attrs {
		ps, req, demoted, err := g.property(v, a, tr.rules[a.name], names)
		if err != nil {
			return nil, err
		}
		for _, e := range demoted {
			if !slices.Contains(tr.verbatim, e) {
				tr.verbatim = append(tr.verbatim, e)
			}
		}
		switch {
		case strings.HasPrefix(a.name, "_") && !req:
			// Hidden attributes accept input but are no form field.
			patterns.set("^"+regexp.QuoteMeta(a.name)+"$", ps)
		default:
			props.set(a.name, ps)
		}
		if req {
			required = append(required, a.name)
		}
	}
	for _, c := range v.computed {
		// Names the body computes: KCL takes any value for them.
		patterns.set("^"+regexp.QuoteMeta(c)+"$", newSchema())
	}
	o.set("properties", props)
	if len(patterns.keys) > 0 {
		o.set("patternProperties", patterns)
	}
	if v.sig != nil {
		o.set("additionalProperties", nullable(deepCopy(v.sigType).(*obj)))
	} else {
		o.set("additionalProperties", false)
	}
	if len(required) > 0 {
		o.set("required", required)
	}
	var ui *obj
	for _, own := range v.owners {
		var err error
		if ui, err = uiHints(own.file, own.stmt.Decorators, ui); err != nil {
			return nil, err
		}
	}
	if ui != nil {
		o.set("x-ui", ui)
	}
	if len(tr.verbatim) > 0 {
		checks := make([]any, len(tr.verbatim))
		for i, c := range tr.verbatim {
			checks[i] = c
		}
		o.set("x-kcl-check", checks)
	}
	return o, nil
}

// property builds the schema of one attribute and says whether it is
// required. Checks it cannot express for this attribute come back as
// x-kcl-check entries.
func (g *gen) property(v *schemaView, a *attrView, rules []rule, names map[string]bool) (ps *obj, req bool, demoted []*obj, err error) {
	vd := a.valueDecl()
	dependent := vd != nil && vd.a.Value != nil && refersTo(vd.a.Value, names)
	// known: the default is what the mirror evaluated (no body statement
	// or other attribute changes it).
	known := !a.bodySet && !dependent && v.inst != nil
	var dv any
	defined, explicitNone := false, false
	if known {
		raw, _ := v.inst.Attrs.Get(a.name)
		switch raw.(type) {
		case nil, eval.UndefinedType:
		case eval.NoneType:
			explicitNone = vd != nil
		default:
			planned := eval.Plan(raw, eval.PlanOptions{})
			if _, none := planned.(eval.NoneType); none {
				known = false // a function or type: not a JSON value
				break
			}
			dv, defined = eval.ToGo(planned), true
		}
	}
	// KCL rejects None and Undefined for an attribute without `?`; the
	// input's None keeps the default, so only a missing default counts.
	req = known && a.anyRequired() && !defined
	if known && !req {
		// A check that fails on the default makes the attribute
		// required: omitting it, or giving None, checks the default.
		for _, r := range rules {
			if !holds(dv, r.kws, r.guarded) {
				req = true
			}
		}
	}
	ps = deepCopy(a.typ).(*obj)
	if defined && isMap(dv) {
		if ps, err = g.relaxRequired(ps, dv.(*eval.OrderedMap)); err != nil {
			return nil, false, nil, err
		}
	}
	if !req {
		ps = nullable(ps)
	}
	// KCL unions a list or dict input into a non-empty default (by index,
	// by key): the value checked is at least as long as the default.
	// Minimums the default meets hold for every input; a dict's maximum
	// depends on which keys the input adds, which JSON Schema cannot see.
	merged := defined && !falsy(dv) && (isList(dv) || isMap(dv))
	for _, r := range rules {
		if merged && isMap(dv) && hasKW(r.kws, "maxProperties") {
			demoted = append(demoted, r.entry)
			continue
		}
		for _, k := range r.kws {
			if merged && (k.key == "minItems" || k.key == "minProperties") {
				continue
			}
			applyKW(ps, k, !req)
		}
	}
	if found, strict := deprecation(a); found {
		if strict {
			// KCL rejects any value but None for a strictly deprecated
			// attribute.
			ps = newSchema()
			ps.set("type", "null")
		}
		ps.set("deprecated", true)
	}
	if d := a.doc(); d != "" {
		ps.set("description", d)
	}
	if known && !req && (defined || explicitNone) {
		ps.set("default", dv)
	}
	var ui *obj
	for _, d := range a.decls {
		if ui, err = uiHints(d.file, d.a.Decorators, ui); err != nil {
			return nil, false, nil, err
		}
	}
	if ui != nil {
		ps.set("x-ui", ui)
	}
	if !known && vd != nil && vd.a.Value != nil {
		ps.set("x-kcl-default", vd.file.text(vd.a.Value))
	}
	return ps, req, demoted, nil
}

func isList(v any) bool { _, ok := v.([]any); return ok }

// relaxRequired handles a schema-typed attribute whose default is an
// instance: KCL merges the input into that instance, so the attributes
// the default already holds need not be given. The shared definition
// cannot say so; the property gets its own copy, with those attributes
// dropped from required.
func (g *gen) relaxRequired(ps *obj, dv *eval.OrderedMap) (*obj, error) {
	r, ok := ps.get("$ref")
	if !ok {
		return ps, nil
	}
	rv, ok := r.(ref)
	if !ok {
		return ps, nil
	}
	def, err := g.define(rv.to)
	if err != nil {
		return nil, err
	}
	req, ok := def.get("required")
	if !ok {
		return ps, nil
	}
	var kept []any
	props, _ := def.get("properties")
	for _, name := range req.([]any) {
		if v, has := dv.Get(name.(string)); !has || v == nil {
			kept = append(kept, name)
			continue
		}
		// A None input for it keeps the default, as for any attribute
		// with a default.
		if po, ok := props.(*obj); ok {
			if p, ok := po.get(name.(string)); ok {
				po.set(name.(string), nullable(p.(*obj)))
			}
		}
	}
	if len(kept) == len(req.([]any)) {
		return ps, nil
	}
	if len(kept) == 0 {
		def.del("required")
	} else {
		def.set("required", kept)
	}
	return def, nil
}

func isMap(v any) bool { _, ok := v.(*eval.OrderedMap); return ok }

func hasKW(kws []kw, key string) bool {
	for _, k := range kws {
		if k.key == key {
			return true
		}
	}
	return false
}

// applyKW adds a translated keyword to a property schema, tightening
// one already there. When the property accepts null, null stays valid:
// KCL checks the default instead.
func applyKW(ps *obj, k kw, nullOK bool) {
	old, has := ps.get(k.key)
	switch k.key {
	case "enum":
		vals := k.val.([]any)
		if nullOK && !containsValue(vals, nil) {
			vals = append(append([]any(nil), vals...), nil)
		}
		if has {
			var keep []any
			for _, x := range old.([]any) {
				if containsValue(vals, x) {
					keep = append(keep, x)
				}
			}
			vals = keep
		}
		if vals == nil {
			vals = []any{}
		}
		ps.set("enum", vals)
	case "not":
		var vals []any
		if has {
			e, _ := old.(*obj).get("enum")
			vals = e.([]any)
		}
		for _, x := range k.val.([]any) {
			if !(nullOK && x == nil) && !containsValue(vals, x) {
				vals = append(vals, x)
			}
		}
		if len(vals) > 0 {
			n := newSchema()
			n.set("enum", vals)
			ps.set("not", n)
		}
	case "minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties":
		if !has || greater(k.val, old) {
			ps.set(k.key, k.val)
		}
	case "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties":
		if !has || greater(old, k.val) {
			ps.set(k.key, k.val)
		}
	default: // pattern, multipleOf: conflicts were left verbatim
		ps.set(k.key, k.val)
	}
}

func greater(a, b any) bool {
	x, _ := num(a)
	y, _ := num(b)
	return x > y
}

// deprecation reads @deprecated on an attribute: strict (the default)
// makes setting it an error, else a warning.
func deprecation(a *attrView) (found, strict bool) {
	for _, d := range a.decls {
		for _, dec := range d.a.Decorators {
			if id, ok := dec.Name.(*syntax.Ident); !ok || id.Name != "deprecated" {
				continue
			}
			strict = true
			var arg syntax.Expr
			if len(dec.Args) > 2 {
				arg = dec.Args[2]
			}
			for _, kw := range dec.Keywords {
				if kw.Name.Name == "strict" {
					arg = kw.Value
				}
			}
			if v, ok := literal(arg); arg != nil && ok {
				strict = v != false && v != nil && v != int64(0) && v != ""
			}
			return true, strict
		}
	}
	return false, false
}
