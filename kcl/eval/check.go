package eval

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
	"akua.dev/akua/kcl/typecheck"
)

// checkFiles runs the static checks upstream's resolver makes before
// evaluation and that need no types: parameter lists where a parameter
// without a default follows one with a default.
func checkFiles(th *Thread, files []*syntax.File) error {
	var errs diag.List
	known := map[string]bool{}
	for k := range builtinDecorators {
		known[k] = true
	}
	for _, k := range th.Decorators {
		known[k] = true
	}
	for _, f := range files {
		syntax.Walk(f, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.Decorator:
				if name := decoratorName(n); !known[name] {
					p, e := n.Name.Bounds()
					errs = append(errs, &diag.Diagnostic{Code: diag.CompileError,
						Pos:        diag.Pos{File: f.Name, Line: int(p.Line), Col: int(p.Col)},
						End:        diag.Pos{File: f.Name, Line: int(e.Line), Col: int(e.Col)},
						Message:    "unknown decorator '" + name + "'",
						Suggestion: "the decorators are @deprecated and @info"})
				}
			case *syntax.SchemaStmt:
				errs = append(errs, checkParams(f.Name, n.Params)...)
				errs = append(errs, checkIndexSignature(f.Name, n)...)
			case *syntax.RuleStmt:
				errs = append(errs, checkParams(f.Name, n.Params)...)
			case *syntax.LambdaExpr:
				errs = append(errs, checkParams(f.Name, n.Params)...)
			}
			return true
		})
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	return nil
}

func checkParams(file string, params []*syntax.Param) diag.List {
	var errs diag.List
	var firstDefault *syntax.Param
	for _, p := range params {
		if p.Default != nil {
			if firstDefault == nil {
				firstDefault = p
			}
			continue
		}
		if firstDefault != nil {
			start, end := p.Bounds()
			ds, _ := firstDefault.Bounds()
			errs = append(errs, &diag.Diagnostic{
				Code:    diag.IllegalParameter,
				Message: "non-default argument follows default argument",
				Pos:     diag.Pos{File: file, Line: int(start.Line), Col: int(start.Col)},
				End:     diag.Pos{File: file, Line: int(end.Line), Col: int(end.Col)},
				Notes: []diag.Note{{Pos: diag.Pos{File: file, Line: int(ds.Line), Col: int(ds.Col)},
					Message: "a default argument comes before it"}},
				Suggestion: "give '" + p.Name.Name + "' a default value or move it before the parameters that have one",
			})
		}
	}
	return errs
}

// checkIndexSignature checks a schema's attributes against its index
// signature: every attribute's type must fit the signature's value type,
// and the signature's key name may not be an attribute name.
func checkIndexSignature(file string, s *syntax.SchemaStmt) diag.List {
	sig := s.IndexSig
	if sig == nil {
		return nil
	}
	var errs diag.List
	at := func(n syntax.Node) diag.Pos {
		p, _ := n.Bounds()
		return diag.Pos{File: file, Line: int(p.Line), Col: int(p.Col)}
	}
	for _, st := range s.Body {
		a, ok := st.(*syntax.SchemaAttr)
		if !ok {
			continue
		}
		if sig.KeyName != nil && a.Name == sig.KeyName.Name {
			errs = append(errs, &diag.Diagnostic{Code: diag.IndexSignatureErr, Pos: at(sig),
				Message: "index signature attribute name '" + a.Name + "' cannot have the same name as schema attributes"})
		}
		if !sig.AnyOther && a.Type != nil && sig.ValueType != nil && !typeFits(a.Type, sig.ValueType) {
			errs = append(errs, &diag.Diagnostic{Code: diag.IndexSignatureErr, Pos: at(a),
				Message: "the type '" + typeText(a.Type) + "' of schema attribute '" + a.Name +
					"' does not meet the index signature definition " + indexSigText(sig)})
		}
	}
	return errs
}

func indexSigText(sig *syntax.IndexSignature) string {
	key := typeText(sig.KeyType)
	if sig.KeyName != nil {
		key = sig.KeyName.Name + ": " + key
	}
	if sig.AnyOther {
		key = "..." + key
	}
	return "[" + key + "]: " + typeText(sig.ValueType)
}

// typeFits reports whether every value of type t is a value of type u,
// judged on the annotations alone (names are not resolved, so an
// unknown name fits only itself or any).
func typeFits(t, u syntax.Type) bool {
	if isAny(u) || isAny(t) {
		return true
	}
	if tu, ok := t.(*syntax.UnionType); ok {
		for _, m := range tu.Types {
			if !typeFits(m, u) {
				return false
			}
		}
		return true
	}
	if uu, ok := u.(*syntax.UnionType); ok {
		for _, m := range uu.Types {
			if typeFits(t, m) {
				return true
			}
		}
		return false
	}
	switch x := t.(type) {
	case *syntax.LiteralType:
		switch x.Value.(type) {
		case *syntax.StringLit:
			return typeText(u) == "str" || typeText(u) == typeText(t)
		case *syntax.NumberLit:
			if n := x.Value.(*syntax.NumberLit); n.IsFloat {
				return typeText(u) == "float" || typeText(u) == typeText(t)
			}
			return typeText(u) == "int" || typeText(u) == "float" || typeText(u) == typeText(t)
		case *syntax.NameConstant:
			return typeText(u) == "bool" || typeText(u) == typeText(t)
		}
	case *syntax.ListType:
		if y, ok := u.(*syntax.ListType); ok {
			return y.Elem == nil || x.Elem == nil || typeFits(x.Elem, y.Elem)
		}
		return false
	case *syntax.DictType:
		if y, ok := u.(*syntax.DictType); ok {
			return (y.Key == nil || x.Key == nil || typeFits(x.Key, y.Key)) &&
				(y.Value == nil || x.Value == nil || typeFits(x.Value, y.Value))
		}
		return false
	case *syntax.NamedType:
		if x.Name == "int" && typeText(u) == "float" {
			return true
		}
	}
	return typeText(t) == typeText(u)
}

func isAny(t syntax.Type) bool {
	n, ok := t.(*syntax.NamedType)
	return t == nil || (ok && n.Name == "any")
}

// CheckFiles runs the static checks on parsed files without evaluating
// them (for `akua lint`): parameter order, index signatures, decorator
// names (with decorators the host accepts besides KCL's own) and the
// static type checks of package typecheck.
func CheckFiles(decorators []string, files []*syntax.File) error {
	if err := checkFiles(&Thread{Decorators: decorators}, files); err != nil {
		return err
	}
	// The files may be part of a package and their imports are not
	// loaded: names are not reported undefined and imports are any.
	if _, errs := typecheck.Check(MainPkg, files, typecheck.Config{Builtin: isBuiltin, Partial: true}); len(errs) > 0 {
		return errs
	}
	return nil
}

// typeCheck runs the static type checker over a package's files, with
// the modules its files import (already loaded) and the builtins.
func (m *module) typeCheck(files []*syntax.File) (*typecheck.Package, error) {
	pkg, errs := typecheck.Check(m.pkgpath, files, typecheck.Config{
		Import: func(file string, s *syntax.ImportStmt) *typecheck.Package {
			name := s.Path[strings.LastIndex(s.Path, ".")+1:]
			if s.Alias != nil {
				name = s.Alias.Name
			}
			mod, _ := m.imports[file][name].(*Module)
			return modulePackage(mod)
		},
		Builtin: isBuiltin,
	})
	if len(errs) > 0 {
		return nil, errs
	}
	return pkg, nil
}

// modulePackage describes an imported module to the checker: a KCL
// package by its checked declarations, a module of fixed members (a
// system module) by their names; nil when nothing is known.
func modulePackage(mod *Module) *typecheck.Package {
	switch {
	case mod == nil:
		return nil
	case mod.types != nil:
		return mod.types
	case mod.Members != nil && mod.getattr == nil:
		return typecheck.SystemPackage(mod.Name, mod.Members.Keys())
	}
	return nil
}

func isBuiltin(name string) bool {
	_, ok := Universe()[name]
	return ok
}
