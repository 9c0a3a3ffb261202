package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// k8sLike returns n schemas shaped like the generated Kubernetes
// module: docstrings, many typed optional attributes, checks.
func k8sLike(n int) []byte {
	var b strings.Builder
	b.WriteString("import k8s.apimachinery.pkg.apis.meta.v1\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `schema Resource%d(Base):
    r"""
    Resource%d is a generated schema.

    Attributes
    ----------
    name : str, default is Undefined, required
        The name.
    """

    apiVersion: "v1" = "v1"
    kind: "Resource%d" = "Resource%d"
    metadata?: v1.ObjectMeta
    spec?: {str:[int|str]}
    replicas?: int = 1
    labels?: {str:str} = {"app" = "x", "tier": "y"}
    ports?: [Port]
    selector?: any

    check:
        replicas >= 0 if replicas, "replicas must be positive"
        len(name) <= 63

`, i, i, i, i)
	}
	return []byte(b.String())
}

func BenchmarkParseFile(b *testing.B) {
	src := k8sLike(500)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseFile("bench.k", src); err != nil {
			b.Fatal(err)
		}
	}
}
