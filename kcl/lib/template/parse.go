package template

// This file holds the parser of the Handlebars subset template.execute
// implements: text, {{expr}} (HTML-escaped), {{{expr}}} and {{&expr}}
// (raw), comments {{! }} and {{!-- --}}, blocks {{#helper ...}} with
// {{else}}, {{^}} and {{else helper ...}} chains, inverse sections
// {{^name}}, block parameters (as |a b|), sub-expressions (helper x),
// hash arguments key=value, literals, \{{ escapes, whitespace control
// with ~, and standalone tag lines (a block, else or comment tag alone
// on its line takes its line with it).

import (
	"fmt"
	"strings"
)

// A node of a parsed template.
type node interface{}

type textNode struct{ text string }

type mustache struct {
	call   *call
	escape bool
}

type block struct {
	call        *call
	blockParams []string
	body        []node
	inverse     []node
}

// A call is a path or helper with its arguments.
type call struct {
	name   expr
	params []expr
	hash   []hashArg
}

type hashArg struct {
	key string
	val expr
}

// An expr is a path, a literal or a sub-expression.
type expr interface{}

type pathExpr struct {
	data  bool     // @name
	up    int      // leading ../ segments
	parts []string // "this" and "." are dropped
	raw   string
}

type literal struct{ v any } // string, float64/int64, bool or nil

type subExpr struct{ call *call }

// token kinds of the flat token list.
const (
	tkText = iota
	tkMustache
	tkOpen    // {{#
	tkInverse // {{^name
	tkElse    // {{else}} {{^}} {{else helper}}
	tkClose   // {{/
	tkComment
)

type token struct {
	kind       int
	text       string // text, or the tag's content
	escape     bool   // mustache: HTML-escape
	stripLeft  bool   // {{~
	stripRight bool   // ~}}
	pos        int
}

func parseTemplate(src string) ([]node, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	toks = standalone(toks)
	p := &treeParser{toks: toks}
	nodes, end, err := p.nodes()
	if err != nil {
		return nil, err
	}
	if end != nil {
		return nil, fmt.Errorf("unexpected {{%s}} at offset %d", tagText(end), end.pos)
	}
	return nodes, nil
}

func tagText(t *token) string {
	switch t.kind {
	case tkElse:
		return "else"
	case tkClose:
		return "/" + t.text
	}
	return t.text
}

// tokenize splits src into text and tags and applies ~ whitespace
// control.
func tokenize(src string) ([]token, error) {
	var toks []token
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			toks = append(toks, token{kind: tkText, text: text.String()})
			text.Reset()
		}
	}
	i := 0
	for i < len(src) {
		j := strings.Index(src[i:], "{{")
		if j < 0 {
			text.WriteString(src[i:])
			break
		}
		j += i
		if j > 0 && src[j-1] == '\\' {
			// \{{ ... }} is literal text.
			text.WriteString(src[i : j-1])
			end := strings.Index(src[j:], "}}")
			if end < 0 {
				text.WriteString(src[j:])
				break
			}
			text.WriteString(src[j : j+end+2])
			i = j + end + 2
			continue
		}
		text.WriteString(src[i:j])
		flush()
		tok, next, err := readTag(src, j)
		if err != nil {
			return nil, err
		}
		toks = append(toks, tok)
		i = next
	}
	flush()
	// Whitespace control.
	for k := range toks {
		if toks[k].kind == tkText {
			continue
		}
		if toks[k].stripLeft && k > 0 && toks[k-1].kind == tkText {
			toks[k-1].text = strings.TrimRight(toks[k-1].text, " \t\r\n")
		}
		if toks[k].stripRight && k+1 < len(toks) && toks[k+1].kind == tkText {
			toks[k+1].text = strings.TrimLeft(toks[k+1].text, " \t\r\n")
		}
	}
	return toks, nil
}

// readTag reads the tag at src[i:] (starting with "{{").
func readTag(src string, i int) (token, int, error) {
	tok := token{pos: i}
	if strings.HasPrefix(src[i:], "{{!--") {
		end := strings.Index(src[i+5:], "--")
		for end >= 0 {
			rest := src[i+5+end+2:]
			if strings.HasPrefix(rest, "}}") || strings.HasPrefix(rest, "~}}") {
				break
			}
			next := strings.Index(src[i+5+end+1:], "--")
			if next < 0 {
				end = -1
				break
			}
			end += next + 1
		}
		if end < 0 {
			return tok, 0, fmt.Errorf("unclosed comment at offset %d", i)
		}
		after := i + 5 + end + 2
		if strings.HasPrefix(src[after:], "~") {
			tok.stripRight = true
			after++
		}
		tok.kind = tkComment
		return tok, after + 2, nil
	}
	triple := strings.HasPrefix(src[i:], "{{{")
	open, closer := 2, "}}"
	if triple {
		open, closer = 3, "}}}"
	}
	end := strings.Index(src[i+open:], closer)
	if end < 0 {
		return tok, 0, fmt.Errorf("unclosed tag at offset %d", i)
	}
	body := src[i+open : i+open+end]
	next := i + open + end + len(closer)
	if strings.HasPrefix(body, "~") {
		tok.stripLeft, body = true, body[1:]
	}
	if strings.HasSuffix(body, "~") {
		tok.stripRight, body = true, body[:len(body)-1]
	}
	if triple {
		tok.kind, tok.text = tkMustache, strings.TrimSpace(body)
		return tok, next, nil
	}
	body = strings.TrimSpace(body)
	switch {
	case strings.HasPrefix(body, "!"):
		tok.kind = tkComment
	case strings.HasPrefix(body, "#"):
		tok.kind, tok.text = tkOpen, strings.TrimSpace(body[1:])
		if strings.HasPrefix(tok.text, "*") || strings.HasPrefix(tok.text, ">") {
			return tok, 0, fmt.Errorf("unsupported tag {{%s}} at offset %d", body, i)
		}
	case strings.HasPrefix(body, "/"):
		tok.kind, tok.text = tkClose, strings.TrimSpace(body[1:])
	case body == "^" || body == "else":
		tok.kind = tkElse
	case strings.HasPrefix(body, "else ") || strings.HasPrefix(body, "else\t"):
		tok.kind, tok.text = tkElse, strings.TrimSpace(body[5:])
	case strings.HasPrefix(body, "^"):
		tok.kind, tok.text = tkInverse, strings.TrimSpace(body[1:])
	case strings.HasPrefix(body, "&"):
		tok.kind, tok.text = tkMustache, strings.TrimSpace(body[1:])
	case strings.HasPrefix(body, ">"):
		return tok, 0, fmt.Errorf("partials are not supported: {{%s}} at offset %d", body, i)
	default:
		tok.kind, tok.text, tok.escape = tkMustache, body, true
	}
	return tok, next, nil
}

// standalone removes the line of a block, else or comment tag that is
// alone on its line, up to and including its line break. Whether a tag
// is alone is decided on the text as written, before any removal.
func standalone(toks []token) []token {
	alone := make([]bool, len(toks))
	for k := range toks {
		switch toks[k].kind {
		case tkOpen, tkInverse, tkElse, tkClose, tkComment:
		default:
			continue
		}
		// What precedes the tag on its line must be blank, and begin the
		// line (at the template's start or after a line break).
		if k > 0 {
			if toks[k-1].kind != tkText {
				continue
			}
			before := toks[k-1].text
			nl := strings.LastIndexByte(before, '\n')
			if nl < 0 && k-1 > 0 {
				continue
			}
			if strings.Trim(before[nl+1:], " \t") != "" {
				continue
			}
		}
		if k+1 < len(toks) {
			if toks[k+1].kind != tkText {
				continue
			}
			after := toks[k+1].text
			nl := strings.IndexByte(after, '\n')
			if nl < 0 && k+2 < len(toks) {
				continue
			}
			line := after
			if nl >= 0 {
				line = after[:nl]
			}
			if strings.Trim(line, " \t\r") != "" {
				continue
			}
		}
		alone[k] = true
	}
	for k := range toks {
		if !alone[k] {
			continue
		}
		if k > 0 {
			before := &toks[k-1]
			before.text = before.text[:strings.LastIndexByte(before.text, '\n')+1]
		}
		if k+1 < len(toks) {
			after := &toks[k+1]
			if nl := strings.IndexByte(after.text, '\n'); nl >= 0 {
				after.text = after.text[nl+1:]
			} else {
				after.text = ""
			}
		}
	}
	return toks
}

type treeParser struct {
	toks []token
	pos  int
}

// nodes parses nodes up to an else or close tag, which it returns.
func (p *treeParser) nodes() ([]node, *token, error) {
	var out []node
	for p.pos < len(p.toks) {
		t := &p.toks[p.pos]
		p.pos++
		switch t.kind {
		case tkText:
			if t.text != "" {
				out = append(out, &textNode{t.text})
			}
		case tkComment:
		case tkMustache:
			c, _, err := parseCall(t.text)
			if err != nil {
				return nil, nil, fmt.Errorf("%v in {{%s}}", err, t.text)
			}
			out = append(out, &mustache{call: c, escape: t.escape})
		case tkOpen, tkInverse:
			b, err := p.block(t)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, b)
		case tkElse, tkClose:
			return out, t, nil
		}
	}
	return out, nil, nil
}

// block parses a block from its open tag to its close tag.
func (p *treeParser) block(open *token) (*block, error) {
	c, bparams, err := parseCall(open.text)
	if err != nil {
		return nil, fmt.Errorf("%v in {{#%s}}", err, open.text)
	}
	b := &block{call: c, blockParams: bparams}
	body, end, err := p.nodes()
	if err != nil {
		return nil, err
	}
	b.body = body
	name := pathName(c.name)
	for end != nil && end.kind == tkElse {
		if end.text != "" {
			// {{else helper args}} starts a chained block that ends with
			// the same close tag.
			chained := &token{kind: tkOpen, text: end.text, pos: end.pos}
			cb, err := p.chain(chained)
			if err != nil {
				return nil, err
			}
			b.inverse = []node{cb.block}
			end = cb.end
			break
		}
		inv, e, err := p.nodes()
		if err != nil {
			return nil, err
		}
		b.inverse, end = inv, e
		if end != nil && end.kind == tkElse {
			return nil, fmt.Errorf("more than one {{else}} in {{#%s}}", name)
		}
	}
	if end == nil || end.kind != tkClose {
		return nil, fmt.Errorf("unclosed block {{#%s}}", name)
	}
	if end.text != name {
		return nil, fmt.Errorf("{{#%s}} closed by {{/%s}}", name, end.text)
	}
	if open.kind == tkInverse {
		b.body, b.inverse = b.inverse, b.body
	}
	return b, nil
}

type chainResult struct {
	block *block
	end   *token
}

// chain parses the block an {{else helper}} opens, up to the close tag
// of the outer block, which it returns unconsumed in end.
func (p *treeParser) chain(open *token) (chainResult, error) {
	c, bparams, err := parseCall(open.text)
	if err != nil {
		return chainResult{}, fmt.Errorf("%v in {{else %s}}", err, open.text)
	}
	b := &block{call: c, blockParams: bparams}
	body, end, err := p.nodes()
	if err != nil {
		return chainResult{}, err
	}
	b.body = body
	if end != nil && end.kind == tkElse {
		if end.text != "" {
			next, err := p.chain(&token{kind: tkOpen, text: end.text, pos: end.pos})
			if err != nil {
				return chainResult{}, err
			}
			b.inverse = []node{next.block}
			return chainResult{b, next.end}, nil
		}
		inv, e, err := p.nodes()
		if err != nil {
			return chainResult{}, err
		}
		b.inverse, end = inv, e
	}
	return chainResult{b, end}, nil
}

func pathName(e expr) string {
	if p, ok := e.(*pathExpr); ok {
		return p.raw
	}
	return ""
}
