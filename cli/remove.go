package cli

// This file holds `akua remove <name>...`.

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
)

func init() { addCommand(newRemoveCmd) }

// removeReport is `akua remove --json` output.
type removeReport struct {
	Removed []string `json:"removed"`
}

func newRemoveCmd() *cobra.Command {
	var f depsFlags
	cmd := &cobra.Command{
		Use:   "remove <name>...",
		Short: "Remove dependencies from akua.toml and akua.lock",
		Long: `Remove deletes each named dependency from akua.toml, keeping the
rest of the file (comments, layout) as it is, and drops its entry from
akua.lock. Nothing is written unless every name is declared.`,
		Example: `  akua remove podinfo`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := filepath.Join(f.dir, lock.ManifestFile)
			src, err := os.ReadFile(name)
			if err != nil {
				return depsError(registry.Wrap(registry.CodeNotFound, err, "reading akua.toml"))
			}
			for _, n := range args {
				var ok bool
				if src, ok, err = lock.RemoveDependency(src, n); err != nil {
					return &ExitError{Code: ExitUser, Err: fmt.Errorf("%s: %w", name, err)}
				} else if !ok {
					return depsError(registry.Errorf(registry.CodeNotFound, "akua.toml declares no dependency %q", n))
				}
			}
			if _, err := lock.ParseManifest(name, src); err != nil {
				return &ExitError{Code: ExitUser, Err: fmt.Errorf("akua.toml would be invalid after the removal: %w", err)}
			}
			p, err := f.load()
			if err != nil {
				return depsError(err)
			}
			if err := lock.WriteFileAtomic(name, src); err != nil {
				return systemError(err)
			}
			if p.Lock != nil {
				for _, n := range args {
					p.Lock.Remove(n)
				}
				if err := writeLockFile(f.dir, p.Lock); err != nil {
					return err
				}
			}
			return depsReport(cmd, removeReport{Removed: args}, fmt.Sprintf("removed %s", joinNames(args)))
		},
	}
	f.bind(cmd, false)
	return cmd
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}
