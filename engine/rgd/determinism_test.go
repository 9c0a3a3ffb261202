package rgd

// Output must be byte-identical across runs whatever the map iteration
// order, and keys must follow the template.

import (
	"encoding/json"
	"sync"
	"testing"

	"akua.dev/akua/kcl/eval"
)

func TestDeterministic(t *testing.T) {
	// Maps with many keys make random iteration order show at once.
	wide := `'${{"k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10}.transformList(k, v, k + "=" + string(v)).join(",")}'`
	r := fromYAML(t, rgdWith("labels: \"map[string]string\"", `
- id: obj
  template:
    kind: Thing
    apiVersion: v1
    metadata: {name: x}
    zeta: '${schema.spec.labels.transformMap(k, v, v + "!")}'
    alpha: `+wide+`
    mid: '${{"z": 1, "y": 2, "x": 3}}'
`))
	inst := fromYAML(t, `{metadata: {name: d}, spec: {labels: {q: "1", w: "2", e: "3", r: "4", t: "5", y: "6", u: "7", i: "8", o: "9", p: "10"}}}`)
	webapp, webInst := readFixture(t, "webapp/rgd.yaml"), readFixture(t, "webapp/instance-ingress.yaml")
	for _, tc := range []struct {
		name     string
		rgd, ins any
	}{
		{"ordered input", r, inst},
		{"example", webapp, webInst},
		{"map[string]any input", eval.PlainMaps(r), eval.PlainMaps(inst)},
		{"map[string]any example", eval.PlainMaps(webapp), eval.PlainMaps(webInst)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var first string
			for i := 0; i < 20; i++ {
				out, err := Instantiate(tc.rgd, tc.ins)
				if err != nil {
					t.Fatal(err)
				}
				b, err := json.Marshal(out)
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = string(b)
				} else if string(b) != first {
					t.Fatalf("run %d differs:\n%s\n%s", i, b, first)
				}
			}
		})
	}
	out, err := Instantiate(r, inst)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(out)
	want := `[{"kind":"Thing","apiVersion":"v1","metadata":{"name":"x"},` +
		`"zeta":{"e":"3!","i":"8!","o":"9!","p":"10!","q":"1!","r":"4!","t":"5!","u":"7!","w":"2!","y":"6!"},` +
		`"alpha":"k1=1,k10=10,k2=2,k3=3,k4=4,k5=5,k6=6,k7=7,k8=8,k9=9",` +
		`"mid":{"x":3,"y":2,"z":1}}]`
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
}

// TestConcurrent runs instantiations in parallel; with -race it checks
// that the shared CEL environment is safe to share.
func TestConcurrent(t *testing.T) {
	rgd, inst := readFixture(t, "webapp/rgd.yaml"), readFixture(t, "webapp/instance-ingress.yaml")
	want, err := Instantiate(rgd, inst)
	if err != nil {
		t.Fatal(err)
	}
	wb, _ := json.Marshal(want)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := Instantiate(rgd, inst)
			if err != nil {
				errs <- err.Error()
				return
			}
			if b, _ := json.Marshal(out); string(b) != string(wb) {
				errs <- "output differs"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestInputNotMutated checks that instantiation leaves its arguments
// alone and that outputs share nothing with them.
func TestInputNotMutated(t *testing.T) {
	rgd, inst := readFixture(t, "webapp/rgd.yaml"), readFixture(t, "webapp/instance-basic.yaml")
	before, _ := json.Marshal([]any{rgd, inst})
	out, err := Instantiate(rgd, inst)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := json.Marshal([]any{rgd, inst})
	if string(before) != string(after) {
		t.Fatal("arguments were modified")
	}
	// Mutating an output does not reach the next run.
	out[0].(*eval.OrderedMap).Set("kind", "Changed")
	again, _ := Instantiate(rgd, inst)
	if k, _ := get(again[0], "kind"); k != "Deployment" {
		t.Fatalf("kind = %v", k)
	}
}
