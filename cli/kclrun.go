package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"akua.dev/akua/kcl"
	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/kclcli"
	"akua.dev/akua/render"
)

func init() { addKCLCommand(newKCLRunCmd) }

func newKCLRunCmd() *cobra.Command {
	var f kclcli.Flags
	cmd := &cobra.Command{
		Use:   "run [files...] [flags]",
		Short: "Run KCL files and print their YAML output (like upstream `kcl run`)",
		Long: `Run evaluates the KCL program made of the given files and prints its
output as YAML on stdout, as upstream 'kcl run' does: the top-level
public variables in definition order. Errors go to stderr with
file:line:column and exit with code 1.

Flags follow upstream. -Y takes one or more settings files
('-Y a.yaml b.yaml'): a positional argument ending in .yaml, .yml or
.json is a settings file, not a KCL input. With --json the output is
printed as JSON (one document; several YAML documents become an array),
to stdout or to the -o file.`,
		Example: `  akua kcl run main.k
  akua kcl run main.k -D env=prod -D replicas=3
  akua kcl run main.k -Y settings.yaml -S app.name
  akua kcl run main.k other.k --sort_keys -o out.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runKCL(cmd, f.Invocation(args))
		},
	}
	f.Register(cmd.Flags())
	return cmd
}

func runKCL(cmd *cobra.Command, inv kclcli.Invocation) error {
	if len(inv.Files) == 0 && len(inv.Options.Settings) == 0 {
		e := usageErrorf(cmd, "no input files")
		e.Help = "give the KCL files to run, e.g. 'akua kcl run main.k'"
		return e
	}
	// The akua stdlib (`import akua.helm`, ...) is importable here too,
	// its engines confined to the directory of the first file.
	dir := "."
	if len(inv.Files) > 0 {
		dir = filepath.Dir(inv.Files[0])
	}
	if err := render.Bind(cmd.Context(), &inv.Options, dir, render.Options{}); err != nil {
		return err
	}
	res, err := kcl.Run(cmd.Context(), inv.Files, inv.Options)
	if err != nil {
		return err
	}
	if len(res.Warnings) > 0 && !jsonOutput(cmd) {
		opt := diag.RenderOptions{Color: useColor(cmd.ErrOrStderr()), Source: sourceFromDisk()}
		for _, w := range res.Warnings {
			diag.Render(cmd.ErrOrStderr(), w, opt)
		}
	}
	if inv.Options.ListOptions {
		return printOptionList(cmd, res.Options)
	}
	out := res.YAML
	if jsonOutput(cmd) {
		if out, err = yamlToJSON(out); err != nil {
			return &ExitError{Code: ExitUser, Err: err}
		}
	}
	if inv.Output != "" {
		if err := writeFileAtomic(inv.Output, out); err != nil {
			return systemError(err)
		}
		return nil
	}
	_, err = cmd.OutOrStdout().Write(out)
	return err
}

// printOptionList prints the option() calls `-l` found: a table, or one
// JSON array with --json.
func printOptionList(cmd *cobra.Command, opts []kcl.OptionInfo) error {
	w := cmd.OutOrStdout()
	if jsonOutput(cmd) {
		if opts == nil {
			opts = []kcl.OptionInfo{}
		}
		b, err := json.MarshalIndent(opts, "", "  ")
		if err != nil {
			return systemError(err)
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	for _, o := range opts {
		line := o.Name
		if o.Type != "" {
			line += ": " + o.Type
		}
		if o.Required {
			line += " (required)"
		}
		if o.Default != "" {
			line += " = " + o.Default
		}
		if o.Help != "" {
			line += "  # " + o.Help
		}
		fmt.Fprintln(w, line)
	}
	return nil
}
