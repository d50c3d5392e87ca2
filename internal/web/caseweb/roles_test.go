package caseweb

import (
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// Who may call what, and what lies outside a scope answers 404.
func TestRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		op := id(w.ok(t, 201, "officer", "POST", "/api/v1/opinions", map[string]any{"township": dayuan, "channel": "reception",
			"body": "村口桥梁护栏松动", "constituent": map[string]any{"name": "周大伯", "phone": "13905710002"}, "deputy_ids": []int64{w.lead}}))
		sg := id(w.ok(t, 201, "lead", "POST", "/api/v1/suggestions", map[string]any{"congress": dayuan, "kind": "suggestion",
			"title": "关于桥梁安全排查的建议", "body": "……", "lead_deputy_id": w.lead, "co_deputy_ids": []int64{w.co}}))
		unit := map[string]any{"name": "富阳区水利水电局", "kind": "department", "jurisdiction": county}
		account := map[string]any{"username": "shuili", "password": "a-long-password", "display_name": "区水利局"}
		opPath, sgPath := path("/api/v1/opinions/%d", op), path("/api/v1/suggestions/%d", sg)
		w.Run(t, []webtest.Case{
			{User: "", Method: "POST", Path: "/api/v1/units", Body: unit, Status: 401},
			{User: "dayuan", Method: "POST", Path: "/api/v1/units", Body: unit, Status: 403},
			{User: "lead", Method: "POST", Path: "/api/v1/units", Body: unit, Status: 403},
			{User: "jianshe", Method: "POST", Path: "/api/v1/units", Body: unit, Status: 403},
			{User: "fuyang", Method: "POST", Path: "/api/v1/units", Body: map[string]any{"name": "西湖区某局", "kind": "department", "jurisdiction": "330106"}, Status: 422, Contains: []string{`"field":"jurisdiction"`}},
			{User: "fuyang", Method: "POST", Path: "/api/v1/units", Body: unit, Status: 201, Contains: []string{"富阳区水利水电局"}},
			{User: "fuyang", Method: "POST", Path: "/api/v1/units", Body: unit, Status: 409},
			{User: "dayuan", Method: "GET", Path: "/api/v1/units", Status: 200, Contains: []string{"大源镇人民政府", "富阳区住房和城乡建设局"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/units", Status: 200, Contains: []string{"富阳区住房和城乡建设局"}, Excludes: []string{"大源镇人民政府"}},
			{User: "jianshe", Method: "GET", Path: "/api/v1/units", Status: 200, Contains: []string{"住房和城乡建设局"}, Excludes: []string{"交通运输局", "大源镇人民政府"}},
			{User: "dayuan", Method: "POST", Path: path("/api/v1/units/%d/accounts", w.dept), Body: account, Status: 403},
			{User: "fuyang", Method: "POST", Path: path("/api/v1/units/%d/accounts", w.dept), Body: account, Status: 201, Contains: []string{`"role":"unit"`, path(`"unit_id":%d`, w.dept)}},

			{User: "", Method: "GET", Path: opPath, Status: 401},
			{User: "dayuan", Method: "GET", Path: opPath, Status: 200, Contains: []string{"周大伯", "13905710002"}},
			{User: "fuyang", Method: "GET", Path: opPath, Status: 200},
			{User: "admin", Method: "GET", Path: opPath, Status: 200},
			{User: "officer", Method: "GET", Path: opPath, Status: 200},
			{User: "lead", Method: "GET", Path: opPath, Status: 200},
			{User: "huyuan", Method: "GET", Path: opPath, Status: 404},
			{User: "co", Method: "GET", Path: opPath, Status: 404},
			{User: "jianshe", Method: "GET", Path: opPath, Status: 404},
			{User: "dayuan", Method: "GET", Path: path("/api/v1/suggestions/%d", op), Status: 404},
			{User: "dayuan", Method: "GET", Path: "/api/v1/opinions", Status: 200, Contains: []string{"村口桥梁护栏松动"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/opinions", Status: 200, Excludes: []string{"村口桥梁护栏松动"}},
			{User: "jianshe", Method: "GET", Path: "/api/v1/opinions", Status: 200, Excludes: []string{"村口桥梁护栏松动"}},

			{User: "", Method: "POST", Path: "/api/v1/opinions", Body: map[string]any{}, Status: 401},
			{User: "jianshe", Method: "POST", Path: "/api/v1/opinions", Body: map[string]any{}, Status: 403},
			{User: "officer", Method: "POST", Path: opPath + "/route", Body: map[string]any{"route": "beyond"}, Status: 403},
			{User: "lead", Method: "POST", Path: opPath + "/route", Body: map[string]any{"route": "beyond"}, Status: 403},
			{User: "huyuan", Method: "POST", Path: opPath + "/route", Body: map[string]any{"route": "beyond"}, Status: 404},
			{User: "jianshe", Method: "POST", Path: opPath + "/assign", Body: map[string]any{"lead_unit_id": w.dept}, Status: 403},

			{User: "co", Method: "GET", Path: sgPath, Status: 200},
			{User: "officer", Method: "GET", Path: sgPath, Status: 404},
			{User: "huyuan", Method: "GET", Path: sgPath, Status: 404},
			{User: "jianshe", Method: "POST", Path: "/api/v1/suggestions", Body: map[string]any{}, Status: 403},
			{User: "officer", Method: "POST", Path: "/api/v1/suggestions", Body: map[string]any{}, Status: 403},
			{User: "huyuan", Method: "POST", Path: sgPath + "/assign", Body: map[string]any{"lead_unit_id": w.dept}, Status: 404},
			{User: "dayuan", Method: "POST", Path: sgPath + "/assign", Body: map[string]any{"lead_unit_id": w.dept}, Status: 200},
			{User: "jianshe", Method: "GET", Path: sgPath, Status: 200, Excludes: []string{"constituent"}},
			{User: "jiaotong", Method: "GET", Path: sgPath, Status: 404},
			{User: "jiaotong", Method: "POST", Path: sgPath + "/reply", Body: map[string]any{"grade": "A", "text": "x"}, Status: 404},
			{User: "towngov", Method: "POST", Path: sgPath + "/reply", Body: map[string]any{"grade": "A", "text": "x"}, Status: 404},
			{User: "dayuan", Method: "POST", Path: sgPath + "/reply", Body: map[string]any{"grade": "A", "text": "x"}, Status: 403},
		})
	})
}

// The figures over HTTP: rates from 0 to 1, scoped to the caller.
func TestStatsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		sg := id(w.ok(t, 201, "lead", "POST", "/api/v1/suggestions", map[string]any{"congress": dayuan, "kind": "suggestion", "title": "t", "body": "b", "lead_deputy_id": w.lead}))
		w.ok(t, 200, "dayuan", "POST", path("/api/v1/suggestions/%d/assign", sg), map[string]any{"lead_unit_id": w.dept})
		w.ok(t, 200, "jianshe", "POST", path("/api/v1/suggestions/%d/reply", sg), map[string]any{"grade": "A", "text": "已采纳"})
		w.ok(t, 200, "lead", "POST", path("/api/v1/suggestions/%d/rating", sg), map[string]any{"satisfaction": "satisfied"})
		w.Run(t, []webtest.Case{
			{User: "dayuan", Method: "GET", Path: "/api/v1/stats/handling?township=" + dayuan, Status: 200, Contains: []string{`"total":1`, `"closure_rate":1`, `"adoption_rate":1`}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/stats/handling?county=" + county + "&from=2026-01-01&to=2026-12-31", Status: 200, Contains: []string{`"total":1`, `"satisfaction_rate":1`}},
			{User: "jianshe", Method: "GET", Path: path("/api/v1/stats/handling?unit=%d", w.dept), Status: 200, Contains: []string{`"total":1`}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/stats/handling?township=" + dayuan, Status: 200, Contains: []string{`"total":0`}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/stats/handling?county=33", Status: 422, Contains: []string{`"field":"county"`}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/stats/handling?from=2026-13-01", Status: 422, Contains: []string{`"field":"from"`}},
			{User: "", Method: "GET", Path: "/api/v1/stats/handling", Status: 401},
		})
	})
}

// The OpenAPI document lists the domain's endpoints.
func TestOpenAPI(t *testing.T) {
	db := testdb.Open(t, store.SQLite)
	w := newWorld(t, db)
	w.Run(t, []webtest.Case{{Method: "GET", Path: "/api/v1/openapi.json", Status: 200, Contains: []string{
		`"/api/v1/public/opinions"`, `"/api/v1/opinions/{id}/route"`, `"/api/v1/suggestions/{id}/rating"`, `"/api/v1/units"`,
		`"/api/v1/stats/handling"`, `"/api/v1/campaigns/{id}"`, `"/api/v1/advice/{id}/adopt"`, `"adoption_rate"`, `"tracking_code"`}}})
}

// A county sets its own thresholds: an item due in 20 days turns amber once
// the county warns 30 days ahead.
func TestSettings(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		sg := id(w.ok(t, 201, "lead", "POST", "/api/v1/suggestions", map[string]any{"congress": dayuan, "kind": "suggestion", "title": "t", "body": "b", "lead_deputy_id": w.lead}))
		w.ok(t, 200, "dayuan", "POST", path("/api/v1/suggestions/%d/assign", sg), map[string]any{"lead_unit_id": w.dept, "due": "2026-03-22"})
		if c := w.ok(t, 200, "dayuan", "GET", path("/api/v1/suggestions/%d", sg), nil); c["colour"] != "green" {
			t.Fatalf("20 days ahead with the default 15: %v", c["colour"])
		}
		w.Run(t, []webtest.Case{
			{User: "dayuan", Method: "PUT", Path: "/api/v1/cases/settings", Body: map[string]any{"county": county, "amber_days": 30, "rating_window_days": 30}, Status: 403},
			{User: "fuyang", Method: "PUT", Path: "/api/v1/cases/settings", Body: map[string]any{"county": "330106", "amber_days": 30, "rating_window_days": 30}, Status: 404},
			{User: "fuyang", Method: "PUT", Path: "/api/v1/cases/settings", Body: map[string]any{"county": county, "amber_days": 0, "rating_window_days": 30}, Status: 422, Contains: []string{`"field":"amber_days"`}},
			{User: "fuyang", Method: "PUT", Path: "/api/v1/cases/settings", Body: map[string]any{"county": county, "amber_days": 30, "rating_window_days": 45}, Status: 200},
			{User: "dayuan", Method: "GET", Path: "/api/v1/cases/settings", Status: 200, Contains: []string{`"amber_days":30`, `"rating_window_days":45`}},
		})
		if c := w.ok(t, 200, "dayuan", "GET", path("/api/v1/suggestions/%d", sg), nil); c["colour"] != "amber" {
			t.Fatalf("20 days ahead with 30 amber days: %v", c["colour"])
		}
		if r := w.ok(t, 200, "fuyang", "GET", "/api/v1/stats/handling?county="+county, nil); r["rating_window_days"].(float64) != 45 {
			t.Fatalf("figures use the county's window: %v", r["rating_window_days"])
		}
	})
}
