package base64

import (
	"testing"

	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestBase64(t *testing.T) {
	libtest.Check(t, "import base64", []libtest.Case{
		{Expr: `base64.encode("0.3.0") == "MC4zLjA="`},
		{Expr: `base64.encode("") == ""`},
		{Expr: `base64.encode("héllo", "utf-8") == "aMOpbGxv"`},
		{Expr: `base64.encode(value="ab") == "YWI="`},
		{Expr: `base64.decode("MC4zLjA=") == "0.3.0"`},
		{Expr: `base64.decode("YWI") == "ab"`},
		{Expr: `base64.decode(base64.encode("round trip ✓")) == "round trip ✓"`},
		{Expr: `base64.decode("!!")`, Err: "invalid base64"},
		{Expr: `base64.decode("/w==")`, Err: "not valid UTF-8"},
		{Expr: `base64.encode(1)`, Err: "expected str, got int"},
		{Expr: `base64.encode()`, Err: "missing required argument 'value'"},
	}, nil)
}
