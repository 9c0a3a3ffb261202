package typecheck

// mismatch reports whether a value of type got certainly does not fit
// the annotation want: at run time the conversion would fail whatever
// the value. Anything unknown fits, so false is the safe answer.
//
// The rules are the run-time checks of package eval (None and Undefined
// fit everything, an int fits float, a unit number fits int and float,
// a dict or schema instance fits a dict type) restricted to what upstream
// KCL's resolver also rejects.
func mismatch(got, want *Type) bool {
	if got == nil || want == nil || got.Kind == Any || want.Kind == Any || got.Kind == None {
		return false
	}
	if want.Kind == Union {
		for _, m := range want.Types {
			if !mismatch(got, m) {
				return false
			}
		}
		return true
	}
	if got.Kind == Union {
		// The value is one of the members: it certainly fails only when
		// every member does.
		for _, m := range got.Types {
			if !mismatch(m, want) {
				return false
			}
		}
		return true
	}
	switch want.Kind {
	case None:
		return isConcrete(got)
	case Bool, Str:
		return isConcrete(got) && base(got) != want.Kind
	case Int:
		switch base(got) {
		case Int, Unit:
			return false
		}
		return isConcrete(got)
	case Float:
		switch base(got) {
		case Int, Float, Unit, Bool:
			// A bool literal fits float upstream; leave bools to run time.
			return false
		}
		return isConcrete(got)
	case Lit:
		switch got.Kind {
		case Lit:
			return got.Base != want.Base || got.Value != want.Value
		case Unit:
			return want.Base == Str || want.Base == Bool
		}
		// A str may hold the literal's value: only another kind fails.
		return isConcrete(got) && base(got) != want.Base
	case List:
		switch got.Kind {
		case List:
			return mismatch(got.Elem, want.Elem)
		}
		return isConcrete(got)
	case Dict:
		switch got.Kind {
		case Dict:
			return mismatch(got.Key, want.Key) || mismatch(got.Val, want.Val)
		case Instance:
			// An instance converts to a dict type when its attributes
			// fit; that is left to run time.
			return false
		}
		return isConcrete(got)
	case Instance:
		switch got.Kind {
		case Instance:
			return !got.Schema.isSubSchemaOf(want.Schema)
		case Dict:
			// A dict converts to the schema at run time; config
			// literals are checked entry by entry instead.
			return false
		}
		return isConcrete(got)
	case Func:
		switch got.Kind {
		case Func, SchemaDef:
			return false
		}
		return isConcrete(got)
	}
	return false
}

// isConcrete reports whether t is a fully known kind of value, one a
// mismatch can be certain for.
func isConcrete(t *Type) bool {
	switch t.Kind {
	case Bool, Int, Float, Str, Unit, Lit, List, Dict, Instance, Func, SchemaDef:
		return true
	}
	return false
}

// base is the kind of a value type, literals counting as their base.
func base(t *Type) Kind {
	if t.Kind == Lit {
		return t.Base
	}
	return t.Kind
}

// isSubSchemaOf reports whether an instance of s certainly fits t: s is
// t or inherits from it. When the chain is not fully known the answer
// is yes.
func (s *Schema) isSubSchemaOf(t *Schema) bool {
	if t.Node.Kind != 0 {
		// Protocols and mixins are not instantiated: leave them alone.
		return true
	}
	for c := s; c != nil; c = c.parentSchema() {
		if c.Node == t.Node {
			return true
		}
		if c.Node.Parent != nil && c.parentSchema() == nil {
			return true
		}
	}
	return false
}
