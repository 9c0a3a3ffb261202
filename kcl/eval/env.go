package eval

// An env is one lexical scope of local variables: a lambda body, the
// loop variables of a comprehension or quantifier, or the entry names
// of a config literal (KCL lets later entries refer to earlier ones:
// `{name = "a", label = name}`). Scopes are small, so a slice beats a map.
type env struct {
	names  []string
	vals   []Value
	parent *env
	kind   envKind
	// nparams counts the leading names that are parameters, which
	// config entries never rebind.
	nparams int
}

type envKind int8

const (
	envBlock  envKind = iota // comprehension, quantifier, config literal
	envLambda                // function body: assignments create locals here
)

func newEnv(parent *env, kind envKind) *env { return &env{parent: parent, kind: kind} }

// lookup finds name in e or its parents.
func (e *env) lookup(name string) (Value, bool) {
	for s := e; s != nil; s = s.parent {
		for i := len(s.names) - 1; i >= 0; i-- {
			if s.names[i] == name {
				return s.vals[i], true
			}
		}
	}
	return nil, false
}

// define sets name in this scope, adding it when absent.
func (e *env) define(name string, v Value) {
	for i, n := range e.names {
		if n == name {
			e.vals[i] = v
			return
		}
	}
	e.names = append(e.names, name)
	e.vals = append(e.vals, v)
}

// has reports whether name is defined in this very scope.
func (e *env) has(name string) bool {
	for _, n := range e.names {
		if n == name {
			return true
		}
	}
	return false
}

// assign stores v into the nearest scope up to (and including) the
// enclosing lambda scope that already holds name; otherwise it defines
// name in the innermost lambda scope (or e itself when there is none).
func (e *env) assign(name string, v Value) {
	var target *env
	for s := e; s != nil; s = s.parent {
		if s.has(name) {
			s.define(name, v)
			return
		}
		if s.kind == envLambda {
			target = s
			break
		}
	}
	if target == nil {
		target = e
	}
	target.define(name, v)
}

// inLambda reports whether e is inside a function body.
func (e *env) inLambda() bool {
	for s := e; s != nil; s = s.parent {
		if s.kind == envLambda {
			return true
		}
	}
	return false
}
