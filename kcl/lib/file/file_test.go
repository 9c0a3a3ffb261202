package file_test

import (
	"os"
	"path/filepath"
	"testing"

	"akua.dev/akua/kcl/eval"
	_ "akua.dev/akua/kcl/lib/file"
	"akua.dev/akua/kcl/lib/internal/libtest"
	_ "akua.dev/akua/kcl/lib/json"
)

// setup makes a package root with some files, and a file outside it.
func setup(t *testing.T) (root, outside string) {
	t.Helper()
	root = t.TempDir()
	outside = t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(root, "test.txt"), []byte("Helloworld"), 0o644))
	must(os.WriteFile(filepath.Join(root, "test.json"), []byte(`{"key1": "value1", "data": [1, 2]}`), 0o644))
	must(os.MkdirAll(filepath.Join(root, "sub", "deep"), 0o755))
	must(os.WriteFile(filepath.Join(root, "sub", "a.json"), []byte("{}"), 0o644))
	must(os.WriteFile(filepath.Join(root, "sub", "deep", "b.txt"), []byte("b"), 0o644))
	must(os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644))
	must(os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(root, "escape.txt")))
	must(os.Symlink("test.txt", filepath.Join(root, "alias.txt")))
	must(os.Symlink(outside, filepath.Join(root, "outdir")))
	return root, outside
}

func TestRead(t *testing.T) {
	root, outside := setup(t)
	secret := filepath.Join(outside, "secret.txt")
	libtest.Check(t, "import file\nimport json", []libtest.Case{
		{Expr: `file.read("test.txt") == "Helloworld" and file.read(filepath="./test.txt") == "Helloworld"`},
		{Expr: `file.read("sub/../test.txt") == "Helloworld" and file.read("alias.txt") == "Helloworld"`},
		{Expr: `json.decode(file.read(file.modpath() + "/test.json")).key1 == "value1"`},
		{Expr: `file.read("not_exist.txt")`, Err: "failed to access the file 'not_exist.txt': no such file or directory"},
		{Expr: `file.read("../x.txt")`, Err: "outside the package root"},
		{Expr: `file.read("` + secret + `")`, Err: "outside the package root"},
		{Expr: `file.read("escape.txt")`, Err: "failed to access the file 'escape.txt'"},
		{Expr: `file.read("outdir/secret.txt")`, Err: "failed to access the file"},
		{Expr: `file.read("sub")`, Err: "failed to access the file 'sub'"},
		{Expr: `file.exists("test.txt") and file.exists("sub") and not file.exists("b.k")`},
		{Expr: `file.exists("../secret.txt")`, Err: "outside the package root"},
		{Expr: `file.size("test.txt") == 10`},
		{Expr: `file.size("source_file.txt")`, Err: "failed to get size of 'source_file.txt'"},
		{Expr: `file.glob("*.txt") == ["alias.txt", "escape.txt", "test.txt"] and file.glob("sub/*/*.txt") == ["sub/deep/b.txt"]`},
		{Expr: `file.glob("./sub/*.json") == ["sub/a.json"] and file.glob("nothing*") == []`},
		{Expr: `file.glob("../*")`, Err: "outside the package root"},
		{Expr: `file.modpath() == "` + root + `"`},
		{Expr: `file.abs("sub/../test.txt") == "` + filepath.Join(root, "test.txt") + `"`},
		{Expr: `file.abs("alias.txt") == "` + filepath.Join(root, "test.txt") + `"`},
		{Expr: `file.abs("missing")`, Err: "Could not get the absolute path of missing"},
		{Expr: `file.workdir() == ""`},
		{Expr: `file.current() == "` + filepath.Join(root, "main.k") + `"`},
	}, func() *eval.Thread { return &eval.Thread{FileRoot: root} })
}

// Deterministic evaluations may read inside the root, report paths
// relative to it, and may not write or read the environment.
func TestDeterministic(t *testing.T) {
	root, _ := setup(t)
	t.Setenv("AKUA_FILE_TEST", "v")
	libtest.Check(t, "import file", []libtest.Case{
		{Expr: `file.read("test.txt") == "Helloworld"`},
		{Expr: `file.modpath() == "." and file.current() == "main.k" and file.abs("sub/a.json") == "sub/a.json"`},
		{Expr: `file.read(file.modpath() + "/test.txt") == "Helloworld"`},
		{Expr: `file.write("x.txt", "x")`, Err: "file.write is not allowed"},
		{Expr: `file.mkdir("d")`, Err: "file.mkdir is not allowed"},
		{Expr: `file.delete("test.txt")`, Err: "file.delete is not allowed"},
		{Expr: `file.append("test.txt", "x")`, Err: "file.append is not allowed"},
		{Expr: `file.cp("test.txt", "c.txt")`, Err: "file.cp is not allowed"},
		{Expr: `file.mv("test.txt", "c.txt")`, Err: "file.mv is not allowed"},
		{Expr: `file.read_env("AKUA_FILE_TEST")`, Err: "must be deterministic"},
	}, func() *eval.Thread { return &eval.Thread{FileRoot: root, Deterministic: true} })
	if _, err := os.Stat(filepath.Join(root, "x.txt")); err == nil {
		t.Error("x.txt was written")
	}
}

func TestNoRoot(t *testing.T) {
	libtest.Check(t, "import file", []libtest.Case{
		{Expr: `file.read("test.txt")`, Err: "no file root"},
		{Expr: `file.modpath()`, Err: "no file root"},
		{Expr: `file.workdir() == ""`},
	}, nil)
}

func TestWrite(t *testing.T) {
	root, outside := setup(t)
	t.Setenv("AKUA_FILE_TEST", "v")
	libtest.Check(t, "import file", []libtest.Case{
		{Expr: `file.write("out.txt", "Hello, world!") == None and file.read("out.txt") == "Hello, world!"`},
		{Expr: `[file.append("out.txt", " more"), file.read("out.txt")][1] == "Hello, world! more"`},
		{Expr: `[file.append("new.txt", "n"), file.read("new.txt")][1] == "n"`},
		{Expr: `[file.mkdir("d1/d2"), file.exists("d1/d2")][1] and file.mkdir("d1/d2", exists=True) == None`},
		{Expr: `[file.cp("test.txt", "copy.txt"), file.read("copy.txt")][1] == "Helloworld"`},
		{Expr: `[file.cp("sub", "sub2"), file.read("sub2/deep/b.txt")][1] == "b"`},
		{Expr: `[file.mv("copy.txt", "moved.txt"), file.exists("copy.txt"), file.read("moved.txt")][1:] == [False, "Helloworld"]`},
		{Expr: `[file.delete("moved.txt"), file.exists("moved.txt")][1] == False`},
		{Expr: `file.delete("test_dir")`, Err: "failed to delete 'test_dir'"},
		{Expr: `file.delete("sub")`, Err: "failed to delete 'sub'"},
		{Expr: `file.cp("source.txt", "destination.txt")`, Err: "Failed to copy from 'source.txt' to 'destination.txt'"},
		{Expr: `file.mv("source.txt", "destination.txt")`, Err: "Failed to move 'source.txt' to 'destination.txt'"},
		{Expr: `file.write("../out.txt", "x")`, Err: "outside the package root"},
		{Expr: `file.write("escape.txt", "x")`, Err: "Failed to write to 'escape.txt'"},
		{Expr: `file.write("outdir/x.txt", "x")`, Err: "Failed to write to 'outdir/x.txt'"},
		{Expr: `file.cp("test.txt", "../copy.txt")`, Err: "outside the package root"},
		{Expr: `file.mv("test.txt", "` + filepath.Join(outside, "m.txt") + `")`, Err: "outside the package root"},
		{Expr: `file.read_env("AKUA_FILE_TEST") == "v" and file.read_env("AKUA_FILE_TEST_UNSET") == Undefined`},
	}, func() *eval.Thread { return &eval.Thread{FileRoot: root} })
	if b, _ := os.ReadFile(filepath.Join(outside, "secret.txt")); string(b) != "secret" {
		t.Errorf("the file outside the root changed: %q", b)
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) != 1 {
		t.Errorf("files were created outside the root: %v", entries)
	}
}
