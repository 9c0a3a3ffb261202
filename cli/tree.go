package cli

// This file holds `akua tree`.

import (
	"github.com/spf13/cobra"

	"akua.dev/akua/registry/resolve"
)

func init() { addCommand(newTreeCmd) }

func newTreeCmd() *cobra.Command {
	var f depsFlags
	cmd := &cobra.Command{
		Use:   "tree",
		Short: "Show the package's dependency tree",
		Long: `Tree prints the package and its locked dependencies, and below each
dependency that is an akua package its own locked dependencies. What
cannot be fetched is shown with a note.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := f.load()
			if err != nil {
				return depsError(err)
			}
			root, err := resolve.Tree(cmd.Context(), p, f.options(cmd))
			if err != nil {
				return depsError(err)
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), root)
			}
			root.Print(cmd.OutOrStdout())
			return nil
		},
	}
	f.bind(cmd, true)
	return cmd
}
