package eval

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// checkImmutable reports public globals assigned more than once, or
// modified through a member or index: KCL variables whose names do not
// start with `_` are immutable once declared. Branches of one `if`
// statement may each assign the variable.
func (m *module) checkImmutable(files []*syntax.File) error {
	// where locates an assignment: its top-level statement and, inside
	// an `if`, the branch (1-based; 0 outside any branch).
	type where struct{ top, branch int }
	type decl struct {
		pos diag.Pos
		at  where
	}
	declared := map[string]decl{}
	imports := map[string]diag.Pos{}
	var errs diag.List
	report := func(file string, id *syntax.Ident, d diag.Pos) {
		p := diag.Pos{File: file, Line: int(id.Start.Line), Col: int(id.Start.Col)}
		errs = append(errs, &diag.Diagnostic{
			Code:       diag.ImmutableError,
			Pos:        p,
			Message:    "Can not change the value of '" + id.Name + "', because it was declared immutable",
			Notes:      []diag.Note{{Pos: d, Message: "the variable '" + id.Name + "' is declared here"}},
			Suggestion: "change the variable name to '_" + id.Name + "' to make it mutable",
		})
	}
	stmtIdx := 0
	var visit func(file string, s syntax.Stmt, at where)
	visit = func(file string, s syntax.Stmt, at where) {
		var targets []syntax.Expr
		switch s := s.(type) {
		case *syntax.AssignStmt:
			targets = s.Targets
		case *syntax.AugAssignStmt:
			targets = []syntax.Expr{s.Target}
		case *syntax.IfStmt:
			for bi, b := range s.Branches {
				for _, bs := range b.Body {
					visit(file, bs, where{at.top, bi + 1})
				}
			}
			return
		case *syntax.ImportStmt:
			name := s.Path[strings.LastIndex(s.Path, ".")+1:]
			if s.Alias != nil {
				name = s.Alias.Name
			}
			imports[name] = diag.Pos{File: file, Line: int(s.Start.Line), Col: int(s.Start.Col)}
			return
		}
		_, isAug := s.(*syntax.AugAssignStmt)
		for _, t := range targets {
			id := rootIdent(t)
			if id == nil || strings.HasPrefix(id.Name, "_") {
				continue
			}
			if p, ok := imports[id.Name]; ok {
				report(file, id, p)
				continue
			}
			_, plain := t.(*syntax.Ident)
			d, seen := declared[id.Name]
			switch {
			case !seen && plain && !isAug:
				declared[id.Name] = decl{pos: diag.Pos{File: file, Line: int(id.Start.Line), Col: int(id.Start.Col)}, at: at}
			case !seen:
				// Modified before any declaration: the read fails later.
			case !plain || isAug || d.at.top != at.top || d.at.branch == at.branch || d.at.branch == 0:
				report(file, id, d.pos)
			}
		}
	}
	for _, f := range files {
		for _, s := range f.Stmts {
			stmtIdx++
			visit(f.Name, s, where{top: stmtIdx})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}
