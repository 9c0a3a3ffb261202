package render

import (
	"errors"

	"akua.dev/akua/kcl/eval"
)

func (h *host) helmTemplate(th *eval.Thread, args *eval.Args) (eval.Value, error) {
	return nil, errors.New("pending")
}
