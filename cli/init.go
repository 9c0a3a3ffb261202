package cli

// This file holds `akua init`: a new package that renders at once.

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"akua.dev/akua/scaffold"
)

func init() { addCommand(newInitCmd) }

func newInitCmd() *cobra.Command {
	var template, name string
	cmd := &cobra.Command{
		Use:   "init [dir]",
		Short: "Create a new package",
		Long: `Init writes a new package into dir (default: the current directory):
akua.toml, package.k, inputs.example.yaml, README.md and .gitignore, plus
a local chart (--template helm) or a Kustomize base (--template
kustomize). The package renders at once. Init never overwrites: if any
file it would write exists, it writes nothing.

Templates: app (pure KCL Deployment and Service; the default), helm,
kustomize, empty.`,
		Example: `  akua init
  akua init my-app --template helm
  akua init --template empty --name platform-base`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			if name == "" {
				name = scaffold.Name(dir)
			}
			files, err := scaffold.Files(template, name)
			if err != nil {
				return err
			}
			if err := scaffold.Write(dir, files); err != nil {
				return err
			}
			names := make([]string, len(files))
			for i, f := range files {
				names[i] = filepath.ToSlash(filepath.Join(dir, f.Name))
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), map[string]any{"name": name, "template": template, "dir": dir, "files": names})
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "created package %s (%s template):\n  %s\nrender it: akua render --package %s --inputs %s --stdout\n",
				name, template, strings.Join(names, "\n  "), dir, filepath.Join(dir, "inputs.example.yaml"))
			return err
		},
	}
	cmd.Flags().StringVar(&template, "template", "app", "template: "+strings.Join(scaffold.Templates, ", "))
	cmd.Flags().StringVar(&name, "name", "", "package name (default: the directory's name)")
	return cmd
}
