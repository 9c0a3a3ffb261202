package base32

import (
	"testing"

	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestBase32(t *testing.T) {
	libtest.Check(t, "import base32", []libtest.Case{
		{Expr: `base32.encode("0.3.0") == "GAXDGLRQ"`},
		{Expr: `base32.encode("a") == "ME======"`},
		{Expr: `base32.decode("GAXDGLRQ") == "0.3.0"`},
		{Expr: `base32.decode("ME======") == "a"`},
		{Expr: `base32.decode("not base32!") == None`},
		{Expr: `base32.encode(None)`, Err: "expected str"},
	}, nil)
}
