// Package units is KCL's units system module
// (reference/kcl-docs/model/units.md; upstream kclvm/runtime/src/units):
// the unit constants n u m k K M G T P Ki Mi Gi Ti Pi and the to_*
// functions that write a number with a unit suffix.
package units

import (
	"math"
	"strconv"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libkit"
)

func init() { eval.RegisterModule("units", New) }

// scales are the suffixes with the divisor to_<suffix> applies, as
// upstream computes them (floats: to_m(0.1) is 0.1 / 0.001).
var scales = []struct {
	suffix string
	div    float64
	value  eval.Value // the constant units.<suffix>
}{
	{"n", 1e-09, eval.Float(1e-09)},
	{"u", 1e-06, eval.Float(1e-06)},
	{"m", 0.001, eval.Float(0.001)},
	{"k", 1e3, eval.Int(1e3)},
	{"K", 1e3, eval.Int(1e3)},
	{"M", 1e6, eval.Int(1e6)},
	{"G", 1e9, eval.Int(1e9)},
	{"T", 1e12, eval.Int(1e12)},
	{"P", 1e15, eval.Int(1e15)},
	{"Ki", 1024, eval.Int(1 << 10)},
	{"Mi", 1024 * 1024, eval.Int(1 << 20)},
	{"Gi", 1024 * 1024 * 1024, eval.Int(1 << 30)},
	{"Ti", 1024 * 1024 * 1024 * 1024, eval.Int(1 << 40)},
	{"Pi", 1024 * 1024 * 1024 * 1024 * 1024, eval.Int(1 << 50)},
}

// New returns the units module.
func New() *eval.Module {
	funcs := map[string]eval.BuiltinFunc{}
	consts := map[string]eval.Value{}
	for _, s := range scales {
		consts[s.suffix] = s.value
		if s.suffix != "k" {
			funcs["to_"+s.suffix] = toUnit(s.suffix, s.div)
		}
	}
	return libkit.Module("units", libkit.Funcs(funcs), consts)
}

// toUnit returns to_<suffix>(num) -> str: num divided by the unit,
// truncated to an int, followed by the suffix (to_Ki(2048) is "2Ki").
func toUnit(suffix string, div float64) eval.BuiltinFunc {
	fname := "to_" + suffix
	return func(_ *eval.Thread, _ eval.Value, args *eval.Args) (eval.Value, error) {
		var num float64
		if err := eval.UnpackArgs(fname, args, "num", &num); err != nil {
			return nil, err
		}
		q := math.Trunc(num / div)
		if math.IsNaN(q) || math.IsInf(q, 0) || q >= 9223372036854775808.0 || q < -9223372036854775808.0 {
			return nil, eval.Errorf(eval.ErrValue, "%s() argument %s is out of range", fname, eval.FormatFloatStr(num))
		}
		return eval.Str(strconv.FormatInt(int64(q), 10) + suffix), nil
	}
}
