package liaisonweb

import (
	"fmt"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/cases/casestest"
	"renda/internal/liaison"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/caseweb"
	"renda/internal/web/webtest"
)

const (
	dayuan = "330111117"
	huyuan = "330111205"
)

type world struct {
	*webtest.Server
	station  int64
	deputies []int64
	unit     int64
}

func newWorld(t *testing.T, db *store.DB, now time.Time) *world {
	t.Helper()
	cs := cases.New(db)
	cs.Now = func() time.Time { return now }
	w := &world{Server: webtest.New(t, db, caseweb.New(cs), New(liaison.New(db, cs)))}
	w.station = casestest.Station(t, db, dayuan, "大源村代表联络站")
	casestest.Officer(t, db, w.station, "孙丽", "13706710000")
	for _, n := range []string{"王建国", "李秀英", "张伟", "刘芳"} {
		w.deputies = append(w.deputies, casestest.Deputy(t, db, dayuan, n, w.station))
	}
	w.unit = casestest.Unit(t, db, dayuan, "大源镇人民政府", "township_government")
	w.User(t, "dayuan", auth.Township, dayuan)
	w.User(t, "huyuan", auth.Township, huyuan)
	w.UserWith(t, auth.NewUser{Username: "officer", Role: auth.Liaison, Scope: dayuan, StationID: w.station})
	w.UserWith(t, auth.NewUser{Username: "wang", Role: auth.Deputy, Scope: dayuan, DeputyID: w.deputies[0]})
	w.UserWith(t, auth.NewUser{Username: "towngov", Role: auth.Unit, Scope: dayuan, UnitID: w.unit})
	return w
}

func (w *world) ok(t *testing.T, want int, user, method, path string, body any) map[string]any {
	t.Helper()
	res := w.As(t, user, method, path, body)
	if res.Status != want {
		t.Fatalf("%s %s %s: %d, want %d: %s", user, method, path, res.Status, want, res.Body)
	}
	return res.JSON()
}

// A year's timetable by rule, a short-notice reception flagged, the public
// notice, a reception held whose matters become opinions and whose deputies
// get duty records, then a return visit that closes and an unhappy one
// that reopens.
func TestReceptionsAndVisits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.Local)
		w := newWorld(t, db, now)
		tt := w.ok(t, 201, "officer", "POST", fmt.Sprintf("/api/v1/stations/%d/timetable", w.station), map[string]any{"year": 2026})
		recs := tt["receptions"].([]any)
		if len(recs) != 24 || len(tt["uncovered"].([]any)) != 0 {
			t.Fatalf("two a month with four deputies two a day: %d days, uncovered %v", len(recs), tt["uncovered"])
		}
		first := recs[0].(map[string]any)
		if first["date"] != "2026-01-07" || recs[1].(map[string]any)["date"] != "2026-01-21" || first["officer_name"] != "孙丽" {
			t.Fatalf("first days: %v %v", first, recs[1])
		}
		if first["short_notice"] != true || recs[1].(map[string]any)["short_notice"] != false {
			t.Fatal("a day announced 6 days ahead must be flagged, 20 days ahead not")
		}
		w.ok(t, 409, "officer", "POST", fmt.Sprintf("/api/v1/stations/%d/timetable", w.station), map[string]any{"year": 2026})
		w.ok(t, 404, "huyuan", "POST", fmt.Sprintf("/api/v1/stations/%d/timetable", w.station), map[string]any{"year": 2027})
		w.ok(t, 403, "towngov", "POST", fmt.Sprintf("/api/v1/stations/%d/timetable", w.station), map[string]any{"year": 2027})

		pub := w.As(t, "", "GET", fmt.Sprintf("/api/v1/public/stations/%d/receptions", w.station), nil)
		if pub.Status != 200 {
			t.Fatalf("public timetable: %d", pub.Status)
		}
		var mine []map[string]any
		w.As(t, "wang", "GET", "/api/v1/receptions", nil).Decode(t, &mine)
		if len(mine) != 12 {
			t.Fatalf("the deputy's coming receptions: %d, want 12", len(mine))
		}
		var n int
		db.R.QueryRow(`SELECT COUNT(*) FROM reception_deputies WHERE deputy_id = $1`, w.deputies[0]).Scan(&n)
		if n != 12 {
			t.Fatalf("each of four deputies, two a day, receives 12 times: %d", n)
		}
		if r := w.Browser(t, "").Get(t, fmt.Sprintf("/stations/%d/receptions/poster", w.station)); r.Status != 200 {
			t.Fatalf("poster: %d", r.Status)
		}

		rid := int64(first["id"].(float64))
		held := w.ok(t, 200, "officer", "POST", fmt.Sprintf("/api/v1/receptions/%d/held", rid), map[string]any{
			"visitors": 5, "present_deputy_ids": w.deputies[:2], "summary": "接待群众 5 人",
			"matters": []map[string]any{
				{"title": "村道破损", "body": "大源村至亭山村村道破损严重", "constituent": map[string]any{"name": "何大姐", "phone": "13600000001"}},
				{"body": "希望增加公交班次"},
			}})
		ops := held["opinions"].([]any)
		if len(ops) != 2 {
			t.Fatalf("opinions from the reception: %v", ops)
		}
		var count int
		db.R.QueryRow(`SELECT COUNT(*) FROM cases WHERE channel = 'reception' AND station_id = $1`, w.station).Scan(&count)
		if count != 2 {
			t.Fatalf("reception opinions stored: %d", count)
		}
		var kind string
		var visitors int
		db.R.QueryRow(`SELECT kind, count FROM duty_records WHERE deputy_id = $1 AND source = 'reception' AND source_id = $2`, w.deputies[1], rid).Scan(&kind, &visitors)
		if kind != "reception" || visitors != 5 {
			t.Fatalf("duty record of a deputy present: %q %d", kind, visitors)
		}
		db.R.QueryRow(`SELECT COUNT(*) FROM duty_records WHERE deputy_id = $1 AND source = 'reception'`, w.deputies[2]).Scan(&count)
		if count != 0 {
			t.Fatal("a deputy not present got a duty record")
		}
		w.ok(t, 409, "officer", "POST", fmt.Sprintf("/api/v1/receptions/%d/held", rid), map[string]any{"present_deputy_ids": w.deputies[:1]})

		op := int64(ops[0].(map[string]any)["id"].(float64))
		w.ok(t, 200, "dayuan", "POST", fmt.Sprintf("/api/v1/opinions/%d/route", op), map[string]any{"route": "township", "unit_id": w.unit})
		w.ok(t, 200, "towngov", "POST", fmt.Sprintf("/api/v1/opinions/%d/reply", op), map[string]any{"grade": "A", "text": "已修复"})
		rv := w.ok(t, 201, "wang", "POST", fmt.Sprintf("/api/v1/opinions/%d/return-visits", op), map[string]any{"date": "2026-01-08", "result": "群众表示满意", "satisfaction": "satisfied"})
		if rv["opinion"].(map[string]any)["status"] != "closed" {
			t.Fatalf("satisfied return visit: %v", rv["opinion"])
		}
		rv = w.ok(t, 201, "officer", "POST", fmt.Sprintf("/api/v1/opinions/%d/return-visits", op), map[string]any{"date": "2026-01-20", "result": "路面又出现坑洼", "satisfaction": "unsatisfied"})
		if rv["opinion"].(map[string]any)["status"] != "rehandling" {
			t.Fatalf("unhappy return visit must reopen: %v", rv["opinion"])
		}
		w.ok(t, 200, "towngov", "POST", fmt.Sprintf("/api/v1/opinions/%d/reply", op), map[string]any{"grade": "A", "text": "已重新铺设"})
		w.ok(t, 404, "huyuan", "POST", fmt.Sprintf("/api/v1/opinions/%d/return-visits", op), map[string]any{"satisfaction": "satisfied"})

		ap := w.ok(t, 201, "officer", "POST", "/api/v1/appointments", map[string]any{"channel": "hotline", "subject": "宅基地审批咨询",
			"constituent": map[string]any{"name": "徐先生", "phone": "13600000002"}})
		apID := int64(ap["id"].(float64))
		w.ok(t, 200, "officer", "POST", fmt.Sprintf("/api/v1/appointments/%d/arrange", apID), map[string]any{"deputy_id": w.deputies[0], "meet_at": "2026-01-10 14:00", "place": "联络站"})
		done := w.ok(t, 200, "wang", "POST", fmt.Sprintf("/api/v1/appointments/%d/held", apID), map[string]any{"answer": "已解释政策，并将问题转镇国土所", "matter": "宅基地审批进度慢"})
		if done["status"] != "held" || done["opinion_id"] == nil {
			t.Fatalf("appointment held: %v", done)
		}
		v := w.ok(t, 201, "wang", "POST", "/api/v1/visits", map[string]any{"date": "2026-01-25", "purpose": "春节走访困难户", "households": 6})
		if v["township"] != dayuan {
			t.Fatalf("visit: %v", v)
		}
		db.R.QueryRow(`SELECT count FROM duty_records WHERE deputy_id = $1 AND source = 'visit'`, w.deputies[0]).Scan(&visitors)
		if visitors != 6 {
			t.Fatalf("visit duty record counts households: %d", visitors)
		}
		bad := w.As(t, "officer", "POST", fmt.Sprintf("/api/v1/stations/%d/receptions", w.station), map[string]any{"date": "2026-02-30", "starts": "09:00", "ends": "11:00", "place": "x"})
		if bad.Status != 422 || bad.ErrorField() != "date" {
			t.Fatalf("bad date: %d %s", bad.Status, bad.Body)
		}
		late := w.ok(t, 201, "officer", "POST", fmt.Sprintf("/api/v1/stations/%d/receptions", w.station), map[string]any{"date": "2026-01-04", "starts": "09:00", "ends": "11:00", "place": "联络站", "deputy_ids": w.deputies[2:]})
		if late["short_notice"] != true {
			t.Fatal("a reception three days ahead is not flagged")
		}
	})
}
