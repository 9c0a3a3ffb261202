package cli

// This file holds `akua cache list|clear|path`.

import (
	"fmt"

	"github.com/spf13/cobra"

	"akua.dev/akua/registry"
)

func init() { addCommand(newCacheCmd) }

func newCacheCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Inspect or clear the dependency cache",
		Long: `The dependency cache holds fetched dependencies, content-addressed by
digest and verified on every read. It lives in $AKUA_CACHE_DIR, else
$XDG_CACHE_HOME/akua, else the system's user cache directory + /akua.`,
		Args: subcommandArgs,
		RunE: groupRunE,
	}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "path",
			Short: "Print the cache directory",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, args []string) error {
				c, err := registry.OpenCache("")
				if err != nil {
					return depsError(err)
				}
				return depsReport(cmd, map[string]string{"path": c.Dir()}, c.Dir())
			},
		},
		&cobra.Command{
			Use:   "list",
			Short: "List the cached dependencies",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, args []string) error {
				c, err := registry.OpenCache("")
				if err != nil {
					return depsError(err)
				}
				entries, err := c.List()
				if err != nil {
					return depsError(err)
				}
				if jsonOutput(cmd) {
					if entries == nil {
						entries = []registry.CacheEntry{}
					}
					return writeJSON(cmd.OutOrStdout(), map[string]any{"path": c.Dir(), "entries": entries})
				}
				for _, e := range entries {
					fmt.Fprintf(cmd.OutOrStdout(), "%-4s  %s  %9d  %s %s\n", e.Kind, e.Digest, e.Size, e.Source, e.Version)
				}
				return nil
			},
		},
		&cobra.Command{
			Use:   "clear",
			Short: "Remove everything from the cache",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, args []string) error {
				c, err := registry.OpenCache("")
				if err != nil {
					return depsError(err)
				}
				if err := c.Clear(); err != nil {
					return depsError(err)
				}
				return depsReport(cmd, map[string]any{"path": c.Dir(), "cleared": true}, "cleared "+c.Dir())
			},
		},
	)
	return cmd
}
