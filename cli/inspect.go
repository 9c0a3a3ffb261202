package cli

// This file holds `akua inspect`.

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"akua.dev/akua/export"
	"akua.dev/akua/registry/artifact"
)

func init() { addCommand(newInspectCmd) }

// inspectInputs returns the inputs surface of a package (its Input
// schema, as `akua export` writes it) from the package's files: they are
// copied to a temporary directory, as an archive or artifact has no
// directory of its own.
func inspectInputs(fsys fs.FS) (any, error) {
	dir, err := os.MkdirTemp("", "akua-inspect-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.CopyFS(dir, fsys); err != nil {
		return nil, err
	}
	res, err := export.Export(context.Background(), export.Options{Package: dir})
	if err != nil {
		return nil, err
	}
	return json.RawMessage(res.Document), nil
}

func newInspectCmd() *cobra.Command {
	var f artifactFlags
	cmd := &cobra.Command{
		Use:   "inspect [oci-ref|archive.tar.gz|dir]",
		Short: "Show a package: name, version, dependencies, signature and provenance",
		Long: `Inspect describes a package directory (default: --package, the current
directory), a
package archive written by 'akua pack', or a published artifact
(oci://host/repo:tag): its name and version, its dependencies as
declared and locked, and for a published artifact its digest, its
signatures (verified when a public key is given or configured) and its
attestations. Helm charts and KCL packages in OCI registries are shown
from their annotations.`,
		Example: `  akua inspect
  akua inspect oci://ghcr.io/acme/app:1.2.3 --key acme.pub --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := f.dir()
			if err != nil {
				return err
			}
			target := dir
			if len(args) == 1 {
				target = args[0]
			}
			m, err := manifestOptional(dir)
			if err != nil {
				m = nil // a broken akua.toml here must not stop inspecting something else
			}
			v, err := f.verifier(dir, m)
			if err != nil {
				return err
			}
			in, err := artifact.Inspect(cmd.Context(), target, artifact.InspectOptions{Key: v, Client: f.client(), Inputs: inspectInputs})
			if err != nil {
				return artifactError(err)
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), in)
			}
			printInspection(cmd, in)
			return nil
		},
	}
	f.bindPackage(cmd, "the package whose akua.toml configures the public key")
	f.bindKey(cmd, "public key to verify signatures with (default: [signing].cosign_public_key)")
	f.bindRegistry(cmd)
	return cmd
}

func printInspection(cmd *cobra.Command, in *artifact.Inspection) {
	w := cmd.OutOrStdout()
	name := in.Name
	if in.Version != "" {
		name += " " + in.Version
	}
	fmt.Fprintf(w, "%s (%s, from %s)\n", name, in.Kind, in.Source)
	row := func(k, v string) { fmt.Fprintf(w, "  %-13s %s\n", k, v) }
	if in.Ref != "" {
		row("ref", in.Ref)
	}
	if in.Archive != "" {
		row("archive", fmt.Sprintf("%s (%s)", in.Archive, plural(in.Files, "file")))
	}
	if in.Edition != "" {
		row("edition", in.Edition)
	}
	if in.StrictSigning {
		row("signing", "strict")
	}
	if s := in.Signature; s != nil {
		row("signature", signatureLine(s.Signatures, s.Verified, s.KeyID))
		if len(in.Attestations) == 0 {
			row("attestations", "none")
		}
		for _, a := range in.Attestations {
			state := "not checked"
			if a.Verified {
				state = "verified"
			} else if s.KeyID != "" {
				state = "not valid for the key"
			}
			row("attestation", fmt.Sprintf("%s (%s)", a.PredicateType, state))
		}
	}
	if in.Inputs != nil {
		row("inputs", "see --json")
	}
	if len(in.Dependencies) == 0 && in.Kind == "akua-package" {
		row("dependencies", "none")
	}
	if len(in.Dependencies) > 0 {
		fmt.Fprintln(w, "  dependencies:")
		for _, d := range in.Dependencies {
			parts := []string{d.Name}
			if d.Declared != "" {
				parts = append(parts, d.Declared)
			}
			if d.Locked {
				parts = append(parts, "→", d.Version, d.Digest)
			} else {
				parts = append(parts, "(not locked)")
			}
			fmt.Fprintf(w, "    %s\n", strings.Join(parts, " "))
		}
	}
	for _, warn := range in.Warnings {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s\n", warn)
	}
}
