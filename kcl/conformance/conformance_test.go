package conformance

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// ratchetFile is the ratchet, beside this file.
const ratchetFile = "passing.txt"

var (
	update   = flag.Bool("update", false, "rewrite "+ratchetFile+" to exactly the passing cases and print the per-directory table")
	only     = flag.String("case", "", "run only the cases whose path starts with this prefix, and print why each one fails")
	failures = flag.Bool("failures", false, "print why each failing case fails")
)

// TestConformance runs the corpus and enforces the ratchet: every case
// in passing.txt must pass; cases that newly pass are added to it.
//
//	go test ./kcl/conformance                      # check (CI)
//	cd kcl/conformance && go test -run Conformance -args -update      # rewrite, print table
//	cd kcl/conformance && go test -run Conformance -args -case schema/  # one directory, with reasons
func TestConformance(t *testing.T) {
	root, ok, err := Locate()
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Skipf("conformance corpus not found at %s (set %s to run it): skipping", root, EnvCorpus)
	}
	// Cases run in a private copy of the corpus: some (file.write,
	// file.mkdir, json.dump_to_file) write beside their main.k, and the
	// shared corpus is not ours to change.
	copyDir := t.TempDir()
	if err := CopyTree(root, copyDir); err != nil {
		t.Fatalf("copying the corpus: %v", err)
	}
	root = copyDir
	cases, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if *only != "" {
		var sel []*Case
		for _, c := range cases {
			if strings.HasPrefix(c.Name, *only) {
				sel = append(sel, c)
			}
		}
		if len(sel) == 0 {
			t.Fatalf("no case matches -case %q", *only)
		}
		cases = sel
	}

	ctx := context.Background()
	if dl, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-30*time.Second))
		defer cancel()
	}
	start := time.Now()
	results := (&Runner{}).RunAll(ctx, cases)
	elapsed := time.Since(start)

	listed, err := ReadRatchet(ratchetFile)
	if err != nil {
		t.Fatal(err)
	}
	byName := make(map[string]Result, len(results))
	var passing, newPasses []string
	for _, r := range results {
		byName[r.Case.Name] = r
		if r.Pass {
			passing = append(passing, r.Case.Name)
		}
	}
	inRatchet := make(map[string]bool, len(listed))
	var regressions []string
	for _, name := range listed {
		inRatchet[name] = true
		if *only != "" && !strings.HasPrefix(name, *only) {
			continue
		}
		r, ran := byName[name]
		switch {
		case !ran:
			regressions = append(regressions, fmt.Sprintf("%s: no such case in the corpus", name))
		case !r.Pass:
			regressions = append(regressions, fmt.Sprintf("%s: %s", name, r.Reason))
		}
	}
	for _, name := range passing {
		if !inRatchet[name] {
			newPasses = append(newPasses, name)
		}
	}

	total, _ := Summarize(results)
	fmt.Printf("conformance: %d passed, %d failed (%d stdout cases: %d passed; %d stderr cases: %d passed, %d with upstream's code and line; %s)\n",
		total.Passed(), total.Total()-total.Passed(), total.StdoutTotal, total.StdoutPass,
		total.StderrTotal, total.StderrPass, total.StderrExact, elapsed.Round(time.Millisecond))

	if *failures || *only != "" {
		for _, r := range results {
			if !r.Pass {
				fmt.Printf("FAIL %s [%s]: %s\n", r.Case.Name, r.Case.Kind, r.Reason)
			}
		}
	}

	switch {
	case *update && *only == "":
		if err := WriteRatchet(ratchetFile, passing); err != nil {
			t.Fatal(err)
		}
		fmt.Print(Table(results))
		fmt.Printf("wrote %s: %d cases (%d new, %d dropped)\n", ratchetFile, len(passing), len(newPasses), len(regressions))
		return // -update accepts the current state, regressions included
	case len(newPasses) > 0:
		if err := WriteRatchet(ratchetFile, append(listed, newPasses...)); err != nil {
			t.Fatal(err)
		}
		sort.Strings(newPasses)
		t.Logf("%d cases newly pass; added to %s:\n  %s", len(newPasses), ratchetFile, strings.Join(newPasses, "\n  "))
	}
	if *update {
		fmt.Print(Table(results))
	}
	if len(regressions) > 0 {
		t.Errorf("%d cases in %s no longer pass (fix them, or run make conformance to accept):\n  %s",
			len(regressions), ratchetFile, strings.Join(regressions, "\n  "))
	}
}
