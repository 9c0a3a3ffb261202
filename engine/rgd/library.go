package rgd

// This file declares the CEL functions kro adds to cel-go and that can
// run offline: omit(), <map>.merge(map), json.marshal/unmarshal,
// hash.fnv64a/sha256/md5 and lists.setAtIndex/insertAtIndex/
// removeAtIndex. They follow kro's documented behaviour; kro's
// random.* is left out (it is seeded by the object uid a cluster
// assigns), as are the Kubernetes libraries (url, quantity, ip, cidr,
// semver), which are built for another cel-go module path.

import (
	"crypto/md5"
	"crypto/sha256"
	"hash/fnv"

	"akua.dev/akua/kcl/eval"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/interpreter"
)

// kroFunctions returns the declarations of kro's own functions; a is
// the adapter their results use.
func kroFunctions(a types.Adapter) []cel.EnvOption {
	listT := cel.ListType(cel.TypeParamType("T"))
	mapT := cel.MapType(cel.TypeParamType("K"), cel.TypeParamType("V"))
	hash := func(name string, sum func([]byte) []byte) cel.EnvOption {
		return cel.Function("hash."+name, cel.Overload("rgd_hash_"+name+"_string",
			[]*cel.Type{cel.StringType}, cel.BytesType,
			cel.UnaryBinding(func(v ref.Val) ref.Val {
				s, ok := v.(types.String)
				if !ok {
					return types.NewErr("hash.%s: argument must be a string", name)
				}
				return types.Bytes(sum([]byte(s)))
			})))
	}
	return []cel.EnvOption{
		cel.Function("omit", cel.Overload("rgd_omit", nil, cel.DynType,
			cel.FunctionBinding(func(...ref.Val) ref.Val { return omitted{} }))),
		cel.Function("merge", cel.MemberOverload("rgd_map_merge", []*cel.Type{mapT, mapT}, mapT,
			cel.BinaryBinding(func(l, r ref.Val) ref.Val { return mergeMaps(a, l, r) }))),
		cel.Function("json.marshal", cel.Overload("rgd_json_marshal_dyn", []*cel.Type{cel.DynType}, cel.StringType,
			cel.UnaryBinding(jsonMarshal))),
		cel.Function("json.unmarshal", cel.Overload("rgd_json_unmarshal_string", []*cel.Type{cel.StringType}, cel.DynType,
			cel.UnaryBinding(func(v ref.Val) ref.Val { return jsonUnmarshal(a, v) }))),
		hash("fnv64a", func(b []byte) []byte { h := fnv.New64a(); h.Write(b); return h.Sum(nil) }),
		hash("sha256", func(b []byte) []byte { s := sha256.Sum256(b); return s[:] }),
		hash("md5", func(b []byte) []byte { s := md5.Sum(b); return s[:] }),
		cel.Function("lists.setAtIndex", cel.Overload("rgd_lists_setAtIndex", []*cel.Type{listT, cel.IntType, cel.TypeParamType("T")}, listT,
			cel.FunctionBinding(func(args ...ref.Val) ref.Val { return spliceList(a, "setAtIndex", args[0], args[1], args[2], 1) }))),
		cel.Function("lists.insertAtIndex", cel.Overload("rgd_lists_insertAtIndex", []*cel.Type{listT, cel.IntType, cel.TypeParamType("T")}, listT,
			cel.FunctionBinding(func(args ...ref.Val) ref.Val { return spliceList(a, "insertAtIndex", args[0], args[1], args[2], 0) }))),
		cel.Function("lists.removeAtIndex", cel.Overload("rgd_lists_removeAtIndex", []*cel.Type{listT, cel.IntType}, listT,
			cel.BinaryBinding(func(l, i ref.Val) ref.Val { return spliceList(a, "removeAtIndex", l, i, nil, 1) }))),
	}
}

// mergeMaps returns l with the entries of r laid over it: keys keep l's
// order, keys only r has follow in r's order (sorted when r is a map
// CEL built, which has none).
func mergeMaps(a types.Adapter, lv, rv ref.Val) ref.Val {
	l, lok := orderedRange(a, lv).(*omap)
	r, rok := orderedRange(a, rv).(*omap)
	if !lok || !rok {
		return types.NewErr("no such overload: %s.merge(%s)", lv.Type().TypeName(), rv.Type().TypeName())
	}
	out := eval.NewOrderedMap(l.m.Len() + r.m.Len())
	for _, k := range l.m.Keys {
		out.Set(k, l.m.Values[k])
	}
	for _, k := range r.m.Keys {
		out.Set(k, r.m.Values[k])
	}
	return &omap{m: out, a: a}
}

// spliceList replaces del elements at index i with v (nil: nothing),
// the shared core of kro's index-mutation functions. Insertion allows
// i == size; the others need i < size.
func spliceList(a types.Adapter, name string, lv, iv, v ref.Val, del int) ref.Val {
	l, ok := lv.(traits.Lister)
	if !ok {
		return types.NewErr("lists.%s: first argument must be a list", name)
	}
	idx, ok := iv.(types.Int)
	if !ok {
		return types.NewErr("lists.%s: index must be an integer", name)
	}
	n := int64(l.Size().(types.Int))
	if i := int64(idx); i < 0 || i+int64(del) > n {
		return types.NewErr("lists.%s: index %d out of bounds for a list of %d", name, i, n)
	}
	out := make([]ref.Val, 0, n+1)
	for i := int64(0); i < n; i++ {
		if i == int64(idx) && v != nil {
			out = append(out, v)
		}
		if i < int64(idx) || i >= int64(idx)+int64(del) {
			out = append(out, l.Get(types.Int(i)))
		}
	}
	if int64(idx) == n && v != nil {
		out = append(out, v)
	}
	return types.NewRefValList(a, out)
}

func jsonMarshal(v ref.Val) ref.Val {
	if weight(v, exprCostLimit) > exprCostLimit {
		panic(interpreter.EvalCancelledError{Cause: interpreter.CostLimitExceeded,
			Message: "operation cancelled: json.marshal: the value is too large to encode"})
	}
	x, err := toGo(v)
	if err != nil {
		return types.NewErr("json.marshal: %v", err)
	}
	if _, ok := x.(omitted); ok {
		return types.NewErr("json.marshal: omit() has no JSON form")
	}
	s, err := marshalJSON(x)
	if err != nil {
		return types.NewErr("json.marshal: %v", err)
	}
	return types.String(s)
}

func jsonUnmarshal(a types.Adapter, v ref.Val) ref.Val {
	s, ok := v.(types.String)
	if !ok {
		return types.NewErr("json.unmarshal: argument must be a string")
	}
	x, err := decodeJSON(string(s), false)
	if err != nil {
		return types.NewErr("json.unmarshal: %v", err)
	}
	return a.NativeToValue(x)
}
