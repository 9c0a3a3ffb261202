package policy

import (
	"context"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

var zzCompiler *ast.Compiler

func prepareBody(ctx context.Context, e *Engine, body ast.Body) (*rego.PreparedEvalQuery, error) {
	pq, err := rego.New(rego.Compiler(zzCompiler), rego.ParsedQuery(body), rego.Store(inmem.New())).PrepareForEval(ctx)
	return &pq, err
}

func regoEvalParsedInput(v ast.Value) rego.EvalOption { return rego.EvalParsedInput(v) }
