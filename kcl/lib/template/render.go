package template

// This file holds the renderer: it evaluates a parsed template against
// data converted to plain values (dicts, lists, strings, numbers,
// bools, None), with Handlebars' built-in helpers (if, unless, each,
// with, lookup), the comparison and logic helpers of handlebars-rust
// (eq, ne, gt, gte, lt, lte, and, or, not, len) and KCL's raw helper
// ({{raw x}} writes x unescaped). Values print as handlebars-rust
// prints JSON: strings as they are, null as nothing, arrays as
// "[a, b]", objects as "[object]".

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"akua.dev/akua/kcl/eval"
)

// maxDepth bounds the nesting of blocks being rendered.
const maxDepth = 200

// A frame is one context of the stack: the value `this` refers to, the
// data variables (@index, @key, @first, @last) and block parameters.
type frame struct {
	this   eval.Value
	data   map[string]eval.Value
	params map[string]eval.Value
	parent *frame
	// scope is true for frames that change `this` (each, with): ../
	// climbs them.
	scope bool
}

type renderer struct {
	root  eval.Value
	out   strings.Builder
	depth int
	// budget bounds the output size.
	budget int
}

// maxOutput bounds the size of a rendered template.
const maxOutput = 64 << 20

func render(nodes []node, data eval.Value) (string, error) {
	r := &renderer{root: data, budget: maxOutput}
	if err := r.nodes(nodes, &frame{this: data, scope: true}); err != nil {
		return "", err
	}
	return r.out.String(), nil
}

func (r *renderer) write(s string) error {
	r.budget -= len(s)
	if r.budget < 0 {
		return fmt.Errorf("output larger than %d bytes", maxOutput)
	}
	r.out.WriteString(s)
	return nil
}

func (r *renderer) nodes(ns []node, f *frame) error {
	for _, n := range ns {
		var err error
		switch n := n.(type) {
		case *textNode:
			err = r.write(n.text)
		case *mustache:
			err = r.mustache(n, f)
		case *block:
			r.depth++
			if r.depth > maxDepth {
				return fmt.Errorf("blocks nested too deeply")
			}
			err = r.block(n, f)
			r.depth--
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) mustache(m *mustache, f *frame) error {
	escape := m.escape
	var v eval.Value
	var err error
	if name := pathName(m.call.name); name == "raw" && len(m.call.params) == 1 {
		escape = false
		v, err = r.eval(m.call.params[0], f)
	} else {
		v, err = r.callValue(m.call, f)
	}
	if err != nil {
		return err
	}
	s := display(v)
	if escape {
		s = htmlEscape(s)
	}
	return r.write(s)
}

// callValue evaluates a mustache or sub-expression: a helper call, or a
// path when the name is no helper and there are no arguments.
func (r *renderer) callValue(c *call, f *frame) (eval.Value, error) {
	name := pathName(c.name)
	if h, ok := helpers[name]; ok && (len(c.params) > 0 || len(c.hash) > 0 || name == "len") {
		args, err := r.evalAll(c.params, f)
		if err != nil {
			return nil, err
		}
		return h(args)
	}
	if len(c.params) > 0 || len(c.hash) > 0 {
		switch name {
		case "lookup":
			args, err := r.evalAll(c.params, f)
			if err != nil {
				return nil, err
			}
			if len(args) != 2 {
				return nil, fmt.Errorf("lookup takes 2 arguments")
			}
			return lookup(args[0], display(args[1])), nil
		case "raw":
			return r.eval(c.params[0], f)
		}
		return nil, fmt.Errorf("Helper not defined: %q", name)
	}
	return r.eval(c.name, f)
}

func (r *renderer) evalAll(es []expr, f *frame) ([]eval.Value, error) {
	out := make([]eval.Value, len(es))
	for i, e := range es {
		v, err := r.eval(e, f)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (r *renderer) eval(e expr, f *frame) (eval.Value, error) {
	switch e := e.(type) {
	case *literal:
		switch v := e.v.(type) {
		case string:
			return eval.Str(v), nil
		case int64:
			return eval.Int(v), nil
		case float64:
			return eval.Float(v), nil
		case bool:
			return eval.Bool(v), nil
		}
		return eval.None, nil
	case *subExpr:
		return r.callValue(e.call, f)
	case *pathExpr:
		return r.resolve(e, f), nil
	}
	return eval.None, nil
}

// resolve looks a path up: data variables, block parameters, then the
// context (climbing one scope per ../).
func (r *renderer) resolve(p *pathExpr, f *frame) eval.Value {
	parts := p.parts
	var v eval.Value
	switch {
	case p.data:
		if len(parts) == 0 {
			return eval.None
		}
		if parts[0] == "root" {
			v = r.root
		} else {
			v = eval.None
			for fr := f; fr != nil; fr = fr.parent {
				if d, ok := fr.data[parts[0]]; ok {
					v = d
					break
				}
			}
		}
		parts = parts[1:]
	default:
		fr := f
		for up := p.up; up > 0 && fr != nil; {
			fr = fr.parent
			if fr != nil && fr.scope {
				up--
			}
		}
		if fr == nil {
			return eval.None
		}
		v = fr.this
		if p.up == 0 && len(parts) > 0 {
			for bf := f; bf != nil; bf = bf.parent {
				if bp, ok := bf.params[parts[0]]; ok {
					v, parts = bp, parts[1:]
					break
				}
			}
		}
	}
	for _, part := range parts {
		v = lookup(v, part)
	}
	return v
}

// lookup returns a dict's member or a list's element, or None.
func lookup(v eval.Value, key string) eval.Value {
	switch x := v.(type) {
	case *eval.Dict:
		if e, ok := x.Get(key); ok {
			return e
		}
	case *eval.List:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(x.Elems) {
			return x.Elems[i]
		}
		if key == "length" {
			return eval.Int(len(x.Elems))
		}
	}
	return eval.None
}

func (r *renderer) block(b *block, f *frame) error {
	name := pathName(b.call.name)
	hash := map[string]eval.Value{}
	for _, h := range b.call.hash {
		v, err := r.eval(h.val, f)
		if err != nil {
			return err
		}
		hash[h.key] = v
	}
	arg := func() (eval.Value, error) {
		if len(b.call.params) == 0 {
			return nil, fmt.Errorf("{{#%s}} needs an argument", name)
		}
		return r.eval(b.call.params[0], f)
	}
	switch name {
	case "if", "unless":
		v, err := arg()
		if err != nil {
			return err
		}
		includeZero := false
		if z, ok := hash["includeZero"]; ok {
			includeZero = z.Truth()
		}
		if truthy(v, includeZero) == (name == "if") {
			return r.nodes(b.body, f)
		}
		return r.nodes(b.inverse, f)
	case "each":
		v, err := arg()
		if err != nil {
			return err
		}
		return r.each(b, v, f)
	case "with":
		v, err := arg()
		if err != nil {
			return err
		}
		if !truthy(v, false) {
			return r.nodes(b.inverse, f)
		}
		nf := &frame{this: v, parent: f, scope: true}
		if len(b.blockParams) > 0 {
			nf.params = map[string]eval.Value{b.blockParams[0]: v}
		}
		return r.nodes(b.body, nf)
	}
	if h, ok := helpers[name]; ok {
		args, err := r.evalAll(b.call.params, f)
		if err != nil {
			return err
		}
		v, err := h(args)
		if err != nil {
			return err
		}
		if truthy(v, false) {
			return r.nodes(b.body, f)
		}
		return r.nodes(b.inverse, f)
	}
	if len(b.call.params) > 0 {
		return fmt.Errorf("Helper not defined: %q", name)
	}
	// A section: a list iterates, a truthy value becomes the context.
	v, err := r.eval(b.call.name, f)
	if err != nil {
		return err
	}
	if l, ok := v.(*eval.List); ok {
		return r.each(b, l, f)
	}
	if !truthy(v, false) {
		return r.nodes(b.inverse, f)
	}
	if _, ok := v.(*eval.Dict); ok {
		return r.nodes(b.body, &frame{this: v, parent: f, scope: true})
	}
	return r.nodes(b.body, f)
}

func (r *renderer) each(b *block, v eval.Value, f *frame) error {
	var keys []eval.Value
	var vals []eval.Value
	isDict := false
	switch x := v.(type) {
	case *eval.List:
		vals = x.Elems
	case *eval.Dict:
		isDict = true
		for _, k := range x.Keys() {
			e, _ := x.Get(k)
			keys = append(keys, eval.Str(k))
			vals = append(vals, e)
		}
	}
	if len(vals) == 0 {
		return r.nodes(b.inverse, f)
	}
	for i, e := range vals {
		data := map[string]eval.Value{
			"index": eval.Int(i),
			"first": eval.Bool(i == 0),
			"last":  eval.Bool(i == len(vals)-1),
		}
		var key eval.Value = eval.Int(i)
		if isDict {
			key = keys[i]
			data["key"] = key
		}
		nf := &frame{this: e, data: data, parent: f, scope: true}
		if len(b.blockParams) > 0 {
			nf.params = map[string]eval.Value{b.blockParams[0]: e}
			if len(b.blockParams) > 1 {
				nf.params[b.blockParams[1]] = key
			}
		}
		if err := r.nodes(b.body, nf); err != nil {
			return err
		}
	}
	return nil
}

// truthy is handlebars-rust's truth: false, null, 0 (unless
// includeZero), NaN, "", [] and {} are false.
func truthy(v eval.Value, includeZero bool) bool {
	switch x := v.(type) {
	case eval.Int:
		return x != 0 || includeZero
	case eval.Float:
		f := float64(x)
		if includeZero {
			return !math.IsNaN(f)
		}
		return f != 0 && !math.IsNaN(f) && !(math.Abs(f) < 2.2250738585072014e-308)
	}
	return v != nil && v.Truth()
}

// display returns v as handlebars-rust prints a JSON value.
func display(v eval.Value) string {
	switch x := v.(type) {
	case nil, eval.NoneType, eval.UndefinedType:
		return ""
	case eval.Str:
		return string(x)
	case eval.Bool:
		if x {
			return "true"
		}
		return "false"
	case eval.Int:
		return strconv.FormatInt(int64(x), 10)
	case eval.Float:
		b, _ := eval.EncodeJSON(x, eval.PlanOptions{}, "")
		return string(b)
	case *eval.List:
		parts := make([]string, len(x.Elems))
		for i, e := range x.Elems {
			parts[i] = display(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *eval.Dict:
		return "[object]"
	}
	return eval.ToStr(v)
}

// htmlEscape replaces & < > " ' ` = with entities, as handlebars-rust.
func htmlEscape(s string) string {
	if !strings.ContainsAny(s, "&<>\"'`=") {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#x27;")
		case '`':
			b.WriteString("&#x60;")
		case '=':
			b.WriteString("&#x3D;")
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

type helperFunc func(args []eval.Value) (eval.Value, error)

var helpers map[string]helperFunc

func init() {
	cmp := func(name string, ok func(c int) bool) helperFunc {
		return func(args []eval.Value) (eval.Value, error) {
			if len(args) != 2 {
				return nil, fmt.Errorf("%s takes 2 arguments", name)
			}
			c, comparable := compare(args[0], args[1])
			return eval.Bool(comparable && ok(c)), nil
		}
	}
	helpers = map[string]helperFunc{
		"eq": func(args []eval.Value) (eval.Value, error) {
			if len(args) != 2 {
				return nil, fmt.Errorf("eq takes 2 arguments")
			}
			return eval.Bool(eval.Equal(args[0], args[1])), nil
		},
		"ne": func(args []eval.Value) (eval.Value, error) {
			if len(args) != 2 {
				return nil, fmt.Errorf("ne takes 2 arguments")
			}
			return eval.Bool(!eval.Equal(args[0], args[1])), nil
		},
		"gt":  cmp("gt", func(c int) bool { return c > 0 }),
		"gte": cmp("gte", func(c int) bool { return c >= 0 }),
		"lt":  cmp("lt", func(c int) bool { return c < 0 }),
		"lte": cmp("lte", func(c int) bool { return c <= 0 }),
		"and": func(args []eval.Value) (eval.Value, error) {
			for _, a := range args {
				if !truthy(a, false) {
					return eval.False, nil
				}
			}
			return eval.Bool(len(args) > 0), nil
		},
		"or": func(args []eval.Value) (eval.Value, error) {
			for _, a := range args {
				if truthy(a, false) {
					return eval.True, nil
				}
			}
			return eval.False, nil
		},
		"not": func(args []eval.Value) (eval.Value, error) {
			if len(args) != 1 {
				return nil, fmt.Errorf("not takes 1 argument")
			}
			return eval.Bool(!truthy(args[0], false)), nil
		},
		"len": func(args []eval.Value) (eval.Value, error) {
			if len(args) != 1 {
				return nil, fmt.Errorf("len takes 1 argument")
			}
			switch x := args[0].(type) {
			case *eval.List:
				return eval.Int(len(x.Elems)), nil
			case *eval.Dict:
				return eval.Int(x.Len()), nil
			case eval.Str:
				return eval.Int(len([]rune(string(x)))), nil
			}
			return eval.Int(0), nil
		},
	}
}

// compare orders two numbers or two strings.
func compare(a, b eval.Value) (int, bool) {
	fa, aNum := asFloat(a)
	fb, bNum := asFloat(b)
	if aNum && bNum {
		switch {
		case fa < fb:
			return -1, true
		case fa > fb:
			return 1, true
		}
		return 0, true
	}
	sa, aStr := a.(eval.Str)
	sb, bStr := b.(eval.Str)
	if aStr && bStr {
		return strings.Compare(string(sa), string(sb)), true
	}
	return 0, false
}

func asFloat(v eval.Value) (float64, bool) {
	switch x := v.(type) {
	case eval.Int:
		return float64(x), true
	case eval.Float:
		return float64(x), true
	}
	return 0, false
}
