package cli

// This file holds `akua render` (SPEC §4): package + inputs → one YAML
// file per resource, through package render.

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/render"
)

func init() { addCommand(newRenderCmd) }

type renderFlags struct {
	pkg      string
	inputs   []string
	set      []string
	out      string
	stdout   bool
	dryRun   bool
	plan     bool
	offline  bool
	policies []string
}

func newRenderCmd() *cobra.Command {
	var f renderFlags
	cmd := &cobra.Command{
		Use:   "render",
		Short: "Render a package to Kubernetes manifests",
		Long: `Render evaluates package.k with its inputs and writes every entry of
its resources list as its own file, NNN-kind-name.yaml, under --out.

Inputs: each --inputs file (YAML or JSON) in order, deep-merged, then
each --set path=value (dotted path, typed value; later wins). Without
--inputs, inputs.yaml or else inputs.example.yaml beside the package is
used. They are validated by the package's Input schema.

The render is hermetic and deterministic: no clock, environment, network
or randomness; the same package, inputs and akua version give the same
bytes on every machine. Policies under policies/ (or --policy) run
before anything is written: a deny exits 3 and writes nothing. The out
directory is replaced atomically: a failed render leaves it intact,
files akua wrote before and no longer produces are removed, other files
are left alone.`,
		Example: `  akua render
  akua render --package examples/hello --out /tmp/hello
  akua render --inputs prod.yaml --set replicas=5 --stdout
  akua render --plan --set routing.hostname=app.example.com
  akua render --json --dry-run`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runRender(cmd, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.pkg, "package", "package.k", "package.k, or the package directory")
	fl.StringArrayVar(&f.inputs, "inputs", nil, "inputs file, YAML or JSON (repeatable, merged in order)")
	fl.StringArrayVar(&f.set, "set", nil, "input override path=value (repeatable)")
	fl.StringVar(&f.out, "out", "deploy", "output directory")
	fl.BoolVar(&f.stdout, "stdout", false, "print a multi-document YAML stream instead of writing files")
	fl.BoolVar(&f.dryRun, "dry-run", false, "render and check, write nothing")
	fl.BoolVar(&f.plan, "plan", false, "print the merged inputs and stop")
	fl.BoolVar(&f.offline, "offline", false, "forbid network access (render never uses the network; dependencies must be cached)")
	fl.StringArrayVar(&f.policies, "policy", nil, "policy directory (repeatable; default: the package's policies/)")
	return cmd
}

// renderReport is the --json summary (SPEC §4 step 8).
type renderReport struct {
	Format    string             `json:"format"`
	Target    string             `json:"target"`
	Manifests int                `json:"manifests"`
	Hash      string             `json:"hash"`
	Files     []string           `json:"files"`
	Removed   []string           `json:"removed,omitempty"`
	Warnings  []string           `json:"warnings,omitempty"`
	Timings   map[string]float64 `json:"timings"`
}

func runRender(cmd *cobra.Command, f renderFlags) error {
	start := time.Now()
	opts := render.Options{Package: f.pkg, Inputs: f.inputs, Set: f.set}
	if f.plan {
		return printPlan(cmd, opts)
	}
	res, err := render.Render(cmd.Context(), opts)
	if err != nil {
		return err
	}
	pres, err := render.Gate(cmd.Context(), res, f.policies)
	if err != nil {
		return err
	}
	var warnings diag.List
	warnings = append(warnings, res.Warnings...)
	if pres != nil {
		if pres.Denied() {
			return &ExitError{Code: ExitPolicy, Err: pres.Diagnostics()}
		}
		warnings = append(warnings, pres.Diagnostics()...)
	}
	if !jsonOutput(cmd) {
		printWarnings(cmd, warnings)
	}
	rep := renderReport{Format: "yaml", Target: f.out, Manifests: len(res.Resources), Hash: res.Hash,
		Files: make([]string, len(res.Resources))}
	for i, r := range res.Resources {
		rep.Files[i] = r.File
	}
	for _, w := range warnings {
		rep.Warnings = append(rep.Warnings, w.Error())
	}
	tw := time.Now()
	switch {
	case f.stdout:
		rep.Target = "-"
		if !jsonOutput(cmd) {
			_, err := cmd.OutOrStdout().Write(render.Stream(res.Resources))
			return err
		}
	case f.dryRun:
		rep.Target = ""
	default:
		st, err := render.Write(f.out, res.Resources)
		if err != nil {
			return systemError(fmt.Errorf("writing %s: %w", f.out, err))
		}
		rep.Removed = st.Removed
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	rep.Timings = map[string]float64{"inputs_ms": ms(res.Timings.Inputs), "eval_ms": ms(res.Timings.Eval),
		"encode_ms": ms(res.Timings.Encode), "write_ms": ms(time.Since(tw)), "total_ms": ms(time.Since(start))}
	if jsonOutput(cmd) {
		return writeJSON(cmd.OutOrStdout(), rep)
	}
	where := "to " + f.out
	if f.dryRun {
		where = "(dry run, nothing written)"
	}
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "rendered %d %s %s\nhash %s\n", len(res.Resources),
		nounCount(len(res.Resources), "resource", "resources"), where, res.Hash)
	return err
}

// printPlan prints the merged inputs as YAML (or JSON with --json).
func printPlan(cmd *cobra.Command, opts render.Options) error {
	in, files, err := render.Plan(opts)
	if err != nil {
		return err
	}
	if jsonOutput(cmd) {
		return writeJSON(cmd.OutOrStdout(), map[string]any{"inputs": in, "files": files})
	}
	v, err := eval.FromGo(in)
	if err != nil {
		return err
	}
	y, err := eval.EncodeYAML(v, eval.PlanOptions{ShowHidden: true})
	if err != nil {
		return err
	}
	_, err = cmd.OutOrStdout().Write(y)
	return err
}

// printWarnings renders warnings on stderr.
func printWarnings(cmd *cobra.Command, ws diag.List) {
	w := cmd.ErrOrStderr()
	opt := diag.RenderOptions{Color: useColor(w), Source: sourceFromDisk()}
	for _, d := range ws {
		diag.Render(w, d, opt)
	}
}
