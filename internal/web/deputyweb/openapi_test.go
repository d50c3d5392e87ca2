package deputyweb_test

import (
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"

	"renda/internal/store"
	"renda/internal/testdb"
)

// The module's endpoints are in the OpenAPI document, which stays valid
// OpenAPI 3.1 with them.
func TestOpenAPI(t *testing.T) {
	w := newWorld(t, testdb.Open(t, store.SQLite))
	res := w.s.Do(t, "GET", "/api/v1/openapi.json", "", nil)
	doc, err := libopenapi.NewDocument(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := doc.BuildV3Model(); err != nil {
		t.Fatalf("not valid OpenAPI 3.1: %v", err)
	}
	body := string(res.Body)
	for _, p := range []string{`"/api/v1/deputies"`, `"/api/v1/deputies/{id}"`, `"/api/v1/deputies/import"`, `"/api/v1/deputies/export.xlsx"`,
		`"/api/v1/groups/{id}"`, `"/api/v1/stations/{id}/officers/{officer}"`, `"/api/v1/electoral-districts"`, `"/api/v1/public/stations/{id}"`, `"multipart/form-data"`} {
		if !strings.Contains(body, p) {
			t.Errorf("the document lacks %s", p)
		}
	}
}
