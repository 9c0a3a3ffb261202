package sign

// This file reads and writes keys: cosign's encrypted private keys
// (PEM "ENCRYPTED SIGSTORE PRIVATE KEY", or the older "ENCRYPTED COSIGN
// PRIVATE KEY": scrypt + NaCl secretbox around PKCS#8), encrypted PKCS#8
// ("ENCRYPTED PRIVATE KEY"), plain PKCS#8/SEC 1 keys, and PKIX public
// keys ("PUBLIC KEY").

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
)

// PassphraseEnv names the environment variable holding the passphrase of
// an encrypted private key.
const PassphraseEnv = "AKUA_COSIGN_PASSPHRASE"

// Passphrase returns the passphrase from AKUA_COSIGN_PASSPHRASE; unset
// means the empty passphrase, which is how cosign encrypts a key
// generated without one.
func Passphrase() []byte { return []byte(os.Getenv(PassphraseEnv)) }

// ErrPassphrase: an encrypted private key could not be decrypted with
// the passphrase given.
var ErrPassphrase = errors.New("wrong passphrase for the private key (set " + PassphraseEnv + ")")

// GenerateKeyPair returns a new ECDSA P-256 key pair as PEM: the private
// key encrypted with passphrase in cosign's format (cosign can use it:
// `cosign sign --key`), and the PKIX public key.
func GenerateKeyPair(passphrase []byte) (privPEM, pubPEM []byte, err error) {
	if passphrase == nil {
		// nil would make sigstore write the key unencrypted.
		passphrase = []byte{}
	}
	return cryptoutils.GeneratePEMEncodedECDSAKeyPair(elliptic.P256(), cryptoutils.StaticPasswordFunc(passphrase))
}

// A Signer signs payloads with a private key.
type Signer struct {
	sv  signature.SignerVerifier
	pub crypto.PublicKey
}

// ParsePrivateKey reads a PEM private key, decrypting it with passphrase
// when it is encrypted. ECDSA, RSA and Ed25519 keys are accepted
// (cosign's own are ECDSA P-256); payloads are hashed with SHA-256, as
// cosign does.
func ParsePrivateKey(pemBytes, passphrase []byte) (*Signer, error) {
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return nil, errors.New("not a PEM private key")
	}
	if passphrase == nil {
		passphrase = []byte{}
	}
	priv, err := cryptoutils.UnmarshalPEMToPrivateKey(pemBytes, cryptoutils.StaticPasswordFunc(passphrase))
	if err != nil {
		if strings.HasPrefix(block.Type, "ENCRYPTED") {
			return nil, fmt.Errorf("%w: %v", ErrPassphrase, err)
		}
		return nil, fmt.Errorf("reading private key: %w", err)
	}
	return NewSigner(priv)
}

// NewSigner returns a Signer for a private key already in memory.
func NewSigner(priv crypto.PrivateKey) (*Signer, error) {
	sv, err := signature.LoadSignerVerifier(priv, crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("loading private key: %w", err)
	}
	pub, err := sv.PublicKey()
	if err != nil {
		return nil, err
	}
	return &Signer{sv: sv, pub: pub}, nil
}

// LoadPrivateKey reads the private key file at path (see
// ParsePrivateKey).
func LoadPrivateKey(path string, passphrase []byte) (*Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := ParsePrivateKey(data, passphrase)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Sign returns the signature of payload (ASN.1 DER for ECDSA, as cosign
// writes).
func (s *Signer) Sign(payload []byte) ([]byte, error) {
	return s.sv.SignMessage(strings.NewReader(string(payload)))
}

// Verifier returns a Verifier for s's public key.
func (s *Signer) Verifier() *Verifier {
	return &Verifier{v: s.sv, pub: s.pub}
}

// PublicKeyPEM returns s's public key as PKIX PEM.
func (s *Signer) PublicKeyPEM() ([]byte, error) { return cryptoutils.MarshalPublicKeyToPEM(s.pub) }

// A Verifier checks signatures against a public key.
type Verifier struct {
	v   signature.Verifier
	pub crypto.PublicKey
}

// NewVerifier returns a Verifier for pub (SHA-256 payload hashing).
func NewVerifier(pub crypto.PublicKey) (*Verifier, error) {
	if err := cryptoutils.ValidatePubKey(pub); err != nil {
		return nil, fmt.Errorf("unusable public key: %w", err)
	}
	v, err := signature.LoadVerifier(pub, crypto.SHA256)
	if err != nil {
		return nil, err
	}
	return &Verifier{v: v, pub: pub}, nil
}

// ParsePublicKey reads a PEM public key ("PUBLIC KEY", as cosign.pub).
func ParsePublicKey(pemBytes []byte) (*Verifier, error) {
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(pemBytes)
	if err != nil {
		return nil, fmt.Errorf("reading public key: %w", err)
	}
	return NewVerifier(pub)
}

// LoadPublicKey reads the public key file at path.
func LoadPublicKey(path string) (*Verifier, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	v, err := ParsePublicKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// Verify checks sig over payload.
func (v *Verifier) Verify(payload, sig []byte) error {
	return v.v.VerifySignature(strings.NewReader(string(sig)), strings.NewReader(string(payload)))
}

// KeyID returns a short, stable name for the key, for messages:
// "sha256:" and the first 16 hex digits of the hash of its PKIX DER.
func (v *Verifier) KeyID() string {
	der, err := cryptoutils.MarshalPublicKeyToDER(v.pub)
	if err != nil {
		return "unknown"
	}
	sum := sha256.Sum256(der)
	return "sha256:" + hex.EncodeToString(sum[:8])
}

// IsECDSAP256 reports whether the key is ECDSA on P-256, the kind cosign
// generates (akua accepts others; this is for messages).
func (v *Verifier) IsECDSAP256() bool {
	k, ok := v.pub.(*ecdsa.PublicKey)
	return ok && k.Curve == elliptic.P256()
}
