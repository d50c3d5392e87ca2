package caseweb

import (
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// A campaign's figures: advice given by deputies (and by staff for one),
// one adopted; the window is enforced and other townships see nothing.
func TestCampaign(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.UserWith(t, auth.NewUser{Username: "zhao", Role: auth.Deputy, Scope: huyuan, DeputyID: w.other})
		g := w.ok(t, 201, "dayuan", "POST", "/api/v1/campaigns", map[string]any{"theme": "人大代表之声：美丽城镇建设", "opens_on": "2026-03-01", "closes_on": "2026-03-31"})
		gid := id(g)
		a1 := w.ok(t, 201, "lead", "POST", path("/api/v1/campaigns/%d/advice", gid), map[string]any{"title": "增设停车位", "body": "集镇停车难"})
		w.ok(t, 201, "lead", "POST", path("/api/v1/campaigns/%d/advice", gid), map[string]any{"title": "建设口袋公园", "body": "利用闲置地块"})
		w.ok(t, 201, "dayuan", "POST", path("/api/v1/campaigns/%d/advice", gid), map[string]any{"deputy_id": w.co, "title": "溪岸步道", "body": "沿大源溪建设步道"})
		w.ok(t, 200, "dayuan", "POST", path("/api/v1/advice/%d/adopt", id(a1)), map[string]any{"adopted": true})
		w.Run(t, []webtest.Case{
			{User: "dayuan", Method: "GET", Path: path("/api/v1/campaigns/%d", gid), Status: 200,
				Contains: []string{`"advice_count":3`, `"adopted_count":1`, `"adoption_rate":0.3333`, `"deputy_count":2`}},
			{User: "fuyang", Method: "GET", Path: path("/api/v1/campaigns/%d", gid), Status: 200},
			{User: "huyuan", Method: "GET", Path: path("/api/v1/campaigns/%d", gid), Status: 404},
			{User: "zhao", Method: "POST", Path: path("/api/v1/campaigns/%d/advice", gid), Body: map[string]any{"title": "t", "body": "b"}, Status: 404},
			{User: "jianshe", Method: "GET", Path: path("/api/v1/campaigns/%d", gid), Status: 403},
			{User: "lead", Method: "POST", Path: path("/api/v1/advice/%d/adopt", id(a1)), Body: map[string]any{"adopted": false}, Status: 403},
			{User: "huyuan", Method: "POST", Path: path("/api/v1/advice/%d/adopt", id(a1)), Body: map[string]any{"adopted": false}, Status: 404},
			{User: "lead", Method: "POST", Path: path("/api/v1/campaigns/%d/advice", gid), Body: map[string]any{"deputy_id": w.co, "title": "t", "body": "b"}, Status: 422, Contains: []string{`"field":"deputy_id"`}},
			{User: "dayuan", Method: "POST", Path: "/api/v1/campaigns", Body: map[string]any{"theme": "x", "opens_on": "2026-03-31", "closes_on": "2026-03-01"}, Status: 422, Contains: []string{`"field":"closes_on"`}},
		})
		var n int
		db.R.QueryRow(`SELECT COUNT(*) FROM duty_records WHERE deputy_id = $1 AND kind = 'advice'`, w.lead).Scan(&n)
		if n != 2 {
			t.Fatalf("advice duty records: %d", n)
		}
		w.advance(40 * 24 * time.Hour)
		late := w.As(t, "lead", "POST", path("/api/v1/campaigns/%d/advice", gid), map[string]any{"title": "t", "body": "b"})
		if late.Status != 409 {
			t.Fatalf("advice after the window: %d %s", late.Status, late.Body)
		}
		if r := w.Browser(t, "dayuan").Get(t, path("/campaigns/%d", gid)); r.Status != 200 {
			t.Fatalf("campaign page: %d", r.Status)
		}
	})
}
