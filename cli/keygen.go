package cli

// This file holds `akua keygen`.

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"akua.dev/akua/registry/sign"
)

func init() { addCommand(newKeygenCmd) }

// keygenReport is `akua keygen --json` output.
type keygenReport struct {
	PrivateKey string `json:"privateKey"`
	PublicKey  string `json:"publicKey"`
	KeyID      string `json:"keyId"`
	Passphrase bool   `json:"passphrase"` // whether a non-empty passphrase encrypts the private key
}

func newKeygenCmd() *cobra.Command {
	var prefix string
	var force bool
	cmd := &cobra.Command{
		Use:   "keygen",
		Short: "Write a signing key pair (cosign format)",
		Long: `Keygen writes an ECDSA P-256 key pair: <prefix>.key, the private key
encrypted as 'cosign generate-key-pair' does (cosign can use it too), and
<prefix>.pub, the public key consumers verify with.

The passphrase is read from ` + sign.PassphraseEnv + `; unset, the key is
encrypted with the empty passphrase, as cosign does. Point
[signing].cosign_private_key and cosign_public_key in akua.toml at the
files, and keep the private key out of the package (or out of git).`,
		Example: `  AKUA_COSIGN_PASSPHRASE=... akua keygen --out release`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			priv, pub := prefix+".key", prefix+".pub"
			if !force {
				for _, p := range []string{priv, pub} {
					if _, err := os.Stat(p); err == nil {
						return &ExitError{Code: ExitUser, ID: CodeUser, Err: fmt.Errorf("%s already exists", p),
							Help: "choose another --out prefix, or pass --force to replace the key pair"}
					}
				}
			}
			pass := sign.Passphrase()
			privPEM, pubPEM, err := sign.GenerateKeyPair(pass)
			if err != nil {
				return systemError(err)
			}
			// The private key is written 0600 through a temporary file in
			// the same directory, never readable by others on the way.
			if err := writeFileMode(priv, privPEM, 0o600); err != nil {
				return systemError(err)
			}
			if err := writeFileMode(pub, pubPEM, 0o644); err != nil {
				return systemError(err)
			}
			v, err := sign.ParsePublicKey(pubPEM)
			if err != nil {
				return systemError(err)
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), keygenReport{PrivateKey: priv, PublicKey: pub, KeyID: v.KeyID(), Passphrase: len(pass) > 0})
			}
			if len(pass) == 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s is unset: the private key is encrypted with an empty passphrase\n", sign.PassphraseEnv)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "wrote %s and %s (ECDSA P-256, key %s)\n", priv, pub, v.KeyID())
			return err
		},
	}
	cmd.Flags().StringVarP(&prefix, "out", "o", "cosign", "path prefix of the key files: <prefix>.key and <prefix>.pub")
	cmd.Flags().BoolVar(&force, "force", false, "replace existing key files")
	return cmd
}

// writeFileMode writes data to name atomically with the given mode.
func writeFileMode(name string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".akua-key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
