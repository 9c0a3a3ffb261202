package syntax

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"akua.dev/akua/kcl/diag"
)

// FuzzParse checks that the parser never panics or hangs, and that a
// tree parsed without error has consistent spans. It is seeded with the
// conformance corpus (when present) and a few inline programs.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"a = 1\nb = a + 2 * 3 if a else -1\n",
		"schema A[x: int](B) for P:\n    \"\"\"doc\"\"\"\n    mixin [M]\n    a?: str = \"${x: #json}\"\n    [k: str]: int\n    check:\n        a, \"msg\"\n",
		"f = lambda x: int -> int {\n    y = {\n        if x > 1:\n            z = 1\n        else: z = 2\n    }\n    y.z\n}\n",
		"l = [if a: 1 elif b: 2 else: 3, *c, [d for d in e if d], {k: v for k, v in g}]\n",
		"q = all x in [1, 2] {\n    x > 0\n}\nr = a?.b?[0][1:2:3]\n",
		"rule R(P):\n    a in b\n@deco(1, k=2)\nschema S:\n    x: A {a = 1}\n",
		"import .a.b as c\ntype T = int | \"a\" | [str] | {str:any} | (int) -> str\nassert a, 'm'\n",
		"x = '''\n${a}\n''' r'\\n' \"\\x41\\u00e9\"\ny = 0x1f + 0o7 + 0b1 + 1Ki + 1.5e3\n",
		"if a:\n\tb = 1\n        c = 2\n",
		"a = (1,\n[2)\nb = }\n",
	} {
		f.Add([]byte(seed))
	}
	if _, err := os.Stat(corpusDir); err == nil {
		filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".k") {
				if src, err := os.ReadFile(path); err == nil {
					f.Add(src)
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		file, err := ParseFile("fuzz.k", src)
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Fatalf("parsing %d bytes took %v", len(src), elapsed)
		}
		if file == nil {
			t.Fatal("ParseFile returned no tree")
		}
		list := diag.From(err)
		if len(list) > maxErrors {
			t.Fatalf("%d errors", len(list))
		}
		for _, d := range list {
			if d.Code == diag.InternalError {
				t.Fatalf("parser panic: %s", d.Message)
			}
		}
		if err == nil {
			if p := checkSpans(file); len(p) > 0 {
				t.Fatalf("span problems:\n%s", strings.Join(p, "\n"))
			}
		}
		x, err := ParseExpr("fuzz", src)
		if x == nil {
			t.Fatal("ParseExpr returned no expression")
		}
		for _, d := range diag.From(err) {
			if d.Code == diag.InternalError {
				t.Fatalf("ParseExpr panic: %s", d.Message)
			}
		}
	})
}
