package export

// This file flattens a schema as KCL instantiates it: the bodies of its
// ancestors (root first) and of their mixins, in order, make one
// attribute table. Export writes inherited attributes into each
// definition instead of using allOf: every definition is closed
// (additionalProperties: false), and allOf of closed schemas would
// reject the parent's properties in the child, or need
// unevaluatedProperties, which many form tools ignore.

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
)

// A schemaView is one flattened schema.
type schemaView struct {
	decl   *schemaDecl
	owners []*schemaDecl // root first; each schema is followed by its mixins
	attrs  []*attrView   // in first-declaration order
	byName map[string]*attrView
	// computed are the names body statements set that no attribute
	// declares: KCL accepts any value for them in a config.
	computed []string
	sig      *syntax.IndexSignature
	sigFile  *srcFile
	sigType  *obj
	inst     *eval.Schema // an instance with the defaults, from defaults.go
}

// An attrView is one attribute with all its declarations in the chain.
type attrView struct {
	name    string
	decls   []attrDecl // root first
	docs    []string   // the docstring of each declaration ("" if none)
	bodySet bool       // a body statement also assigns it
	typ     *obj       // the schema of its type, without null (types.go)
}

type attrDecl struct {
	a     *syntax.SchemaAttr
	file  *srcFile
	owner *schemaDecl
}

// last is the declaration whose type KCL checks values against.
func (a *attrView) last() attrDecl { return a.decls[len(a.decls)-1] }

// valueDecl is the last declaration that sets a value (KCL runs the
// bodies root first, so it provides the default), or nil.
func (a *attrView) valueDecl() *attrDecl {
	for i := len(a.decls) - 1; i >= 0; i-- {
		d := a.decls[i]
		if d.a.Value != nil {
			return &a.decls[i]
		}
		if _, lit := d.a.Type.(*syntax.LiteralType); lit {
			return &a.decls[i]
		}
	}
	return nil
}

// anyRequired reports whether some declaration lacks `?`: KCL then
// rejects None and Undefined for the attribute.
func (a *attrView) anyRequired() bool {
	for _, d := range a.decls {
		if !d.a.Optional {
			return true
		}
	}
	return false
}

// doc is the attribute's docstring: the string after its latest
// declaration that has one, else its entry in the Attributes section
// of a declaring schema's docstring.
func (a *attrView) doc() string {
	for i := len(a.docs) - 1; i >= 0; i-- {
		if a.docs[i] != "" {
			return a.docs[i]
		}
	}
	for i := len(a.decls) - 1; i >= 0; i-- {
		if doc := a.decls[i].owner.stmt.Doc; doc != nil {
			if d := splitDoc(doc.Value).attrs[a.name]; d != "" {
				return d
			}
		}
	}
	return ""
}

// flatten builds the view of decl.
func (p *program) flatten(decl *schemaDecl) (*schemaView, error) {
	v := &schemaView{decl: decl, byName: map[string]*attrView{}}
	var chain []*schemaDecl
	seen := map[*schemaDecl]bool{}
	for s := decl; s != nil; {
		if seen[s] {
			return nil, &diag.Diagnostic{Code: ExportError, Pos: pos(s.file, s.stmt.Name),
				Message: "schema " + s.name + " inherits from itself"}
		}
		seen[s] = true
		chain = append([]*schemaDecl{s}, chain...)
		if s.stmt.Parent == nil {
			break
		}
		parent, err := p.baseSchema(s, s.stmt.Parent)
		if err != nil {
			return nil, err
		}
		s = parent
	}
	for _, s := range chain {
		// The nearest index signature of the chain applies (mixins'
		// do not), as in the evaluator.
		if s.stmt.IndexSig != nil {
			v.sig, v.sigFile = s.stmt.IndexSig, s.file
		}
		v.owners = append(v.owners, s)
		for _, mx := range s.stmt.Mixins {
			m, err := p.baseSchema(s, mx)
			if err != nil {
				return nil, err
			}
			v.owners = append(v.owners, m)
		}
	}
	setters := map[string]bool{}
	var setOrder []string
	for _, o := range v.owners {
		body := o.stmt.Body
		for i, st := range body {
			if a, ok := st.(*syntax.SchemaAttr); ok {
				av := v.byName[a.Name]
				if av == nil {
					av = &attrView{name: a.Name}
					v.byName[a.Name] = av
					v.attrs = append(v.attrs, av)
				}
				av.decls = append(av.decls, attrDecl{a: a, file: o.file, owner: o})
				av.docs = append(av.docs, docAfter(body, i))
				continue
			}
			if isDocString(st) {
				continue
			}
			collectSetters(st, func(name string) {
				if !setters[name] {
					setters[name] = true
					setOrder = append(setOrder, name)
				}
			})
		}
	}
	for _, name := range setOrder {
		if av := v.byName[name]; av != nil {
			av.bodySet = true
		} else {
			v.computed = append(v.computed, name)
		}
	}
	return v, nil
}

// baseSchema resolves a parent or mixin expression of s.
func (p *program) baseSchema(s *schemaDecl, e syntax.Expr) (*schemaDecl, error) {
	name := syntax.ExprString(e)
	b := p.lookupSchema(s.file, name)
	if b == nil {
		return nil, &diag.Diagnostic{Code: ExportError, Pos: pos(s.file, e),
			Message:    "cannot resolve schema " + name + " for export",
			Suggestion: "declare it in the package or in a local module it imports"}
	}
	return b, nil
}

// collectSetters calls add with each attribute a schema body statement
// assigns (as the evaluator's collectSchemaSetters does).
func collectSetters(s syntax.Stmt, add func(string)) {
	switch s := s.(type) {
	case *syntax.SchemaAttr:
		add(s.Name)
	case *syntax.AssignStmt:
		for _, t := range s.Targets {
			if id := rootIdent(t); id != nil {
				add(id.Name)
			}
		}
	case *syntax.AugAssignStmt:
		if id := rootIdent(s.Target); id != nil {
			add(id.Name)
		}
	case *syntax.UnificationStmt:
		add(s.Target.Name)
	case *syntax.IfStmt:
		for _, b := range s.Branches {
			for _, bs := range b.Body {
				collectSetters(bs, add)
			}
		}
	}
}

func rootIdent(e syntax.Expr) *syntax.Ident {
	for {
		switch x := e.(type) {
		case *syntax.Ident:
			return x
		case *syntax.SelectorExpr:
			e = x.X
		case *syntax.IndexExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// isDocString reports whether st is a bare string statement (a
// docstring).
func isDocString(st syntax.Stmt) bool {
	es, ok := st.(*syntax.ExprStmt)
	if !ok || len(es.Exprs) != 1 {
		return false
	}
	_, ok = es.Exprs[0].(*syntax.StringLit)
	return ok
}

// docAfter is the docstring of body[i]: the string literal statement
// right after it, as the package format documents attributes.
func docAfter(body []syntax.Stmt, i int) string {
	if i+1 >= len(body) || !isDocString(body[i+1]) {
		return ""
	}
	return cleanDoc(body[i+1].(*syntax.ExprStmt).Exprs[0].(*syntax.StringLit).Value)
}

// cleanDoc trims a docstring and removes the indentation its
// continuation lines share (as Python's inspect.cleandoc).
func cleanDoc(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	indent := -1
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i := 1; i < len(lines); i++ {
		if len(lines[i]) >= indent && indent > 0 {
			lines[i] = lines[i][indent:]
		} else {
			lines[i] = strings.TrimLeft(lines[i], " \t")
		}
	}
	return strings.Join(lines, "\n")
}

// A schemaDoc is a schema docstring split into its description and the
// entries of its Attributes section, KCL's documented layout:
//
//	"""Summary.
//
//	Attributes
//	----------
//	name : str, default is "x"
//	    What name is.
//	"""
type schemaDoc struct {
	desc  string
	attrs map[string]string
}

func splitDoc(raw string) schemaDoc {
	lines := strings.Split(cleanDoc(raw), "\n")
	header := func(i int) bool {
		return i+1 < len(lines) && strings.TrimSpace(lines[i]) != "" &&
			len(strings.TrimSpace(lines[i+1])) >= 3 && strings.Trim(strings.TrimSpace(lines[i+1]), "-") == ""
	}
	doc := schemaDoc{attrs: map[string]string{}}
	var keep []string
	for i := 0; i < len(lines); i++ {
		if !header(i) || strings.TrimSpace(lines[i]) != "Attributes" {
			keep = append(keep, lines[i])
			continue
		}
		name := ""
		for i += 2; i < len(lines) && !header(i); i++ {
			l := lines[i]
			switch {
			case strings.TrimSpace(l) == "":
			case l[0] != ' ' && l[0] != '\t':
				name, _, _ = strings.Cut(l, ":")
				name = strings.TrimSpace(name)
			case name != "":
				doc.attrs[name] = strings.TrimSpace(doc.attrs[name] + " " + strings.TrimSpace(l))
			}
		}
		i--
	}
	doc.desc = strings.TrimSpace(strings.Join(keep, "\n"))
	return doc
}
