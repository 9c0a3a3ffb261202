package rgd

// This file closes the gaps cel-go's cost limit leaves. cel-go charges
// a function call only after it returns, and charges list
// concatenation as one unit: so `a + a` doubles a list for free, and a
// single distinct() over a long list, or a join() over a list that
// repeats one huge string, runs for minutes before the limit can trip.
// Two measures keep every expression bounded:
//   - list concatenation is charged by the size of its result, so lists
//     cannot grow faster than they are paid for;
//   - before a call whose work is superlinear in its arguments, or
//     proportional to their nested size (which sharing can make far
//     larger than what was paid), the work is estimated from the actual
//     arguments and the call is refused when it would overrun the
//     limit.

import (
	"math"

	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/interpreter"
)

// concatCost is the runtime cost estimator charging list
// concatenation by the length of the result.
type concatCost struct{}

func (concatCost) CallCost(function, overloadID string, args []ref.Val, result ref.Val) *uint64 {
	if overloadID != "add_list" {
		return nil
	}
	if _, acc := result.(traits.MutableLister); acc {
		return nil // a comprehension appending to its accumulator in place
	}
	if l, ok := result.(traits.Lister); ok {
		n := uint64(l.Size().(types.Int))
		return &n
	}
	return nil
}

// guards estimate the work of a call from its argument values, giving
// up (returning more than max) once the estimate exceeds max.
var guards = map[string]func(args []ref.Val, max uint64) uint64{
	"distinct": func(a []ref.Val, _ uint64) uint64 { n := length(a[0]); return mul(n, n) },
	"sort":     func(a []ref.Val, _ uint64) uint64 { return nlogn(length(a[0])) },
	"@sortByAssociatedKeys": func(a []ref.Val, _ uint64) uint64 {
		return nlogn(length(a[0]))
	},
	"flatten": func(a []ref.Val, max uint64) uint64 { return weight(a[0], max) },
	"join":    func(a []ref.Val, max uint64) uint64 { return weight(a[0], max) },
	"format":  func(a []ref.Val, max uint64) uint64 { return weightAll(a, max) },
	"@in":     func(a []ref.Val, max uint64) uint64 { return weight(a[1], max) },
	"_==_":    equalityWork,
	"_!=_":    equalityWork,
	"replace": replaceWork,
}

// guardCalls is the decorator installing the guards.
func guardCalls(i interpreter.InterpretableV2) (interpreter.InterpretableV2, error) {
	call, ok := i.(interpreter.InterpretableCall)
	if !ok {
		return i, nil
	}
	g, ok := guards[call.Function()]
	if !ok {
		return i, nil
	}
	return &guardedCall{InterpretableCall: call, estimate: g, direct: direct[call.Function()]}, nil
}

// direct computes the standard operators from evaluated arguments, so
// guarding them does not evaluate their operands twice.
var direct = map[string]func(args []ref.Val) ref.Val{
	"_==_": func(a []ref.Val) ref.Val { return types.Equal(a[0], a[1]) },
	"_!=_": func(a []ref.Val) ref.Val {
		if eq, ok := types.Equal(a[0], a[1]).(types.Bool); ok {
			return !eq
		}
		return nil
	},
	"@in": func(a []ref.Val) ref.Val {
		if c, ok := a[1].(traits.Container); ok {
			return c.Contains(a[0])
		}
		return nil
	},
}

type guardedCall struct {
	interpreter.InterpretableCall
	estimate func([]ref.Val, uint64) uint64
	direct   func([]ref.Val) ref.Val // nil: run the original call
}

func (g *guardedCall) Eval(act interpreter.Activation) ref.Val {
	return interpreter.EvalActivation(act, g.Exec)
}

// Exec evaluates the arguments, refuses the call when its estimated
// work exceeds the cost left, and otherwise computes the result: from
// the values for the standard operators, else by running the original
// call, which evaluates the arguments again. That second pass is
// charged too, so nesting guarded calls cannot multiply work unpaid.
func (g *guardedCall) Exec(frame *interpreter.ExecutionFrame) ref.Val {
	tr := frame.CostTracker()
	if tr == nil || tr.Limit == nil {
		return g.InterpretableCall.Exec(frame)
	}
	args := g.Args()
	vals := make([]ref.Val, len(args))
	for i, a := range args {
		vals[i] = a.Exec(frame)
		if types.IsUnknownOrError(vals[i]) {
			return g.InterpretableCall.Exec(frame)
		}
	}
	var left uint64
	if used := tr.ActualCost(); used < *tr.Limit {
		left = *tr.Limit - used
	}
	if g.estimate(vals, left) > left {
		panic(interpreter.EvalCancelledError{Cause: interpreter.CostLimitExceeded,
			Message: "operation cancelled: actual cost limit exceeded by " + g.Function() + "()"})
	}
	if g.direct != nil {
		if v := g.direct(vals); v != nil {
			return v
		}
	}
	return g.InterpretableCall.Exec(frame)
}

func equalityWork(a []ref.Val, max uint64) uint64 {
	return min(weight(a[0], max), weight(a[1], max))
}

// replaceWork bounds s.replace(old, new[, n]) by the length of its
// result: an empty old inserts new between every character.
func replaceWork(a []ref.Val, _ uint64) uint64 {
	if len(a) < 3 {
		return 0
	}
	s, ok1 := a[0].(types.String)
	old, ok2 := a[1].(types.String)
	repl, ok3 := a[2].(types.String)
	if !ok1 || !ok2 || !ok3 {
		return 0
	}
	count := uint64(len(s)) + 1
	if len(old) > 0 {
		count = uint64(len(s) / len(old))
	}
	if len(a) > 3 {
		if n, ok := a[3].(types.Int); ok && n >= 0 && uint64(n) < count {
			count = uint64(n)
		}
	}
	return (uint64(len(s)) + mul(count, uint64(len(repl)))) / 10
}

// length is the number of elements of a list or map, else 0.
func length(v ref.Val) uint64 {
	if s, ok := v.(traits.Sizer); ok {
		if n, ok := s.Size().(types.Int); ok && n > 0 {
			return uint64(n)
		}
	}
	return 0
}

func nlogn(n uint64) uint64 {
	if n < 2 {
		return n
	}
	return mul(n, uint64(math.Ceil(math.Log2(float64(n)))))
}

func mul(a, b uint64) uint64 { return cost.SafeMultiply(a, b) }

func weightAll(vs []ref.Val, max uint64) uint64 {
	var total uint64
	for _, v := range vs {
		total = cost.SafeAdd(total, weight(v, max))
		if total > max {
			break
		}
	}
	return total
}

// weight is the nested size of a value in cost units (one per list
// element or map entry, one per ten characters, as cel-go counts
// string work). It stops counting past max, so sizing a value that
// shares one sublist a million times costs no more than the budget.
func weight(v ref.Val, max uint64) uint64 {
	var n uint64
	var walk func(v ref.Val) bool
	walk = func(v ref.Val) bool {
		n++
		switch v := v.(type) {
		case types.String:
			n += uint64(len(v)) / 10
		case types.Bytes:
			n += uint64(len(v)) / 10
		case traits.Mapper:
			for it := v.Iterator(); it.HasNext() == types.True; {
				k := it.Next()
				if !walk(k) || !walk(v.Get(k)) {
					return false
				}
			}
		case traits.Lister:
			size, _ := v.Size().(types.Int)
			for i := types.Int(0); i < size; i++ {
				if !walk(v.Get(i)) {
					return false
				}
			}
		}
		return n <= max
	}
	walk(v)
	return n
}
