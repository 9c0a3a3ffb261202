package cli

// This file holds `akua test` (SPEC §9): a package's KCL tests, Rego
// tests and golden renders, through package testrunner.

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"akua.dev/akua/internal/atomicfile"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/testrunner"
)

func init() { addCommand(newTestCmd) }

// testFailed is the code of a failing test in --json output, and of
// the error `akua test` ends with when a test fails.
var testFailed = diag.Code{ID: "E_TEST", Title: "TestFailure"}

type testFlags struct {
	filter   string
	junit    string
	golden   string
	coverage bool
	policies []string
}

func newTestCmd() *cobra.Command {
	var f testFlags
	cmd := &cobra.Command{
		Use:   "test [path]",
		Short: "Run a package's KCL tests, Rego tests and golden renders",
		Long: `Test runs every test of the package at path (default: the current
directory) and prints one line per failing test, with its location, and
a closing "N passed, N failed, N skipped" line. It exits 1 when a test
fails.

KCL tests are files test_*.k and *_test.k: each top-level test_* lambda
is one test, and a file without any is one test (its bare asserts).
They can import akua.test (test.render(pkg, inputs)) and the package's
schemas with 'import package as pkg'; package.k is then evaluated with
the package's inputs.yaml (or inputs.example.yaml).

Rego tests are the *_test.rego files under policies/ and --policy
directories, run as 'opa test' runs them.

Golden tests are tests/<case>/inputs.yaml, rendered (policies applied)
and compared with tests/<case>/expected.golden.yaml, the stream
'akua render --stdout' prints. --golden=verify, the default, fails with
a unified diff on drift or a missing golden; --golden=update (or bare
--golden) rewrites the goldens instead.`,
		Example: `  akua test
  akua test examples/policy-gate --filter budget
  akua test --golden=update
  akua test --json --junit report.xml --coverage`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runTest(cmd, dir, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.filter, "filter", "", "run only the tests whose name matches this regular expression")
	fl.StringVar(&f.junit, "junit", "", "also write the results as JUnit XML to this file")
	fl.StringVar(&f.golden, "golden", "verify", "golden tests: verify (fail on drift) or update (rewrite); bare --golden is update")
	fl.Lookup("golden").NoOptDefVal = string(testrunner.GoldenUpdate)
	fl.BoolVar(&f.coverage, "coverage", false, "report how much of the policies the Rego tests cover")
	fl.StringArrayVar(&f.policies, "policy", nil, "policy directory besides policies/ (repeatable)")
	return cmd
}

func runTest(cmd *cobra.Command, dir string, f testFlags) error {
	mode := testrunner.GoldenMode(f.golden)
	if mode != testrunner.GoldenVerify && mode != testrunner.GoldenUpdate {
		return usageErrorf(cmd, "--golden=%s: want verify or update", f.golden)
	}
	if mode == testrunner.GoldenUpdate && os.Getenv("CI") != "" && cmd.Flags().Changed("golden") {
		// Allowed (a CI job may refresh goldens on purpose), but worth
		// saying: CI normally verifies.
		fmt.Fprintln(cmd.ErrOrStderr(), "note: rewriting goldens although CI is set")
	}
	if _, err := regexp.Compile(f.filter); err != nil {
		return usageErrorf(cmd, "invalid --filter %q: %v", f.filter, err)
	}
	rep, err := testrunner.Run(cmd.Context(), testrunner.Options{
		Dir: dir, Filter: f.filter, Golden: mode, Coverage: f.coverage, Policies: f.policies,
	})
	if err != nil {
		return err
	}
	if f.junit != "" {
		var b strings.Builder
		if err := testrunner.WriteJUnit(&b, rep); err != nil {
			return systemError(err)
		}
		if err := atomicfile.Write(f.junit, []byte(b.String()), 0o644); err != nil {
			return systemError(fmt.Errorf("writing %s: %w", f.junit, err))
		}
	}
	if jsonOutput(cmd) {
		if err := writeJSON(cmd.OutOrStdout(), rep); err != nil {
			return err
		}
		if rep.Failed > 0 {
			// The report lists every failure; exit 1 without a second document.
			return &ExitError{Code: ExitUser, Quiet: true}
		}
		return nil
	}
	printTestReport(cmd.OutOrStdout(), rep)
	if rep.Failed > 0 {
		return &ExitError{Code: ExitUser, ID: testFailed.ID,
			Err: fmt.Errorf("%d of %d %s failed", rep.Failed, len(rep.Tests), nounCount(len(rep.Tests), "test", "tests"))}
	}
	return nil
}

// printTestReport prints the failing tests (a golden drift with its
// diff, indented), the goldens rewritten, the coverage when asked for,
// and the summary line.
func printTestReport(w io.Writer, rep *testrunner.Report) {
	for i := range rep.Tests {
		t := &rep.Tests[i]
		switch {
		case t.Failed():
			fmt.Fprintf(w, "FAIL %s: %s: %s\n", t.Location(), t.Name, t.Failure.Message)
			if t.Failure.Diff != "" {
				writeIndented(w, t.Failure.Diff)
			}
			if t.Output != "" {
				fmt.Fprintln(w, "    output:")
				writeIndented(w, t.Output)
			}
		case t.Updated:
			fmt.Fprintf(w, "updated %s\n", t.File)
		}
	}
	if c := rep.Coverage; c != nil {
		fmt.Fprintf(w, "rego coverage: %.2f%% (%d of %d lines)\n", c.Percent, c.CoveredLines, c.CoveredLines+c.NotCoveredLines)
		for _, fc := range c.Files {
			fmt.Fprintf(w, "    %6.2f%% %s\n", fc.Percent, fc.File)
		}
	}
	if len(rep.Tests) == 0 {
		fmt.Fprintf(w, "no tests in %s\n", rep.Dir)
	}
	fmt.Fprintf(w, "%d passed, %d failed, %d skipped\n", rep.Passed, rep.Failed, rep.Skipped)
}

// writeIndented writes text with every line indented by four spaces.
func writeIndented(w io.Writer, text string) {
	for _, line := range strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n") {
		fmt.Fprintf(w, "    %s", strings.TrimSuffix(line, "\n"))
		fmt.Fprintln(w)
	}
}
