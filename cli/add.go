package cli

// This file holds `akua add`.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/resolve"
)

func init() { addCommand(newAddCmd) }

// addReport is `akua add --json` output.
type addReport struct {
	Added   *resolve.EntryJSON `json:"added"`
	Changes []resolve.Change   `json:"changes"`
}

func newAddCmd() *cobra.Command {
	var f depsFlags
	var d lock.Dependency
	cmd := &cobra.Command{
		Use:   "add <name> (--oci ref --version v | --git url --tag t | --git url --rev r | --path dir | --repo url --chart c --version v)",
		Short: "Add a dependency to akua.toml and lock it",
		Long: `Add declares a dependency in akua.toml and pins it in akua.lock.

The name is how the package imports it (charts.<name>, pkgs.<name>), so
it must be an identifier. Exactly one source:

  --oci oci://host/repo --version v   an OCI artifact (Helm chart, KCL or akua package, manifests)
  --git url --tag t | --rev r         a git repository (a tag or tag range, or any revision)
  --path dir                          a directory, relative to the package
  --repo url --chart c --version v    a classic Helm repository

Versions are exact ("1.2.3") or semver ranges ("^1.2.0", "~1.2",
">=1.0.0", "1.x"), locked to the highest match. --replace uses a local
directory instead of the source (for development; publish refuses it).

akua.toml keeps its comments and layout; an existing dependency of the
same name is replaced. Nothing is written if the dependency cannot be
resolved.`,
		Example: `  akua add podinfo --repo https://stefanprodan.github.io/podinfo --chart podinfo --version ^6.5.0
  akua add k8s --oci oci://ghcr.io/kcl-lang/k8s --version 1.31.2
  akua add lib --git https://github.com/acme/lib.git --tag ^1.2.0
  akua add base --path ../base`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d.Name = args[0]
			return runAdd(cmd, &f, d)
		},
	}
	f.bind(cmd, true)
	fl := cmd.Flags()
	fl.StringVar(&d.OCI, "oci", "", "OCI repository, oci://host/repo")
	fl.StringVar(&d.Git, "git", "", "git repository URL")
	fl.StringVar(&d.Path, "path", "", "directory, relative to the package")
	fl.StringVar(&d.Repo, "repo", "", "classic Helm repository URL")
	fl.StringVar(&d.Chart, "chart", "", "chart name in the Helm repository (--repo)")
	fl.StringVar(&d.Version, "version", "", "exact version or semver range (--oci, --repo)")
	fl.StringVar(&d.Tag, "tag", "", "git tag or semver range over the tags (--git)")
	fl.StringVar(&d.Rev, "rev", "", "git commit, branch or other revision (--git)")
	fl.StringVar(&d.Replace, "replace", "", "use this local directory instead of the source")
	return cmd
}

func runAdd(cmd *cobra.Command, f *depsFlags, d lock.Dependency) error {
	if err := checkAddFlags(cmd, d); err != nil {
		return err
	}
	name := filepath.Join(f.dir, lock.ManifestFile)
	src, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return depsError(registry.Errorf(registry.CodeNotFound, "%s does not exist", name).
			WithHelp("run 'akua init' first, or pass the package directory with --dir"))
	}
	if err != nil {
		return systemError(err)
	}
	p, err := f.load() // the current files must be valid before they are edited
	if err != nil {
		return depsError(err)
	}
	edited, err := lock.SetDependency(src, d)
	if err != nil {
		return &ExitError{Code: ExitUser, Err: fmt.Errorf("%s: %w", name, err)}
	}
	m, err := lock.ParseManifest(name, edited)
	if err != nil {
		// The positions point into text that is not on disk yet: report
		// the messages alone.
		return &ExitError{Code: ExitUser, ID: CodeUsage, Err: fmt.Errorf("invalid dependency: %s", diagMessages(err)),
			Help: commandHelp(cmd)}
	}
	next := &resolve.Project{Dir: p.Dir, Manifest: m, Lock: p.Lock}
	if next.Lock != nil {
		next.Lock.Remove(d.Name) // re-resolve a dependency being re-added
	}
	l, err := resolve.Lock(cmd.Context(), next, f.options(cmd))
	if err != nil {
		return depsError(err)
	}
	if err := lock.WriteFileAtomic(name, edited); err != nil {
		return systemError(err)
	}
	if err := writeLockFile(f.dir, l); err != nil {
		return err
	}
	e, _ := l.Entry(d.Name)
	changes := resolve.Diff(p.Lock, l)
	if jsonOutput(cmd) {
		return writeJSON(cmd.OutOrStdout(), addReport{Added: resolve.JSON(e), Changes: changesJSON(changes)})
	}
	fmt.Fprintf(cmd.OutOrStdout(), "added %s %s (%s)\n", e.Name, e.Version, e.Source)
	return nil
}

// checkAddFlags enforces one source and the version flags that go with it.
func checkAddFlags(cmd *cobra.Command, d lock.Dependency) error {
	var sources []string
	for flag, v := range map[string]string{"--oci": d.OCI, "--git": d.Git, "--path": d.Path, "--repo": d.Repo} {
		if v != "" {
			sources = append(sources, flag)
		}
	}
	switch len(sources) {
	case 0:
		return usageErrorf(cmd, "give a source: --oci, --git, --path or --repo")
	case 1:
	default:
		return usageErrorf(cmd, "give one source, not %s", strings.Join(sortedStrings(sources), " and "))
	}
	need := func(flag, v string) error {
		if v == "" {
			return usageErrorf(cmd, "%s needs %s", sources[0], flag)
		}
		return nil
	}
	refuse := func(flag, v string) error {
		if v != "" {
			return usageErrorf(cmd, "%s does not go with %s", flag, sources[0])
		}
		return nil
	}
	var errs []error
	switch sources[0] {
	case "--oci":
		errs = append(errs, need("--version", d.Version), refuse("--tag", d.Tag), refuse("--rev", d.Rev), refuse("--chart", d.Chart))
	case "--repo":
		errs = append(errs, need("--chart", d.Chart), need("--version", d.Version), refuse("--tag", d.Tag), refuse("--rev", d.Rev))
	case "--git":
		if (d.Tag == "") == (d.Rev == "") {
			errs = append(errs, usageErrorf(cmd, "--git needs exactly one of --tag and --rev"))
		}
		errs = append(errs, refuse("--version", d.Version), refuse("--chart", d.Chart))
	case "--path":
		errs = append(errs, refuse("--version", d.Version), refuse("--tag", d.Tag), refuse("--rev", d.Rev), refuse("--chart", d.Chart), refuse("--replace", d.Replace))
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// diagMessages joins the messages of the diagnostics in err.
func diagMessages(err error) string {
	var msgs []string
	for _, d := range diag.From(err) {
		m := d.Message
		if d.Suggestion != "" {
			m += " (" + d.Suggestion + ")"
		}
		msgs = append(msgs, m)
	}
	return strings.Join(msgs, "; ")
}
