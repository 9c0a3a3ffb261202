package eval

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// This file evaluates rules: `rule R(Base) for Protocol: checks...`.
// Instantiating a rule (`R {svc = s}` or `R(svc=s)`) binds the config's
// keys (and the rule's parameters) as names and evaluates the checks of
// the rule's parents and its own; a false check is an error. The value
// is the config.

// Call instantiates the rule with arguments and an empty config.
func (r *Rule) Call(th *Thread, args *Args) (Value, error) {
	fr := &frame{th: th, mod: r.mod, file: r.file}
	var out Value
	if d := catch(func() { out = fr.applyRule(nil, r, args, NewDict(0)) }); d != nil {
		return nil, d
	}
	return out, nil
}

// applyRule runs rule r against config.
func (fr *frame) applyRule(n syntax.Node, r *Rule, args *Args, config *Dict) Value {
	scope := newEnv(nil, envBlock)
	for _, k := range config.Keys() {
		v, _ := config.Get(k)
		scope.define(k, v)
	}
	rf := &frame{th: fr.th, mod: r.mod, env: scope, file: r.file}
	params := r.Node.Params
	for i, p := range params {
		var v Value = None
		if i < len(args.Pos) {
			v = args.Pos[i]
		} else if kv, ok := args.Kwarg(p.Name.Name); ok {
			v = kv
		} else if p.Default != nil {
			v = rf.expr(p.Default)
		}
		scope.define(p.Name.Name, v)
	}
	for _, pe := range r.Node.Parents {
		parent, ok := rf.expr(pe).(*Rule)
		if !ok {
			rf.fail(pe, diag.IllegalInherit, "a rule can only inherit from rules")
		}
		fr.applyRule(n, parent, args, config)
	}
	for _, c := range r.Node.Checks {
		if c.Cond != nil && !rf.expr(c.Cond).Truth() {
			continue
		}
		if rf.expr(c.Test).Truth() {
			continue
		}
		cond := "check `" + exprText(c.Test) + "` of rule '" + r.Node.Name.Name + "' failed"
		d := &diag.Diagnostic{Code: diag.SchemaCheckFailure, Message: cond}
		d.Pos, d.End = rf.pos(c.Test)
		if c.Msg != nil {
			d.Message = ToStr(rf.expr(c.Msg))
			d.Notes = append(d.Notes, diag.Note{Pos: d.Pos, End: d.End, Message: cond})
		}
		if n != nil {
			p, _ := fr.pos(n)
			d.Notes = append(d.Notes, diag.Note{Pos: p, Message: "the rule was applied here"})
		}
		panic(d)
	}
	return config
}
