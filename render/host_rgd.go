package render

import (
	"akua.dev/akua/engine/rgd"
	"akua.dev/akua/kcl/eval"
)

// rgdInstantiate expands a kro ResourceGraphDefinition (akua.rgd).
func (h *host) rgdInstantiate(th *eval.Thread, args *eval.Args) (eval.Value, error) {
	def, err := arg(args, 0, "rgd.instantiate")
	if err != nil {
		return nil, err
	}
	inst, err := arg(args, 1, "rgd.instantiate")
	if err != nil {
		return nil, err
	}
	out, err := rgd.Instantiate(eval.ToGo(def), eval.ToGo(inst))
	if err != nil {
		return nil, err
	}
	vals := make([]eval.Value, len(out))
	for i, r := range out {
		if vals[i], err = eval.FromGo(r); err != nil {
			return nil, err
		}
	}
	return eval.NewList(vals), nil
}
