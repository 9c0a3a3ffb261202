package render

import (
	"akua.dev/akua/internal/testfs"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
)

func renderDir(t *testing.T, dir string, opts Options) (*Result, error) {
	t.Helper()
	opts.Package = dir
	return Render(context.Background(), opts)
}

// mustFail renders and returns the first diagnostic, failing the test
// when the render succeeds or the error carries no diagnostic.
func mustFail(t *testing.T, dir string, opts Options, code string) *diag.Diagnostic {
	t.Helper()
	_, err := renderDir(t, dir, opts)
	if err == nil {
		t.Fatalf("render succeeded, want error %s", code)
	}
	l := diag.From(err)
	if len(l) == 0 {
		t.Fatalf("error has no diagnostic: %v", err)
	}
	if l[0].Code.ID != code {
		t.Fatalf("code = %s, want %s: %v", l[0].Code.ID, code, err)
	}
	return l[0]
}

const basicPkg = `import akua.ctx

schema Input:
    @ui(order=1, group="Identity")
    appName: str
    replicas: int = 2
    routing: Routing

schema Routing:
    hostname: str
    tls: bool = True

input: Input = ctx.input()

resources = [
    {apiVersion = "v1", kind = "ConfigMap", metadata.name = input.appName, data.host = input.routing.hostname}
    {apiVersion = "apps/v1", kind = "Deployment", metadata.name = input.appName, spec.replicas = input.replicas}
]
`

func TestRenderBasic(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": basicPkg,
		"inputs.yaml": "appName: Demo_App\nrouting:\n  hostname: demo.example.com\n"})
	res, err := renderDir(t, dir, Options{Set: []string{"replicas=5"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range res.Resources {
		names = append(names, r.File)
	}
	if got, want := strings.Join(names, " "), "000-configmap-demo-app.yaml 001-deployment-demo-app.yaml"; got != want {
		t.Errorf("files = %s, want %s", got, want)
	}
	want := "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Demo_App\nspec:\n  replicas: 5\n"
	if got := string(res.Resources[1].YAML); got != want {
		t.Errorf("yaml =\n%s\nwant\n%s", got, want)
	}
	if !strings.HasPrefix(res.Hash, "sha256:") || res.Hash != Hash(res.Resources) {
		t.Errorf("hash = %q", res.Hash)
	}
	again, err := renderDir(t, dir, Options{Set: []string{"replicas=5"}})
	if err != nil || again.Hash != res.Hash {
		t.Errorf("second render differs: %v %s vs %s", err, again.Hash, res.Hash)
	}
}

func TestRenderInputErrors(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": basicPkg})
	cases := []struct {
		name string
		opts Options
		code string
		want string
	}{
		{"wrong type", Options{Set: []string{"appName=a", "routing.hostname=h", "routing.tls=maybe"}}, "E2G22", "input.routing.tls"},
		{"missing required", Options{Set: []string{"appName=a"}}, "E3M38", "routing"},
		{"unknown field", Options{Set: []string{"appName=a", "routing.hostname=h", "replicaz=3"}}, "E3M38", "did you mean 'replicas'"},
		{"bad set", Options{Set: []string{"novalue"}}, "E_SET", "path=value"},
		{"missing file", Options{Inputs: []string{filepath.Join(dir, "nope.yaml")}}, "E_INPUTS", "cannot read"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := mustFail(t, dir, c.opts, c.code)
			if text := d.Error() + " " + d.Suggestion; !strings.Contains(text, c.want) {
				t.Errorf("error %q does not mention %q", text, c.want)
			}
		})
	}
}

func TestRenderResourceShape(t *testing.T) {
	cases := map[string]string{
		"resources = [{apiVersion = \"v1\", kind = \"A\"}, 3]\n": "resources[1]",
		"resources = [{kind = \"A\"}]\n":                         "resources[0]",
		"resources = {apiVersion = \"v1\", kind = \"A\"}\n":      "want a list",
		"x = 1\n": "no `resources`",
		"resources = [{apiVersion = \"v1\", kind = \"A\", metadata = 1}]\n": "",
	}
	for src, want := range cases {
		dir := testfs.Tree(t, map[string]string{"package.k": src})
		if want == "" {
			if _, err := renderDir(t, dir, Options{}); err != nil {
				t.Errorf("%q: %v", src, err)
			}
			continue
		}
		d := mustFail(t, dir, Options{}, "E_RESOURCES")
		if !strings.Contains(d.Error(), want) {
			t.Errorf("%q: error %q does not mention %q", src, d.Error(), want)
		}
		if d.Pos.File == "" {
			t.Errorf("%q: error has no file", src)
		}
	}
}

func TestRenderSyntaxErrorsAll(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": "a = (\nb = 1\nc = ]\n"})
	_, err := renderDir(t, dir, Options{})
	l := diag.From(err)
	if len(l) < 2 {
		t.Fatalf("want every syntax error, got %v", err)
	}
	for _, d := range l {
		if d.Code.ID != "E1001" || d.Pos.Line == 0 {
			t.Errorf("diagnostic %v lacks code or position", d)
		}
	}
}

func TestRenderNondeterminismRefused(t *testing.T) {
	for _, src := range []string{
		"import datetime\nresources = [{apiVersion = \"v1\", kind = \"A\", metadata.name = datetime.now()}]\n",
		"import runtime\nresources = [{apiVersion = \"v1\", kind = \"A\", metadata.name = runtime.getenv(\"HOME\")}]\n",
	} {
		dir := testfs.Tree(t, map[string]string{"package.k": src})
		if _, err := renderDir(t, dir, Options{}); err == nil {
			t.Errorf("%q rendered; want a determinism error", src)
		}
	}
}

func TestRenderStdlibErrorPointsAtCaller(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": "import akua.pkg\n\nresources = pkg.render(pkg.Render {path = \"../elsewhere\"})\n"})
	d := mustFail(t, dir, Options{}, "E_PATH_ESCAPE")
	if filepath.Base(d.Pos.File) != "package.k" || d.Pos.Line != 3 {
		t.Errorf("error at %v, want package.k:3", d.Pos)
	}
}

func TestPkgRender(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{
		"package.k": `import akua.pkg
_inner = pkg.render(pkg.Render {path = "./inner", inputs = {name = "x"}})
resources = [*_inner, {apiVersion = "v1", kind = "Namespace", metadata.name = "outer"}]
`,
		"inner/package.k": `import akua.ctx
schema Input:
    name: str
input: Input = ctx.input()
resources = [{apiVersion = "v1", kind = "ConfigMap", metadata.name = input.name}]
`,
	})
	res, err := renderDir(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Resources) != 2 || res.Resources[0].Name != "x" || res.Resources[1].Name != "outer" {
		t.Errorf("resources = %+v", res.Resources)
	}
}

func TestPkgRenderCycleAndDepth(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{
		"package.k":   "import akua.pkg\nresources = pkg.render(pkg.Render {path = \"./a\"})\n",
		"a/package.k": "import akua.pkg\nresources = pkg.render(pkg.Render {path = \"..\"})\n",
	})
	// ".." from a is outside a's own package directory: refused as an escape
	// before any cycle can form.
	mustFail(t, dir, Options{}, "E_PATH_ESCAPE")

	self := testfs.Tree(t, map[string]string{"package.k": "import akua.pkg\nresources = pkg.render(pkg.Render {path = \".\"})\n"})
	d := mustFail(t, self, Options{}, "E_PKG_CYCLE")
	if !strings.Contains(d.Message, "package.k -> package.k") {
		t.Errorf("cycle message %q", d.Message)
	}

	files := map[string]string{}
	p := ""
	for i := 0; i < 5; i++ {
		files[p+"package.k"] = "import akua.pkg\nresources = pkg.render(pkg.Render {path = \"./n\"})\n"
		p += "n/"
	}
	files[p+"package.k"] = "resources = []\n"
	deep := testfs.Tree(t, files)
	if _, err := renderDir(t, deep, Options{}); err != nil {
		t.Fatalf("5 levels: %v", err)
	}
	mustFail(t, deep, Options{MaxPackageDepth: 3}, "E_PKG_DEPTH")
}

func TestOCIFetchNotResolved(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": "import akua.oci\nresources = oci.fetch_manifests(\"oci://example.com/x\")\n"})
	mustFail(t, dir, Options{}, "E_DEP_NOT_RESOLVED")
}

func TestRenderLimits(t *testing.T) {
	dir := testfs.Tree(t, map[string]string{"package.k": "resources = [{apiVersion = \"v1\", kind = \"A\", data = [\"x\" * 1000 for _ in range(1000)]}]\n"})
	mustFail(t, dir, Options{MaxOutput: 10000}, "E3M42")
	loop := testfs.Tree(t, map[string]string{"package.k": "f = lambda n { f(n + 1) }\nresources = [f(0)]\n"})
	if _, err := renderDir(t, loop, Options{}); err == nil {
		t.Error("runaway recursion rendered")
	}
}
