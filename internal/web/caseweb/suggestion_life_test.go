package caseweb

import (
	"net/http"
	"testing"
	"time"

	"renda/internal/store"
	"renda/internal/testdb"
)

// The whole life of a suggestion: filed and numbered, the lead deputy's duty
// record made, assigned, returned by the wrong unit within 7 working days
// (and a late return refused), assigned again, replied, rated unsatisfied by
// the lead deputy, handled again and closed.
func TestSuggestionLife(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		file := func(user string, lead int64, title string) map[string]any {
			return w.ok(t, 201, user, "POST", "/api/v1/suggestions", map[string]any{"congress": dayuan, "kind": "suggestion",
				"title": title, "body": "建议对大源至新登段道路进行拓宽改造，解决沿线村民出行安全问题。", "lead_deputy_id": lead,
				"co_deputy_ids": []int64{w.co}})
		}
		s1 := file("lead", w.lead, "关于拓宽大源至新登段道路的建议")
		s2 := file("dayuan", w.lead, "关于增设农村公交站点的建议")
		if s1["number"].(float64) != 1 || s2["number"].(float64) != 2 || s1["status"] != "filed" {
			t.Fatalf("numbering: %v %v", s1["number"], s2["number"])
		}
		motion := w.ok(t, 201, "lead", "POST", "/api/v1/suggestions", map[string]any{"congress": dayuan, "kind": "motion",
			"title": "关于加强大源溪流域生态保护的议案", "body": "……", "lead_deputy_id": w.lead})
		if motion["number"].(float64) != 1 {
			t.Fatalf("motions are numbered apart from suggestions: %v", motion["number"])
		}
		var kind string
		if err := db.R.QueryRow(`SELECT kind FROM duty_records WHERE deputy_id = $1 AND source = 'suggestion' AND source_id = $2`,
			w.lead, id(s1)).Scan(&kind); err != nil || kind != "suggestion" {
			t.Fatalf("duty record of the lead deputy: %q %v", kind, err)
		}
		sid := id(s1)
		w.ok(t, 200, "dayuan", "POST", path("/api/v1/suggestions/%d/assign", sid), map[string]any{"lead_unit_id": w.dept2, "co_unit_ids": []int64{w.townGov}})
		w.advance(5 * 24 * time.Hour) // Saturday: 5 working days later
		w.ok(t, 200, "jiaotong", "POST", path("/api/v1/suggestions/%d/return", sid), map[string]any{"reason": "道路拓宽属住建部门职责，非本单位。"})
		w.ok(t, 404, "jiaotong", "GET", path("/api/v1/suggestions/%d", sid), nil)
		got := w.ok(t, 200, "dayuan", "GET", path("/api/v1/suggestions/%d", sid), nil)
		if got["status"] != "returned" || got["lead_unit_id"] != nil {
			t.Fatalf("after return: %v", got)
		}
		w.ok(t, 200, "dayuan", "POST", path("/api/v1/suggestions/%d/assign", sid), map[string]any{"lead_unit_id": w.dept, "hard": true})
		got = w.ok(t, 200, "jianshe", "GET", path("/api/v1/suggestions/%d", sid), nil)
		if got["due"] != "2026-09-07" {
			t.Fatalf("a hard item is due six months after assignment: %v", got["due"])
		}
		w.advance(11 * 24 * time.Hour) // 8 working days after the second assignment
		late := w.As(t, "jianshe", "POST", path("/api/v1/suggestions/%d/return", sid), map[string]any{"reason": "不属于本单位"})
		if late.Status != 422 || late.ErrorField() != "reason" {
			t.Fatalf("late return: %d %s", late.Status, late.Body)
		}
		w.ok(t, 200, "jianshe", "POST", path("/api/v1/suggestions/%d/reply", sid), map[string]any{"grade": "C", "text": "已纳入明年道路改造计划。"})
		for _, who := range []string{"co", "dayuan", "jianshe"} {
			r := w.As(t, who, "POST", path("/api/v1/suggestions/%d/rating", sid), map[string]any{"satisfaction": "satisfied"})
			if r.Status != http.StatusForbidden {
				t.Fatalf("%s rated: %d %s", who, r.Status, r.Body)
			}
		}
		w.ok(t, 200, "lead", "POST", path("/api/v1/suggestions/%d/rating", sid), map[string]any{"satisfaction": "unsatisfied"})
		got = w.ok(t, 200, "jianshe", "GET", path("/api/v1/suggestions/%d", sid), nil)
		if got["status"] != "rehandling" {
			t.Fatalf("unsatisfied: %v", got["status"])
		}
		w.ok(t, 200, "jianshe", "POST", path("/api/v1/suggestions/%d/reply", sid), map[string]any{"grade": "A", "text": "已完成立项，年内开工。"})
		w.ok(t, 200, "lead", "POST", path("/api/v1/suggestions/%d/rating", sid), map[string]any{"satisfaction": "basic"})
		got = w.ok(t, 200, "lead", "GET", path("/api/v1/suggestions/%d", sid), nil)
		if got["status"] != "closed" || got["grade"] != "A" || got["satisfaction"] != "basic" {
			t.Fatalf("closed: %v", got)
		}
		var audits int
		db.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE entity = 'suggestion' AND entity_id = $1`, path("%d", sid)).Scan(&audits)
		if audits != 8 {
			t.Fatalf("audit entries for the suggestion: %d, want 8", audits)
		}
	})
}

// Bad input is refused naming the field, and the item is unchanged.
func TestBadInput(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		op := id(w.ok(t, 201, "dayuan", "POST", "/api/v1/opinions", map[string]any{"township": dayuan, "channel": "hotline", "body": "垃圾清运不及时"}))
		sg := id(w.ok(t, 201, "lead", "POST", "/api/v1/suggestions", map[string]any{"congress": dayuan, "kind": "suggestion", "title": "关于垃圾分类的建议", "body": "……", "lead_deputy_id": w.lead}))
		long := make([]rune, 2001)
		for i := range long {
			long[i] = '字'
		}
		cases := []struct {
			name, user, method, path string
			body                     any
			status                   int
			field                    string
		}{
			{"no body", "", "POST", "/api/v1/public/opinions", map[string]any{"township": dayuan, "body": " "}, 422, "body"},
			{"overlong body", "", "POST", "/api/v1/public/opinions", map[string]any{"township": dayuan, "body": string(long)}, 422, "body"},
			{"bad phone", "", "POST", "/api/v1/public/opinions", map[string]any{"township": dayuan, "body": "路面破损", "constituent": map[string]any{"phone": "12345"}}, 422, "constituent.phone"},
			{"unknown township", "", "POST", "/api/v1/public/opinions", map[string]any{"township": "330111999", "body": "路面破损"}, 422, "township"},
			{"station of another township", "", "POST", "/api/v1/public/opinions", map[string]any{"township": huyuan, "body": "路面破损", "station_id": w.station}, 422, "station_id"},
			{"unknown channel", "dayuan", "POST", "/api/v1/opinions", map[string]any{"township": dayuan, "channel": "fax", "body": "路面破损"}, 422, "channel"},
			{"outside scope", "dayuan", "POST", "/api/v1/opinions", map[string]any{"township": huyuan, "channel": "hotline", "body": "路面破损"}, 422, "township"},
			{"unknown route", "dayuan", "POST", path("/api/v1/opinions/%d/route", op), map[string]any{"route": "elsewhere"}, 422, "route"},
			{"township route without unit", "dayuan", "POST", path("/api/v1/opinions/%d/route", op), map[string]any{"route": "township"}, 422, "unit_id"},
			{"street has no congress", "dayuan", "POST", "/api/v1/suggestions", map[string]any{"congress": "330111001", "kind": "suggestion", "title": "t", "body": "b", "lead_deputy_id": w.lead}, 422, "congress"},
			{"deputy files for another", "lead", "POST", "/api/v1/suggestions", map[string]any{"congress": dayuan, "kind": "suggestion", "title": "t", "body": "b", "lead_deputy_id": w.co}, 422, "lead_deputy_id"},
			{"reply to an item not assigned", "jianshe", "POST", path("/api/v1/suggestions/%d/reply", sg), map[string]any{"grade": "A", "text": "已办理"}, 404, ""},
			{"rating before a reply", "lead", "POST", path("/api/v1/suggestions/%d/rating", sg), map[string]any{"satisfaction": "satisfied"}, 409, "satisfaction"},
			{"assign to a past date", "dayuan", "POST", path("/api/v1/suggestions/%d/assign", sg), map[string]any{"lead_unit_id": w.dept, "due": "2020-01-01"}, 422, "due"},
			{"assign to an unknown unit", "dayuan", "POST", path("/api/v1/suggestions/%d/assign", sg), map[string]any{"lead_unit_id": 9999}, 422, "lead_unit_id"},
			{"honeypot", "", "POST", "/api/v1/public/opinions", map[string]any{"township": dayuan, "body": "路面破损", "website": "http://spam.example"}, 422, ""},
			{"unit kind", "fuyang", "POST", "/api/v1/units", map[string]any{"name": "某局", "kind": "bureau", "jurisdiction": county}, 422, "kind"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var before int
				db.R.QueryRow(`SELECT COUNT(*) + COALESCE(SUM(rounds), 0) FROM cases`).Scan(&before)
				var beforeStatus string
				db.R.QueryRow(`SELECT status || route FROM cases WHERE id = $1`, op).Scan(&beforeStatus)
				res := w.As(t, c.user, c.method, c.path, c.body)
				if res.Status != c.status || res.ErrorField() != c.field {
					t.Fatalf("status %d field %q, want %d %q: %s", res.Status, res.ErrorField(), c.status, c.field, res.Body)
				}
				if res.ErrorMessage() == "" {
					t.Fatal("no message")
				}
				var after int
				db.R.QueryRow(`SELECT COUNT(*) + COALESCE(SUM(rounds), 0) FROM cases`).Scan(&after)
				var afterStatus string
				db.R.QueryRow(`SELECT status || route FROM cases WHERE id = $1`, op).Scan(&afterStatus)
				if before != after || beforeStatus != afterStatus {
					t.Fatalf("a refused request changed something: %d→%d, %s→%s", before, after, beforeStatus, afterStatus)
				}
			})
		}
	})
}
