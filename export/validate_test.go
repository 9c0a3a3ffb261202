package export

// Validation of exported documents with real validators:
//   - JSON Schema documents against the 2020-12 metaschema, then
//     compiled (every $ref resolves, every pattern compiles), with
//     github.com/santhosh-tekuri/jsonschema/v6;
//   - OpenAPI documents against the official OpenAPI 3.1 schema
//     (testdata/oas-3.1-schema-2022-10-07.json, the OAI's document
//     https://spec.openapis.org/oas/3.1/schema/2022-10-07 as shipped in
//     the github.com/pb33f/libopenapi module, fetched once through the
//     Go module proxy), every component schema against the 2020-12
//     metaschema (the OAS base dialect is 2020-12 plus annotations
//     export does not use), and every component compiled.

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const (
	metaschemaURL = "https://json-schema.org/draft/2020-12/schema"
	oasSchemaURL  = "https://spec.openapis.org/oas/3.1/schema/2022-10-07"
	oasSchemaFile = "testdata/oas-3.1-schema-2022-10-07.json"
)

func decodeJSON(t testing.TB, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("exported document is not JSON: %v", err)
	}
	return v
}

var metaOnce = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return jsonschema.NewCompiler().Compile(metaschemaURL)
})

var oasOnce = sync.OnceValues(func() (*jsonschema.Schema, error) {
	data, err := os.ReadFile(oasSchemaFile)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(oasSchemaURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(oasSchemaURL)
})

// checkJSONSchema validates a JSON Schema document against the
// metaschema and returns it compiled.
func checkJSONSchema(t testing.TB, name string, doc []byte) *jsonschema.Schema {
	t.Helper()
	meta, err := metaOnce()
	if err != nil {
		t.Fatal(err)
	}
	v := decodeJSON(t, doc)
	if err := meta.Validate(v); err != nil {
		t.Fatalf("%s: not a valid JSON Schema 2020-12 document:\n%v", name, err)
	}
	c := jsonschema.NewCompiler()
	url := "mem:///" + name + ".schema.json"
	if err := c.AddResource(url, v); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s: exported schema does not compile: %v", name, err)
	}
	return sch
}

// checkOpenAPI validates an OpenAPI document and returns its Input
// component compiled.
func checkOpenAPI(t testing.TB, name string, doc []byte) *jsonschema.Schema {
	t.Helper()
	oas, err := oasOnce()
	if err != nil {
		t.Fatal(err)
	}
	meta, err := metaOnce()
	if err != nil {
		t.Fatal(err)
	}
	v := decodeJSON(t, doc)
	if err := oas.Validate(v); err != nil {
		t.Fatalf("%s: not a valid OpenAPI 3.1 document:\n%v", name, err)
	}
	m := v.(map[string]any)
	if m["openapi"] != "3.1.0" {
		t.Errorf("%s: openapi = %v, want 3.1.0", name, m["openapi"])
	}
	schemas := m["components"].(map[string]any)["schemas"].(map[string]any)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	url := "mem:///" + name + ".openapi.json"
	if err := c.AddResource(url, v); err != nil {
		t.Fatal(err)
	}
	for key, s := range schemas {
		if err := meta.Validate(s); err != nil {
			t.Errorf("%s: components.schemas.%s is not a valid 2020-12 schema:\n%v", name, key, err)
		}
		if _, err := c.Compile(url + "#/components/schemas/" + key); err != nil {
			t.Errorf("%s: components.schemas.%s does not compile: %v", name, key, err)
		}
	}
	if strings.Contains(string(doc), `"#/$defs/`) {
		t.Errorf("%s: OpenAPI document still refers to #/$defs", name)
	}
	sch, err := c.Compile(url + "#/components/schemas/Input")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}
