package cli

// This file holds what the dependency commands (add, remove, lock,
// update, verify, tree, vendor, cache) share: the --dir and --offline
// flags, resolve options, and turning their errors and reports into the
// CLI's error contract.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/resolve"
)

// depsFlags are the flags every dependency command takes.
type depsFlags struct {
	dir     string
	offline bool
}

// bind adds --dir, and --offline when the command can use the network.
func (f *depsFlags) bind(cmd *cobra.Command, offline bool) {
	cmd.Flags().StringVar(&f.dir, "dir", ".", "the package directory (holding akua.toml)")
	if offline {
		cmd.Flags().BoolVar(&f.offline, "offline", false, "use no network: dependencies must be cached, vendored or local")
	}
}

// options returns resolve options for cmd: progress bars only when
// stderr is a terminal and the output is not JSON.
func (f *depsFlags) options(cmd *cobra.Command) resolve.Options {
	o := resolve.Options{Offline: f.offline}
	if w, ok := cmd.ErrOrStderr().(*os.File); ok && !jsonOutput(cmd) && isTerminal(w) && os.Getenv("TERM") != "dumb" {
		o.Progress = &registry.TerminalProgress{W: w}
	}
	return o
}

// load reads the package's akua.toml and akua.lock.
func (f *depsFlags) load() (*resolve.Project, error) {
	return resolve.Load(f.dir)
}

// depsError gives an error of the dependency libraries its exit code:
// network and disk failures are system errors (2), the rest user errors
// (1). Diagnostics inside are printed with their own codes.
func depsError(err error) error {
	if err == nil {
		return nil
	}
	var e *ExitError
	if errors.As(err, &e) {
		return e
	}
	var re *registry.Error
	if errors.As(err, &re) {
		code := ExitUser
		if re.System {
			code = ExitSystem
		}
		return &ExitError{Code: code, Err: err}
	}
	return err // asExitError classifies diagnostics, timeouts and the rest
}

// problemsError turns a list of problems into one error carrying a
// diagnostic per problem, so text output lists them all and --json's
// "errors" array holds one entry each.
func problemsError(file string, problems []resolve.Problem) error {
	l := make(diag.List, 0, len(problems))
	for _, p := range problems {
		msg := p.Message
		if p.Name != "" {
			msg = fmt.Sprintf("%s: %s", p.Name, p.Message)
		}
		l = append(l, &diag.Diagnostic{Code: diag.Code{ID: p.Code, Title: "DependencyProblem"},
			Message: msg, Pos: diag.Pos{File: file}, Suggestion: problemHelp(p.Code)})
	}
	return &ExitError{Code: ExitUser, Err: l}
}

func problemHelp(code string) string {
	switch code {
	case registry.CodeLockStale, registry.CodeLockAbsent, registry.CodeLockDrift:
		return "run 'akua lock' and commit akua.lock"
	case registry.CodeDigestMismatch:
		return "the content is not what akua.lock pins; if the change is expected run 'akua update <name>'"
	case registry.CodeOffline:
		return "run without --offline, or 'akua vendor', to fetch it"
	}
	return ""
}

// writeLockFile writes the lock of the package in dir.
func writeLockFile(dir string, l *lock.Lock) error {
	if err := lock.WriteLock(dir, l); err != nil {
		return systemError(err)
	}
	return nil
}

// depsLockPath names dir's akua.lock for messages.
func depsLockPath(dir string) string { return filepath.Join(dir, lock.LockFile) }

// changesJSON is a lock change list in --json output, never null.
func changesJSON(c []resolve.Change) []resolve.Change {
	if c == nil {
		return []resolve.Change{}
	}
	return c
}

// printLockChanges writes one line per change, or "no changes".
func printLockChanges(cmd *cobra.Command, c []resolve.Change) {
	w := cmd.OutOrStdout()
	if len(c) == 0 {
		fmt.Fprintln(w, "akua.lock is up to date")
		return
	}
	for _, ch := range c {
		fmt.Fprintln(w, ch.String())
	}
}
