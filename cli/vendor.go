package cli

// This file holds `akua vendor`.

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"akua.dev/akua/registry/resolve"
)

func init() { addCommand(newVendorCmd) }

func newVendorCmd() *cobra.Command {
	var f depsFlags
	cmd := &cobra.Command{
		Use:   "vendor",
		Short: "Copy every locked dependency into .akua/vendor",
		Long: `Vendor copies the verified content of every locked dependency into
.akua/vendor/<name> and writes .akua/vendor/vendor.json pinning each
copy. Render uses a vendored copy first (when it still matches the
lock), so a vendored package renders with no network and no cache.
The directory is replaced as a whole.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := f.load()
			if err != nil {
				return depsError(err)
			}
			m, err := resolve.Vendor(cmd.Context(), p, f.options(cmd))
			if err != nil {
				return depsError(err)
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), m)
			}
			for _, v := range m.Packages {
				fmt.Fprintf(cmd.OutOrStdout(), "vendored %s %s\n", v.Name, v.Version)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d dependencies in %s\n", len(m.Packages), filepath.Join(f.dir, resolve.VendorDir))
			return nil
		},
	}
	f.bind(cmd, true)
	return cmd
}
