// Package base32 is KCL's base32 system module (upstream
// kclvm/runtime/src/base32; no page in reference/kcl-docs/model):
// encode and decode strings with the RFC 4648 alphabet, padded.
package base32

import (
	"encoding/base32"
	"unicode/utf8"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("base32", New) }

// New returns the base32 module.
func New() *eval.Module {
	return libkit.Module("base32", libkit.Funcs(map[string]eval.BuiltinFunc{
		"encode": encode,
		"decode": decode,
	}), nil)
}

// encode(value: str) -> str is the padded RFC 4648 base32 of value.
func encode(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var value string
	if err := eval.UnpackArgs("encode", args, "value", &value); err != nil {
		return nil, err
	}
	return eval.Str(base32.StdEncoding.EncodeToString([]byte(value))), nil
}

// decode(value: str) -> str decodes padded RFC 4648 base32; it is None
// when value is not valid base32 or does not decode to UTF-8, as
// upstream.
func decode(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var value string
	if err := eval.UnpackArgs("decode", args, "value", &value); err != nil {
		return nil, err
	}
	b, err := base32.StdEncoding.DecodeString(value)
	if err != nil || !utf8.Valid(b) {
		return eval.None, nil
	}
	return eval.Str(b), nil
}
