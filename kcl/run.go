package kcl

import (
	"context"
	"errors"
)

// run is replaced by the evaluator pipeline as it lands.
func run(ctx context.Context, files []string, opt RunOptions) (*Result, error) {
	return nil, errors.New("kcl: evaluator not implemented yet")
}
