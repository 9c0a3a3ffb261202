package units

import (
	"testing"

	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestUnits(t *testing.T) {
	libtest.Check(t, "import units", []libtest.Case{
		{Expr: `units.n == 1e-09 and units.u == 1e-06 and units.m == 0.001`},
		{Expr: `units.k == 1000 and units.K == 1000 and units.M == 1000000 and units.P == 1000000000000000`},
		{Expr: `units.Ki == 1024 and units.Mi == 1048576 and units.Pi == 1125899906842624`},
		{Expr: `typeof(units.Gi) == "int" and typeof(units.m) == "float"`},
		{Expr: `units.to_n(1e-9) == "1n" and units.to_u(1e-6) == "1u" and units.to_m(1e-1) == "100m"`},
		{Expr: `units.to_K(1000) == "1K" and units.to_M(2500000) == "2M" and units.to_G(1000000000) == "1G"`},
		{Expr: `units.to_T(1000000000000) == "1T" and units.to_P(10000000000000000) == "10P"`},
		{Expr: `units.to_Ki(1024) == "1Ki" and units.to_Mi(1024 ** 2) == "1Mi" and units.to_Gi(int("8Gi") * 0.5) == "4Gi"`},
		{Expr: `units.to_Ti(1024 ** 4) == "1Ti" and units.to_Pi(1024 ** 5) == "1Pi" and units.to_Ki(1500) == "1Ki"`},
		{Expr: `units.to_Ki(num=2048) == "2Ki"`},
		{Expr: `units.to_Ki("1024")`, Err: "expected float, got str"},
		{Expr: `units.to_k`, Err: "has no attribute"},
	}, nil)
}
