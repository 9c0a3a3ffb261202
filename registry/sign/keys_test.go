package sign

import (
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestGenerateKeyPair(t *testing.T) {
	priv, pub, err := GenerateKeyPair([]byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := pem.Decode(priv); b == nil || b.Type != "ENCRYPTED SIGSTORE PRIVATE KEY" {
		t.Fatalf("private key PEM type: %v", b)
	}
	s, err := ParsePrivateKey(priv, []byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := ParsePublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	if !v.IsECDSAP256() {
		t.Error("generated key is not ECDSA P-256")
	}
	sig, err := s.Sign([]byte("payload"))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify([]byte("payload"), sig); err != nil {
		t.Errorf("Verify: %v", err)
	}
	if err := v.Verify([]byte("other"), sig); err == nil {
		t.Error("Verify of another payload succeeded")
	}
	if _, err := ParsePrivateKey(priv, []byte("wrong")); !errors.Is(err, ErrPassphrase) {
		t.Errorf("wrong passphrase: %v, want ErrPassphrase", err)
	}
	// No passphrase is the empty one, as with cosign.
	priv, _, err = GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParsePrivateKey(priv, nil); err != nil {
		t.Errorf("key generated without a passphrase: %v", err)
	}
}

// TestReadKeyFormats reads keys written by other tools: encrypted
// PKCS#8 from openssl (PBES2 with AES-256-CBC, and with scrypt), and a
// key written by `cosign generate-key-pair` (testdata/README.md).
func TestReadKeyFormats(t *testing.T) {
	for _, tc := range []struct{ key, pub, pass string }{
		{"pkcs8-aes256.key", "pkcs8-aes256.pub", "akua-test"},
		{"pkcs8-scrypt.key", "pkcs8-scrypt.pub", "akua-test"},
		{"cosign.key", "cosign.pub", "akua-test"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			keyPath := filepath.Join("testdata", tc.key)
			if _, err := os.Stat(keyPath); err != nil {
				t.Skip("fixture missing:", err)
			}
			s, err := LoadPrivateKey(keyPath, []byte(tc.pass))
			if err != nil {
				t.Fatal(err)
			}
			v, err := LoadPublicKey(filepath.Join("testdata", tc.pub))
			if err != nil {
				t.Fatal(err)
			}
			sig, err := s.Sign([]byte("payload"))
			if err != nil {
				t.Fatal(err)
			}
			if err := v.Verify([]byte("payload"), sig); err != nil {
				t.Errorf("signature by %s does not verify with %s: %v", tc.key, tc.pub, err)
			}
			if _, err := LoadPrivateKey(keyPath, []byte("wrong")); !errors.Is(err, ErrPassphrase) {
				t.Errorf("wrong passphrase: %v, want ErrPassphrase", err)
			}
		})
	}
}

func TestPassphraseFromEnv(t *testing.T) {
	t.Setenv(PassphraseEnv, "from-env")
	if got := string(Passphrase()); got != "from-env" {
		t.Errorf("Passphrase() = %q", got)
	}
}

func TestPAE(t *testing.T) {
	// The example of the DSSE specification.
	got := string(PAE("http://example.com/HelloWorld", []byte("hello world")))
	want := "DSSEv1 29 http://example.com/HelloWorld 11 hello world"
	if got != want {
		t.Errorf("PAE = %q, want %q", got, want)
	}
}

func TestEnvelope(t *testing.T) {
	s := newSigner(t)
	env, err := SignEnvelope(s, PayloadTypeInToto, []byte(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	if p, err := env.Verify(s.Verifier()); err != nil || string(p) != `{"a":1}` {
		t.Fatalf("Verify = %q, %v", p, err)
	}
	// Same payload under another type: the PAE differs.
	env.PayloadType = "text/plain"
	if _, err := env.Verify(s.Verifier()); !errors.Is(err, ErrBadSignature) {
		t.Errorf("retyped envelope: %v, want ErrBadSignature", err)
	}
	env.PayloadType = PayloadTypeInToto
	if _, err := env.Verify(newSigner(t).Verifier()); !errors.Is(err, ErrBadSignature) {
		t.Errorf("other key: %v, want ErrBadSignature", err)
	}
}
