package supervisionweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/votes/votetest"
	"renda/internal/web/supervisionweb"
	"renda/internal/web/webtest"
)

const (
	dayuan = "330111117" // 大源镇
	huyuan = "330111205" // 湖源乡
)

func setup(t *testing.T, db *store.DB) (*webtest.Server, []int64) {
	t.Helper()
	s := webtest.New(t, db, supervisionweb.Module{})
	s.User(t, "fuyang", auth.County, "330111")
	s.User(t, "dayuan", auth.Township, dayuan)
	s.User(t, "huyuan", auth.Township, huyuan)
	deps := votetest.Deputies(t, db, dayuan, dayuan, 3)
	s.UserWith(t, auth.NewUser{Username: "deputy", Role: auth.Deputy, Scope: dayuan, DeputyID: deps[0]})
	return s, deps
}

func TestSupervisionRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s, deps := setup(t, db)
		act := map[string]any{"township": dayuan, "kind": "inspection", "title": "视察大源溪治理工程", "date": "2026-06-18", "deputy_ids": deps[:2]}
		res := s.As(t, "dayuan", "POST", "/api/v1/supervision/activities", act)
		if res.Status != 201 {
			t.Fatalf("activity: %d %s", res.Status, res.Body)
		}
		ap := fmt.Sprintf("/api/v1/supervision/activities/%d", int64(res.JSON()["id"].(float64)))
		overdue := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
		res = s.As(t, "dayuan", "POST", ap+"/recommendations", map[string]any{"unit": "镇水利站", "content": "加快护岸施工", "due": overdue})
		if res.Status != 201 {
			t.Fatalf("recommendation: %d %s", res.Status, res.Body)
		}
		rp := fmt.Sprintf("/api/v1/recommendations/%d", int64(res.JSON()["id"].(float64)))
		rating := map[string]any{"township": dayuan, "title": "村委会主任测评", "subject_kind": "people", "date": "2026-12-01", "subjects": []map[string]string{{"name": "王建国", "post": "大源村村委会主任"}}}
		s.Run(t, []webtest.Case{
			{Name: "documented", Method: "GET", Path: "/api/v1/openapi.json", Status: http.StatusOK, Contains: []string{"/api/v1/recommendations/{id}/close", "/api/v1/ratings/{id}/code-ballots", "/api/v1/work-plans"}},
			{Name: "public cannot list", Method: "GET", Path: "/api/v1/supervision/activities", Status: http.StatusUnauthorized},
			{Name: "deputy cannot list", User: "deputy", Method: "GET", Path: "/api/v1/supervision/activities", Status: http.StatusForbidden},
			{Name: "other township sees none", User: "huyuan", Method: "GET", Path: "/api/v1/supervision/activities?year=2026", Status: http.StatusOK, Excludes: []string{"大源溪"}},
			{Name: "county sees it", User: "fuyang", Method: "GET", Path: "/api/v1/supervision/activities?year=2026", Status: http.StatusOK, Contains: []string{"视察大源溪治理工程"}},
			{Name: "other township cannot read it", User: "huyuan", Method: "GET", Path: ap, Status: http.StatusNotFound},
			{Name: "other township cannot add here", User: "huyuan", Method: "POST", Path: ap + "/recommendations", Body: map[string]any{"content": "x", "due": "2026-12-31"}, Status: http.StatusNotFound},
			{Name: "no participants", User: "dayuan", Method: "POST", Path: "/api/v1/supervision/activities", Body: map[string]any{"township": dayuan, "kind": "survey", "title": "调研", "date": "2026-06-18"}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"deputy_ids"`}},
			{Name: "overdue shown red", User: "fuyang", Method: "GET", Path: "/api/v1/recommendations?colour=red", Status: http.StatusOK, Contains: []string{"加快护岸施工", `"colour":"red"`}},
			{Name: "other township cannot close", User: "huyuan", Method: "POST", Path: rp + "/close", Body: map[string]string{"result": "已完成"}, Status: http.StatusNotFound},
			{Name: "closing without a result", User: "dayuan", Method: "POST", Path: rp + "/close", Body: map[string]string{"result": ""}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"result"`, "整改结果"}},
			{Name: "still open", User: "dayuan", Method: "GET", Path: rp, Status: http.StatusOK, Contains: []string{`"status":"open"`}},
			{Name: "other township cannot set the plan", User: "huyuan", Method: "POST", Path: rp + "/plan", Body: map[string]string{"plan": "x"}, Status: http.StatusNotFound},
			{Name: "rectification plan", User: "dayuan", Method: "POST", Path: rp + "/plan", Body: map[string]string{"plan": "分段施工，9月底完工"}, Status: http.StatusOK, Contains: []string{"分段施工"}},
			{Name: "progress needs a note", User: "dayuan", Method: "POST", Path: rp + "/progress", Body: map[string]any{"date": "2026-07-01", "percent": 50}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"note"`}},
			{Name: "progress", User: "dayuan", Method: "POST", Path: rp + "/progress", Body: map[string]any{"date": "2026-07-01", "percent": 50, "note": "完成一半"}, Status: http.StatusOK, Contains: []string{`"percent":50`}},
			{Name: "closed with a result", User: "dayuan", Method: "POST", Path: rp + "/close", Body: map[string]string{"result": "护岸已完工"}, Status: http.StatusOK, Contains: []string{`"status":"closed"`}},

			{Name: "deputy cannot set up a rating", User: "deputy", Method: "POST", Path: "/api/v1/ratings", Body: rating, Status: http.StatusForbidden},
			{Name: "other township cannot set up here", User: "huyuan", Method: "POST", Path: "/api/v1/ratings", Body: rating, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"township"`}},
			{Name: "township sets up a rating", User: "dayuan", Method: "POST", Path: "/api/v1/ratings", Body: rating, Status: http.StatusCreated},
			{Name: "work plan", User: "dayuan", Method: "POST", Path: "/api/v1/work-plans", Body: map[string]any{"township": dayuan, "year": 2026}, Status: http.StatusCreated, Contains: []string{"2026年度人大工作计划"}},
			{Name: "other township cannot see plans", User: "huyuan", Method: "GET", Path: "/api/v1/work-plans?year=2026", Status: http.StatusOK, Excludes: []string{"2026年度"}},
			{Name: "county sees plans", User: "fuyang", Method: "GET", Path: "/api/v1/work-plans?year=2026", Status: http.StatusOK, Contains: []string{"2026年度人大工作计划"}},
			{Name: "item", User: "dayuan", Method: "POST", Path: "/api/v1/work-plans/1/items", Body: map[string]string{"content": "召开人代会", "owner": "人大主席", "due": "2026-01-31"}, Status: http.StatusCreated},
			{Name: "other township cannot add items", User: "huyuan", Method: "POST", Path: "/api/v1/work-plans/1/items", Body: map[string]string{"content": "x", "due": "2026-01-31"}, Status: http.StatusNotFound},
			{Name: "the item lags", User: "fuyang", Method: "GET", Path: "/api/v1/work-plans?year=2026", Status: http.StatusOK, Contains: []string{`"lagging":1`}},
			{Name: "other township cannot update it", User: "huyuan", Method: "POST", Path: "/api/v1/work-plan-items/1/progress", Body: map[string]any{"progress": 100}, Status: http.StatusNotFound},
			{Name: "progress out of range", User: "dayuan", Method: "POST", Path: "/api/v1/work-plan-items/1/progress", Body: map[string]any{"progress": 101}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"progress"`}},
			{Name: "progress", User: "dayuan", Method: "POST", Path: "/api/v1/work-plan-items/1/progress", Body: map[string]any{"progress": 100, "note": "1月召开"}, Status: http.StatusOK, Contains: []string{`"progress":100`}},
			{Name: "plan read", User: "dayuan", Method: "GET", Path: "/api/v1/work-plans/1", Status: http.StatusOK, Contains: []string{"召开人代会", `"done":1`, `"lagging":0`}},
			{Name: "deputy cannot read plans", User: "deputy", Method: "GET", Path: "/api/v1/work-plans/1", Status: http.StatusForbidden},

			{Name: "topic", User: "dayuan", Method: "POST", Path: "/api/v1/supervision/topics", Body: map[string]any{"township": dayuan, "year": 2026, "kind": "survey", "topic": "农村养老服务"}, Status: http.StatusCreated},
			{Name: "bad topic kind", User: "dayuan", Method: "POST", Path: "/api/v1/supervision/topics", Body: map[string]any{"township": dayuan, "year": 2026, "kind": "visit", "topic": "x"}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"kind"`}},
			{Name: "topics in scope", User: "fuyang", Method: "GET", Path: "/api/v1/supervision/topics?year=2026", Status: http.StatusOK, Contains: []string{"农村养老服务"}},
			{Name: "other township's topics", User: "huyuan", Method: "GET", Path: "/api/v1/supervision/topics?year=2026", Status: http.StatusOK, Excludes: []string{"农村养老服务"}},

			{Name: "codes", User: "dayuan", Method: "POST", Path: "/api/v1/ratings/1/codes", Body: map[string]int{"count": 3}, Status: http.StatusCreated, Contains: []string{`"codes":[`}},
			{Name: "other township cannot issue codes", User: "huyuan", Method: "POST", Path: "/api/v1/ratings/1/codes", Body: map[string]int{"count": 3}, Status: http.StatusNotFound},
			{Name: "paper ballot names the bad mark", User: "dayuan", Method: "POST", Path: "/api/v1/ratings/1/paper-ballots", Body: map[string]any{"ballots": []any{map[string]any{"marks": []any{map[string]any{"subject_id": 999, "verdict": "satisfied"}}}}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"ballots[0].marks[0].subject_id"`}},
			{Name: "a wrong code is refused", User: "", Method: "POST", Path: "/api/v1/ratings/1/code-ballots", Body: map[string]any{"code": "WRONG234", "marks": []any{}}, Status: http.StatusUnprocessableEntity},
			{Name: "other township cannot read the rating", User: "huyuan", Method: "GET", Path: "/api/v1/ratings/1", Status: http.StatusNotFound},
			{Name: "other township cannot close it", User: "huyuan", Method: "POST", Path: "/api/v1/ratings/1/close", Status: http.StatusNotFound},
			{Name: "close", User: "dayuan", Method: "POST", Path: "/api/v1/ratings/1/close", Status: http.StatusOK, Contains: []string{"王建国"}},
			{Name: "ratings listed", User: "fuyang", Method: "GET", Path: "/api/v1/ratings?year=2026", Status: http.StatusOK, Contains: []string{"村委会主任测评", `"status":"closed"`}},
			{Name: "a closed rating takes no codes", User: "dayuan", Method: "POST", Path: "/api/v1/ratings/1/codes", Body: map[string]int{"count": 3}, Status: http.StatusConflict},
		})
	})
}

// TestRatingByCode: staff issue codes on the page; a rater with a code rates
// on the public page; a used code is refused.
func TestRatingByCode(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := setup(t, db)
		b := s.Browser(t, "dayuan")
		b.Get(t, "/ratings")
		res := b.Post(t, "/ratings", url.Values{"township": {dayuan}, "title": {"2026年村委会主任述职测评"}, "subject_kind": {"people"},
			"date": {"2026-12-01"}, "threshold": {"60"}, "subjects": {"王建国 大源村村委会主任\n李秀英 蒋家村村委会主任"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("rating form: %d %s", res.Status, res.Body)
		}
		loc := res.Header.Get("Location")
		b.Get(t, loc)
		res = b.Post(t, loc+"/codes", url.Values{"count": {"2"}})
		codes := regexp.MustCompile(`<li>([2-9A-Z]{8})</li>`).FindAllStringSubmatch(string(res.Body), -1)
		if len(codes) != 2 {
			t.Fatalf("codes page: %s", res.Body)
		}
		id := strings.TrimPrefix(loc, "/ratings/")
		rater := s.Browser(t, "")
		page := string(rater.Get(t, "/rate/"+id).Body)
		radios := regexp.MustCompile(`name="(s\d+)" value="satisfied"`).FindAllStringSubmatch(page, -1)
		if len(radios) != 2 {
			t.Fatalf("rate page: %s", page)
		}
		vote := url.Values{"code": {codes[0][1]}, radios[0][1]: {"satisfied"}, radios[1][1]: {"unsatisfied"}}
		if res := rater.Post(t, "/rate/"+id, vote); res.Status != 200 || !strings.Contains(string(res.Body), "测评已提交") {
			t.Fatalf("rate: %d %s", res.Status, res.Body)
		}
		if res := rater.Post(t, "/rate/"+id, vote); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "测评码不正确或已经使用") {
			t.Fatalf("reused code: %d", res.Status)
		}
		page = string(b.Get(t, loc).Body)
		if !strings.Contains(page, "已收测评票 1 张（测评码已用 1 / 2）") || !strings.Contains(page, "100.0%") {
			t.Fatalf("rating page after one ballot: %s", page)
		}
		if res := b.Post(t, loc+"/paper", url.Values{"ballots": {"满满不"}}); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "应为 2 个") {
			t.Fatalf("paper ballot with three marks for two subjects: %d", res.Status)
		}
		if res := b.Post(t, loc+"/paper", url.Values{"ballots": {"满 不\n基 -"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("paper ballots: %d %s", res.Status, res.Body)
		}
		// 王建国: satisfied (code), satisfied, basically → 3 of 3; 李秀英:
		// unsatisfied (code), unsatisfied → 0 of 2.
		page = string(b.Get(t, loc).Body)
		if !strings.Contains(page, "已收测评票 3 张") || !strings.Contains(page, "0.0%") {
			t.Fatalf("rating page after paper: %s", page)
		}
	})
}

func TestRectificationPagesAndCards(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s, deps := setup(t, db)
		b := s.Browser(t, "dayuan")
		b.Get(t, "/supervision")
		res := b.Post(t, "/supervision/activities", url.Values{"township": {dayuan}, "kind": {"law_enforcement"}, "title": {"安全生产执法检查"},
			"date": {"2026-04-10"}, "deputy_id": {fmt.Sprint(deps[0])}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "检查的法律法规") {
			t.Fatalf("law-enforcement inspection without laws: %d", res.Status)
		}
		res = b.Post(t, "/supervision/activities", url.Values{"township": {dayuan}, "kind": {"law_enforcement"}, "title": {"安全生产执法检查"},
			"date": {"2026-04-10"}, "laws": {"《安全生产法》"}, "deputy_id": {fmt.Sprint(deps[0])}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("activity: %d %s", res.Status, res.Body)
		}
		loc := res.Header.Get("Location")
		b.Get(t, loc)
		b.Post(t, loc+"/recommendations", url.Values{"content": {"整改企业消防通道"}, "unit": {"镇应急办"}, "due": {time.Now().AddDate(0, 0, -2).Format("2006-01-02")}})
		home := string(b.Get(t, "/").Body)
		if !strings.Contains(home, "逾期未整改") {
			t.Fatalf("home lacks the overdue card: %s", home)
		}
		list := string(b.Get(t, "/rectification?colour=red").Body)
		m := regexp.MustCompile(`href="/rectification/(\d+)"`).FindStringSubmatch(list)
		if m == nil || !strings.Contains(list, "已逾期") {
			t.Fatalf("rectification list: %s", list)
		}
		rp := "/rectification/" + m[1]
		b.Get(t, rp)
		if res := b.Post(t, rp+"/close", url.Values{"result": {""}}); res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "请填写整改结果") {
			t.Fatalf("close without result: %d", res.Status)
		}
		if res := b.Post(t, rp+"/close", url.Values{"result": {"消防通道已清理"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("close: %d %s", res.Status, res.Body)
		}
		if page := string(b.Get(t, rp).Body); !strings.Contains(page, "消防通道已清理") || !strings.Contains(page, "已办结") {
			t.Fatalf("closed page: %s", page)
		}
	})
}
