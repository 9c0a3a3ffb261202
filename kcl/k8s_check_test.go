package kcl

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/syntax"
	"akua.dev/akua/kcl/typecheck"
)

// TestK8sModuleChecks loads every package of the real k8s module, which
// parses it and runs the static checker over every file: thousands of
// schemas must check with no error.
func TestK8sModuleChecks(t *testing.T) {
	k8s := k8sModule(t)
	var pkgs []string
	err := filepath.WalkDir(k8s, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		ks, _ := filepath.Glob(filepath.Join(path, "*.k"))
		if len(ks) > 0 {
			rel, _ := filepath.Rel(k8s, path)
			pkgs = append(pkgs, "k8s."+strings.ReplaceAll(filepath.ToSlash(rel), "/", "."))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 30 {
		t.Fatalf("found %d packages in %s", len(pkgs), k8s)
	}
	dir := t.TempDir()
	loader := newFileLoader(dir, RunOptions{Externals: map[string]string{"k8s": k8s}})
	th := &eval.Thread{Ctx: context.Background(), Loader: loader}
	for _, p := range pkgs {
		if _, err := loader.Load(th, filepath.Join(dir, "main.k"), p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestK8sCompileErrors checks that a misspelled or mistyped field of a
// Deployment is reported before evaluation, at the field, with the
// declaration in the k8s module as a note and the data path.
func TestK8sCompileErrors(t *testing.T) {
	k8s := k8sModule(t)
	for _, tc := range []struct {
		name, src, msg, path, suggestion, note string
		line, col                              int
	}{{
		name: "misspelled",
		src: `import k8s.api.apps.v1 as apps

d = apps.Deployment {
    metadata.name = "web"
    spec = {
        replicas = 2
        selector.matchLabels = {app = "web"}
        template.spec.containers = [{name = "web", imagee = "nginx"}]
    }
}
`,
		msg: "cannot add member 'imagee' to schema 'Container'", path: "d.spec.template.spec.containers[0].imagee",
		suggestion: "did you mean 'image'?", note: "container.k", line: 8, col: 52,
	}, {
		name: "mistyped",
		src: `import k8s.api.apps.v1 as apps

d = apps.Deployment {
    metadata.name = "web"
    spec.replicas = "2"
}
`,
		msg: "expected int, got str", path: "d.spec.replicas",
		suggestion: "remove the quotes: 2", note: "deployment_spec.k", line: 5, col: 21,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			// A print before the error shows nothing ran.
			path := writeProgram(t, "print(\"ran\")\n"+tc.src)
			res, err := Run(context.Background(), []string{path}, RunOptions{Externals: map[string]string{"k8s": k8s}})
			if err == nil {
				t.Fatalf("no error; output:\n%s", res.YAML)
			}
			l := diag.From(err)
			d := l[0]
			if d.Message != tc.msg || d.Path != tc.path || d.Suggestion != tc.suggestion {
				t.Errorf("got %q path %q suggestion %q", d.Message, d.Path, d.Suggestion)
			}
			if d.Pos.File != path || d.Pos.Line != tc.line+1 || d.Pos.Col != tc.col {
				t.Errorf("at %v, want line %d col %d", d.Pos, tc.line+1, tc.col)
			}
			if len(d.Notes) == 0 || filepath.Base(d.Notes[0].Pos.File) != tc.note {
				t.Errorf("notes %+v, want one in %s", d.Notes, tc.note)
			}
		})
	}
}

// BenchmarkTypeCheck measures the static checker alone on what
// BenchmarkK8s100 and BenchmarkRun500 check (the k8s packages meta/v1,
// core/v1 and apps/v1 and the two programs), to compare with their
// whole runs.
func BenchmarkTypeCheck(b *testing.B) {
	k8s := k8sModule(b)
	parse := func(dir string) []*syntax.File {
		names, _ := filepath.Glob(filepath.Join(k8s, dir, "*.k"))
		files, err := parseFiles("", names)
		if err != nil {
			b.Fatal(err)
		}
		return files
	}
	meta, core, apps := parse("apimachinery/pkg/apis/meta/v1"), parse("api/core/v1"), parse("api/apps/v1")
	main := func(src string) []*syntax.File {
		f, err := syntax.ParseFile("main.k", []byte(src))
		if err != nil {
			b.Fatal(err)
		}
		return []*syntax.File{f}
	}
	k8sMain, run500 := main(genDeployments(100)), main(genResources(500))
	builtin := func(n string) bool { _, ok := eval.Universe()[n]; return ok }
	check := func(path string, files []*syntax.File, pkgs map[string]*typecheck.Package) *typecheck.Package {
		p, errs := typecheck.Check(path, files, typecheck.Config{Builtin: builtin,
			Import: func(_ string, s *syntax.ImportStmt) *typecheck.Package { return pkgs[s.Path] }})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		return p
	}
	b.Run("k8s", func(b *testing.B) {
		for b.Loop() {
			m := check("meta", meta, nil)
			c := check("core", core, map[string]*typecheck.Package{"apimachinery.pkg.apis.meta.v1": m})
			a := check("apps", apps, map[string]*typecheck.Package{"apimachinery.pkg.apis.meta.v1": m, "api.core.v1": c})
			check("__main__", k8sMain, map[string]*typecheck.Package{"k8s.api.apps.v1": a, "k8s.api.core.v1": c})
		}
	})
	b.Run("run500", func(b *testing.B) {
		for b.Loop() {
			check("__main__", run500, nil)
		}
	})
}
