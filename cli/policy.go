package cli

// This file holds `akua policy check`: run the package's Rego policies
// (package policy) over manifests already rendered to disk.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/lock"
	"akua.dev/akua/policy"
)

func init() { addCommand(newPolicyCmd) }

// policyCheckTarget is where `akua render` writes by default (SPEC §4).
const policyCheckTarget = "deploy"

func newPolicyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Check rendered manifests against Rego policies",
		Args:  subcommandArgs,
		RunE:  groupRunE,
	}
	cmd.AddCommand(newPolicyCheckCmd())
	return cmd
}

// policyCheckOptions are the flags of `akua policy check`.
type policyCheckOptions struct {
	target   string   // directory of rendered YAML
	policies []string // policy directories
}

func newPolicyCheckCmd() *cobra.Command {
	var opt policyCheckOptions
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Run the policies over already-rendered YAML files",
		Long: `Check reads the rendered manifests under --target (every *.yaml and
*.yml file, multi-document, in path order) and evaluates the Rego
policies under each --policy directory (default ./policies; *_test.rego
files are tests and are skipped) with embedded OPA.

Rules named deny, violation and warn (or deny_<x>, ...) in any package
are gates: sets of messages, strings or objects with a msg field. A rule
that reads input.resource runs once per resource; any other runs once
over the whole set (input.resources), for cross-resource limits.
input.package is read from ./akua.toml when present; input.inputs is
empty (render passes the real inputs).

Any deny or violation fails the check with exit code 3; warnings are
printed and the check passes. Policies cannot call builtins doing I/O or
reading the clock or randomness (http.send, net.*, time.now_ns, rand.*,
uuid.*, opa.runtime, ...): a policy that does fails to compile.`,
		Example: `  akua policy check
  akua policy check --target out --policy policies --policy ../org-policies
  akua policy check --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPolicyCheck(cmd, opt)
		},
	}
	cmd.Flags().StringVar(&opt.target, "target", policyCheckTarget, "directory of rendered manifests to check")
	cmd.Flags().StringArrayVar(&opt.policies, "policy", nil, "policy directory (repeatable; default ./"+policy.DefaultDir+")")
	return cmd
}

// A policyCheckReport is the --json output of a check that passes.
type policyCheckReport struct {
	Denies    []checkedViolation `json:"denies"`
	Warnings  []checkedViolation `json:"warnings"`
	Resources int                `json:"resources"`
	Policies  []string           `json:"policies"` // the policy files loaded
}

// A checkedViolation is a violation with the manifest file that holds
// its resource.
type checkedViolation struct {
	policy.Violation
	Manifest     string `json:"manifest,omitempty"`
	ManifestLine int    `json:"manifestLine,omitempty"`
}

func runPolicyCheck(cmd *cobra.Command, opt policyCheckOptions) error {
	ctx := cmd.Context()
	dirs := opt.policies
	if len(dirs) == 0 {
		dirs = []string{policy.DefaultDir}
		if _, err := os.Stat(policy.DefaultDir); errors.Is(err, fs.ErrNotExist) {
			return &ExitError{Code: ExitUser, Err: fmt.Errorf("no ./%s directory", policy.DefaultDir),
				Help: "give the policy directory with --policy"}
		}
	}
	eng, err := policy.Load(ctx, dirs, policy.Options{})
	if err != nil {
		return err
	}
	if len(eng.Files()) == 0 {
		return &ExitError{Code: ExitUser,
			Err:  fmt.Errorf("no policy files (*.rego) in %s", strings.Join(dirs, ", ")),
			Help: "policies are Rego files defining deny, violation or warn rules"}
	}
	if info, err := os.Stat(opt.target); err != nil || !info.IsDir() {
		return &ExitError{Code: ExitUser, Err: fmt.Errorf("no rendered manifests: %s is not a directory", opt.target),
			Help: "render first ('akua render'), or name the directory with --target"}
	}
	manifests, err := policy.ReadManifests(opt.target)
	if err != nil {
		return err
	}
	pkg, err := packageInfo()
	if err != nil {
		return err
	}
	in := policy.Input{Resources: make([]any, len(manifests)), Package: pkg, Inputs: map[string]any{}}
	for i, m := range manifests {
		in.Resources[i] = m.Object
	}
	res, err := eng.Eval(ctx, in)
	if err != nil {
		return err
	}
	return reportPolicyResult(cmd, res, manifests, eng.Files())
}

// packageInfo returns input.package: the [package] table of ./akua.toml,
// or nothing when there is no akua.toml.
func packageInfo() (policy.Package, error) {
	m, err := lock.LoadManifest(".")
	if errors.Is(err, fs.ErrNotExist) {
		return policy.Package{}, nil
	}
	if err != nil {
		return policy.Package{}, err
	}
	return policy.Package{Name: m.Package.Name, Version: m.Package.Version}, nil
}

// reportPolicyResult prints res. A deny is an error of exit code 3
// carrying every violation as a diagnostic (warnings included), which
// the reporter prints, as text or as the --json error document; a pass
// prints the warnings and a summary, or the JSON report.
func reportPolicyResult(cmd *cobra.Command, res *policy.Result, manifests []policy.Manifest, files []string) error {
	diags := make(diag.List, 0, len(res.Denies)+len(res.Warnings))
	for _, vs := range [][]policy.Violation{res.Denies, res.Warnings} {
		for i := range vs {
			diags = append(diags, violationDiagnostic(&vs[i], manifests))
		}
	}
	summary := fmt.Sprintf("%d %s checked against %d policy %s: %d denied, %d %s\n",
		res.Resources, nounCount(res.Resources, "resource", "resources"),
		len(files), nounCount(len(files), "file", "files"),
		len(res.Denies), len(res.Warnings), nounCount(len(res.Warnings), "warning", "warnings"))
	if res.Denied() {
		if !jsonOutput(cmd) {
			fmt.Fprint(cmd.OutOrStdout(), summary)
		}
		return &ExitError{Code: ExitPolicy, Err: diags}
	}
	if jsonOutput(cmd) {
		rep := policyCheckReport{Denies: []checkedViolation{}, Warnings: checkedViolations(res.Warnings, manifests),
			Resources: res.Resources, Policies: files}
		return writeJSON(cmd.OutOrStdout(), rep)
	}
	if len(diags) > 0 {
		w := cmd.ErrOrStderr()
		opt := diag.RenderOptions{Color: useColor(w), Source: sourceFromDisk()}
		for i, d := range diags {
			if i > 0 {
				fmt.Fprintln(w)
			}
			diag.Render(w, d, opt)
		}
	}
	_, err := fmt.Fprint(cmd.OutOrStdout(), summary)
	return err
}

// violationDiagnostic returns v as a diagnostic at its rule, with a note
// at the manifest that holds its resource.
func violationDiagnostic(v *policy.Violation, manifests []policy.Manifest) *diag.Diagnostic {
	d := v.Diagnostic()
	if r := v.Resource; r != nil && r.Index < len(manifests) {
		m := manifests[r.Index]
		d.Notes = append(d.Notes, diag.Note{Pos: diag.Pos{File: m.File, Line: m.Line, Col: 1},
			Message: fmt.Sprintf("%s is defined here", r)})
	}
	return d
}

// checkedViolations adds manifest positions to violations for --json.
func checkedViolations(vs []policy.Violation, manifests []policy.Manifest) []checkedViolation {
	out := make([]checkedViolation, len(vs))
	for i, v := range vs {
		out[i].Violation = v
		if r := v.Resource; r != nil && r.Index < len(manifests) {
			out[i].Manifest, out[i].ManifestLine = manifests[r.Index].File, manifests[r.Index].Line
		}
	}
	return out
}

// nounCount returns one when n is 1, else many.
func nounCount(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
