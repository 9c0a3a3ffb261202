package rgd

// ${...} scanning, typed standalone values versus string templates, and
// the values expressions give (libraries, ordering, omit).

import (
	"strings"
	"testing"
)

func TestSplitExprs(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want: parts as lit|{expr}, or "error: ..."
	}{
		{"plain text", ""},
		{"$ {a} and $b", ""},
		{"${a}", "{a}"},
		{"x-${a}-${b.c}", "x-|{a}|-|{b.c}"},
		{`${{"a": {"b": 1}}}`, `{{"a": {"b": 1}}}`},
		{`${"}" + '}'}!`, `{"}" + '}'}|!`},
		{`echo ${"${HOME}"}`, `echo |{"${HOME}"}`},
		{`${"a\"}"}`, `{"a\"}"}`},
		{"${a", "error: unterminated ${ (no closing })"},
		{"${a + ${b}}", "error: nested ${ inside an expression"},
		{"${ }", "error: empty expression ${}"},
	} {
		parts, err := splitExprs(tc.in)
		var got string
		if err != nil {
			got = "error: " + err.Error()
		} else if strings.Contains(tc.in, "${") {
			var s []string
			for _, p := range parts {
				if p.e != nil {
					s = append(s, "{"+p.e.src+"}")
				} else {
					s = append(s, p.lit)
				}
			}
			got = strings.Join(s, "|")
		}
		if !strings.HasPrefix(got, tc.want) || (tc.want == "" && got != "") {
			t.Errorf("splitExprs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

const valueSchema = `
name: string | default="web"
replicas: integer | default=3
enabled: boolean | default=true
labels: 'map[string]string | default={"zeta": "1", "alpha": "2"}'
ports: '[]integer | default=[80, 443]'
data: 'string | default="{\"b\": [1, 2], \"a\": null}"'
nick: string`

// renderValue renders one field `value: <field>` of a resource and
// returns it as YAML ("<absent>" when omitted).
func renderValue(t *testing.T, field string) (string, error) {
	t.Helper()
	r := fromYAML(t, rgdWith(valueSchema, `
- id: echo
  template:
    apiVersion: v1
    kind: Echo
    metadata: {name: x}
    value: `+field))
	out, err := Instantiate(r, fromYAML(t, `{metadata: {name: demo, namespace: ns}, spec: {}}`))
	if err != nil {
		return "", err
	}
	v, ok := get(out[0], "value")
	if !ok {
		return "<absent>", nil
	}
	return strings.TrimSpace(toYAML(t, []any{v})), nil
}

func TestValues(t *testing.T) {
	for _, tc := range []struct {
		name, field, want string
	}{
		{"integer stays an integer", `${schema.spec.replicas}`, "3"},
		{"boolean stays a boolean", `${schema.spec.enabled}`, "true"},
		{"map keeps the instance's key order", `${schema.spec.labels}`, "zeta: \"1\"\nalpha: \"2\""},
		{"list stays a list", `${schema.spec.ports}`, "- 80\n- 443"},
		{"metadata is readable", `${schema.metadata.namespace}`, "ns"},
		{"string template", `"${schema.spec.name}.${schema.metadata.namespace}.svc"`, "web.ns.svc"},
		{"string() converts in templates", `"port-${string(schema.spec.ports[0])}"`, "port-80"},
		{"escaped shell variable", `'echo ${"${HOME}"} ${schema.spec.name}'`, "echo ${HOME} web"},
		{"text without expressions is kept", `"cost: $5 {x}"`, "'cost: $5 {x}'"},
		{"map built in CEL has sorted keys", `'${{"b": 1, "a": {"d": 2, "c": 3}}}'`, "a:\n    c: 3\n    d: 2\nb: 1"},
		{"iterating a CEL map is sorted", `'${{"b": 1, "a": 2, "c": 3}.transformList(k, v, k)}'`, "- a\n- b\n- c"},
		{"iterating an input map keeps its order", `'${schema.spec.labels.map(k, k)}'`, "- zeta\n- alpha"},
		{"two-variable comprehension", `'${schema.spec.labels.transformList(k, v, k + "=" + v)}'`, "- zeta=1\n- alpha=2"},
		{"optional with default", `${schema.spec.?nick.orValue("none")}`, "none"},
		{"has() on an absent field", `${has(schema.spec.nick)}`, "false"},
		{"null", `${null}`, "null"},
		{"omit() drops the field", `'${schema.spec.enabled ? omit() : 1}'`, "<absent>"},
		{"omit() drops list items", `['${omit()}', a, '${schema.spec.enabled ? "b" : omit()}']`, "- a\n- b"},
		{"omit() inside a built map", `'${{"keep": 1, "drop": omit()}}'`, "keep: 1"},
		{"merge: right wins, left order first", `'${schema.spec.labels.merge({"alpha": "x", "beta": "y"})}'`, "zeta: \"1\"\nalpha: x\nbeta: \"y\""},
		{"json.marshal sorts keys like kro", `${json.marshal(schema.spec.labels)}`, `'{"alpha":"2","zeta":"1"}'`},
		{"json.unmarshal keeps document order", `${json.unmarshal(schema.spec.data)}`, "b:\n    - 1\n    - 2\na: null"},
		{"hash and format", `'${"%x".format([hash.sha256("abc")])}'`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"fnv64a", `'${"%x".format([hash.fnv64a("abc")])}'`, "e71fa2190541574b"},
		{"base64", `${base64.encode(bytes(schema.spec.name))}`, "d2Vi"},
		{"bytes become base64", `${bytes("hi")}`, "aGk="},
		{"lists.setAtIndex", `${lists.setAtIndex(schema.spec.ports, 1, 8443)}`, "- 80\n- 8443"},
		{"lists.insertAtIndex at the end", `${lists.insertAtIndex(schema.spec.ports, 2, 9000)}`, "- 80\n- 443\n- 9000"},
		{"lists.removeAtIndex", `${lists.removeAtIndex(schema.spec.ports, 0)}`, "- 443"},
		{"ext strings", `'${"a,b".split(",").map(s, s.upperAscii()).join("+")}'`, "A+B"},
		{"ext lists", `${[3, 1, 2, 3].distinct().sort()}`, "- 1\n- 2\n- 3"},
		{"bindings", `${cel.bind(n, schema.spec.replicas, n * n)}`, "9"},
		{"duration", `${duration("90s")}`, "1m30s"},
		{"timestamp", `${timestamp("2024-01-02T03:04:05Z")}`, "\"2024-01-02T03:04:05Z\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := renderValue(t, tc.field)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestExpressionErrors(t *testing.T) {
	for _, tc := range []struct {
		name, field string
		code        string
		path, msg   string
		hint        string
	}{
		{"parse error", `${schema.spec.name +}`, "E_RGD_CEL", "spec.resources[0].template.value",
			`resource "echo": ${schema.spec.name +} does not parse: Syntax error: mismatched input '<EOF>'`, "see https://kro.run"},
		{"integer inside a string", `"r-${schema.spec.replicas}"`, "E_RGD_CEL", "spec.resources[0].template.value",
			`resource "echo": ${schema.spec.replicas} gave int inside a string; kro requires string values there`, "convert it: ${string(schema.spec.replicas)}"},
		{"omit() inside a string", `"r-${omit()}"`, "E_RGD_CEL", "spec.resources[0].template.value",
			`resource "echo": ${omit()} gave kro.omit inside a string`, "omit() can only be the whole value of a field"},
		{"trailing newline of a block scalar", "|\n      ${schema.spec.replicas}", "E_RGD_CEL", "spec.resources[0].template.value",
			`resource "echo": ${schema.spec.replicas} gave int inside a string`, "whitespace around ${...} makes the field a string template"},
		{"misspelt field", `${schema.spec.replica}`, "E_RGD_CEL", "spec.resources[0].template.value",
			`resource "echo": ${schema.spec.replica}: no such key: replica`, "did you mean schema.spec.replicas?"},
		{"optional field not set", `${schema.spec.nick}`, "E_RGD_CEL", "spec.resources[0].template.value",
			`resource "echo": ${schema.spec.nick}: no such key: nick`, "schema.spec.nick is not set: give the field a default=... marker in the schema, or guard it with has(schema.spec.nick)"},
		{"unknown function", `${schema.spec.name.repeat(2)}`, "E_RGD_CEL", "spec.resources[0].template.value",
			`resource "echo": ${schema.spec.name.repeat(2)}: undeclared reference to 'repeat'`, "akua loads cel-go's standard library"},
		{"wrong operand types", `${schema.spec.name + 1}`, "E_RGD_CEL", "spec.resources[0].template.value",
			`resource "echo": ${schema.spec.name + 1}: no such overload`, "the operand types do not fit"},
		{"math is not loaded", `${math.greatest(1, 2)}`, "E_RGD_REF", "spec.resources[0].template.value",
			`resource "echo": ${math.greatest(1, 2)} refers to unknown name "math"`, "the cel-go math extension is not loaded"},
		{"expression in a key", `{"${schema.spec.name}": 1}`, "E_RGD_DEFINITION", `spec.resources[0].template.value["${schema.spec.name}"]`,
			`resource "echo": map key "${schema.spec.name}" holds an expression; kro never evaluates keys`, "build the whole map in one expression"},
		{"unterminated expression", `"${schema.spec.name"`, "E_RGD_DEFINITION", "spec.resources[0].template.value",
			`resource "echo": unterminated ${ (no closing })`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := renderValue(t, tc.field)
			if err == nil {
				t.Fatal("no error")
			}
			d := firstDiag(t, err)
			if d.Code.ID != tc.code || d.Path != tc.path || !strings.HasPrefix(d.Message, tc.msg) || !strings.HasPrefix(d.Suggestion, tc.hint) {
				t.Errorf("got  %s %s %q hint %q\nwant %s %s %q hint %q", d.Code.ID, d.Path, d.Message, d.Suggestion, tc.code, tc.path, tc.msg, tc.hint)
			}
			if d.Pos.Line != 0 || d.Pos.File != "" {
				t.Errorf("position should be left to the caller, got %v", d.Pos)
			}
		})
	}
}
