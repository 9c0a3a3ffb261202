package cli

// This file holds `akua lint` (SPEC §11): static checks of a package's
// KCL files and Rego policies, without rendering.

import (
	"strings"

	"github.com/spf13/cobra"

	"akua.dev/akua/kcl"
	"akua.dev/akua/kcl/diag"
)

func init() { addCommand(newLintCmd) }

func newLintCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "lint [dir]",
		Short: "Report KCL and Rego errors in a package without rendering it",
		Long: `Lint parses every .k file under dir (default: the current directory,
dot and vendor directories skipped) and runs the checks that need no
evaluation: syntax, parameter order, index signatures, decorator names,
unused and duplicate imports (warnings). It compiles the Rego policies
under dir/policies with their tests. Errors exit 1; warnings alone
exit 0.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			all, err := fmtFiles([]string{dir})
			if err != nil {
				return &ExitError{Code: ExitUser, Err: err}
			}
			var kfiles []string
			for _, f := range all {
				if strings.HasSuffix(f, ".k") {
					kfiles = append(kfiles, f)
				}
			}
			// akua's own @ui decorator is accepted, as render does.
			list := kcl.Lint(kfiles, []string{"ui"})
			if err := lintRego(cmd.Context(), dir); err != nil {
				list = append(list, diag.From(err)...)
			}
			var errs diag.List
			for _, d := range list {
				if d.Warning {
					if !jsonOutput(cmd) {
						diag.Render(cmd.ErrOrStderr(), d, diag.RenderOptions{Color: useColor(cmd.ErrOrStderr()), Source: sourceFromDisk()})
					}
					continue
				}
				errs = append(errs, d)
			}
			if len(errs) > 0 {
				return &ExitError{Code: ExitUser, Err: errs}
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), map[string]any{"files": len(kfiles), "warnings": len(list)})
			}
			return nil
		},
	}
}
