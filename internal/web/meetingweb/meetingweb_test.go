package meetingweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/votes/votetest"
	"renda/internal/web/meetingweb"
	"renda/internal/web/webtest"
)

const (
	dayuan = "330111117" // 大源镇
	huyuan = "330111205" // 湖源乡
)

// today is the clock of these tests: early October 2026, so Q1–Q3 have
// ended.
var today = time.Date(2026, 10, 8, 9, 0, 0, 0, time.Local)

func setup(t *testing.T, db *store.DB) (*webtest.Server, []int64) {
	t.Helper()
	s := webtest.New(t, db, meetingweb.Module{Now: func() time.Time { return today }})
	s.User(t, "admin", auth.Admin, "")
	s.User(t, "fuyang", auth.County, "330111")
	s.User(t, "dayuan", auth.Township, dayuan)
	s.User(t, "huyuan", auth.Township, huyuan)
	deps := votetest.Deputies(t, db, dayuan, dayuan, 3)
	s.UserWith(t, auth.NewUser{Username: "deputy", Role: auth.Deputy, Scope: dayuan, DeputyID: deps[0]})
	return s, deps
}

func TestMeetingRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s, deps := setup(t, db)
		res := s.As(t, "dayuan", "POST", "/api/v1/terms", map[string]string{"congress": dayuan, "name": "第十八届", "start": "2021-12-28", "end": "2026-12-27"})
		if res.Status != 201 {
			t.Fatalf("term: %d %s", res.Status, res.Body)
		}
		termID := int64(res.JSON()["id"].(float64))
		session := map[string]any{"congress": dayuan, "term_id": termID, "number": 3, "start": "2026-01-08", "end": "2026-01-09", "agenda": []string{"审议政府工作报告"}}
		outside := map[string]any{"congress": dayuan, "term_id": termID, "number": 4, "start": "2027-01-08"}
		res = s.As(t, "dayuan", "POST", "/api/v1/sessions", session)
		if res.Status != 201 {
			t.Fatalf("session: %d %s", res.Status, res.Body)
		}
		sp := fmt.Sprintf("/api/v1/sessions/%d", int64(res.JSON()["id"].(float64)))
		att := map[string]any{"entries": []map[string]any{{"deputy_id": deps[0], "status": "present"}, {"deputy_id": deps[1], "status": "leave", "reason": "出差"}}}
		pm := map[string]any{"township": dayuan, "date": "2026-02-10", "title": "第一季度例会", "heard": "镇政府关于民生实事项目推进情况的汇报"}
		s.Run(t, []webtest.Case{
			{Name: "documented", Method: "GET", Path: "/api/v1/openapi.json", Status: http.StatusOK, Contains: []string{"/api/v1/sessions/{id}/attendance", "/api/v1/presidium-meetings/quarters"}},
			{Name: "public cannot list sessions", Method: "GET", Path: "/api/v1/sessions", Status: http.StatusUnauthorized},
			{Name: "deputy lists the sessions of the township", User: "deputy", Method: "GET", Path: "/api/v1/sessions", Status: http.StatusOK, Contains: []string{"第三次会议"}},
			{Name: "deputy cannot read a session's record", User: "deputy", Method: "GET", Path: sp, Status: http.StatusForbidden},
			{Name: "township lists its session", User: "dayuan", Method: "GET", Path: "/api/v1/sessions", Status: http.StatusOK, Contains: []string{"第十八届人民代表大会第三次会议"}},
			{Name: "other township sees none", User: "huyuan", Method: "GET", Path: "/api/v1/sessions", Status: http.StatusOK, Excludes: []string{"第三次会议"}},
			{Name: "county lists it", User: "fuyang", Method: "GET", Path: "/api/v1/sessions?year=2026", Status: http.StatusOK, Contains: []string{"第三次会议"}},
			{Name: "other township cannot read it", User: "huyuan", Method: "GET", Path: sp, Status: http.StatusNotFound},
			{Name: "session outside its term", User: "dayuan", Method: "POST", Path: "/api/v1/sessions", Body: outside, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"start"`, "任期"}},
			{Name: "other township cannot create here", User: "huyuan", Method: "POST", Path: "/api/v1/sessions", Body: session, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"congress"`}},
			{Name: "other township cannot record attendance", User: "huyuan", Method: "PUT", Path: sp + "/attendance", Body: att, Status: http.StatusNotFound},
			{Name: "deputy cannot record attendance", User: "deputy", Method: "PUT", Path: sp + "/attendance", Body: att, Status: http.StatusForbidden},
			{Name: "bad status names the field", User: "dayuan", Method: "PUT", Path: sp + "/attendance", Body: map[string]any{"entries": []map[string]any{{"deputy_id": deps[0], "status": "late"}}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"entries[0].status"`}},
			{Name: "township records attendance", User: "dayuan", Method: "PUT", Path: sp + "/attendance", Body: att, Status: http.StatusOK, Contains: []string{`"present":1`, `"leave":1`}},
			{Name: "speech", User: "dayuan", Method: "POST", Path: sp + "/speeches", Body: map[string]any{"deputy_id": deps[0], "topic": "关于村道养护"}, Status: http.StatusCreated},
			{Name: "resolution", User: "dayuan", Method: "POST", Path: sp + "/resolutions", Body: map[string]any{"kind": "resolution", "title": "关于政府工作报告的决议", "for": 3}, Status: http.StatusCreated, Contains: []string{`"adopted":true`}},
			{Name: "document", User: "dayuan", Method: "POST", Path: sp + "/documents", Body: map[string]any{"kind": "budget_report", "title": "2026年财政预算报告"}, Status: http.StatusCreated},
			{Name: "county sees which townships met", User: "fuyang", Method: "GET", Path: "/api/v1/sessions/yearly?year=2026", Status: http.StatusOK, Contains: []string{`"congress":"330111117","name":"大源镇","sessions":1`, `"sessions":0`}},

			{Name: "deputy cannot record a presidium meeting", User: "deputy", Method: "POST", Path: "/api/v1/presidium-meetings", Body: pm, Status: http.StatusForbidden},
			{Name: "other township cannot record here", User: "huyuan", Method: "POST", Path: "/api/v1/presidium-meetings", Body: pm, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"township"`}},
			{Name: "township records a presidium meeting", User: "dayuan", Method: "POST", Path: "/api/v1/presidium-meetings", Body: pm, Status: http.StatusCreated},
			{Name: "quarters flag the missed ones", User: "dayuan", Method: "GET", Path: "/api/v1/presidium-meetings/quarters?year=2026", Status: http.StatusOK, Contains: []string{`"held":[1,0,0,0]`, `"missed":[2,3]`, `"pending":4`}},
			{Name: "other township does not see them", User: "huyuan", Method: "GET", Path: "/api/v1/presidium-meetings?year=2026", Status: http.StatusOK, Excludes: []string{"第一季度例会"}},
			{Name: "county sees them", User: "fuyang", Method: "GET", Path: "/api/v1/presidium-meetings?year=2026", Status: http.StatusOK, Contains: []string{"第一季度例会"}},
			{Name: "township reads a meeting", User: "dayuan", Method: "GET", Path: "/api/v1/presidium-meetings/1", Status: http.StatusOK, Contains: []string{"镇政府关于民生实事项目推进情况的汇报"}},
			{Name: "other township cannot read it", User: "huyuan", Method: "GET", Path: "/api/v1/presidium-meetings/1", Status: http.StatusNotFound},
			{Name: "deputy cannot read it", User: "deputy", Method: "GET", Path: "/api/v1/presidium-meetings/1", Status: http.StatusForbidden},
			{Name: "terms in scope", User: "dayuan", Method: "GET", Path: "/api/v1/terms", Status: http.StatusOK, Contains: []string{"第十八届"}},
			{Name: "other township's terms", User: "huyuan", Method: "GET", Path: "/api/v1/terms", Status: http.StatusOK, Excludes: []string{"第十八届"}},
			{Name: "term dates must be in order", User: "dayuan", Method: "POST", Path: "/api/v1/terms", Body: map[string]string{"congress": dayuan, "name": "第十九届", "start": "2026-12-28", "end": "2026-01-01"}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"end"`}},
			{Name: "deputy cannot add a term", User: "deputy", Method: "POST", Path: "/api/v1/terms", Body: map[string]string{"congress": dayuan, "name": "第十九届", "start": "2026-12-28", "end": "2031-12-27"}, Status: http.StatusForbidden},
			{Name: "township reads its session", User: "dayuan", Method: "GET", Path: sp, Status: http.StatusOK, Contains: []string{`"agenda":["审议政府工作报告"]`, "关于村道养护", "2026年财政预算报告"}},
		})
		var records int
		db.R.QueryRow(`SELECT COUNT(*) FROM duty_records WHERE source IN ('session', 'session_speech')`).Scan(&records)
		if records != 2 {
			t.Errorf("%d duty records from the session, want 2 (one attendance, one speech)", records)
		}
	})
}

func TestMeetingPagesAndCards(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s, deps := setup(t, db)
		b := s.Browser(t, "dayuan")
		b.Get(t, "/sessions/new")
		if res := b.Post(t, "/sessions/terms", url.Values{"term_congress": {dayuan}, "name": {"第十八届"}, "term_start": {"2021-12-28"}, "term_end": {"2026-12-27"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("term form: %d %s", res.Status, res.Body)
		}
		page := string(b.Get(t, "/sessions/new").Body)
		termID := page[strings.Index(page, `<option value="`)+len(`<option value="`):]
		termID = termID[:strings.Index(termID, `"`)]
		form := url.Values{"congress": {dayuan}, "term_id": {termID}, "number": {"3"}, "start": {"2027-03-01"}, "agenda": {"审议政府工作报告\n票决民生实事项目"}}
		res := b.Post(t, "/sessions", form)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "不在第十八届任期内") {
			t.Fatalf("session outside its term: %d", res.Status)
		}
		form.Set("start", "2026-01-08")
		res = b.Post(t, "/sessions", form)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("session form: %d %s", res.Status, res.Body)
		}
		loc := res.Header.Get("Location")
		b.Get(t, loc)
		res = b.Post(t, loc+"/attendance", url.Values{fmt.Sprintf("status_%d", deps[0]): {"present"}, fmt.Sprintf("status_%d", deps[1]): {"absent"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("attendance form: %d %s", res.Status, res.Body)
		}
		if page := string(b.Get(t, loc).Body); !strings.Contains(page, "出席 1 · 请假 0 · 缺席 1") || !strings.Contains(page, "票决民生实事项目") {
			t.Fatalf("session page: %s", page)
		}

		// Home: no presidium meeting yet — Q1 to Q3 missed; the session held.
		home := string(b.Get(t, "/").Body)
		if !strings.Contains(home, "第 1、2、3 季度未召开主席团会议") || !strings.Contains(home, "已依法召开") {
			t.Fatalf("township home lacks the flags: %s", home)
		}
		b.Get(t, "/presidium")
		for _, d := range []string{"2026-02-10", "2026-05-12", "2026-08-11"} {
			if res := b.Post(t, "/presidium", url.Values{"township": {dayuan}, "date": {d}, "kind": {"regular"}, "title": {"例会"}}); res.Status != http.StatusSeeOther {
				t.Fatalf("presidium form: %d %s", res.Status, res.Body)
			}
		}
		if home := string(b.Get(t, "/").Body); strings.Contains(home, "季度未召开主席团会议") {
			t.Fatal("flag still shown after every quarter met")
		}
		county := string(s.Browser(t, "fuyang").Get(t, "/").Body)
		if !strings.Contains(county, "主席团会议缺季度的乡镇") || !strings.Contains(county, "本年未召开人代会的乡镇") {
			t.Fatalf("county home lacks the figures: %s", county)
		}
		if page := string(s.Browser(t, "fuyang").Get(t, "/sessions").Body); !strings.Contains(page, "本年尚未召开") {
			t.Fatal("county sessions page does not show the townships that have not met")
		}
	})
}
