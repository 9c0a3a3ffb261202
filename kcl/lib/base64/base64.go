// Package base64 is KCL's base64 system module
// (reference/kcl-docs/model/base64.md; upstream
// kclvm/runtime/src/base64): encode and decode strings.
package base64

import (
	"encoding/base64"
	"unicode/utf8"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("base64", New) }

// New returns the base64 module.
func New() *eval.Module {
	return libkit.Module("base64", libkit.Funcs(map[string]eval.BuiltinFunc{
		"encode": encode,
		"decode": decode,
	}), nil)
}

// encode(value: str, encoding: str = "utf-8") -> str is the standard,
// padded base64 of value's UTF-8 bytes.
func encode(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var value, encoding string
	if err := eval.UnpackArgs("encode", args, "value", &value, "encoding?", &encoding); err != nil {
		return nil, err
	}
	return eval.Str(base64.StdEncoding.EncodeToString([]byte(value))), nil
}

// decode(value: str) -> str decodes standard base64 (padding optional)
// to a UTF-8 string.
func decode(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
	var value, encoding string
	if err := eval.UnpackArgs("decode", args, "value", &value, "encoding?", &encoding); err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(value)
	if err != nil {
		var err2 error
		if b, err2 = base64.RawStdEncoding.DecodeString(value); err2 != nil {
			return nil, eval.Errorf(eval.ErrValue, "decode() invalid base64 value: %v", err)
		}
	}
	if !utf8.Valid(b) {
		return nil, eval.Errorf(eval.ErrValue, "decode() result is not valid UTF-8")
	}
	return eval.Str(b), nil
}
