package eval

import (
	"fmt"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// A frame is the context code evaluates in: the module, the local scope,
// the file (for positions) and, inside a schema body, the instance being
// built.
type frame struct {
	th   *Thread
	mod  *module
	env  *env
	file string
	sch  *schemaFrame
}

// with returns a copy of fr using scope e.
func (fr *frame) with(e *env) *frame {
	c := *fr
	c.env = e
	return &c
}

// pos converts a node's start to a diagnostic position.
func (fr *frame) pos(n syntax.Node) (start, end diag.Pos) {
	s, e := n.Bounds()
	return diag.Pos{File: fr.file, Line: int(s.Line), Col: int(s.Col)},
		diag.Pos{File: fr.file, Line: int(e.Line), Col: int(e.Col)}
}

// fail aborts evaluation with an error at node n.
func (fr *frame) fail(n syntax.Node, code diag.Code, format string, args ...any) {
	d := &diag.Diagnostic{Code: code, Message: fmt.Sprintf(format, args...)}
	d.Pos, d.End = fr.pos(n)
	panic(d)
}

// check aborts with err, positioned at n unless it already has a position.
func (fr *frame) check(n syntax.Node, err error) {
	if err == nil {
		return
	}
	panic(fr.positioned(n, err))
}

// positioned returns err as a diagnostic located at n when it has no
// position of its own.
func (fr *frame) positioned(n syntax.Node, err error) *diag.Diagnostic {
	var d *diag.Diagnostic
	switch e := err.(type) {
	case *diag.Diagnostic:
		c := *e
		d = &c
	case diag.List:
		if len(e) > 0 {
			c := *e[0]
			d = &c
		}
	}
	if d == nil {
		d = &diag.Diagnostic{Code: diag.EvaluationError, Message: err.Error()}
	}
	if d.Pos.Line == 0 && n != nil {
		d.Pos, d.End = fr.pos(n)
	}
	return d
}

// catch runs f and returns the diagnostic it panicked with, if any.
// Other panics propagate.
func catch(f func()) (err *diag.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			if d, ok := r.(*diag.Diagnostic); ok {
				err = d
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}
