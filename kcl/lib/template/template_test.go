package template

import (
	"testing"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestExecute(t *testing.T) {
	libtest.Check(t, "import template", []libtest.Case{
		{Expr: `template.execute("Hello {{name}}!", {name = "KCL"}) == "Hello KCL!"`},
		{Expr: `template.execute("{{value}}", {value = "<div>'a'=\"b\" & c` + "`" + `</div>"}) == "&lt;div&gt;&#x27;a&#x27;&#x3D;&quot;b&quot; &amp; c&#x60;&lt;/div&gt;"`},
		{Expr: `template.execute("{{{value}}}|{{&value}}|{{raw value}}", {value = "<b>"}) == "<b>|<b>|<b>"`},
		{Expr: `template.execute("{{ c.d }} {{c/d}} {{this.c.d}} {{missing}} {{c.missing.x}}", {c = {d = 5}}) == "5 5 5  "`},
		{Expr: `template.execute("{{v}} {{f}} {{b}} {{n}} {{l}} {{o}}", {v = 1, f = 1.5, b = True, n = None, l = [1, "a", {}], o = {a = 1}}) == "1 1.5 true  [1, a, [object]] [object]"`},
		{Expr: `template.execute("{{#if author}}<h1>{{firstName}} {{lastName}}</h1>{{/if}}", {author = True, firstName = "Yehuda", lastName = "Katz"}) == "<h1>Yehuda Katz</h1>"`},
		{Expr: `template.execute("{{#if a}}A{{else}}B{{/if}}", {a = 0}) == "B" and template.execute("{{#if a includeZero=true}}A{{else}}B{{/if}}", {a = 0}) == "A"`},
		{Expr: `template.execute("{{#if a}}A{{else if b}}B{{else}}C{{/if}}", {b = "x"}) == "B"`},
		{Expr: `template.execute("{{#unless a}}no{{/unless}}{{^a}}!{{/a}}", {a = []}) == "no!"`},
		{Expr: `template.execute("{{#each xs}}{{@index}}:{{this}}{{#if @last}}.{{else}},{{/if}}{{/each}}", {xs = ["a", "b"]}) == "0:a,1:b."`},
		{Expr: `template.execute("{{#each m}}{{@key}}={{this}};{{/each}}", {m = {x = 1, y = 2}}) == "x=1;y=2;"`},
		{Expr: `template.execute("{{#each xs as |x i|}}{{i}}{{x.n}}{{/each}}", {xs = [{n = "a"}, {n = "b"}]}) == "0a1b"`},
		{Expr: `template.execute("{{#each xs}}x{{else}}empty{{/each}}", {xs = []}) == "empty"`},
		{Expr: `template.execute("{{#each xs}}{{../p}}{{this}}{{/each}}", {xs = [1, 2], p = "-"}) == "-1-2"`},
		{Expr: `template.execute("{{#with c}}{{d}}{{/with}}{{#with nope}}x{{else}}y{{/with}}", {c = {d = 5}}) == "5y"`},
		{Expr: `template.execute("{{#if (eq a 1)}}one{{/if}}{{#if (gt a 0)}}+{{/if}}{{#if (and a (not b))}}&{{/if}}", {a = 1, b = False}) == "one+&"`},
		{Expr: `template.execute("{{lookup m k}} {{len xs}} {{@root.k}}", {m = {x = "X"}, k = "x", xs = [1, 2]}) == "X 2 x"`},
		{Expr: `template.execute("{{#people}}{{name}} {{/people}}", {people = [{name = "a"}, {name = "b"}]}) == "a b "`},
		{Expr: `template.execute("a {{! comment }}b {{!-- {{x}} --}}c") == "a b c"`},
		{Expr: `template.execute("\\{{x}} {{x}}", {x = 1}) == "{{x}} 1"`},
		{Expr: `template.execute("a  {{~x~}}  b", {x = 1}) == "a1b"`},
		{Expr: `template.execute("{{#each xs}}\n  {{this}}\n{{/each}}\n", {xs = [1, 2]}) == "  1\n  2\n"`},
		{Expr: `template.execute("<ul>\n  {{#each xs}}\n  <li>{{this}}</li>\n  {{/each}}\n</ul>", {xs = [1]}) == "<ul>\n  <li>1</li>\n</ul>"`},
		{Expr: `template.execute("{{v}}", {v = 1Ki}) == "1024.0"`},
		{Expr: `template.execute("{{#if}}x{{/if}}")`, Err: "needs an argument"},
		{Expr: `template.execute("{{#if a}}x")`, Err: "unclosed block"},
		{Expr: `template.execute("{{#if a}}x{{/each}}")`, Err: "closed by {{/each}}"},
		{Expr: `template.execute("{{foo bar}}")`, Err: "Helper not defined"},
		{Expr: `template.execute("{{> partial}}")`, Err: "partials are not supported"},
		{Expr: `template.execute("{{x")`, Err: "unclosed tag"},
		{Expr: `template.execute(1)`, Err: "expected str"},
	}, nil)
}

func TestHTMLEscape(t *testing.T) {
	libtest.Check(t, "import template", []libtest.Case{
		{Expr: `template.html_escape("<a href=\"x\">&</a>") == "&lt;a href&#x3D;&quot;x&quot;&gt;&amp;&lt;/a&gt;"`},
		{Expr: `template.html_escape(data="plain") == "plain"`},
	}, nil)
}

// Data is converted once: schema instances render as their attributes.
func TestSchemaData(t *testing.T) {
	libtest.Check(t, "import template\nschema P:\n    name: str\n    _n: int = 1\n_p = P {name = \"x\"}", []libtest.Case{
		{Expr: `template.execute("{{name}}{{_n}}", _p) == "x1"`},
	}, func() *eval.Thread { return &eval.Thread{} })
}
