package cli

// This file holds `akua export` (SPEC §7): the package's Input schema as
// JSON Schema 2020-12 or OpenAPI 3.1, through package export.

import (
	"fmt"

	"github.com/spf13/cobra"

	"akua.dev/akua/export"
)

func init() { addCommand(newExportCmd) }

type exportFlags struct {
	pkg    string
	format string
	out    string
}

func newExportCmd() *cobra.Command {
	var f exportFlags
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the package's Input schema as JSON Schema or OpenAPI",
		Long: `Export converts the package's public input contract, schema Input in
package.k (and the schemas it uses, from package.k or local modules),
to JSON Schema 2020-12 or to OpenAPI 3.1, for install forms (rjsf,
JSONForms), API docs, SDK generators and admission validators. No
inputs are needed and no engine runs.

Docstrings become description, @ui(...) hints become x-ui, evaluated
defaults become default, attributes without a default or ? are
required, and check: constraints become JSON Schema keywords where the
translation is exact; the others are listed under x-kcl-check. The
schema accepts the inputs akua render accepts: see docs/export.md.

The document is written to stdout, or atomically to --out. With --json
and --out, a summary is printed instead.`,
		Example: `  akua export > inputs.schema.json
  akua export --package examples/hello --format openapi
  akua export --out schema.json --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExport(cmd, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.pkg, "package", "package.k", "package.k, or the package directory")
	fl.StringVar(&f.format, "format", string(export.JSONSchema), "output format: json-schema or openapi")
	fl.StringVar(&f.out, "out", "", "write the document to this file (atomically) instead of stdout")
	return cmd
}

// exportReport is the --json summary of `akua export --out`.
type exportReport struct {
	Format  string   `json:"format"`
	Package string   `json:"package"`
	Out     string   `json:"out"`
	Bytes   int      `json:"bytes"`
	Schemas []string `json:"schemas"`
}

func runExport(cmd *cobra.Command, f exportFlags) error {
	format := export.Format(f.format)
	if format != export.JSONSchema && format != export.OpenAPI {
		return usageErrorf(cmd, "unknown --format %q: use json-schema or openapi", f.format)
	}
	res, err := export.Export(cmd.Context(), export.Options{Package: f.pkg, Format: format})
	if err != nil {
		return err
	}
	if f.out == "" {
		// The document is itself one JSON document, --json or not.
		_, err := cmd.OutOrStdout().Write(res.Document)
		return err
	}
	if err := writeFileAtomic(f.out, res.Document); err != nil {
		return systemError(fmt.Errorf("writing %s: %w", f.out, err))
	}
	if jsonOutput(cmd) {
		return writeJSON(cmd.OutOrStdout(), exportReport{Format: string(res.Format), Package: res.Package,
			Out: f.out, Bytes: len(res.Document), Schemas: res.Schemas})
	}
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "exported %s (%d %s) to %s\n", res.Format, len(res.Schemas),
		nounCount(len(res.Schemas), "schema", "schemas"), f.out)
	return err
}
