package cli

// This file holds `akua pull`.

import (
	"fmt"
	"path"

	"github.com/spf13/cobra"

	"akua.dev/akua/registry/artifact"
)

func init() { addCommand(newPullCmd) }

func newPullCmd() *cobra.Command {
	var f artifactFlags
	var out string
	var insecure bool
	cmd := &cobra.Command{
		Use:   "pull <oci://host/repo:tag|@digest>",
		Short: "Download a published package, verified",
		Long: `Pull downloads a published akua package and unpacks it into --out
(default: a new directory named after the repository).

The manifest and the archive are checked against their digests. The
signature is checked when a public key is given (--key) or configured
([signing].cosign_public_key in the akua.toml of --package, by default
the current directory): it must be there and verify. With
strict_signing set there, an artifact without a verified signature is
refused unless --insecure. A signature that does not verify is always
refused.`,
		Example: `  akua pull oci://ghcr.io/acme/app:1.2.3 --key acme.pub
  akua pull oci://ghcr.io/acme/app@sha256:... --out vendor/app`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPull(cmd, &f, args[0], out, insecure)
		},
	}
	f.bindPackage(cmd, "the package whose akua.toml configures the key and strict_signing")
	f.bindKey(cmd, "public key to verify with (default: [signing].cosign_public_key)")
	f.bindRegistry(cmd)
	cmd.Flags().StringVarP(&out, "out", "o", "", "directory to unpack into (must not exist or be empty)")
	cmd.Flags().BoolVar(&insecure, "insecure", false, "accept an unsigned artifact (a bad signature is refused all the same)")
	return cmd
}

func runPull(cmd *cobra.Command, f *artifactFlags, refArg, out string, insecure bool) error {
	ref, err := parseRef(cmd, "reference", refArg)
	if err != nil {
		return err
	}
	if ref.Reference() == "" {
		return usageErrorf(cmd, "%s names no tag or digest", refArg)
	}
	dir, err := f.dir()
	if err != nil {
		return err
	}
	m, err := manifestOptional(dir)
	if err != nil {
		return artifactError(err)
	}
	v, err := f.verifier(dir, m)
	if err != nil {
		return err
	}
	if out == "" {
		out = path.Base(ref.Repository)
	}
	res, err := artifact.Pull(cmd.Context(), artifact.PullOptions{
		Ref: ref, Out: out, Key: v, Strict: m != nil && m.Package.StrictSigning, Insecure: insecure, Client: f.client(),
	})
	if err != nil {
		return artifactError(err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s\n", w)
	}
	if jsonOutput(cmd) {
		return writeJSON(cmd.OutOrStdout(), res)
	}
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "pulled %s %s into %s\n", res.Name, res.Version, res.Out)
	fmt.Fprintf(w, "  ref         %s\n", res.RefURL)
	fmt.Fprintf(w, "  archive     %s\n", res.Archive)
	fmt.Fprintf(w, "  signature   %s\n", signatureLine(res.Signatures, res.SignatureVerified, res.KeyID))
	return nil
}

// signatureLine describes a signature state in one line.
func signatureLine(n int, verified bool, keyID string) string {
	switch {
	case verified:
		return "verified with key " + keyID
	case n == 0:
		return "none (unsigned)"
	case keyID == "":
		return plural(n, "signature") + ", not checked (no key)"
	}
	return plural(n, "signature") + ", none valid for key " + keyID
}
