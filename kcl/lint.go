package kcl

import (
	"strconv"
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// importWarnings reports imports a file never uses and modules a file
// imports twice under the same name.
func importWarnings(files []*syntax.File) []*diag.Diagnostic {
	var out []*diag.Diagnostic
	for _, f := range files {
		used := map[string]bool{}
		syntax.Walk(f, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.Ident:
				used[n.Name] = true
			case *syntax.NamedType:
				used[strings.Split(n.Name, ".")[0]] = true
			}
			return true
		})
		seen := map[string]*syntax.ImportStmt{}
		for _, s := range f.Stmts {
			imp, ok := s.(*syntax.ImportStmt)
			if !ok {
				continue
			}
			name := imp.Path[strings.LastIndex(imp.Path, ".")+1:]
			if imp.Alias != nil {
				name = imp.Alias.Name
			}
			pos := diag.Pos{File: f.Name, Line: int(imp.Start.Line), Col: int(imp.Start.Col)}
			end := diag.Pos{File: f.Name, Line: int(imp.End.Line), Col: int(imp.End.Col)}
			if prev, dup := seen[name]; dup && prev.Path == imp.Path {
				out = append(out, &diag.Diagnostic{Code: diag.DuplicateImport, Warning: true, Pos: pos, End: end,
					Message: "module '" + imp.Path + "' is imported twice", Suggestion: "remove this import"})
				continue
			}
			seen[name] = imp
			if !used[name] {
				out = append(out, &diag.Diagnostic{Code: diag.UnusedImport, Warning: true, Pos: pos, End: end,
					Message: "module '" + imp.Path + "' imported but unused", Suggestion: "remove the import, or use " + name})
			}
		}
	}
	return out
}

// listOptions finds the option() calls of the program, for `-l`: the
// key and the type, required flag, default and help when they are
// literals.
func listOptions(files []*syntax.File) []OptionInfo {
	var out []OptionInfo
	for _, f := range files {
		syntax.Walk(f, func(n syntax.Node) bool {
			call, ok := n.(*syntax.CallExpr)
			if !ok {
				return true
			}
			if id, ok := call.Fn.(*syntax.Ident); !ok || id.Name != "option" || len(call.Args) == 0 {
				return true
			}
			key, ok := call.Args[0].(*syntax.StringLit)
			if !ok {
				return true
			}
			info := OptionInfo{Name: key.Value, File: f.Name, Line: int(call.Start.Line)}
			for _, kw := range call.Keywords {
				switch kw.Name.Name {
				case "type":
					info.Type = literalText(kw.Value)
				case "required":
					info.Required = literalText(kw.Value) == "True"
				case "default":
					info.Default = syntax.ExprString(kw.Value)
				case "help":
					info.Help = literalText(kw.Value)
				}
			}
			out = append(out, info)
			return true
		})
	}
	return out
}

func literalText(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.StringLit:
		return e.Value
	case *syntax.NameConstant:
		return e.Value.String()
	case *syntax.NumberLit:
		return e.Raw
	}
	return strconv.Quote(syntax.ExprString(e))
}
