package kcl

import (
	"strings"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/syntax"
)

// applyOverrides rewrites the main package for `-O` overrides, as
// upstream does before evaluation, so values that depend on an
// overridden one see it:
//
//	-O a.b.c=1   sets b.c inside the config assigned to top-level a
//	-O a=1       replaces a's value
//	-O a.b-      deletes the entry b of a's config
//
// A leading `pkg:` selects a package; only the main one (empty or
// matching no import) is supported here.
func applyOverrides(files []*syntax.File, overrides []string) error {
	for _, o := range overrides {
		spec := o
		if i := strings.Index(spec, ":"); i >= 0 && !strings.ContainsAny(spec[:i], "=") {
			spec = spec[i+1:]
		}
		var path, value string
		del := false
		if i := strings.Index(spec, "="); i >= 0 {
			path, value = spec[:i], spec[i+1:]
		} else if strings.HasSuffix(spec, "-") {
			path, del = strings.TrimSuffix(spec, "-"), true
		} else {
			return &diag.Diagnostic{Code: diag.IllegalParameter, Message: "invalid override " + o + ": expected path=value or path-"}
		}
		names := strings.Split(path, ".")
		var val syntax.Expr
		if !del {
			e, err := syntax.ParseExpr("<override>", []byte(value))
			if _, bare := e.(*syntax.Ident); err != nil || bare {
				// A bare word is a string, as upstream: -O a.env=prod.
				e = &syntax.StringLit{Raw: `"` + value + `"`, Value: value}
			}
			val = e
		}
		if !overrideIn(files, names, val, del) && !del {
			return &diag.Diagnostic{Code: diag.IllegalParameter, Message: "invalid override " + o + ": no top-level variable " + names[0]}
		}
	}
	return nil
}

func overrideIn(files []*syntax.File, names []string, val syntax.Expr, del bool) bool {
	found := false
	for _, f := range files {
		for i, s := range f.Stmts {
			switch s := s.(type) {
			case *syntax.AssignStmt:
				id, ok := s.Targets[0].(*syntax.Ident)
				if !ok || id.Name != names[0] {
					continue
				}
				found = true
				if len(names) == 1 {
					if del {
						f.Stmts = append(f.Stmts[:i:i], f.Stmts[i+1:]...)
						return true
					}
					s.Value = val
					continue
				}
				overrideConfig(configOfExpr(s.Value), names[1:], val, del)
			case *syntax.UnificationStmt:
				if s.Target.Name != names[0] || len(names) == 1 {
					continue
				}
				found = true
				overrideConfig(s.Value.Config, names[1:], val, del)
			}
		}
	}
	return found
}

func configOfExpr(e syntax.Expr) *syntax.ConfigExpr {
	switch e := e.(type) {
	case *syntax.ConfigExpr:
		return e
	case *syntax.SchemaExpr:
		return e.Config
	}
	return nil
}

// overrideConfig sets or deletes the entry at names inside c.
func overrideConfig(c *syntax.ConfigExpr, names []string, val syntax.Expr, del bool) {
	if c == nil {
		return
	}
	if del {
		kept := c.Entries[:0]
		for _, e := range c.Entries {
			if e.Kind == syntax.EntryKV && entryName(e.Key) == names[0] {
				if len(names) > 1 {
					overrideConfig(configOfExpr(e.Value), names[1:], nil, true)
					kept = append(kept, e)
				}
				continue
			}
			kept = append(kept, e)
		}
		c.Entries = kept
		return
	}
	var key syntax.Expr = &syntax.Ident{Name: names[0]}
	for _, n := range names[1:] {
		key = &syntax.SelectorExpr{X: key, Sel: &syntax.Ident{Name: n}}
	}
	c.Entries = append(c.Entries, &syntax.ConfigEntry{Kind: syntax.EntryKV, Key: key, Op: syntax.OpOverride, Value: val})
}

func entryName(k syntax.Expr) string {
	switch k := k.(type) {
	case *syntax.Ident:
		return k.Name
	case *syntax.StringLit:
		return k.Value
	}
	return ""
}
