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
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check akua.lock against akua.toml and every dependency's content",
		Long: `Verify checks that every dependency akua.toml declares is locked and
satisfied by its entry, that akua.lock has no orphans, and that the
content of every entry still hashes to its pinned digest: vendored
copies, the cache, path directories, or the registry (by digest) for
what is not cached. Under strict_signing, OCI dependencies must carry a
verified signature.

Problems fail the command (exit 1) with one diagnostic each, under the
code of the problem (E_LOCK_STALE, E_DIGEST_MISMATCH, ...).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
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
	return cmd
}
