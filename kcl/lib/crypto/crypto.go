// Package crypto is KCL's crypto system module
// (reference/kcl-docs/model/crypto.md; upstream
// kclvm/runtime/src/crypto): hex digests of strings (md5, sha1, sha224,
// sha256, sha384, sha512, blake3) and of files inside the package root
// (filesha256, filesha512, fileblake3), and uuid.
package crypto

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"io"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("crypto", New) }

// New returns the crypto module.
func New() *eval.Module {
	return libkit.Module("crypto", libkit.Funcs(map[string]eval.BuiltinFunc{
		"md5":        digest("md5", md5.New),
		"sha1":       digest("sha1", sha1.New),
		"sha224":     digest("sha224", sha256.New224),
		"sha256":     digest("sha256", sha256.New),
		"sha384":     digest("sha384", sha512.New384),
		"sha512":     digest("sha512", sha512.New),
		"blake3":     digest("blake3", newBlake3Hash),
		"filesha256": fileDigest("filesha256", sha256.New),
		"filesha512": fileDigest("filesha512", sha512.New),
		"fileblake3": fileDigest("fileblake3", newBlake3Hash),
		"uuid":       uuid,
	}), nil)
}

// digest returns <name>(value: str, encoding: str = "utf-8") -> str,
// the lowercase hex digest of value's UTF-8 bytes.
func digest(name string, newHash func() hash.Hash) eval.BuiltinFunc {
	return func(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
		var value, encoding string
		if err := eval.UnpackArgs(name, args, "value", &value, "encoding?", &encoding); err != nil {
			return nil, err
		}
		h := newHash()
		io.WriteString(h, value)
		return eval.Str(hex.EncodeToString(h.Sum(nil))), nil
	}
}

// fileDigest returns <name>(filepath: str) -> str, the lowercase hex
// digest of a file inside the package root.
func fileDigest(name string, newHash func() hash.Hash) eval.BuiltinFunc {
	return func(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
		var path string
		if err := eval.UnpackArgs(name, args, "filepath", &path); err != nil {
			return nil, err
		}
		root, err := libkit.OpenRoot(th)
		if err != nil {
			return nil, err
		}
		defer root.Close()
		rel, err := root.Rel(path)
		if err != nil {
			return nil, err
		}
		f, err := root.Open(rel)
		if err != nil {
			return nil, libkit.Fail(err, "failed to access file '%s'", path)
		}
		defer f.Close()
		h := newHash()
		if _, err := io.Copy(h, f); err != nil {
			return nil, libkit.Fail(err, "failed to read file '%s'", path)
		}
		return eval.Str(hex.EncodeToString(h.Sum(nil))), nil
	}
}

// uuid(name: str = None) -> str is a random (version 4) UUID, refused
// when the evaluation must be deterministic; with a name it is the
// name-based version 5 UUID of name in the URL namespace (an akua
// extension), the same on every run.
func uuid(th *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	name := ""
	var given eval.Value
	if err := eval.UnpackArgs("uuid", args, "name?", &given); err != nil {
		return nil, err
	}
	if given != eval.None && given != eval.Undefined {
		s, ok := given.(eval.Str)
		if !ok {
			return nil, eval.Errorf(eval.ErrType, "uuid() argument 'name': expected str, got %s", given.Type())
		}
		name = string(s)
		return eval.Str(uuidV5(namespaceURL, name)), nil
	}
	if th.Deterministic {
		return nil, eval.Errorf(eval.ErrEval, "crypto.uuid is not allowed: evaluation must be deterministic (no clock, randomness or environment); pass a name for a name-based UUID")
	}
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return nil, eval.Errorf(eval.ErrEval, "uuid(): %v", err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return eval.Str(formatUUID(u)), nil
}

// namespaceURL is RFC 4122's URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
var namespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

func uuidV5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	io.WriteString(h, name)
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return formatUUID(u)
}

func formatUUID(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// blake3Hash adapts blake3Hasher to hash.Hash.
type blake3Hash struct{ *blake3Hasher }

func newBlake3Hash() hash.Hash { return blake3Hash{newBlake3()} }

func (h blake3Hash) Sum(b []byte) []byte {
	s := h.blake3Hasher.Sum()
	return append(b, s[:]...)
}
func (h blake3Hash) Reset()         { *h.blake3Hasher = *newBlake3() }
func (h blake3Hash) Size() int      { return 32 }
func (h blake3Hash) BlockSize() int { return b3BlockLen }
