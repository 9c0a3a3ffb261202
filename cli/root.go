// Package cli is akua's command line: cobra commands that bind flags,
// call a library and print. Main is the whole program; cmd/akua only
// calls it.
//
// Each command lives in its own file and registers itself from an init
// function, so adding a command never means editing this file:
//
//	func init() { addCommand(newRenderCmd) }     // akua render
//	func init() { addKCLCommand(newKCLRunCmd) }  // akua kcl run
//
// Commands return errors; they never print them or call os.Exit. Main
// prints every error in one place (report.go) and maps it to an exit
// code (errors.go). Commands read the global flags with jsonOutput(cmd).
package cli

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

var (
	rootCommands []func() *cobra.Command
	kclCommands  []func() *cobra.Command
)

// addCommand registers a top-level command constructor. Constructors run
// once per root command, so every root gets fresh flag values.
func addCommand(f func() *cobra.Command) { rootCommands = append(rootCommands, f) }

// addKCLCommand registers a constructor for a subcommand of `akua kcl`.
func addKCLCommand(f func() *cobra.Command) { kclCommands = append(kclCommands, f) }

// Names of the global flags.
const (
	flagJSON    = "json"
	flagTimeout = "timeout"
)

// timeoutGrace is how long Main waits, once --timeout expires, for the
// command to return on its own before it reports the timeout anyway.
var timeoutGrace = 2 * time.Second

// Main runs the akua command line with args (without the program name)
// and returns the process exit code.
func Main(args []string) int {
	if os.Getenv("GOGC") == "" {
		// akua runs are short and allocate many small values: collecting
		// less often makes renders markedly faster (see docs/performance.md);
		// the evaluator's own memory budget still bounds the heap.
		debug.SetGCPercent(400)
	}
	// Every time akua formats is UTC: a template's date formatting
	// (Helm's `date`) must not depend on the machine's zone (SPEC §13).
	time.Local = time.UTC
	// Engine libraries (helm) log notices through the standard logger;
	// akua reports through diagnostics, so they are dropped.
	log.SetOutput(io.Discard)
	return run(args, os.Stdin, os.Stdout, os.Stderr)
}

// run is Main with explicit streams, for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	rep := &reporter{stdout: stdout, stderr: stderr, json: wantsJSON(args)}
	defer func() {
		if r := recover(); r != nil {
			code = rep.report(internalError(r))
		}
	}()

	root := newRoot()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)

	// --timeout caps the whole command. Flags are parsed by Execute, so
	// read it from the argument vector first; a malformed value is
	// reported by Execute itself.
	ctx := context.Background()
	timeout := scanTimeout(args)
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}

	type result struct {
		cmd *cobra.Command
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{root, internalError(r)}
			}
		}()
		cmd, err := root.ExecuteContextC(ctx)
		done <- result{cmd, err}
	}()

	var res result
	select {
	case res = <-done:
	case <-ctx.Done():
		// Give the command a moment to stop on its own (it sees the same
		// context), then report the timeout whatever it is doing.
		select {
		case res = <-done:
		case <-time.After(timeoutGrace):
			// The command still runs: leave its cobra state alone.
			res = result{nil, timeoutError(timeout, nil)}
		}
	}
	if res.err == nil {
		return 0
	}
	if res.cmd != nil {
		rep.json = rep.json || jsonOutput(res.cmd)
	}
	return rep.report(classify(ctx, timeout, res.cmd, res.err))
}

// newRoot builds the command tree.
func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "akua",
		Short: "Hermetic package renderer for Kubernetes",
		Long: `akua renders typed KCL packages into deploy-ready Kubernetes YAML,
byte-identical on every machine.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       version,
		// `akua` alone prints help; `akua nosuchverb` is a usage error.
		Args: subcommandArgs,
		RunE: groupRunE,
	}
	root.SetVersionTemplate("akua {{.Version}}\n")
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().Bool(flagJSON, false, "print one JSON document on stdout (errors too)")
	root.PersistentFlags().Duration(flagTimeout, 0, "cap the whole command's run time, e.g. 30s (0: no limit)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError(cmd, err)
	})

	kcl := &cobra.Command{
		Use:   "kcl",
		Short: "Run the KCL language tools (upstream `kcl` compatible)",
		Args:  subcommandArgs,
		RunE:  groupRunE,
	}
	for _, f := range kclCommands {
		kcl.AddCommand(f())
	}
	root.AddCommand(kcl)
	for _, f := range rootCommands {
		root.AddCommand(f())
	}
	wrapRunE(root)
	return root
}

// groupRunE is the RunE of commands that only group others: with no
// arguments they print their help (subcommandArgs rejects others).
func groupRunE(cmd *cobra.Command, args []string) error {
	return cmd.Help()
}

// subcommandArgs is the Args check of group commands: any argument is an
// unknown subcommand, reported with the nearest names.
func subcommandArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	e := usageErrorf(cmd, "unknown command %q for %q", args[0], cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		e.Help = fmt.Sprintf("did you mean '%s %s'? (%s)", cmd.CommandPath(), s[0], e.Help)
	}
	return e
}

// wrapRunE makes every command's RunE return an *ExitError, so Main can
// tell errors of a command's run from cobra's own (usage) errors.
func wrapRunE(cmd *cobra.Command) {
	if f := cmd.RunE; f != nil {
		cmd.RunE = func(c *cobra.Command, args []string) error {
			return asExitError(c.Context(), f(c, args))
		}
	}
	for _, c := range cmd.Commands() {
		wrapRunE(c)
	}
}

// jsonOutput reports whether the command should print JSON (--json).
func jsonOutput(cmd *cobra.Command) bool {
	f := cmd.Flags().Lookup(flagJSON)
	if f == nil {
		f = cmd.InheritedFlags().Lookup(flagJSON)
	}
	return f != nil && f.Value.String() == "true"
}

// wantsJSON reports whether args ask for JSON output, for errors raised
// before or while cobra parses flags.
func wantsJSON(args []string) bool {
	for _, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--json", a == "--json=true", a == "--json=1":
			return true
		}
	}
	return false
}

// scanTimeout returns the value of --timeout in args, or 0.
func scanTimeout(args []string) time.Duration {
	var d time.Duration
	for i, a := range args {
		var v string
		switch {
		case a == "--":
			return d
		case a == "--timeout" && i+1 < len(args):
			v = args[i+1]
		case strings.HasPrefix(a, "--timeout="):
			v = strings.TrimPrefix(a, "--timeout=")
		default:
			continue
		}
		if t, err := time.ParseDuration(v); err == nil {
			d = t
		}
	}
	return d
}

func commandHelp(cmd *cobra.Command) string {
	if cmd == nil {
		return "run 'akua --help' for usage"
	}
	return fmt.Sprintf("run '%s --help' for usage", cmd.CommandPath())
}
