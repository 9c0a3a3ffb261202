package syntax

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
)

// corpusDir is the KCL conformance corpus, relative to this package.
const corpusDir = "../../../shared/kcl-conformance/grammar"

// corpusCases returns the case directories of the corpus: those with a
// main.k (not the disabled _main.k) and a golden file.
func corpusCases(t testing.TB) []string {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("conformance corpus not available: %v", err)
	}
	var dirs []string
	filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "main.k" {
			dirs = append(dirs, filepath.Dir(path))
		}
		return nil
	})
	return dirs
}

// kFiles returns the .k files of a case directory and its sub-packages.
func kFiles(dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".k") && !strings.HasPrefix(d.Name(), "_") {
			files = append(files, path)
		}
		return nil
	})
	return files
}

func isSyntaxGolden(golden string) bool {
	return strings.Contains(golden, diag.InvalidSyntax.Title) ||
		strings.Contains(golden, diag.TabError.Title) ||
		strings.Contains(golden, diag.IndentationError.Title)
}

// TestCorpusParses parses every file of the conformance corpus: files
// of cases expected to succeed must parse without error, and cases
// whose expected error is a syntax error must fail to parse.
func TestCorpusParses(t *testing.T) {
	var okFiles, okCases, synCases, synDetected int
	for _, dir := range corpusCases(t) {
		rel, _ := filepath.Rel(corpusDir, dir)
		if _, err := os.Stat(filepath.Join(dir, "stdout.golden")); err == nil {
			okCases++
			for _, file := range kFiles(dir) {
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				f, err := ParseFile(file, src)
				if err != nil {
					t.Errorf("%s: %v", file, err)
					continue
				}
				if p := checkSpans(f); len(p) > 0 {
					t.Errorf("%s: span problems:\n%s", file, strings.Join(p, "\n"))
				}
				okFiles++
			}
			continue
		}
		golden, err := os.ReadFile(filepath.Join(dir, "stderr.golden"))
		if err != nil || !isSyntaxGolden(string(golden)) {
			continue
		}
		// The syntax error may be in main.k or in an imported file.
		synCases++
		detected := false
		for _, file := range kFiles(dir) {
			src, _ := os.ReadFile(file)
			if _, err := ParseFile(file, src); err != nil {
				detected = true
			}
		}
		if detected {
			synDetected++
		} else {
			t.Errorf("%s: expected a syntax error", rel)
		}
	}
	t.Logf("stdout cases: %d, files parsed without error: %d", okCases, okFiles)
	t.Logf("syntax-error cases: %d, detected: %d", synCases, synDetected)
}

// TestCorpusSyntaxDir checks that the cases under grammar/syntax that
// expect a syntax error get one.
func TestCorpusSyntaxDir(t *testing.T) {
	for _, dir := range corpusCases(t) {
		rel, _ := filepath.Rel(corpusDir, dir)
		if !strings.HasPrefix(rel, "syntax"+string(filepath.Separator)) {
			continue
		}
		golden, _ := os.ReadFile(filepath.Join(dir, "stderr.golden"))
		src, _ := os.ReadFile(filepath.Join(dir, "main.k"))
		_, err := ParseFile("main.k", src)
		if isSyntaxGolden(string(golden)) != (err != nil) {
			t.Errorf("%s: parse error %v, golden:\n%s", rel, err, golden)
		}
	}
}
