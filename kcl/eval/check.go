package eval

import (
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// checkFiles runs the static checks upstream's resolver makes before
// evaluation and that need no types: parameter lists where a parameter
// without a default follows one with a default.
func checkFiles(files []*syntax.File) error {
	var errs diag.List
	for _, f := range files {
		syntax.Walk(f, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.SchemaStmt:
				errs = append(errs, checkParams(f.Name, n.Params)...)
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
