package eval

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// expr evaluates an expression.
func (fr *frame) expr(e syntax.Expr) Value {
	fr.th.step()
	switch e := e.(type) {
	case *syntax.Ident:
		return fr.lookup(e)
	case *syntax.NumberLit:
		return fr.number(e)
	case *syntax.StringLit:
		return Str(e.Value)
	case *syntax.InterpString:
		return fr.interp(e)
	case *syntax.NameConstant:
		switch e.Value {
		case syntax.TRUE:
			return True
		case syntax.FALSE:
			return False
		case syntax.NONE:
			return None
		}
		return Undefined
	case *syntax.ParenExpr:
		return fr.expr(e.X)
	case *syntax.UnaryExpr:
		x := fr.expr(e.X)
		v, err := Unary(e.Op, x)
		fr.check(e, err)
		return v
	case *syntax.BinaryExpr:
		return fr.binary(e)
	case *syntax.CompareExpr:
		return fr.compare(e)
	case *syntax.IfExpr:
		if fr.expr(e.Cond).Truth() {
			return fr.expr(e.Then)
		}
		return fr.expr(e.Else)
	case *syntax.SelectorExpr:
		x := fr.expr(e.X)
		if (e.Optional && !x.Truth()) || (isNullish(x) && optionalChain(e.X)) {
			return None
		}
		return fr.attr(e, x, e.Sel.Name)
	case *syntax.IndexExpr:
		x := fr.expr(e.X)
		if (e.Optional && isNullish(x)) || (isNullish(x) && optionalChain(e.X)) {
			return None
		}
		idx := fr.expr(e.Index)
		v, err := Index(fr.th, x, idx)
		fr.check(e, err)
		if e.Optional && isNullish(v) {
			return None
		}
		return v
	case *syntax.SliceExpr:
		x := fr.expr(e.X)
		if e.Optional && !x.Truth() {
			return None
		}
		lo, hi, step := fr.optExpr(e.Lo), fr.optExpr(e.Hi), fr.optExpr(e.Step)
		v, err := Slice(x, lo, hi, step)
		fr.check(e, err)
		return v
	case *syntax.CallExpr:
		return fr.call(e)
	case *syntax.ListExpr:
		return fr.list(e.Elts)
	case *syntax.ListIfItem:
		return fr.listIfItem(e)
	case *syntax.StarredExpr:
		return fr.expr(e.X)
	case *syntax.ListComp:
		return fr.listComp(e)
	case *syntax.DictComp:
		return fr.dictComp(e)
	case *syntax.ConfigExpr:
		return fr.config(e)
	case *syntax.SchemaExpr:
		return fr.schemaExpr(e)
	case *syntax.QuantExpr:
		return fr.quant(e)
	case *syntax.LambdaExpr:
		return &Lambda{node: e, env: fr.env, mod: fr.mod, file: fr.file, sch: fr.sch}
	case *syntax.BadExpr:
		fr.fail(e, diag.InvalidSyntax, "invalid expression")
	}
	fr.fail(e, diag.InternalError, "unsupported expression %T", e)
	return nil
}

func (fr *frame) optExpr(e syntax.Expr) Value {
	if e == nil {
		return None
	}
	return fr.expr(e)
}

// lookup resolves a name: local scopes, the schema being built, the
// module's globals, the file's imports, then builtins.
func (fr *frame) lookup(id *syntax.Ident) Value {
	name := id.Name
	if fr.env != nil {
		if v, ok := fr.env.lookup(name); ok {
			return v
		}
	}
	if fr.sch != nil {
		if v, ok := fr.sch.lookup(fr, name); ok {
			return v
		}
	}
	if v, ok := fr.mod.lookupGlobal(name); ok {
		return v
	}
	if v, ok := fr.mod.imports[fr.file][name]; ok {
		return v
	}
	if v, ok := Universe()[name]; ok {
		return v
	}
	d := &diag.Diagnostic{Code: diag.NameError, Message: "name '" + name + "' is not defined"}
	d.Pos, d.End = fr.pos(id)
	if near := diag.Nearest(name, fr.visibleNames()); near != "" {
		d.Suggestion = "did you mean '" + near + "'?"
	}
	panic(d)
}

// visibleNames lists the names a lookup could find, for suggestions.
func (fr *frame) visibleNames() []string {
	var names []string
	for s := fr.env; s != nil; s = s.parent {
		names = append(names, s.names...)
	}
	if fr.sch != nil {
		names = append(names, fr.sch.inst.Attrs.Keys()...)
	}
	for n := range fr.mod.globals {
		names = append(names, n)
	}
	for n := range fr.mod.imports[fr.file] {
		names = append(names, n)
	}
	for n := range Universe() {
		names = append(names, n)
	}
	return names
}

func (fr *frame) number(e *syntax.NumberLit) Value {
	if e.Suffix != "" {
		v, err := NewUnit(e.Int, e.Suffix)
		fr.check(e, err)
		return v
	}
	if e.IsFloat {
		return Float(e.Float)
	}
	return Int(e.Int)
}

func (fr *frame) interp(e *syntax.InterpString) Value {
	var b []byte
	for _, p := range e.Parts {
		switch p := p.(type) {
		case *syntax.StringLit:
			b = append(b, p.Value...)
		case *syntax.FormattedValue:
			v := fr.expr(p.X)
			switch strings.ToLower(p.Spec) {
			case "":
				b = append(b, ToStr(v)...)
			case "#json":
				out, err := EncodeJSON(v, PlanOptions{ShowHidden: true}, "")
				fr.check(p, err)
				b = append(b, trimNewline(out)...)
			case "#yaml":
				out, err := EncodeYAML(v, PlanOptions{ShowHidden: true})
				fr.check(p, err)
				b = append(b, out...)
			default:
				fr.fail(p, diag.InvalidSyntax, "invalid string interpolation format specification %q", p.Spec)
			}
		default:
			b = append(b, ToStr(fr.expr(p))...)
		}
	}
	fr.th.charge(int64(len(b)))
	return Str(b)
}

func trimNewline(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	return b
}

func (fr *frame) binary(e *syntax.BinaryExpr) Value {
	switch e.Op {
	case syntax.AND:
		x := fr.expr(e.X)
		if !x.Truth() {
			return x
		}
		return fr.expr(e.Y)
	case syntax.OR:
		x := fr.expr(e.X)
		if x.Truth() {
			return x
		}
		return fr.expr(e.Y)
	}
	if e.Op == syntax.AS {
		return fr.typeAssert(e)
	}
	x := fr.expr(e.X)
	y := fr.expr(e.Y)
	if e.Op == syntax.PLUS || e.Op == syntax.STAR {
		// Charge before building: `s + s` doubling a huge string stops
		// at the budget instead of after allocating it.
		fr.th.charge(resultSize(e.Op, x, y))
	}
	v, err := fr.binop(e, e.Op, x, y)
	fr.check(e, err)
	return v
}

// binop applies a binary operator, recovering panics raised deep in
// unions so they get this expression's position.
func (fr *frame) binop(n syntax.Node, op syntax.Token, x, y Value) (v Value, err error) {
	if d := catch(func() { v, err = Binary(fr.th, op, x, y) }); d != nil {
		return nil, d
	}
	return v, err
}

func (fr *frame) compare(e *syntax.CompareExpr) Value {
	x := fr.expr(e.X)
	for i, op := range e.Ops {
		y := fr.expr(e.Ys[i])
		ok, err := Compare(fr.th, op, x, y)
		fr.check(e, err)
		if !ok {
			return False
		}
		x = y
	}
	return True
}

// attr returns x.name.
func (fr *frame) attr(n syntax.Node, x Value, name string) Value {
	switch x := x.(type) {
	case *Dict:
		if v, ok := x.Get(name); ok {
			return v
		}
		return Undefined
	case *Schema:
		if v, ok := x.Attrs.Get(name); ok {
			return v
		}
		return Undefined
	case *Module:
		v, ok, err := x.Attr(fr.th, name)
		fr.check(n, err)
		if ok {
			return v
		}
		fr.fail(n, diag.AttributeError, "module '%s' has no attribute '%s'", x.Name, name)
	case Str:
		if m, ok := StrMethod(x, name); ok {
			return m
		}
	case *SchemaType:
		if v, ok := fr.schemaTypeMember(x, name); ok {
			return v
		}
	case NoneType, UndefinedType:
		fr.fail(n, diag.AttributeError, "'%s' object has no attribute '%s'", x.Type(), name)
	}
	fr.fail(n, diag.AttributeError, "'%s' object has no attribute '%s'", x.Type(), name)
	return nil
}

// Attr returns a module member, evaluating it lazily when the module is
// a KCL package.
func (m *Module) Attr(th *Thread, name string) (Value, bool, error) {
	if m.Members != nil {
		if v, ok := m.Members.Get(name); ok {
			return v, true, nil
		}
	}
	if m.getattr != nil {
		return m.getattr(th, name)
	}
	return nil, false, nil
}

func (fr *frame) call(e *syntax.CallExpr) Value {
	fn := fr.expr(e.Fn)
	if isNullish(fn) && optionalChain(e.Fn) {
		// `a?.b()` short-circuits: the whole chain is None.
		return None
	}
	args := &Args{CallAt: syntax.Position{File: fr.file, Line: int(e.Start.Line), Col: int(e.Start.Col)}}
	for _, a := range e.Args {
		if st, ok := a.(*syntax.StarredExpr); ok {
			v := fr.expr(st.X)
			if st.Double {
				d := configOf(v)
				if d == nil && !isNullish(v) {
					fr.fail(st, diag.TypeError, "argument after ** must be a dict, not %s", v.Type())
				}
				if d != nil {
					d.Items(func(k string, v Value) bool {
						args.Kw = append(args.Kw, Kwarg{Name: k, Value: v})
						return true
					})
				}
				continue
			}
			fr.unpackInto(st, &args.Pos, v)
			continue
		}
		args.Pos = append(args.Pos, fr.expr(a))
	}
	for _, kw := range e.Keywords {
		args.Kw = append(args.Kw, Kwarg{Name: kw.Name.Name, Value: fr.expr(kw.Value)})
	}
	return fr.callValue(e, fn, args)
}

// callValue calls fn, giving errors without a position the call's.
func (fr *frame) callValue(n syntax.Node, fn Value, args *Args) Value {
	c, ok := fn.(Callable)
	if !ok {
		fr.fail(n, diag.TypeError, "'%s' object is not callable", fn.Type())
	}
	th := fr.th
	fr.check(n, th.enter())
	var v Value
	var err error
	d := catch(func() { v, err = c.Call(th, args) })
	th.leave()
	if d != nil {
		if d.Pos.Line == 0 {
			d.Pos, d.End = fr.pos(n)
		}
		panic(d)
	}
	fr.check(n, err)
	if v == nil {
		return None
	}
	if _, ok := c.(*Builtin); ok {
		// Builtins make new strings and lists (range, join, replace...).
		th.chargeValue(v)
	}
	return v
}

// unpackInto appends the elements of `*v` to out.
func (fr *frame) unpackInto(n syntax.Node, out *[]Value, v Value) {
	switch v := v.(type) {
	case *List:
		*out = append(*out, v.Elems...)
	case *Dict:
		for _, k := range v.Keys() {
			*out = append(*out, Str(k))
		}
	case *Schema:
		for _, k := range v.Attrs.Keys() {
			*out = append(*out, Str(k))
		}
	case NoneType, UndefinedType:
	default:
		fr.fail(n, diag.TypeError, "only list, dict and schema object can be used with unpack operators * and **, got %s", v.Type())
	}
}

func (fr *frame) list(elts []syntax.Expr) *List {
	fr.th.charge(16 * int64(len(elts)))
	out := make([]Value, 0, len(elts))
	for _, e := range elts {
		switch e := e.(type) {
		case *syntax.StarredExpr:
			fr.unpackInto(e, &out, fr.expr(e.X))
		case *syntax.ListIfItem:
			fr.unpackInto(e, &out, fr.listIfItem(e))
		default:
			out = append(out, fr.expr(e))
		}
	}
	return NewList(out)
}

func (fr *frame) listIfItem(e *syntax.ListIfItem) Value {
	for _, b := range e.Branches {
		if b.Cond == nil || fr.expr(b.Cond).Truth() {
			return fr.list(b.Items)
		}
	}
	return None
}

// optionalChain reports whether e is a postfix chain containing an
// optional access (`?.` or `?[`): once it yields None, the rest of the
// chain does too.
func optionalChain(e syntax.Expr) bool {
	for {
		switch x := e.(type) {
		case *syntax.SelectorExpr:
			if x.Optional {
				return true
			}
			e = x.X
		case *syntax.IndexExpr:
			if x.Optional {
				return true
			}
			e = x.X
		case *syntax.SliceExpr:
			if x.Optional {
				return true
			}
			e = x.X
		case *syntax.CallExpr:
			e = x.Fn
		default:
			return false
		}
	}
}

// typeAssert evaluates `x as T`: x when it has type T (a dict given for
// a schema type converts), a type error otherwise.
func (fr *frame) typeAssert(e *syntax.BinaryExpr) Value {
	x := fr.expr(e.X)
	t := exprAsType(e.Y)
	if t == nil {
		fr.fail(e.Y, diag.TypeError, "invalid type '%s' after 'as'", exprText(e.Y))
	}
	v, ok := fr.tryConvert(x, t, true)
	if !ok {
		fr.fail(e, diag.TypeError, "expect %s, got %s", typeText(t), typeName(x))
	}
	return v
}

// exprAsType reads a type written as an expression (the right side of
// `as`): a dotted name, `[T]` or `{K: V}`.
func exprAsType(e syntax.Expr) syntax.Type {
	start, end := e.Bounds()
	span := syntax.Span{Start: start, End: end}
	switch x := e.(type) {
	case *syntax.Ident:
		return &syntax.NamedType{Span: span, Name: x.Name}
	case *syntax.SelectorExpr:
		if names, ok := dottedNames(x); ok {
			return &syntax.NamedType{Span: span, Name: joinDots(names)}
		}
	case *syntax.NameConstant:
		if x.Value == syntax.NONE {
			return &syntax.NamedType{Span: span, Name: "None"}
		}
	case *syntax.ListExpr:
		if len(x.Elts) == 0 {
			return &syntax.ListType{Span: span}
		}
		if len(x.Elts) == 1 {
			if el := exprAsType(x.Elts[0]); el != nil {
				return &syntax.ListType{Span: span, Elem: el}
			}
		}
	case *syntax.ConfigExpr:
		if len(x.Entries) == 0 {
			return &syntax.DictType{Span: span}
		}
		if len(x.Entries) == 1 && x.Entries[0].Kind == syntax.EntryKV {
			k, v := exprAsType(x.Entries[0].Key), exprAsType(x.Entries[0].Value)
			if k != nil && v != nil {
				return &syntax.DictType{Span: span, Key: k, Value: v}
			}
		}
	}
	return nil
}

// resultSize estimates the bytes `x op y` builds for + and * on strings
// and lists (0 for numbers).
func resultSize(op syntax.Token, x, y Value) int64 {
	size := func(v Value) int64 {
		switch v := v.(type) {
		case Str:
			return int64(len(v))
		case *List:
			return 16 * int64(len(v.Elems))
		}
		return 0
	}
	if op == syntax.PLUS {
		return size(x) + size(y)
	}
	if n, ok := y.(Int); ok && n > 0 {
		return size(x) * int64(n)
	}
	if n, ok := x.(Int); ok && n > 0 {
		return size(y) * int64(n)
	}
	return 0
}
