package cli

// This file holds `akua sign`.

import (
	"fmt"

	"github.com/spf13/cobra"

	"akua.dev/akua/registry/sign"
)

func init() { addCommand(newSignCmd) }

// signReport is `akua sign --json` output.
type signReport struct {
	Ref    string `json:"ref"`
	Digest string `json:"digest"`
	KeyID  string `json:"keyId"`
	Tag    string `json:"signatureTag"`
}

func newSignCmd() *cobra.Command {
	var f artifactFlags
	cmd := &cobra.Command{
		Use:   "sign <oci://host/repo:tag|@digest>",
		Short: "Sign a published artifact (cosign format)",
		Long: `Sign adds a signature to an artifact already in a registry, in cosign's
format, next to the signatures it has: for a new key, or for artifacts
published without one. 'akua publish' signs what it publishes by itself.

The key is --key or [signing].cosign_private_key of --package's
akua.toml; the passphrase comes from ` + sign.PassphraseEnv + `.`,
		Example: `  akua sign oci://ghcr.io/acme/app:1.2.3 --key release.key`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ref, err := parseRef(cmd, "reference", args[0])
			if err != nil {
				return err
			}
			dir, err := f.dir()
			if err != nil {
				return err
			}
			m, err := manifestOptional(dir)
			if err != nil {
				return artifactError(err)
			}
			s, err := f.signer(dir, m)
			if err != nil {
				return err
			}
			if s == nil {
				return &ExitError{Code: ExitUser, ID: CodeNoKey, Err: fmt.Errorf("no signing key"),
					Help: "pass --key, or set [signing].cosign_private_key in akua.toml ('akua keygen' writes a key pair)"}
			}
			c := f.client()
			desc, err := c.Resolve(cmd.Context(), ref)
			if err != nil {
				return artifactError(err)
			}
			if _, err := sign.SignManifest(cmd.Context(), c, ref, desc.Digest, s, nil); err != nil {
				return artifactError(err)
			}
			r := signReport{Ref: ref.WithDigest(desc.Digest).URL(), Digest: desc.Digest.String(), KeyID: s.Verifier().KeyID(), Tag: sign.SignatureTag(desc.Digest)}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), r)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "signed %s with key %s\n", r.Ref, r.KeyID)
			return err
		},
	}
	f.bindPackage(cmd, "the package whose akua.toml configures the key")
	f.bindKey(cmd, "private key to sign with (default: [signing].cosign_private_key)")
	f.bindRegistry(cmd)
	return cmd
}
