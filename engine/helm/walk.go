package helm

import (
	"text/template/parse"
)

// The walk over one parse tree: every function call is checked by
// check (refuse.go) with what the static analysis can see around it:
// its arguments, the value piped into it, and the function its result
// goes to.

// A site is a node of a template: where it calls a refused function,
// or runs another template (include, template action, tpl).
type site struct {
	tree   *parse.Tree
	node   parse.Node
	note   string // what the site does, for a diagnostic's notes
	inText bool   // tree is text rendered by tpl, not a chart file
}

// A call is one function call seen in a template.
type call struct {
	fn    string
	ident *parse.IdentifierNode
	args  []parse.Node // the arguments, the piped value last
	// consumer is the function the result is passed to, "if" for a
	// condition, "" when it is printed, stored or ranged over.
	consumer string
}

// A walker walks one tree. vars holds, for each variable of the tree,
// the pipelines assigned to it (nil for a range variable), gathered
// before the walk, as scopes are not tracked.
type walker struct {
	a      *analysis
	tree   *parse.Tree
	inText bool
	vars   map[string][]*parse.PipeNode
}

func newWalker(a *analysis, tree *parse.Tree, inText bool) *walker {
	w := &walker{a: a, tree: tree, inText: inText, vars: map[string][]*parse.PipeNode{}}
	w.gatherVars(tree.Root, false)
	return w
}

func (w *walker) gatherVars(n parse.Node, inRange bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				w.gatherVars(c, false)
			}
		}
	case *parse.ActionNode:
		w.gatherVars(n.Pipe, false)
	case *parse.IfNode:
		w.gatherBranch(&n.BranchNode, false)
	case *parse.WithNode:
		w.gatherBranch(&n.BranchNode, false)
	case *parse.RangeNode:
		w.gatherBranch(&n.BranchNode, true)
	case *parse.TemplateNode:
		w.gatherVars(n.Pipe, false)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, v := range n.Decl {
			if inRange {
				w.vars[v.Ident[0]] = append(w.vars[v.Ident[0]], nil)
			} else {
				w.vars[v.Ident[0]] = append(w.vars[v.Ident[0]], n)
			}
		}
		for _, c := range n.Cmds {
			for _, a := range c.Args {
				w.gatherVars(a, false)
			}
		}
	}
}

func (w *walker) gatherBranch(b *parse.BranchNode, isRange bool) {
	w.gatherVars(b.Pipe, isRange)
	w.gatherVars(b.List, false)
	w.gatherVars(b.ElseList, false)
}

// node walks n and returns the first refusal found in it or in what it
// runs.
func (w *walker) node(n parse.Node) *finding {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if f := w.node(c); f != nil {
				return f
			}
		}
	case *parse.ActionNode:
		return w.pipe(n.Pipe, "")
	case *parse.IfNode:
		return w.branch(&n.BranchNode, "if")
	case *parse.WithNode:
		return w.branch(&n.BranchNode, "")
	case *parse.RangeNode:
		return w.branch(&n.BranchNode, "")
	case *parse.TemplateNode:
		if f := w.pipe(n.Pipe, ""); f != nil {
			return f
		}
		return w.a.enter(w.site(n, "included from here"), []string{n.Name})
	}
	return nil
}

func (w *walker) branch(b *parse.BranchNode, consumer string) *finding {
	for _, f := range []func() *finding{
		func() *finding { return w.pipe(b.Pipe, consumer) },
		func() *finding { return w.node(b.List) },
		func() *finding { return w.node(b.ElseList) },
	} {
		if r := f(); r != nil {
			return r
		}
	}
	return nil
}

// pipe walks the commands of p; consumer takes the result of the last.
func (w *walker) pipe(p *parse.PipeNode, consumer string) *finding {
	if p == nil {
		return nil
	}
	if len(p.Decl) > 0 {
		consumer = "" // stored in a variable: used in ways not followed
	}
	for i, cmd := range p.Cmds {
		var piped parse.Node
		if i > 0 {
			piped = p.Cmds[i-1]
		}
		next := consumer
		if i < len(p.Cmds)-1 {
			next = funcName(p.Cmds[i+1])
		}
		if f := w.command(cmd, piped, next); f != nil {
			return f
		}
	}
	return nil
}

// command walks one command: a function call when its first word is
// a function name, and its arguments, which may call functions too.
func (w *walker) command(cmd *parse.CommandNode, piped parse.Node, consumer string) *finding {
	fn := funcName(cmd)
	for i, arg := range cmd.Args {
		var f *finding
		switch a := arg.(type) {
		case *parse.IdentifierNode:
			if i == 0 {
				args := append(append([]parse.Node{}, cmd.Args[1:]...), piped)
				if piped == nil {
					args = args[:len(args)-1]
				}
				f = w.a.check(w, call{fn: a.Ident, ident: a, args: args, consumer: consumer})
			} else { // a function called with no arguments: `quote now`
				f = w.a.check(w, call{fn: a.Ident, ident: a, consumer: fn})
			}
		case *parse.PipeNode:
			f = w.pipe(a, fn)
		case *parse.ChainNode: // `(genCA "x" 365).Cert`, `now.Year`
			switch c := a.Node.(type) {
			case *parse.PipeNode:
				f = w.pipe(c, "")
			case *parse.IdentifierNode:
				f = w.a.check(w, call{fn: c.Ident, ident: c})
			}
		}
		if f != nil {
			return f
		}
	}
	return nil
}

func (w *walker) site(n parse.Node, note string) *site {
	return &site{tree: w.tree, node: n, note: note, inText: w.inText}
}

// funcName is the function a command calls, or "".
func funcName(cmd *parse.CommandNode) string {
	if len(cmd.Args) > 0 {
		if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
			return id.Ident
		}
	}
	return ""
}
