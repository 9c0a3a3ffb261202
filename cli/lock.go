package cli

// This file holds `akua lock [--check]` and `akua update [name...]`'s
// shared report.

import (
	"bytes"
	"os"

	"github.com/spf13/cobra"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/resolve"
)

func init() { addCommand(newLockCmd) }

// lockReport is `akua lock` and `akua update` --json output.
type lockReport struct {
	Lock    string           `json:"lock"`
	Changed bool             `json:"changed"`
	Changes []resolve.Change `json:"changes"`
	Written bool             `json:"written"`
}

func newLockCmd() *cobra.Command {
	var f depsFlags
	var check bool
	cmd := &cobra.Command{
		Use:   "lock",
		Short: "Pin every dependency of akua.toml in akua.lock",
		Long: `Lock resolves the dependencies akua.toml declares and writes akua.lock.
Entries that still satisfy their declaration are kept as they are, so
locking an unchanged package changes nothing; new or changed
declarations are resolved (ranges to their highest match), undeclared
entries are dropped, and path dependencies are re-digested.

With --check nothing is written: the command fails (exit 1, code
E_LOCK_DRIFT) with one line per entry that would change.`,
		Example: `  akua lock
  akua lock --check   # in CI`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := f.load()
			if err != nil {
				return depsError(err)
			}
			l, err := resolve.Lock(cmd.Context(), p, f.options(cmd))
			if err != nil {
				return depsError(err)
			}
			return finishLock(cmd, &f, p, l, check)
		},
	}
	f.bind(cmd, true)
	cmd.Flags().BoolVar(&check, "check", false, "write nothing; fail if akua.lock would change")
	return cmd
}

// finishLock reports the new lock l of p, and writes it unless check.
func finishLock(cmd *cobra.Command, f *depsFlags, p *resolve.Project, l *lock.Lock, check bool) error {
	changes := resolve.Diff(p.Lock, l)
	old, _ := os.ReadFile(depsLockPath(f.dir))
	// Drift is a semantic change, a missing lock that is needed, or a
	// lock that is not in canonical form (hand-edited formatting).
	drift := len(changes) > 0 ||
		(p.Lock == nil && len(p.Manifest.Dependencies) > 0) ||
		(p.Lock != nil && !bytes.Equal(old, l.Format()))
	if check {
		if drift {
			return driftError(f.dir, p, changes)
		}
		return depsReport(cmd, lockReport{Lock: depsLockPath(f.dir), Changes: changesJSON(nil)}, "akua.lock is up to date")
	}
	written := false
	if drift || p.Lock == nil {
		if err := writeLockFile(f.dir, l); err != nil {
			return err
		}
		written = true
	}
	if jsonOutput(cmd) {
		return writeJSON(cmd.OutOrStdout(), lockReport{Lock: depsLockPath(f.dir), Changed: len(changes) > 0, Changes: changesJSON(changes), Written: written})
	}
	printLockChanges(cmd, changes)
	return nil
}

// driftError is `akua lock --check`'s failure: one diagnostic per change.
func driftError(dir string, p *resolve.Project, changes []resolve.Change) error {
	var problems []resolve.Problem
	for _, c := range changes {
		problems = append(problems, resolve.Problem{Code: registry.CodeLockDrift, Message: "would change: " + c.String()})
	}
	switch {
	case p.Lock == nil:
		problems = append(problems, resolve.Problem{Code: registry.CodeLockDrift, Message: "akua.lock does not exist"})
	case len(problems) == 0:
		problems = append(problems, resolve.Problem{Code: registry.CodeLockDrift, Message: "akua.lock is not in canonical form"})
	}
	return problemsError(depsLockPath(dir), problems)
}

// depsReport prints v as JSON, or text as a line.
func depsReport(cmd *cobra.Command, v any, text string) error {
	if jsonOutput(cmd) {
		return writeJSON(cmd.OutOrStdout(), v)
	}
	_, err := cmd.OutOrStdout().Write([]byte(text + "\n"))
	return err
}
