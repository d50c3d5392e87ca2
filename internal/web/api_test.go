package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"renda/internal/auth"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// accounts makes one account of every role, in and out of 富阳区.
func accounts(t *testing.T, s *webtest.Server) map[string]*auth.User {
	users := map[string]*auth.User{}
	for _, u := range []auth.NewUser{
		{Username: "root", Role: auth.Admin},
		{Username: "fuyang", Role: auth.County, Scope: "330111"},
		{Username: "xihu", Role: auth.County, Scope: "330106"},
		{Username: "dayuan", Role: auth.Township, Scope: "330111117"},
		{Username: "huyuan", Role: auth.Township, Scope: "330111205"},
		{Username: "officer", Role: auth.Liaison, Scope: "330111117"},
		{Username: "deputy", Role: auth.Deputy, Scope: "330111117"},
		{Username: "unit", Role: auth.Unit, Scope: "330111"},
	} {
		users[u.Username] = s.UserWith(t, u)
	}
	return users
}

func TestAPIRoleTable(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := webtest.New(t, db)
		u := accounts(t, s)
		id := func(name string) string { return fmt.Sprint(u[name].ID) }
		everyone := []string{"root", "fuyang", "xihu", "dayuan", "huyuan", "officer", "deputy", "unit"}
		var cases []webtest.Case
		for _, who := range everyone {
			cases = append(cases,
				webtest.Case{User: who, Method: "GET", Path: "/api/v1/me", Status: 200, Contains: []string{`"username":"` + who + `"`}},
				webtest.Case{User: who, Method: "GET", Path: "/api/v1/jurisdictions?parent=330111", Status: 200, Contains: []string{"大源镇"}},
				webtest.Case{User: who, Method: "GET", Path: "/api/v1/users/" + id(who), Status: 200},
			)
		}
		for _, who := range []string{"officer", "deputy", "unit"} {
			cases = append(cases,
				webtest.Case{User: who, Method: "GET", Path: "/api/v1/users", Status: 403},
				webtest.Case{User: who, Method: "GET", Path: "/api/v1/users/" + id("dayuan"), Status: 404},
				webtest.Case{User: who, Method: "POST", Path: "/api/v1/users/" + id("huyuan") + "/disable", Status: 403},
				webtest.Case{User: who, Method: "GET", Path: "/api/v1/audit", Status: 403},
			)
		}
		cases = append(cases,
			// The public gets nothing but the token endpoint and the document.
			webtest.Case{Method: "GET", Path: "/api/v1/me", Status: 401},
			webtest.Case{Method: "GET", Path: "/api/v1/jurisdictions", Status: 401},
			webtest.Case{Method: "GET", Path: "/api/v1/users", Status: 401},
			webtest.Case{Method: "GET", Path: "/api/v1/audit", Status: 401},
			webtest.Case{Method: "GET", Path: "/api/v1/openapi.json", Status: 200, Contains: []string{`"openapi": "3.1.0"`}},

			// Lists are scoped: each sees only their own jurisdiction.
			webtest.Case{User: "dayuan", Method: "GET", Path: "/api/v1/users", Status: 200, Contains: []string{`"dayuan"`, `"officer"`}, Excludes: []string{`"huyuan"`, `"fuyang"`, `"xihu"`}},
			webtest.Case{User: "fuyang", Method: "GET", Path: "/api/v1/users", Status: 200, Contains: []string{`"dayuan"`, `"huyuan"`, `"unit"`}, Excludes: []string{`"xihu"`, `"root"`}},
			webtest.Case{User: "xihu", Method: "GET", Path: "/api/v1/users", Status: 200, Contains: []string{`"xihu"`}, Excludes: []string{`"dayuan"`}},
			webtest.Case{User: "root", Method: "GET", Path: "/api/v1/users", Status: 200, Contains: []string{`"xihu"`, `"dayuan"`}},
			webtest.Case{User: "dayuan", Method: "GET", Path: "/api/v1/users?scope=330111205", Status: 200, Excludes: []string{`"huyuan"`}},

			// Outside one's scope an account does not exist.
			webtest.Case{User: "huyuan", Method: "GET", Path: "/api/v1/users/" + id("dayuan"), Status: 404},
			webtest.Case{User: "xihu", Method: "GET", Path: "/api/v1/users/" + id("dayuan"), Status: 404},
			webtest.Case{User: "dayuan", Method: "GET", Path: "/api/v1/users/" + id("fuyang"), Status: 404},
			webtest.Case{User: "fuyang", Method: "GET", Path: "/api/v1/users/" + id("dayuan"), Status: 200},
			webtest.Case{User: "fuyang", Method: "GET", Path: "/api/v1/users/999999", Status: 404},
			webtest.Case{User: "fuyang", Method: "GET", Path: "/api/v1/users/abc", Status: 404},

			// Creating accounts.
			webtest.Case{Name: "township makes a liaison officer", User: "dayuan", Method: "POST", Path: "/api/v1/users", Status: 201,
				Body: map[string]any{"username": "officer2", "password": "password-123", "role": "liaison", "scope": "330111117"}},
			webtest.Case{Name: "township may not make county staff", User: "dayuan", Method: "POST", Path: "/api/v1/users", Status: 422,
				Body: map[string]any{"username": "c9", "password": "password-123", "role": "county", "scope": "330111"}, Contains: []string{`"field":"scope"`}},
			webtest.Case{Name: "county outside its county", User: "fuyang", Method: "POST", Path: "/api/v1/users", Status: 422,
				Body: map[string]any{"username": "t9", "password": "password-123", "role": "township", "scope": "330106002"}, Contains: []string{`"field":"scope"`, "管辖范围"}},
			webtest.Case{Name: "deputy may not create", User: "deputy", Method: "POST", Path: "/api/v1/users", Status: 403,
				Body: map[string]any{"username": "t9", "password": "password-123", "role": "deputy", "scope": "330111117"}},
			webtest.Case{Name: "username taken", User: "fuyang", Method: "POST", Path: "/api/v1/users", Status: 409,
				Body: map[string]any{"username": "dayuan", "password": "password-123", "role": "township", "scope": "330111117"}, Contains: []string{`"field":"username"`}},

			// Disabling accounts.
			webtest.Case{User: "huyuan", Method: "POST", Path: "/api/v1/users/" + id("dayuan") + "/disable", Status: 404},
			webtest.Case{User: "dayuan", Method: "POST", Path: "/api/v1/users/" + id("fuyang") + "/disable", Status: 404},
			webtest.Case{User: "dayuan", Method: "POST", Path: "/api/v1/users/" + id("dayuan") + "/disable", Status: 403},
			webtest.Case{User: "fuyang", Method: "POST", Path: "/api/v1/users/" + id("huyuan") + "/disable", Status: 200, Contains: []string{`"disabled":true`}},
			webtest.Case{User: "fuyang", Method: "POST", Path: "/api/v1/users/" + id("huyuan") + "/enable", Status: 200, Contains: []string{`"disabled":false`}},

			// The audit log, within scope.
			webtest.Case{User: "fuyang", Method: "GET", Path: "/api/v1/audit?entity=user", Status: 200, Contains: []string{`"officer2"`, `"action":"disable"`}, Excludes: []string{`"xihu"`}},
			webtest.Case{User: "xihu", Method: "GET", Path: "/api/v1/audit?entity=user", Status: 200, Excludes: []string{`"officer2"`, `"dayuan"`}},
			webtest.Case{User: "root", Method: "GET", Path: "/api/v1/audit?actor=fuyang&action=disable", Status: 200, Contains: []string{`"before":{"disabled":false}`, `"after":{"disabled":true}`}},
			webtest.Case{User: "dayuan", Method: "GET", Path: "/api/v1/audit", Status: 403},
		)
		s.Run(t, cases)
	})
}

func TestAPIBadInput(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := webtest.New(t, db)
		accounts(t, s)
		tok := s.Token(t, "fuyang")
		cases := []struct {
			name, method, path, body string
			status                   int
			code, field              string
		}{
			{"malformed JSON", "POST", "/api/v1/users", `{"username": `, 400, "malformed_json", ""},
			{"unknown field", "POST", "/api/v1/users", `{"username":"a1","nickname":"x"}`, 400, "unknown_field", "nickname"},
			{"wrong type", "POST", "/api/v1/users", `{"username":"a1","role":5}`, 422, "invalid_type", "role"},
			{"missing username", "POST", "/api/v1/users", `{"password":"password-123","role":"township","scope":"330111117"}`, 422, "required", "username"},
			{"missing role", "POST", "/api/v1/users", `{"username":"a1","password":"password-123","scope":"330111117"}`, 422, "required", "role"},
			{"unknown role", "POST", "/api/v1/users", `{"username":"a1","password":"password-123","role":"boss","scope":"330111117"}`, 422, "invalid_role", "role"},
			{"bad division code", "POST", "/api/v1/users", `{"username":"a1","password":"password-123","role":"township","scope":"33O111117"}`, 422, "invalid_code", "scope"},
			{"trailing data", "POST", "/api/v1/users", `{"username":"a1"} {}`, 400, "malformed_json", ""},
			{"empty body", "POST", "/api/v1/users", ``, 400, "malformed_json", ""},
			{"oversized body", "POST", "/api/v1/users", `{"username":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "body_too_large", ""},
			{"bad parent code", "GET", "/api/v1/jurisdictions?parent=33011", "", 422, "invalid_code", "parent"},
			{"unknown parent", "GET", "/api/v1/jurisdictions?parent=330111999", "", 404, "not_found", ""},
			{"bad code", "GET", "/api/v1/jurisdictions/abc", "", 422, "invalid_code", "code"},
			{"bad limit", "GET", "/api/v1/jurisdictions?limit=1000", "", 422, "out_of_range", "limit"},
			{"bad cursor", "GET", "/api/v1/users?cursor=x", "", 422, "invalid_cursor", "cursor"},
			{"bad date", "GET", "/api/v1/audit?from=2026-13-01", "", 422, "invalid_date", "from"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var body any
				if c.body != "" || c.method == "POST" {
					body = c.body
				}
				res := s.Do(t, c.method, c.path, tok, body)
				if res.Status != c.status {
					t.Fatalf("status %d, want %d: %s", res.Status, c.status, res.Body)
				}
				e, _ := res.JSON()["error"].(map[string]any)
				if e["code"] != c.code || res.ErrorField() != c.field {
					t.Errorf("error %v, want code %s field %q", e, c.code, c.field)
				}
				if msg, _ := e["message"].(string); msg == "" || !hasHan(msg) {
					t.Errorf("message %q is not Chinese", msg)
				}
			})
		}
	})
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestAPITokens(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := webtest.New(t, db)
		accounts(t, s)
		res := s.Do(t, "POST", "/api/v1/auth/token", "", map[string]string{"username": "dayuan", "password": "wrong-password"})
		if res.Status != 401 || res.ErrorField() != "password" {
			t.Fatalf("wrong password: %d %s", res.Status, res.Body)
		}
		res = s.Do(t, "POST", "/api/v1/auth/token", "", map[string]string{"password": "x"})
		if res.Status != 422 || res.ErrorField() != "username" {
			t.Fatalf("no username: %d %s", res.Status, res.Body)
		}
		tok := s.Token(t, "dayuan")
		if res := s.Do(t, "GET", "/api/v1/me", "not-a-token", nil); res.Status != 401 || res.Header.Get("WWW-Authenticate") == "" {
			t.Fatalf("bad token: %d %v", res.Status, res.Header)
		}
		// A bad token is refused even where the public is welcome.
		if res := s.Do(t, "GET", "/api/v1/openapi.json", "not-a-token", nil); res.Status != 401 {
			t.Errorf("bad token on a public endpoint: %d", res.Status)
		}
		if res := s.Do(t, "DELETE", "/api/v1/auth/token", tok, nil); res.Status != 204 {
			t.Fatalf("revoke: %d", res.Status)
		}
		if res := s.Do(t, "GET", "/api/v1/me", tok, nil); res.Status != 401 {
			t.Errorf("revoked token still works: %d", res.Status)
		}
		// English on request.
		req, _ := http.NewRequest("GET", s.URL+"/api/v1/me", nil)
		req.Header.Set("Accept-Language", "en-US,en;q=0.9")
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		decodeBody(t, r, &e)
		if e.Error.Message != "Please sign in (the token is missing or invalid)" {
			t.Errorf("English message: %q", e.Error.Message)
		}
	})
}

func TestJurisdictionPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := webtest.New(t, db)
		accounts(t, s)
		tok := s.Token(t, "dayuan")
		// Paging through 富阳区's 24 units, 10 at a time.
		var codes []string
		path := "/api/v1/jurisdictions?parent=330111&limit=10"
		for pages := 0; path != ""; pages++ {
			if pages > 5 {
				t.Fatal("paging does not end")
			}
			var list struct {
				Items []struct{ Code, Name, Kind string }
				Next  *string
			}
			s.Do(t, "GET", path, tok, nil).Decode(t, &list)
			for _, it := range list.Items {
				codes = append(codes, it.Code)
			}
			path = ""
			if list.Next != nil {
				path = "/api/v1/jurisdictions?parent=330111&limit=10&cursor=" + *list.Next
			}
		}
		if len(codes) != 24 {
			t.Fatalf("%d units, want 24", len(codes))
		}
		var one struct {
			Code, Name, Kind string
			Parents          []struct{ Code, Name string }
		}
		s.Do(t, "GET", "/api/v1/jurisdictions/330111117000", tok, nil).Decode(t, &one)
		if one.Code != "330111117" || one.Kind != "town" || len(one.Parents) != 3 || one.Parents[2].Name != "富阳区" {
			t.Errorf("one unit: %+v", one)
		}
		s.Do(t, "GET", "/api/v1/jurisdictions/330111117207", tok, nil).Decode(t, &one)
		if one.Kind != "village" || len(one.Parents) != 4 {
			t.Errorf("village: %+v", one)
		}
	})
}
