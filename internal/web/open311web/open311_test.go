package open311web

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/cases/casestest"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/caseweb"
	"renda/internal/web/webtest"
)

const dayuan = "330111117"

func get(t *testing.T, s *webtest.Server, path string) (int, string, []byte) {
	t.Helper()
	res, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), b
}

func post(t *testing.T, s *webtest.Server, path string, form url.Values) (int, []byte) {
	t.Helper()
	res, err := http.PostForm(s.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

// requestFields are the fields of a service request in GeoReport v2.
var requestFields = []string{"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
	"agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address",
	"address_id", "zipcode", "lat", "long", "media_url"}

// The specification's examples, with a Chinese township as jurisdiction:
// services, POST requests (form-encoded, as the spec's example), GET
// request and requests in JSON and XML, status open then closed, errors.
func TestGeoReport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		svc := cases.New(db)
		cm := caseweb.New(svc)
		s := webtest.New(t, db, cm, New(svc, cm.Intake))
		unit := casestest.Unit(t, db, dayuan, "大源镇人民政府", "township_government")
		s.User(t, "dayuan", auth.Township, dayuan)
		s.UserWith(t, auth.NewUser{Username: "towngov", Role: auth.Unit, Scope: dayuan, UnitID: unit})

		status, ct, body := get(t, s, "/open311/v2/services.json")
		var services []map[string]any
		if status != 200 || !strings.HasPrefix(ct, "application/json") || json.Unmarshal(body, &services) != nil || len(services) != len(cases.Categories) {
			t.Fatalf("services.json: %d %s %s", status, ct, body)
		}
		for _, k := range []string{"service_code", "service_name", "description", "metadata", "type", "keywords", "group"} {
			if _, ok := services[0][k]; !ok {
				t.Errorf("service lacks %s", k)
			}
		}
		if services[0]["service_name"] != "城乡建设" || services[0]["type"] != "batch" || services[0]["metadata"] != false {
			t.Errorf("first service: %v", services[0])
		}
		status, ct, body = get(t, s, "/open311/v2/services.xml")
		var sx struct {
			XMLName  xml.Name `xml:"services"`
			Services []struct {
				Code string `xml:"service_code"`
			} `xml:"service"`
		}
		if status != 200 || !strings.HasPrefix(ct, "text/xml") || !strings.HasPrefix(string(body), `<?xml version="1.0" encoding="UTF-8"?>`) ||
			xml.Unmarshal(body, &sx) != nil || len(sx.Services) != len(cases.Categories) {
			t.Fatalf("services.xml: %d %s %s", status, ct, body)
		}

		// The spec's example POST, with our jurisdiction and service codes.
		form := url.Values{"api_key": {"xyz"}, "jurisdiction_id": {dayuan}, "service_code": {"construction"},
			"lat": {"29.9577"}, "long": {"119.8702"}, "address_string": {"大源镇大源村文化礼堂"}, "email": {"smith@example.com"},
			"device_id": {"tt222111"}, "account_id": {"123456"}, "first_name": {"建国"}, "last_name": {"王"}, "phone": {"13805710001"},
			"description": {"礼堂门口路灯不亮"}, "media_url": {"http://example.com/photo.jpg"}}
		status, body = post(t, s, "/open311/v2/requests.json", form)
		var made []map[string]any
		if status != 201 || json.Unmarshal(body, &made) != nil || len(made) != 1 || made[0]["service_request_id"] == "" {
			t.Fatalf("POST requests.json: %d %s", status, body)
		}
		id := made[0]["service_request_id"].(string)
		if _, ok := made[0]["service_notice"]; !ok {
			t.Error("POST answer lacks service_notice")
		}
		var name, phone, stored string
		db.R.QueryRow(`SELECT constituent_name, constituent_phone, body FROM cases WHERE tracking_code = $1`, id).Scan(&name, &phone, &stored)
		if name != "王建国" || phone != "13805710001" || !strings.Contains(stored, "大源镇大源村文化礼堂") {
			t.Fatalf("stored: %q %q %q", name, phone, stored)
		}

		status, _, body = get(t, s, "/open311/v2/requests/"+id+".json")
		var one []map[string]any
		if status != 200 || json.Unmarshal(body, &one) != nil || len(one) != 1 {
			t.Fatalf("GET request: %d %s", status, body)
		}
		for _, k := range requestFields {
			if _, ok := one[0][k]; !ok {
				t.Errorf("request lacks %s", k)
			}
		}
		if one[0]["status"] != "open" || one[0]["service_code"] != "construction" || strings.Contains(string(body), "13805710001") || strings.Contains(string(body), "王建国") {
			t.Fatalf("request: %s", body)
		}

		var op int64
		db.R.QueryRow(`SELECT id FROM cases WHERE tracking_code = $1`, id).Scan(&op)
		s.As(t, "dayuan", "POST", "/api/v1/opinions/"+itoa(op)+"/route", map[string]any{"route": "township", "unit_id": unit})
		s.As(t, "towngov", "POST", "/api/v1/opinions/"+itoa(op)+"/reply", map[string]any{"grade": "A", "text": "已修复"})
		s.As(t, "dayuan", "POST", "/api/v1/opinions/"+itoa(op)+"/rating", map[string]any{"satisfaction": "satisfied"})

		status, ct, body = get(t, s, "/open311/v2/request/"+id+".xml")
		var rx struct {
			XMLName  xml.Name `xml:"service_requests"`
			Requests []struct {
				ID       string `xml:"service_request_id"`
				Status   string `xml:"status"`
				Agency   string `xml:"agency_responsible"`
				Notes    string `xml:"status_notes"`
				Expected string `xml:"expected_datetime"`
			} `xml:"request"`
		}
		if status != 200 || xml.Unmarshal(body, &rx) != nil || len(rx.Requests) != 1 {
			t.Fatalf("GET request xml: %d %s", status, body)
		}
		got := rx.Requests[0]
		if got.ID != id || got.Status != "closed" || got.Agency != "大源镇人民政府" || !strings.Contains(got.Notes, "已修复") || got.Expected == "" {
			t.Fatalf("closed request: %+v", got)
		}
		for _, q := range []string{"status=closed", "service_request_id=" + id, "service_code=construction&jurisdiction_id=" + dayuan} {
			status, _, body = get(t, s, "/open311/v2/requests.json?"+q)
			if status != 200 || !strings.Contains(string(body), id) {
				t.Errorf("requests.json?%s: %d %s", q, status, body)
			}
		}
		if _, _, body = get(t, s, "/open311/v2/requests.json?status=open"); strings.Contains(string(body), id) {
			t.Error("a closed request listed as open")
		}

		// Errors as the specification shapes them.
		for _, c := range []struct {
			form   url.Values
			status int
			word   string
		}{
			{url.Values{"jurisdiction_id": {dayuan}, "service_code": {"construction"}, "description": {"x"}}, 400, "lat"},
			{url.Values{"jurisdiction_id": {dayuan}, "service_code": {"999"}, "lat": {"1"}, "long": {"2"}, "description": {"x"}}, 404, "999"},
			{url.Values{"service_code": {"construction"}, "lat": {"1"}, "long": {"2"}, "description": {"x"}}, 400, "jurisdiction_id"},
			{url.Values{"jurisdiction_id": {dayuan}, "service_code": {"construction"}, "lat": {"1"}, "long": {"2"}, "description": {"x"}, "phone": {"111111111"}}, 400, "phone"},
			{url.Values{"jurisdiction_id": {dayuan}, "service_code": {"construction"}, "lat": {"1"}, "long": {"2"}}, 400, "description"},
		} {
			status, body = post(t, s, "/open311/v2/requests.json", c.form)
			var errList []map[string]any
			if status != c.status || json.Unmarshal(body, &errList) != nil || len(errList) != 1 || !strings.Contains(errList[0]["description"].(string), c.word) {
				t.Errorf("error for %v: %d %s", c.form, status, body)
			}
		}
		status, body = post(t, s, "/open311/v2/requests.xml", url.Values{"jurisdiction_id": {dayuan}})
		if status != 400 || !strings.Contains(string(body), "<errors>") || !strings.Contains(string(body), "<code>400</code>") {
			t.Errorf("xml error: %d %s", status, body)
		}
		if status, _, _ = get(t, s, "/open311/v2/requests/NOPENOPENOPE.json"); status != 404 {
			t.Errorf("unknown request: %d", status)
		}
	})
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
