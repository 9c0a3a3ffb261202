package eval

import (
	"fmt"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// This file instantiates schemas. An instance is built by running the
// bodies of the schema's parents, its own body and its mixins' bodies
// against one attribute dict, merging the instantiation config into
// every attribute as it is set. Attribute reads inside the bodies are
// order independent, like globals: reading an attribute first runs the
// statements that set it.

// schemaDecl is the evaluator's view of a declared schema.
type schemaDecl struct {
	t    *SchemaType
	mod  *module
	file string
	// closure is the local scope the schema was declared in (nil at
	// module level).
	closure *env
	bases   basesState
}

type basesState int8

const (
	basesPending basesState = iota
	basesResolving
	basesResolved
)

func declOf(t *SchemaType) *schemaDecl { return t.decl.(*schemaDecl) }

// bodyStmt is one statement of an instance's combined body.
type bodyStmt struct {
	stmt  syntax.Stmt
	owner *SchemaType
}

// A schemaFrame is the state of one instantiation.
type schemaFrame struct {
	t       *SchemaType
	inst    *Schema
	config  *Dict
	body    []bodyStmt
	state   []stmtState
	setters map[string][]int
	reading map[string]bool
	params  map[*SchemaType]*env
	// at is the instantiation expression, for errors (may be nil).
	at syntax.Node
	// attrs maps every declared attribute to its declaration.
	attrs map[string]*syntax.SchemaAttr
	owner map[string]*SchemaType
}

// declareSchema creates the SchemaType value of a schema statement.
func (m *module) declareSchema(s *syntax.SchemaStmt, file string) *SchemaType {
	t := &SchemaType{Name: s.Name.Name, PkgPath: m.pkgpath, Node: s, File: file}
	t.decl = &schemaDecl{t: t, mod: m, file: file}
	return t
}

// resolveBases looks up the parent and mixins of t once.
func (fr *frame) resolveBases(t *SchemaType) {
	d := declOf(t)
	switch d.bases {
	case basesResolved:
		return
	case basesResolving:
		fr.failAt(t.Node.Parent, diag.CycleInherit, "there is a circular reference between schema %s and its parents", t.Name)
	}
	d.bases = basesResolving
	bf := &frame{th: fr.th, mod: d.mod, file: d.file, env: d.closure}
	if t.Node.Parent != nil {
		p, ok := bf.expr(t.Node.Parent).(*SchemaType)
		if !ok {
			bf.fail(t.Node.Parent, diag.IllegalInherit, "illegal schema inheritance: parent of '%s' is not a schema", t.Name)
		}
		if p.Node.Kind == syntax.KindMixin {
			bf.fail(t.Node.Parent, diag.IllegalInherit, "invalid schema inherit object type, expect schema, got '%s'", p.Name)
		}
		bf.resolveBases(p)
		t.Parent = p
		bf.checkOverrides(t)
	}
	for _, mx := range t.Node.Mixins {
		m, ok := bf.expr(mx).(*SchemaType)
		if !ok {
			bf.fail(mx, diag.IllegalInherit, "illegal schema mixin object type")
		}
		t.Mixins = append(t.Mixins, m)
	}
	d.bases = basesResolved
}

// chain returns t's ancestors from the root down to t.
func (fr *frame) chain(t *SchemaType) []*SchemaType {
	fr.resolveBases(t)
	var out []*SchemaType
	for s := t; s != nil; s = s.Parent {
		out = append([]*SchemaType{s}, out...)
	}
	return out
}

func (fr *frame) schemaExpr(e *syntax.SchemaExpr) Value {
	fr.th.schemaDepth++
	config := fr.config(e.Config)
	tv := fr.expr(e.Name)
	args := &Args{}
	for _, a := range e.Args {
		args.Pos = append(args.Pos, fr.expr(a))
	}
	for _, kw := range e.Keywords {
		args.Kw = append(args.Kw, Kwarg{Name: kw.Name.Name, Value: fr.expr(kw.Value)})
	}
	fr.th.schemaDepth--
	switch t := tv.(type) {
	case *SchemaType:
		inst := fr.instantiate(e, t, args, config)
		if fr.th.schemaDepth == 0 && fr.sch == nil {
			fr.checkRequired(e, inst)
		}
		return inst
	case *Rule:
		return fr.applyRule(e, t, args, config)
	case *Dict, *Schema:
		v, err := unionValues(fr.th, DeepCopy(t), config, true, unionOptions{})
		fr.check(e, err)
		return v
	}
	fr.fail(e.Name, diag.TypeError, "'%s' is not a schema, got %s", exprText(e.Name), tv.Type())
	return nil
}

// instantiate builds an instance of t from config.
func (fr *frame) instantiate(n syntax.Node, t *SchemaType, args *Args, config *Dict) *Schema {
	if t.Node.Kind == syntax.KindMixin || t.Node.Kind == syntax.KindProtocol {
		fr.failAt(n, diag.TypeError, "cannot instantiate %s '%s'", kindName(t.Node.Kind), t.Name)
	}
	if config == nil {
		config = NewDict(0)
	}
	if err := fr.th.enter(); err != nil {
		fr.failAt(n, diag.RecursionError, "%s", err.(*diag.Diagnostic).Message)
	}
	defer fr.th.leave()
	sf := &schemaFrame{
		t:       t,
		inst:    &Schema{T: t, Attrs: NewDict(8), ConfigKeys: append([]string(nil), config.Keys()...), Args: args},
		config:  config,
		at:      n,
		setters: map[string][]int{},
		reading: map[string]bool{},
		params:  map[*SchemaType]*env{},
		attrs:   map[string]*syntax.SchemaAttr{},
		owner:   map[string]*SchemaType{},
	}
	// Bodies run root first; each schema's mixins right after it.
	var owners []*SchemaType
	for _, s := range fr.chain(t) {
		owners = append(owners, s)
		for _, mx := range s.Mixins {
			owners = append(owners, mx)
		}
	}
	fr.th.schemaDepth++
	defer func() { fr.th.schemaDepth-- }()
	for _, o := range owners {
		fr.deprecated(n, o.Name, o.Node.Decorators)
	}
	for _, o := range owners {
		d := declOf(o)
		scope := newEnv(d.closure, envBlock)
		pf := &frame{th: fr.th, mod: d.mod, env: scope, file: d.file}
		pf.bindParams(n, o, scope, args, o == t)
		sf.params[o] = scope
		for _, s := range o.Node.Body {
			idx := len(sf.body)
			sf.body = append(sf.body, bodyStmt{stmt: s, owner: o})
			seen := map[string]bool{}
			collectSchemaSetters(s, func(name string) {
				if !seen[name] {
					seen[name] = true
					sf.setters[name] = append(sf.setters[name], idx)
				}
				if !sf.inst.Attrs.Has(name) {
					sf.inst.Attrs.Set(name, Undefined)
				}
			})
			if a, ok := s.(*syntax.SchemaAttr); ok {
				sf.attrs[a.Name] = a
				sf.owner[a.Name] = o
			}
		}
	}
	sf.state = make([]stmtState, len(sf.body))
	for i := range sf.body {
		sf.exec(fr, i)
	}
	sig, _ := indexSignature(t)
	relaxed := fr.relaxed(n, sf)
	if sig != nil && sig.KeyName != nil {
		// Checks see the index signature's key name bound to each key
		// the config added; upstream runs them once per such key.
		for _, k := range relaxed {
			fr.runChecks(n, sf, owners, sig.KeyName.Name, Str(k))
		}
	} else {
		fr.runChecks(n, sf, owners, "", nil)
	}
	fr.recordInstance(sf.inst)
	return sf.inst
}

func kindName(k syntax.SchemaKind) string {
	switch k {
	case syntax.KindMixin:
		return "mixin"
	case syntax.KindProtocol:
		return "protocol"
	}
	return "schema"
}

// failAt is fail for a node that may be nil.
func (fr *frame) failAt(n syntax.Node, code diag.Code, format string, args ...any) {
	if n == nil {
		panic(errorf(code, format, args...))
	}
	fr.fail(n, code, format, args...)
}

// bindParams binds a schema's parameters from the instantiation args.
func (fr *frame) bindParams(n syntax.Node, t *SchemaType, scope *env, args *Args, strict bool) {
	params := t.Node.Params
	if strict && len(args.Pos) > len(params) {
		fr.failAt(n, diag.TypeError, "%s() takes %d positional argument%s but %d were given", t.Name, len(params), plural(len(params)), len(args.Pos))
	}
	for i, p := range params {
		var v Value
		if i < len(args.Pos) {
			v = args.Pos[i]
		} else if kv, ok := args.Kwarg(p.Name.Name); ok {
			v = kv
		} else if p.Default != nil {
			v = fr.with(scope).expr(p.Default)
		} else {
			fr.failAt(n, diag.TypeError, "%s() missing 1 required positional argument: '%s'", t.Name, p.Name.Name)
		}
		if p.Type != nil {
			v = fr.with(scope).convert(p, v, p.Type)
		}
		scope.define(p.Name.Name, v)
	}
	for _, kw := range args.Kw {
		found := false
		for _, p := range params {
			if p.Name.Name == kw.Name {
				found = true
			}
		}
		if !found && strict && t.Node.Parent == nil {
			fr.failAt(n, diag.TypeError, "%s() got an unexpected keyword argument '%s'", t.Name, kw.Name)
		}
	}
}

// collectSchemaSetters calls add for each attribute a body statement sets.
func collectSchemaSetters(s syntax.Stmt, add func(string)) {
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
				collectSchemaSetters(bs, add)
			}
		}
	}
}

// exec runs body statement i once.
func (sf *schemaFrame) exec(fr *frame, i int) {
	if sf.state[i] != stmtPending {
		return
	}
	sf.state[i] = stmtRunning
	b := sf.body[i]
	d := declOf(b.owner)
	bf := &frame{th: fr.th, mod: d.mod, env: sf.params[b.owner], file: d.file, sch: sf}
	bf.stmt(b.stmt)
	sf.state[i] = stmtDone
}

// lookup resolves an attribute read inside the schema body.
func (sf *schemaFrame) lookup(fr *frame, name string) (Value, bool) {
	setters, isAttr := sf.setters[name]
	if !isAttr {
		if v, ok := sf.inst.Attrs.Get(name); ok {
			return v, true
		}
		return nil, false
	}
	if !sf.reading[name] {
		running := false
		for _, i := range setters {
			if sf.state[i] == stmtRunning {
				running = true
				break
			}
		}
		if !running {
			sf.reading[name] = true
			for _, i := range setters {
				sf.exec(fr, i)
			}
			sf.reading[name] = false
		}
	}
	v, _ := sf.inst.Attrs.Get(name)
	if v == nil {
		v = Undefined
	}
	return v, true
}

// set stores an attribute assigned in the body, then merges the
// instantiation config for it, so the config always has the last word.
func (sf *schemaFrame) set(fr *frame, id *syntax.Ident, v Value) {
	sf.setAttr(fr, id, id.Name, v)
}

func (sf *schemaFrame) setAttr(fr *frame, n syntax.Node, name string, v Value) {
	sf.inst.Attrs.SetEntry(name, v, syntax.OpOverride, NoIndex)
	sf.mergeConfig(fr, n, name)
}

// mergeConfig unions the config's entry for name into the attribute.
func (sf *schemaFrame) mergeConfig(fr *frame, n syntax.Node, name string) {
	ce := sf.config.Entry(name)
	if ce != nil {
		delta := NewDict(1)
		delta.SetEntry(name, ce.Value, ce.Op, ce.Index)
		var err error
		if d := catch(func() { _, err = unionValues(fr.th, sf.inst.Attrs, delta, false, unionOptions{}) }); d != nil {
			err = d
		}
		fr.check(n, err)
		// A dict merged into an instance the attribute already holds (its
		// default) must satisfy the schema like a fresh one: re-resolve the
		// instance so the merged keys are type-checked, unknown keys
		// refused and the checks run.
		if _, isDict := ce.Value.(*Dict); isDict {
			if e := sf.inst.Attrs.Entry(name); e != nil {
				if inst, ok := e.Value.(*Schema); ok {
					var r *Schema
					if d := catch(func() { r = resolveSchema(fr.th, inst) }); d != nil {
						if d.Path == "" {
							d.Path = name
						} else if !strings.HasPrefix(d.Path, name+".") {
							d.Path = name + "." + d.Path
						}
						fr.check(n, d)
					}
					e.Value = r
				}
			}
		}
	}
	if a := sf.attrs[name]; a != nil && a.Type != nil {
		v, _ := sf.inst.Attrs.Get(name)
		e := sf.inst.Attrs.Entry(name)
		// The type is written in the declaring schema's package: a mixin
		// from another package that sets the attribute must not resolve
		// it against its own imports.
		tfr := fr
		if ow := sf.owner[name]; ow != nil {
			if d := declOf(ow); d.mod != fr.mod {
				tfr = &frame{th: fr.th, mod: d.mod, file: d.file, sch: fr.sch}
			}
		}
		e.Value = tfr.convertPath(n, name, v, a.Type)
	}
}

// schemaAttr runs an attribute declaration inside a schema body.
func (fr *frame) schemaAttr(a *syntax.SchemaAttr) {
	sf := fr.sch
	if sf == nil {
		fr.fail(a, diag.CompileError, "schema attribute outside a schema")
	}
	ce := sf.config.Entry(a.Name)
	if ce != nil && !isNullish(ce.Value) && len(a.Decorators) > 0 {
		fr.deprecated(sf.at, a.Name, a.Decorators)
	}
	if ce != nil && ce.Op == syntax.OpOverride && ce.Index == NoIndex {
		// The config overrides the attribute: its default is not evaluated.
		sf.mergeConfig(fr, a, a.Name)
		return
	}
	var v Value = Undefined
	if a.Value != nil {
		v = fr.expr(a.Value)
	} else if lt, ok := a.Type.(*syntax.LiteralType); ok {
		// A literal type is also the attribute's default: `kind: "Pod"`.
		v = fr.expr(lt.Value)
		if u, ok := v.(*Unit); ok {
			v = Float(toFloat(u.Num))
		}
	}
	switch {
	case a.Value == nil && isNullish(v):
		if cur, ok := sf.inst.Attrs.Get(a.Name); !ok || cur == nil {
			sf.inst.Attrs.Set(a.Name, Undefined)
		}
	case a.Op == syntax.PIPE_EQ:
		cur, _ := sf.inst.Attrs.Get(a.Name)
		if cur == nil {
			cur = Undefined
		}
		u, err := fr.binop(a, syntax.PIPE, cur, v)
		fr.check(a, err)
		sf.inst.Attrs.SetEntry(a.Name, u, syntax.OpOverride, NoIndex)
	default:
		sf.inst.Attrs.SetEntry(a.Name, v, syntax.OpOverride, NoIndex)
	}
	sf.mergeConfig(fr, a, a.Name)
}

// indexSignature returns the index signature t declares or inherits.
func indexSignature(t *SchemaType) (*syntax.IndexSignature, *SchemaType) {
	for s := t; s != nil; s = s.Parent {
		if s.Node.IndexSig != nil {
			return s.Node.IndexSig, s
		}
	}
	return nil, nil
}

// relaxed adds config keys that are not attributes: allowed under an
// index signature (typed by it), an error otherwise. It returns the keys
// it added.
func (fr *frame) relaxed(n syntax.Node, sf *schemaFrame) (added []string) {
	sig, sigOwner := indexSignature(sf.t)
	for _, k := range sf.config.Keys() {
		if sf.inst.Attrs.Has(k) {
			continue
		}
		if sig == nil {
			d := &diag.Diagnostic{Code: diag.EvaluationError,
				Message: "no attribute named '" + k + "' in the schema '" + sf.t.Name + "'"}
			if near := diag.Nearest(k, sf.inst.Attrs.Keys()); near != "" {
				d.Suggestion = "did you mean '" + near + "'?"
			}
			if n != nil {
				d.Pos, d.End = fr.pos(n)
			}
			panic(d)
		}
		d := declOf(sigOwner)
		scope := sf.params[sigOwner]
		if sig.KeyName != nil {
			scope = newEnv(scope, envBlock)
			scope.define(sig.KeyName.Name, Str(k))
		}
		sfr := &frame{th: fr.th, mod: d.mod, env: scope, file: d.file, sch: sf}
		added = append(added, k)
		var base Value = Undefined
		if sig.Default != nil {
			base = DeepCopy(sfr.expr(sig.Default))
		}
		sf.inst.Attrs.SetEntry(k, base, syntax.OpOverride, NoIndex)
		ce := sf.config.Entry(k)
		delta := NewDict(1)
		delta.SetEntry(k, ce.Value, ce.Op, ce.Index)
		_, err := unionValues(fr.th, sf.inst.Attrs, delta, false, unionOptions{})
		fr.check(n, err)
		v, _ := sf.inst.Attrs.Get(k)
		if sig.KeyType != nil {
			if _, ok := sfr.tryConvert(Str(k), sig.KeyType, false); !ok {
				fr.failAt(n, diag.TypeError, "expect %s, got str", typeText(sig.KeyType))
			}
		}
		sf.inst.Attrs.Entry(k).Value = sfr.convertPath(n, k, v, sig.ValueType)
	}
	return added
}

// runChecks evaluates the check blocks of the chain and mixins, with
// keyName bound to key when it is set.
func (fr *frame) runChecks(n syntax.Node, sf *schemaFrame, owners []*SchemaType, keyName string, key Value) {
	for _, o := range owners {
		d := declOf(o)
		scope := sf.params[o]
		if keyName != "" {
			scope = newEnv(scope, envBlock)
			scope.define(keyName, key)
		}
		cf := &frame{th: fr.th, mod: d.mod, env: scope, file: d.file, sch: sf}
		for _, c := range o.Node.Checks {
			if c.Cond != nil && !cf.expr(c.Cond).Truth() {
				continue
			}
			if cf.expr(c.Test).Truth() {
				continue
			}
			msg := ""
			if c.Msg != nil {
				msg = ToStr(cf.expr(c.Msg))
			}
			// The message is the check's own (runtime.catch returns it);
			// the schema and the condition go in a note.
			cond := "check `" + exprText(c.Test) + "` of schema '" + o.Name + "' failed"
			dg := &diag.Diagnostic{Code: diag.SchemaCheckFailure, Message: msg}
			if msg == "" {
				dg.Message = cond
			}
			dg.Pos, dg.End = cf.pos(c.Test)
			if msg != "" {
				dg.Notes = append(dg.Notes, diag.Note{Pos: dg.Pos, End: dg.End, Message: cond})
			}
			if n != nil {
				p, _ := fr.pos(n)
				dg.Notes = append(dg.Notes, diag.Note{Pos: p, Message: "the instance of '" + sf.t.Name + "' was created here"})
			}
			panic(dg)
		}
	}
}

// checkRequired fails when a required attribute of v, or of a schema
// instance nested in it, is None or Undefined.
func (fr *frame) checkRequired(n syntax.Node, v Value) {
	fr.checkRequiredAt(n, "", v)
}

func (fr *frame) checkRequiredAt(n syntax.Node, path string, v Value) {
	switch x := v.(type) {
	case *Schema:
		for _, s := range fr.chain(x.T) {
			for _, st := range s.Node.Body {
				a, ok := st.(*syntax.SchemaAttr)
				if !ok || a.Optional {
					continue
				}
				val, _ := x.Attrs.Get(a.Name)
				if val == nil || isNullish(val) {
					d := &diag.Diagnostic{Code: diag.EvaluationError, Path: path,
						Message:    "attribute '" + a.Name + "' of " + x.T.Name + " is required and can't be None or Undefined",
						Suggestion: "set '" + a.Name + "' in the config of " + x.T.Name + ", or give the attribute a default"}
					if n != nil {
						d.Pos, d.End = fr.pos(n)
					}
					panic(d)
				}
			}
		}
		for _, k := range x.Attrs.Keys() {
			val, _ := x.Attrs.Get(k)
			fr.checkRequiredAt(n, joinPath(path, k), val)
		}
	case *Dict:
		for _, k := range x.Keys() {
			val, _ := x.Get(k)
			fr.checkRequiredAt(n, joinPath(path, k), val)
		}
	case *List:
		for i, e := range x.Elems {
			fr.checkRequiredAt(n, fmt.Sprintf("%s[%d]", path, i), e)
		}
	}
}

// schemaTypeMember returns members of a schema type: instances().
func (fr *frame) schemaTypeMember(t *SchemaType, name string) (Value, bool) {
	if name != "instances" {
		return nil, false
	}
	return NewBuiltin("instances", func(th *Thread, _ Value, args *Args) (Value, error) {
		full := false
		if v, ok := args.Kwarg("full_pkg"); ok {
			full = v.Truth()
		} else if len(args.Pos) > 0 {
			full = args.Pos[0].Truth()
		}
		var out []Value
		for _, r := range th.instances[t] {
			if full || r.pkgpath == MainPkg {
				// Copies: changing a returned instance must not change
				// the variable that holds the original.
				out = append(out, DeepCopy(r.inst))
			}
		}
		return NewList(out), nil
	}), true
}

// instanceRecord is one recorded instance and the package that made it.
type instanceRecord struct {
	inst    *Schema
	pkgpath string
}

// recordInstance notes inst for instances() of its type and ancestors.
func (fr *frame) recordInstance(inst *Schema) {
	if fr.th.instances == nil {
		fr.th.instances = map[*SchemaType][]instanceRecord{}
	}
	for t := inst.T; t != nil; t = t.Parent {
		fr.th.instances[t] = append(fr.th.instances[t], instanceRecord{inst, fr.mod.pkgpath})
	}
}

// exprText renders an expression for messages.
func exprText(e syntax.Expr) string { return syntax.ExprString(e) }

// Call instantiates the schema with arguments and an empty config:
// `Person(name="a")` is `Person(name="a") {}`.
func (t *SchemaType) Call(th *Thread, args *Args) (Value, error) {
	d := declOf(t)
	fr := &frame{th: th, mod: d.mod, file: d.file}
	var inst *Schema
	if e := catch(func() {
		inst = fr.instantiate(nil, t, args, nil)
		if th.schemaDepth == 0 {
			fr.checkRequired(nil, inst)
		}
	}); e != nil {
		return nil, e
	}
	return inst, nil
}

// resolveSchema re-instantiates inst's schema from its config keys, as
// upstream does after a union: defaults, computed attributes and checks
// then see the merged values.
func resolveSchema(th *Thread, inst *Schema) *Schema {
	// The unioned values are final: they override the defaults instead
	// of being inserted or unioned into them a second time.
	cfg := NewDict(len(inst.ConfigKeys))
	for _, k := range inst.ConfigKeys {
		if e := inst.Attrs.Entry(k); e != nil {
			cfg.SetEntry(k, e.Value, syntax.OpOverride, NoIndex)
		}
	}
	args := inst.Args
	if args == nil {
		args = &Args{}
	}
	d := declOf(inst.T)
	fr := &frame{th: th, mod: d.mod, file: d.file}
	th.schemaDepth++
	defer func() { th.schemaDepth-- }()
	return fr.instantiate(nil, inst.T, args, cfg)
}

// checkOverrides checks attributes t redeclares from its ancestors: a
// required attribute may not become optional.
func (fr *frame) checkOverrides(t *SchemaType) {
	for _, st := range t.Node.Body {
		a, ok := st.(*syntax.SchemaAttr)
		if !ok || !a.Optional {
			continue
		}
		for p := t.Parent; p != nil; p = p.Parent {
			for _, ps := range p.Node.Body {
				pa, ok := ps.(*syntax.SchemaAttr)
				if ok && pa.Name == a.Name && !pa.Optional {
					fr.fail(a, diag.TypeError, "can't change the required schema attribute of '%s' to optional", a.Name)
				}
			}
		}
	}
}
