package eval

// This file holds number literals with unit suffixes (`1Ki`, `500m`)
// and quantities in strings (`int("1Gi")`), as upstream's
// kclvm/runtime/src/units.

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// unitScale describes one suffix: a decimal or binary multiplier, or a
// fractional one (n u m) that makes the value a float.
type unitScale struct {
	mul  int64   // integer multiplier; 0 for fractional suffixes
	frac float64 // divisor of fractional suffixes (1e9 for n)
}

var unitScales = map[string]unitScale{
	"n":  {frac: 1e9},
	"u":  {frac: 1e6},
	"m":  {frac: 1e3},
	"k":  {mul: 1e3},
	"K":  {mul: 1e3},
	"M":  {mul: 1e6},
	"G":  {mul: 1e9},
	"T":  {mul: 1e12},
	"P":  {mul: 1e15},
	"Ki": {mul: 1 << 10},
	"Mi": {mul: 1 << 20},
	"Gi": {mul: 1 << 30},
	"Ti": {mul: 1 << 40},
	"Pi": {mul: 1 << 50},
}

// NewUnit returns the value of the literal raw followed by suffix: an
// Int for k K M G T P Ki Mi Gi Ti Pi, a Float for n u m, wrapped in a
// *Unit that prints as written. A value outside 64 bits is an error.
func NewUnit(raw int64, suffix string) (Value, error) {
	num, err := unitValue(raw, suffix)
	if err != nil {
		return nil, err
	}
	return &Unit{Num: num, Raw: raw, Suffix: suffix}, nil
}

// unitValue returns raw scaled by suffix.
func unitValue(raw int64, suffix string) (Value, error) {
	sc, ok := unitScales[suffix]
	if !ok {
		return nil, errorf(ErrValue, "invalid unit suffix %s", suffix)
	}
	if sc.mul == 0 {
		return Float(float64(raw) / sc.frac), nil
	}
	r := new(big.Int).Mul(big.NewInt(raw), big.NewInt(sc.mul))
	if !r.IsInt64() {
		return nil, intOverflow(r, 64)
	}
	return Int(r.Int64()), nil
}

// parseQuantity parses an int with an optional unit suffix ("1024Mi",
// "10", "-5k") as int() does for strings in base 10. ok is false when
// s has a unit suffix but is no valid quantity.
func parseQuantity(s string) (v Int, hasUnit bool, err error) {
	num, suffix := s, ""
	switch {
	case len(s) >= 2 && strings.HasSuffix(s, "i") && unitScales[s[len(s)-2:]].mul != 0:
		num, suffix = s[:len(s)-2], s[len(s)-2:]
	case len(s) >= 1:
		if _, ok := unitScales[s[len(s)-1:]]; ok {
			num, suffix = s[:len(s)-1], s[len(s)-1:]
		}
	}
	if suffix == "" {
		return 0, false, nil
	}
	n, perr := strconv.ParseInt(num, 10, 64)
	if perr != nil || num == "" {
		return 0, true, errorf(ErrValue, "invalid literal for int() with base 10: '%s'", s)
	}
	u, err := unitValue(n, suffix)
	if err != nil {
		return 0, true, err
	}
	switch u := u.(type) {
	case Int:
		return u, true, nil
	case Float:
		return Int(math.Trunc(float64(u))), true, nil
	}
	return 0, true, nil
}
