package cli

// This file holds `akua update [name...]`.

import (
	"github.com/spf13/cobra"

	"akua.dev/akua/registry/resolve"
)

func init() { addCommand(newUpdateCmd) }

func newUpdateCmd() *cobra.Command {
	var f depsFlags
	cmd := &cobra.Command{
		Use:   "update [name...]",
		Short: "Move dependencies to the newest versions akua.toml allows",
		Long: `Update re-resolves the named dependencies (all of them when none is
named) to the highest versions their declared ranges allow, e.g. a
"^1.2.0" dependency to the newest 1.x, and writes akua.lock. Exact
pins stay where they are; akua.toml is not changed.`,
		Example: `  akua update
  akua update podinfo`,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := f.load()
			if err != nil {
				return depsError(err)
			}
			l, err := resolve.Update(cmd.Context(), p, args, f.options(cmd))
			if err != nil {
				return depsError(err)
			}
			return finishLock(cmd, &f, p, l, false)
		},
	}
	f.bind(cmd, true)
	return cmd
}
