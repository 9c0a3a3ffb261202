// Package sign signs and verifies published akua artifacts in cosign's
// formats, so `cosign verify --key` and `cosign verify-attestation`
// accept what akua signs, and akua accepts what cosign signs with a key.
//
// It uses sigstore's signature and cryptoutils packages for keys and
// signatures and writes cosign's registry layout itself with the
// registry/oci client, rather than importing cosign (hundreds of
// packages and a second OCI client):
//
//   - a signature of manifest sha256:<hex> is an image manifest tagged
//     sha256-<hex>.sig in the same repository; each layer is a
//     "simple signing" payload (application/vnd.dev.cosign.simplesigning.v1+json)
//     naming the signed digest, with the base64 signature in the
//     dev.cosignproject.cosign/signature annotation (cosign.go);
//   - an attestation is a DSSE envelope (dsse.go) around an in-toto
//     Statement v1, here a SLSA v1 provenance (provenance.go), stored as
//     a layer application/vnd.dsse.envelope.v1+json of the manifest
//     tagged sha256-<hex>.att, with a predicateType annotation
//     (attest.go).
//
// Keys are cosign's: `akua keygen` writes an ECDSA P-256 pair with the
// private key encrypted as `cosign generate-key-pair` does; encrypted
// PKCS#8 keys (openssl) are read too. The passphrase comes from
// AKUA_COSIGN_PASSPHRASE (keys.go). Keyless (Fulcio/Rekor) signing is
// out of scope: akua works offline.
package sign
