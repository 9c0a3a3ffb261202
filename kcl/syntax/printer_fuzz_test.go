package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRoundTrip checks, for every input that parses, that the formatted
// text parses to the same tree with the same comments and formats to
// itself. It is seeded with inline cases, the inputs of TestFormatGolden
// and, when present, every .k file of the conformance corpus.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	goldens, _ := filepath.Glob(filepath.Join("testdata", "fmt", "*.input"))
	for _, path := range goldens {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(src)
		}
	}
	filepath.WalkDir(fmtCorpusDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".k") {
			if src, err := os.ReadFile(path); err == nil {
				f.Add(src)
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := ParseFile("fuzz.k", src); err != nil {
			return
		}
		if err := roundTrip("fuzz.k", src); err != nil {
			t.Fatalf("input:\n%s\n%v", src, err)
		}
	})
}

// fuzzSeeds are small inputs covering each construct.
var fuzzSeeds = []string{
	"a = 1\n",
	"a = 1  # c\n# d\nb = [1, # e\n 2]\n",
	"import a.b as c\nschema S(B):\n    \"\"\"doc\"\"\"\n    mixin [M]\n    [k: str]: int\n    x?: int = 1\n    check:\n        x > 0, \"m\"\n",
	"@d(a=1)\nrule R[x: int](P) for Q:\n    x\n",
	"c = {\n    if a: b = 1\n    elif c:\n        d: 2\n    else:\n        **e\n}\n",
	"l = [\n    if a: 1\n    else: *b\n]\n",
	"f = lambda x: int = 1 -> int {\n    x + 1\n}\ng = lambda { 1 }\n",
	"q = all x in l { x > 0 if x }\nm = map k, v in d {\n    v\n}\n",
	"x = [i for i in range(3) if i]\ny = {k = v for k, v in d}\n",
	"s = \"${a.b: #json} ${c}\" + '''x\n  y'''\n",
	"if a:\n    b = 1\nelif c:\n    b = 2\nelse:\n    b = 3\n",
	"t: {str:[int | \"a\"]} = {}\ntype F = (int, str) -> bool\n",
	"x = a?.b?[0][1:2:3] if not c else -d ** ~e\n",
	"p: P {a = 1}\nq = P(1, b=2) {a.b.c += [1]}\n",
}
