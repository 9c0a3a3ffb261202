package eval

import (
	"akua.dev/akua/kcl/syntax"
	"akua.dev/akua/kcl/typecheck"
)

// A Callable is a value that can be called: builtins, lambdas, schema
// types (instantiation) and rules.
type Callable interface {
	Value
	Call(th *Thread, args *Args) (Value, error)
}

// Args are the evaluated arguments of a call.
type Args struct {
	Pos    []Value
	Kw     []Kwarg
	CallAt syntax.Position // position of the call expression, for errors
}

// A Kwarg is one keyword argument.
type Kwarg struct {
	Name  string
	Value Value
}

// Kwarg returns the named keyword argument.
func (a *Args) Kwarg(name string) (Value, bool) {
	for _, kw := range a.Kw {
		if kw.Name == name {
			return kw.Value, true
		}
	}
	return nil, false
}

// A BuiltinFunc implements a builtin. recv is the receiver of a method
// (`"a".upper()`), or nil.
type BuiltinFunc func(th *Thread, recv Value, args *Args) (Value, error)

// A Builtin is a function implemented in Go: a builtin function, a
// method bound to its receiver, or a system-module function.
type Builtin struct {
	name string
	fn   BuiltinFunc
	recv Value
	// Nondeterministic marks builtins refused when the embedder asks for
	// determinism (clock, randomness, environment).
	Nondeterministic bool
}

// NewBuiltin returns a builtin named name.
func NewBuiltin(name string, fn BuiltinFunc) *Builtin { return &Builtin{name: name, fn: fn} }

// BindTo returns the builtin as a method bound to recv.
func (b *Builtin) BindTo(recv Value) *Builtin {
	c := *b
	c.recv = recv
	return &c
}

func (b *Builtin) Type() string   { return "function" }
func (b *Builtin) String() string { return "<built-in function " + b.name + ">" }
func (b *Builtin) Truth() bool    { return true }
func (b *Builtin) Name() string   { return b.name }

// Call runs the builtin.
func (b *Builtin) Call(th *Thread, args *Args) (Value, error) {
	if b.Nondeterministic && th.Deterministic {
		return nil, errorf(ErrEval, "%s is not allowed: evaluation must be deterministic (no clock, randomness or environment)", b.name)
	}
	return b.fn(th, b.recv, args)
}

// A Module is an imported module: a system module or a KCL package.
type Module struct {
	Name    string // import path, e.g. "math" or "k8s.api.core.v1"
	Members *Dict  // exported names
	// getattr, when set, resolves members lazily (KCL packages evaluate
	// their globals on first access).
	getattr func(th *Thread, name string) (Value, bool, error)
	// types is the package's declarations as the static checker saw
	// them, for the checker of importing packages (nil: unknown).
	types *typecheck.Package
	// pkg is the KCL package behind the module (nil for system modules),
	// for its type aliases.
	pkg *module
}

func (m *Module) Type() string   { return "module" }
func (m *Module) String() string { return "<module '" + m.Name + "'>" }
func (m *Module) Truth() bool    { return true }
