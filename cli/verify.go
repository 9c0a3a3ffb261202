package cli

// This file holds `akua verify`.

import (
	"fmt"

	"github.com/spf13/cobra"

	"akua.dev/akua/registry/resolve"
)

func init() { addCommand(newVerifyCmd) }

func newVerifyCmd() *cobra.Command {
	var f depsFlags
	var ref verifyRefOptions
	cmd := &cobra.Command{
		Use:   "verify [--ref oci://host/repo:tag]",
		Short: "Check akua.lock against akua.toml and every dependency's content",
		Long: `Verify checks that every dependency akua.toml declares is locked and
satisfied by its entry, that akua.lock has no orphans, and that the
content of every entry still hashes to its pinned digest: vendored
copies, the cache, path directories, or the registry (by digest) for
what is not cached. Under strict_signing, OCI dependencies must carry a
verified signature.

Problems fail the command (exit 1) with one diagnostic each, under the
code of the problem (E_LOCK_STALE, E_DIGEST_MISMATCH, ...).

With --ref, verify checks a published artifact instead: its cosign
signature against --key (or [signing].cosign_public_key of --dir) and,
unless --no-attestation, its SLSA provenance attestation.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if ref.Ref != "" {
				ref.Dir = f.dir
				return runVerifyRef(cmd, ref)
			}
			p, err := f.load()
			if err != nil {
				return depsError(err)
			}
			r, err := resolve.Verify(cmd.Context(), p, f.options(cmd))
			if err != nil {
				return depsError(err)
			}
			if !r.OK {
				return problemsError(depsLockPath(f.dir), r.Problems)
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), r)
			}
			for _, c := range r.Checked {
				fmt.Fprintf(cmd.OutOrStdout(), "ok  %s %s (%s)\n", c.Name, c.Digest, c.From)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d dependencies verified\n", len(r.Checked))
			return nil
		},
	}
	f.bind(cmd, true)
	cmd.Flags().StringVar(&ref.Ref, "ref", "", "verify the published artifact `oci://host/repo:tag` (or @digest)")
	cmd.Flags().StringVar(&ref.Key, "key", "", "public key `file` for --ref (default: [signing].cosign_public_key)")
	cmd.Flags().BoolVar(&ref.PlainHTTP, "plain-http", false, "talk plain HTTP to the registry of --ref")
	cmd.Flags().BoolVar(&ref.NoAttestation, "no-attestation", false, "with --ref, accept an artifact without provenance")
	return cmd
}
