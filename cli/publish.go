package cli

// This file holds `akua publish`.

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"akua.dev/akua/registry/artifact"
	"akua.dev/akua/registry/sign"
)

func init() { addCommand(newPublishCmd) }

func newPublishCmd() *cobra.Command {
	var f artifactFlags
	var ref, tag string
	var force bool
	cmd := &cobra.Command{
		Use:   "publish --ref oci://host/repo",
		Short: "Push the package to an OCI registry, signed, with provenance",
		Long: `Publish packs the package (as 'akua pack' does) and pushes it to an OCI
registry under its version, with akua's media types and annotations, so
other packages can depend on it with 'akua add --oci'.

A published version is immutable: publish refuses a tag that already
exists. --force overwrites it and says so; consumers that locked the old
digest keep getting the old content.

Refused: replace directives, path dependencies outside the package, and
an akua.lock that is missing or out of date with akua.toml.

With a key (--key, or [signing].cosign_private_key in akua.toml; the
passphrase from ` + sign.PassphraseEnv + `) the manifest is signed in
cosign's format (cosign verify --key accepts it) and a SLSA v1
provenance listing the locked dependencies is attached. Under
strict_signing a key is required.

Registry credentials come from docker's config.json (docker login,
helm registry login, oras login).`,
		Example: `  akua publish --ref oci://ghcr.io/acme/app
  akua publish --ref oci://ghcr.io/acme/app --tag 1.2.3-rc.1 --key release.key --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPublish(cmd, &f, ref, tag, force)
		},
	}
	f.bindPackage(cmd, "the package directory (or a file in it)")
	f.bindKey(cmd, "private key to sign with (default: [signing].cosign_private_key)")
	f.bindRegistry(cmd)
	cmd.Flags().StringVar(&ref, "ref", "", "the repository to publish to, oci://host/repo[:tag] (required)")
	cmd.Flags().StringVar(&tag, "tag", "", "the tag (default: the tag in --ref, else [package] version)")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing tag (published versions are meant to be immutable)")
	return cmd
}

func runPublish(cmd *cobra.Command, f *artifactFlags, refArg, tag string, force bool) error {
	if refArg == "" {
		return usageErrorf(cmd, "--ref is required: where to publish, e.g. --ref oci://ghcr.io/acme/app")
	}
	ref, err := parseRef(cmd, "--ref", refArg)
	if err != nil {
		return err
	}
	if ref.Digest != "" {
		return usageErrorf(cmd, "--ref %s names a digest; publish to a repository and tag", refArg)
	}
	dir, err := f.dir()
	if err != nil {
		return err
	}
	m, err := manifestOptional(dir)
	if err != nil {
		return artifactError(err)
	}
	if m == nil {
		return &ExitError{Code: ExitUser, ID: CodeUser, Err: fmt.Errorf("%s has no akua.toml", dir), Help: "publish needs [package] name and version; run 'akua init'"}
	}
	s, err := f.signer(dir, m)
	if err != nil {
		return err
	}
	if s == nil && m.Package.StrictSigning {
		return &ExitError{Code: ExitUser, ID: CodeNoKey, Err: errors.New("strict_signing is on but no signing key is configured"),
			Help: "set [signing].cosign_private_key in akua.toml or pass --key ('akua keygen' writes a key pair)"}
	}
	res, err := artifact.Publish(cmd.Context(), artifact.PublishOptions{
		Dir: dir, Ref: ref, Tag: tag, Force: force, Signer: s, Client: f.client(),
		AkuaVersion: version, Now: time.Now(),
	})
	if err != nil {
		return artifactError(err)
	}
	w := cmd.OutOrStdout()
	if res.Overwritten != "" {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: --force overwrote %s, which named %s\n", res.Ref.Repo().WithTag(res.Ref.Tag).URL(), res.Overwritten)
	}
	if jsonOutput(cmd) {
		return writeJSON(w, res)
	}
	fmt.Fprintf(w, "published %s\n", res.RefURL)
	fmt.Fprintf(w, "  archive     %s (%s, %d bytes)\n", res.Archive, plural(res.Files, "file"), res.Size)
	if res.Signed {
		fmt.Fprintf(w, "  signature   key %s (tag %s)\n", res.KeyID, sign.SignatureTag(res.Digest))
	} else {
		fmt.Fprintf(w, "  signature   none: no key (set [signing].cosign_private_key or pass --key)\n")
	}
	if res.Attested {
		fmt.Fprintf(w, "  provenance  SLSA v1 (tag %s)\n", sign.AttestationTag(res.Digest))
	}
	return nil
}
