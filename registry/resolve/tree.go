// This file holds `akua tree`: the package, its locked dependencies,
// and theirs where a dependency is itself an akua package with a lock.

package resolve

import (
	"context"
	"fmt"
	"io"
	"strings"

	"akua.dev/akua/lock"
)

// maxTreeDepth bounds the walk, as pkg.render's depth limit does (SPEC §5).
const maxTreeDepth = 16

// A Node is one package in the dependency tree.
type Node struct {
	Name         string  `json:"name"`
	Version      string  `json:"version,omitempty"`
	Source       string  `json:"source,omitempty"`
	Digest       string  `json:"digest,omitempty"`
	Content      Content `json:"content,omitempty"`
	Note         string  `json:"note,omitempty"` // "not locked", "cycle", "not fetched: ..."
	Dependencies []*Node `json:"dependencies"`
}

// Tree returns the dependency tree of p. Nested levels come from each
// akua-package dependency's own akua.toml and akua.lock; fetching them
// may use the network unless opts.Offline, and what cannot be fetched is
// shown with a note rather than failing the whole tree.
func Tree(ctx context.Context, p *Project, opts Options) (*Node, error) {
	root := &Node{Name: p.Manifest.Package.Name, Version: p.Manifest.Package.Version}
	seen := map[string]bool{}
	return root, walk(ctx, p, opts, root, seen, 0)
}

func walk(ctx context.Context, p *Project, opts Options, n *Node, seen map[string]bool, depth int) error {
	n.Dependencies = []*Node{}
	if depth >= maxTreeDepth {
		n.Note = "depth limit reached"
		return nil
	}
	so, err := opts.sources(p.Dir)
	if err != nil {
		return err
	}
	for _, d := range p.Manifest.Dependencies {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := &Node{Name: d.Name, Dependencies: []*Node{}}
		n.Dependencies = append(n.Dependencies, c)
		e, ok := p.Lock.Entry(d.Name)
		if !ok {
			c.Note = "not locked"
			c.Version = d.Constraint()
			c.Source = lock.SourceOf(d).String()
			continue
		}
		c.Version, c.Source, c.Digest = e.Version, e.Source, e.Digest
		if seen[e.Digest] {
			c.Note = "cycle"
			continue
		}
		s, fe, err := entrySource(e, so)
		if err != nil {
			c.Note = err.Error()
			continue
		}
		dir, err := s.Fetch(ctx, fe)
		if err != nil {
			c.Note = "not fetched: " + err.Error()
			continue
		}
		c.Content = DetectContent(dir)
		if c.Content != ContentAkua {
			continue
		}
		sub, err := Load(dir)
		if err != nil {
			continue // an akua package without akua.toml has no dependencies
		}
		seen[e.Digest] = true
		if err := walk(ctx, sub, opts, c, seen, depth+1); err != nil {
			return err
		}
		delete(seen, e.Digest)
	}
	return nil
}

// Print writes the tree as indented text:
//
//	app 0.1.0
//	├── podinfo 6.5.0 (repo+https://...?chart=podinfo) chart
//	└── lib v1.3.0 (git+...#...) akua
//	    └── ...
func (n *Node) Print(w io.Writer) {
	fmt.Fprintln(w, strings.TrimSpace(n.Name+" "+n.Version))
	n.printChildren(w, "")
}

func (n *Node) printChildren(w io.Writer, prefix string) {
	for i, c := range n.Dependencies {
		branch, next := "├── ", "│   "
		if i == len(n.Dependencies)-1 {
			branch, next = "└── ", "    "
		}
		line := c.Name
		if c.Version != "" {
			line += " " + c.Version
		}
		if c.Source != "" {
			line += " (" + c.Source + ")"
		}
		if c.Content != "" {
			line += " " + string(c.Content)
		}
		if c.Note != "" {
			line += " [" + c.Note + "]"
		}
		fmt.Fprintln(w, prefix+branch+line)
		c.printChildren(w, prefix+next)
	}
}
