package collection

import (
	"testing"

	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestUnionAll(t *testing.T) {
	libtest.Check(t, "import collection", []libtest.Case{
		{Expr: `collection.union_all([{a = 1}, {b = 2}, {a = 3}]) == {a = 3, b = 2}`},
		{Expr: `collection.union_all([{a: {x = 1}}, {a: {y = 2}}]) == {a = {x = 1, y = 2}}`},
		{Expr: `collection.union_all([]) == {} and collection.union_all(None) == {}`},
		{Expr: `collection.union_all([{a = 1}]) == {a = 1}`},
		{Expr: `collection.union_all([{a = {x = 1}}, {a = {y = 2}}]) == {a = {y = 2}}`},
	}, nil)
}

// The first config is copied, not changed.
func TestUnionAllCopies(t *testing.T) {
	libtest.Check(t, "import collection\n_a = {k = [1]}\n_u = collection.union_all([_a, {k = [2]}])", []libtest.Case{
		{Expr: `_a == {k = [1]} and _u == {k = [2]}`},
	}, nil)
}
