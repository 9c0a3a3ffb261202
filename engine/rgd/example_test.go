package rgd

// The example RGD in testdata/webapp rendered for two instances and
// compared with committed goldens; go test -run Example -update
// rewrites them.

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readFixture(t *testing.T, name string) any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return fromYAML(t, string(b))
}

func TestExampleWebApp(t *testing.T) {
	for _, tc := range []struct {
		instance, golden string
		kinds            []string
	}{
		// Without ingress: the Ingress is dropped, Deployment comes before
		// the Service that reads it although it is declared last.
		{"webapp/instance-basic.yaml", "webapp/basic.golden.yaml", []string{"Deployment", "Service"}},
		{"webapp/instance-ingress.yaml", "webapp/ingress.golden.yaml", []string{"Deployment", "Service", "Ingress"}},
	} {
		t.Run(tc.instance, func(t *testing.T) {
			out, err := Instantiate(readFixture(t, "webapp/rgd.yaml"), readFixture(t, tc.instance))
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, o := range out {
				k, _ := get(o, "kind")
				kinds = append(kinds, k.(string))
			}
			if quoteList(kinds) != quoteList(tc.kinds) {
				t.Errorf("kinds = %v, want %v", kinds, tc.kinds)
			}
			got := toYAML(t, out)
			path := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\n%s", path, got)
			}
		})
	}
}
