package testrunner

import (
	"akua.dev/akua/internal/testfs"
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestJUnit(t *testing.T) {
	dir := testfs.Copy(t, example)
	golden := filepath.Join(dir, "tests", "basic", GoldenFile)
	data, _ := os.ReadFile(golden)
	os.WriteFile(golden, bytes.Replace(data, []byte("replicas: 2"), []byte("replicas: 1"), 1), 0o644)
	rep := run(t, Options{Dir: dir})

	var a, b bytes.Buffer
	if err := WriteJUnit(&a, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteJUnit(&b, run(t, Options{Dir: dir})); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("JUnit output differs between two runs")
	}
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Tests int    `xml:"tests,attr"`
			Cases []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(a.Bytes(), &doc); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, a.String())
	}
	if !strings.HasPrefix(a.String(), xml.Header) {
		t.Error("no XML header")
	}
	if doc.Tests != 18 || doc.Failures != 1 || len(doc.Suites) != 3 {
		t.Fatalf("tests %d failures %d suites %d", doc.Tests, doc.Failures, len(doc.Suites))
	}
	names := []string{doc.Suites[0].Name, doc.Suites[1].Name, doc.Suites[2].Name}
	if strings.Join(names, ",") != "kcl,rego,golden" {
		t.Errorf("suites %v", names)
	}
	kc := doc.Suites[0].Cases[0]
	if kc.Classname != "kcl.test_render.k" || kc.Name != "test_deployment_and_service_per_app" {
		t.Errorf("KCL case %s / %s", kc.Classname, kc.Name)
	}
	if rc := doc.Suites[1].Cases[0]; !strings.HasPrefix(rc.Classname, "rego.policy_gate.") || !strings.HasPrefix(rc.Name, "test_") {
		t.Errorf("Rego case %s / %s", rc.Classname, rc.Name)
	}
	g := doc.Suites[2].Cases[0]
	if g.Name != "tests/basic" || g.Failure == nil || !strings.Contains(g.Failure.Text, "+  replicas: 2") {
		t.Errorf("golden case: %+v", g)
	}
}
