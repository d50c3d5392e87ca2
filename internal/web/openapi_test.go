package web_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// The document must be valid OpenAPI 3.1 and list every endpoint the server
// has, with its path parameters, and every $ref must resolve.
func TestOpenAPIDocument(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	s := webtest.New(t, db)
	res := s.Do(t, "GET", "/api/v1/openapi.json", "", nil)
	if res.Status != 200 {
		t.Fatalf("status %d", res.Status)
	}
	doc, err := libopenapi.NewDocument(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if v := doc.GetVersion(); v != "3.1.0" {
		t.Fatalf("version %s", v)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatalf("not a valid OpenAPI 3.1 document: %v", err)
	}
	if model.Model.Paths == nil {
		t.Fatal("no paths")
	}

	var raw struct {
		Paths      map[string]map[string]map[string]any
		Components struct{ Schemas map[string]any }
	}
	if err := json.Unmarshal(res.Body, &raw); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range s.App.Endpoints() {
		p := "/api/v1" + e.Path
		op, ok := raw.Paths[p][strings.ToLower(e.Method)]
		if !ok {
			t.Errorf("%s %s is served but not documented", e.Method, p)
			continue
		}
		id, _ := op["operationId"].(string)
		if id == "" || ids[id] {
			t.Errorf("%s %s: operationId %q missing or repeated", e.Method, p, id)
		}
		ids[id] = true
		if _, ok := op["responses"]; !ok {
			t.Errorf("%s %s has no responses", e.Method, p)
		}
		for _, m := range regexp.MustCompile(`\{(\w+)\}`).FindAllStringSubmatch(e.Path, -1) {
			if !strings.Contains(mustJSON(op["parameters"]), `"name":"`+m[1]+`","required":true`) &&
				!strings.Contains(mustJSON(op["parameters"]), `"in":"path","name":"`+m[1]+`"`) {
				t.Errorf("%s %s: path parameter %s undocumented", e.Method, p, m[1])
			}
		}
	}
	count := 0
	for _, ops := range raw.Paths {
		count += len(ops)
	}
	if count != len(s.App.Endpoints()) {
		t.Errorf("document has %d operations, server %d", count, len(s.App.Endpoints()))
	}
	for _, ref := range regexp.MustCompile(`"\$ref":"#/components/schemas/([^"]+)"`).FindAllStringSubmatch(mustJSON(raw.Paths)+mustJSON(raw.Components), -1) {
		if _, ok := raw.Components.Schemas[ref[1]]; !ok {
			t.Errorf("dangling $ref %s", ref[1])
		}
	}
	for _, want := range []string{"/api/v1/auth/token", "/api/v1/jurisdictions", "/api/v1/jurisdictions/{code}", "/api/v1/users", "/api/v1/audit"} {
		if _, ok := raw.Paths[want]; !ok {
			t.Errorf("%s missing", want)
		}
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
