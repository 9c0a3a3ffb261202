package cli

// This file holds what the artifact commands (pack, publish, pull,
// inspect, keygen, sign, verify --ref) share: finding the package
// directory, loading keys from flags or akua.toml, the registry client,
// and turning the errors of registry/artifact, oci and sign into the
// CLI's error contract.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
	"akua.dev/akua/registry/artifact"
	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/pack"
	"akua.dev/akua/registry/sign"
)

// Error codes of the artifact commands.
const (
	CodeTagExists    = "E_TAG_EXISTS"     // publish would overwrite a version
	CodeUnsigned     = "E_UNSIGNED"       // no signature where one is required
	CodeBadSignature = "E_SIGNATURE"      // a signature that does not verify
	CodeNoKey        = "E_NO_KEY"         // verification or signing needs a key
	CodePassphrase   = "E_PASSPHRASE"     // an encrypted key did not decrypt
	CodeReplace      = "E_REPLACE"        // publish of a package with replace directives
	CodePathOutside  = "E_PATH_OUTSIDE"   // publish of a path dependency outside the package
	CodePackFile     = "E_PACK_FILE"      // a symlink or special file in the package
	CodeNoAttest     = "E_NO_ATTESTATION" // no verified attestation where one is required
	CodeNotFound     = "E_NOT_FOUND"      // no such tag, manifest or repository
)

// artifactFlags are the flags the artifact commands share.
type artifactFlags struct {
	pkg       string // --package
	key       string // --key
	plainHTTP bool   // --plain-http
}

func (f *artifactFlags) bindPackage(cmd *cobra.Command, usage string) {
	cmd.Flags().StringVar(&f.pkg, "package", ".", usage)
}

func (f *artifactFlags) bindKey(cmd *cobra.Command, usage string) {
	cmd.Flags().StringVar(&f.key, "key", "", usage)
}

func (f *artifactFlags) bindRegistry(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.plainHTTP, "plain-http", false, "reach the registry over plain HTTP (loopback registries always are)")
}

// client returns the registry client: docker config.json credentials.
func (f *artifactFlags) client() *oci.Client {
	return oci.New(oci.Options{PlainHTTP: f.plainHTTP, UserAgent: "akua/" + version})
}

// dir returns the package directory --package names: the directory
// itself, or the directory of a file in it (package.k, akua.toml).
func (f *artifactFlags) dir() (string, error) {
	p := f.pkg
	if p == "" {
		p = "."
	}
	fi, err := os.Stat(p)
	if err != nil {
		return "", &ExitError{Code: ExitUser, Err: err, Help: "--package names the package directory"}
	}
	if !fi.IsDir() {
		p = filepath.Dir(p)
	}
	return p, nil
}

// manifest reads dir/akua.toml; a missing file gives nil and no error.
func manifestOptional(dir string) (*lock.Manifest, error) {
	m, err := lock.LoadManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return m, err
}

// signer loads the private key given by --key, else by akua.toml's
// [signing].cosign_private_key (relative to the package); nil when
// neither is set. The passphrase comes from AKUA_COSIGN_PASSPHRASE.
func (f *artifactFlags) signer(dir string, m *lock.Manifest) (*sign.Signer, error) {
	path := f.key
	if path == "" && m != nil && m.Signing.CosignPrivateKey != "" {
		path = configPath(dir, m.Signing.CosignPrivateKey)
	}
	if path == "" {
		return nil, nil
	}
	s, err := sign.LoadPrivateKey(path, sign.Passphrase())
	if err != nil {
		return nil, artifactError(err)
	}
	return s, nil
}

// verifier loads the public key given by --key, else by akua.toml's
// [signing].cosign_public_key; nil when neither is set.
func (f *artifactFlags) verifier(dir string, m *lock.Manifest) (*sign.Verifier, error) {
	path := f.key
	if path == "" && m != nil && m.Signing.CosignPublicKey != "" {
		path = configPath(dir, m.Signing.CosignPublicKey)
	}
	if path == "" {
		return nil, nil
	}
	v, err := sign.LoadPublicKey(path)
	if err != nil {
		return nil, artifactError(err)
	}
	return v, nil
}

// configPath resolves a path written in dir/akua.toml: relative to dir
// unless absolute.
func configPath(dir, p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// parseRef parses an OCI reference argument as a usage error when bad.
func parseRef(cmd *cobra.Command, what, s string) (oci.Ref, error) {
	r, err := oci.ParseRef(s)
	if err != nil {
		return oci.Ref{}, usageErrorf(cmd, "%s: %v", what, err)
	}
	return r, nil
}

// artifactError gives an error of the artifact libraries its code, exit
// code and help. Refusals (existing tag, bad or missing signature,
// tampered content, unpublishable package) are user errors (1);
// registry and network failures system errors (2).
func artifactError(err error) error {
	if err == nil {
		return nil
	}
	var e *ExitError
	if errors.As(err, &e) {
		return e
	}
	user := func(id, help string) error { return &ExitError{Code: ExitUser, ID: id, Err: err, Help: help} }
	var te *oci.TagExistsError
	var pe *pack.UnsupportedFileError
	switch {
	case errors.As(err, &te):
		return user(CodeTagExists, "published versions are immutable: bump [package] version (or pass --tag), or pass --force to overwrite the tag (consumers that locked the old digest keep it)")
	case errors.Is(err, sign.ErrBadSignature):
		return user(CodeBadSignature, "the signature does not match the key: check --key / [signing].cosign_public_key; if the key is right, the artifact was tampered with")
	case errors.Is(err, sign.ErrUnsigned):
		return user(CodeUnsigned, "ask the publisher to sign it, or pass --insecure to accept an unsigned artifact")
	case errors.Is(err, sign.ErrNoKey):
		return user(CodeNoKey, "pass --key, or set [signing] in akua.toml")
	case errors.Is(err, sign.ErrNoAttestation):
		return user(CodeNoAttest, "publish with a signing key: akua publish attaches a SLSA provenance")
	case errors.Is(err, sign.ErrPassphrase):
		return user(CodePassphrase, "export "+sign.PassphraseEnv+" with the key's passphrase")
	case errors.Is(err, oci.ErrDigestMismatch):
		return user(registry.CodeDigestMismatch, "the registry served content that does not match its digest; do not trust it")
	case errors.Is(err, artifact.ErrReplace):
		return user(CodeReplace, "replace directives point at local directories; remove them before publishing")
	case errors.Is(err, artifact.ErrDirtyLock):
		return user(registry.CodeLockStale, "run 'akua lock' and publish again")
	case errors.Is(err, artifact.ErrOutsidePath):
		return user(CodePathOutside, "publish the dependency on its own and depend on it with --oci")
	case errors.Is(err, artifact.ErrTarget):
		return user(CodeUsage, "give a package directory, a .tar.gz written by 'akua pack', or oci://host/repo:tag")
	case errors.As(err, &pe):
		return user(CodePackFile, "")
	case errors.Is(err, oci.ErrNotFound):
		return user(CodeNotFound, "check the reference and tag ('akua inspect' lists what a reference holds)")
	case errors.Is(err, oci.ErrUnsupportedManifest):
		return user(registry.CodeKind, "")
	}
	if hasDiagnostics(err) != nil || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return err // asExitError: positioned diagnostics (akua.toml), missing files
	}
	var re *registry.Error
	if errors.As(err, &re) {
		return depsError(err)
	}
	return systemError(err)
}

// plural returns "n thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", thing)
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
