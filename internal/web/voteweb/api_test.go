package voteweb_test

import (
	"net/http"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// TestVoteRoles walks a vote through its life, checking every endpoint
// against every role at each step.
func TestVoteRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db, 3)
		id, ps := e.createVote(t, 1, "村道硬化", "文化礼堂", "污水管网")
		v := path("/api/v1/votes/%d", id)
		d1, d2 := e.names[0], e.names[1]
		newVote := map[string]any{"congress": dayuan, "title": "另一次票决", "choose": 1, "projects": []map[string]any{{"name": "甲"}}}
		e.s.Run(t, []webtest.Case{
			{Name: "documented", Method: "GET", Path: "/api/v1/openapi.json", Status: http.StatusOK, Contains: []string{"/api/v1/votes/{id}/paper-ballots", "/api/v1/votes/{id}/paper-issue", "/api/v1/votes/{id}/result", "/api/v1/votes/{id}/ballots"}},
			{Name: "public cannot create", User: "", Method: "POST", Path: "/api/v1/votes", Body: newVote, Status: http.StatusUnauthorized},
			{Name: "deputy cannot create", User: d1, Method: "POST", Path: "/api/v1/votes", Body: newVote, Status: http.StatusForbidden},
			{Name: "other township cannot create here", User: "huyuan", Method: "POST", Path: "/api/v1/votes", Body: newVote, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"congress"`}},
			{Name: "county creates a township vote", User: "fuyang", Method: "POST", Path: "/api/v1/votes", Body: newVote, Status: http.StatusCreated},

			{Name: "draft hidden from public", User: "", Method: "GET", Path: v, Status: http.StatusNotFound},
			{Name: "draft hidden from deputy", User: d1, Method: "GET", Path: v, Status: http.StatusNotFound},
			{Name: "draft hidden from other township", User: "huyuan", Method: "GET", Path: v, Status: http.StatusNotFound},
			{Name: "township sees draft", User: "dayuan", Method: "GET", Path: v, Status: http.StatusOK, Contains: []string{"村道硬化", `"status":"draft"`}},
			{Name: "county sees draft", User: "fuyang", Method: "GET", Path: v, Status: http.StatusOK},
			{Name: "admin sees draft", User: "admin", Method: "GET", Path: v, Status: http.StatusOK},

			{Name: "deputy cannot open", User: d1, Method: "POST", Path: v + "/open", Status: http.StatusForbidden},
			{Name: "other township cannot open", User: "huyuan", Method: "POST", Path: v + "/open", Status: http.StatusNotFound},
			{Name: "township opens", User: "dayuan", Method: "POST", Path: v + "/open", Status: http.StatusOK, Contains: []string{`"eligible":3`, `"status":"open"`}},

			{Name: "deputy sees open vote", User: d1, Method: "GET", Path: v, Status: http.StatusOK, Contains: []string{`"voted":false`}},
			{Name: "outsider deputy sees nothing", User: "outsider", Method: "GET", Path: v, Status: http.StatusNotFound},
			{Name: "deputy lists their vote", User: d1, Method: "GET", Path: "/api/v1/votes", Status: http.StatusOK, Contains: []string{"2026年民生实事项目票决"}},
			{Name: "other township lists none of it", User: "huyuan", Method: "GET", Path: "/api/v1/votes", Status: http.StatusOK, Excludes: []string{"2026年民生实事项目票决"}},

			{Name: "public cannot vote", User: "", Method: "POST", Path: v + "/ballots", Body: choices(ps, "for", "for", "for"), Status: http.StatusUnauthorized},
			{Name: "staff cannot vote", User: "dayuan", Method: "POST", Path: v + "/ballots", Body: choices(ps, "for", "for", "for"), Status: http.StatusForbidden},
			{Name: "outsider not eligible", User: "outsider", Method: "POST", Path: v + "/ballots", Body: choices(ps, "for", "for", "for"), Status: http.StatusForbidden, Contains: []string{"不是本次票决的参会代表"}},
			{Name: "unknown project refused", User: d1, Method: "POST", Path: v + "/ballots", Body: choices([]int64{999999, ps[1], ps[2]}, "for", "for", "for"), Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"choices[0].project_id"`}},
			{Name: "malformed ballot", User: d1, Method: "POST", Path: v + "/ballots", Body: `{"choices": [`, Status: http.StatusBadRequest},
			{Name: "unknown field named", User: d1, Method: "POST", Path: v + "/ballots", Body: `{"choices": [], "deputy_id": 1}`, Status: http.StatusBadRequest, Contains: []string{`"field":"deputy_id"`}},
			{Name: "unknown vote", User: d1, Method: "POST", Path: "/api/v1/votes/abc/ballots", Body: choices(ps, "for"), Status: http.StatusNotFound},
			{Name: "deputy votes", User: d1, Method: "POST", Path: v + "/ballots", Body: choices(ps, "for", "against", "abstain"), Status: http.StatusCreated, Contains: []string{`"receipt":"`}},
			{Name: "second ballot refused", User: d1, Method: "POST", Path: v + "/ballots", Body: choices(ps, "for", "for", "for"), Status: http.StatusConflict, Contains: []string{"已经投过票"}},
			{Name: "deputy sees own mark", User: d1, Method: "GET", Path: v, Status: http.StatusOK, Contains: []string{`"voted":true`}},

			{Name: "deputy cannot enter paper", User: d1, Method: "POST", Path: v + "/paper-ballots", Body: map[string]any{"box": "1号票箱", "count": 0, "ballots": []any{}}, Status: http.StatusForbidden},
			{Name: "other township cannot enter paper", User: "huyuan", Method: "POST", Path: v + "/paper-ballots", Body: map[string]any{"box": "1号票箱", "count": 0, "ballots": []any{}}, Status: http.StatusNotFound},
			{Name: "box subtotal must agree", User: "dayuan", Method: "POST", Path: v + "/paper-ballots", Body: map[string]any{"box": "1号票箱", "count": 2, "ballots": []any{choices(ps, "for")}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"count"`, "不一致"}},
			{Name: "no box before paper is handed out", User: "dayuan", Method: "POST", Path: v + "/paper-ballots", Body: map[string]any{"box": "1号票箱", "count": 1, "ballots": []any{choices(ps, "for", "for")}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"count"`, "已发 0 张"}},
			{Name: "deputy cannot hand out paper", User: d1, Method: "POST", Path: v + "/paper-issue", Body: map[string]any{"deputy_ids": []int64{e.deputies[2]}}, Status: http.StatusForbidden},
			{Name: "public cannot hand out paper", User: "", Method: "POST", Path: v + "/paper-issue", Body: map[string]any{"deputy_ids": []int64{e.deputies[2]}}, Status: http.StatusUnauthorized},
			{Name: "other township cannot hand out paper", User: "huyuan", Method: "POST", Path: v + "/paper-issue", Body: map[string]any{"deputy_ids": []int64{e.deputies[2]}}, Status: http.StatusNotFound},
			{Name: "other township cannot see the roster", User: "huyuan", Method: "GET", Path: v + "/electors", Status: http.StatusNotFound},
			{Name: "deputy cannot see the roster", User: d1, Method: "GET", Path: v + "/electors", Status: http.StatusForbidden},
			{Name: "empty check-in list", User: "dayuan", Method: "POST", Path: v + "/paper-issue", Body: map[string]any{"deputy_ids": []int64{}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"deputy_ids"`}},
			{Name: "phone voter gets no paper ballot", User: "dayuan", Method: "POST", Path: v + "/paper-issue", Body: map[string]any{"deputy_ids": []int64{e.deputies[2], e.deputies[0]}}, Status: http.StatusConflict, Contains: []string{`"field":"deputy_ids[1]"`, "已在手机上投票"}},
			{Name: "outsider gets no paper ballot", User: "dayuan", Method: "POST", Path: v + "/paper-issue", Body: map[string]any{"deputy_ids": []int64{e.outsider}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"deputy_ids[0]"`}},
			{Name: "refused list wrote nothing", User: "dayuan", Method: "GET", Path: v + "/electors", Status: http.StatusOK, Excludes: []string{`"paper":true`}},
			{Name: "county hands out a paper ballot", User: "fuyang", Method: "POST", Path: v + "/paper-issue", Body: map[string]any{"deputy_ids": []int64{e.deputies[2]}}, Status: http.StatusOK, Contains: []string{`"issued":1`, `"entered":0`}},
			{Name: "no second paper ballot", User: "dayuan", Method: "POST", Path: v + "/paper-issue", Body: map[string]any{"deputy_ids": []int64{e.deputies[2]}}, Status: http.StatusConflict, Contains: []string{`"field":"deputy_ids[0]"`, "已领取过"}},
			{Name: "paper holder cannot vote by phone", User: e.names[2], Method: "POST", Path: v + "/ballots", Body: choices(ps, "for", "for", "for"), Status: http.StatusConflict, Contains: []string{`"field":"deputy"`, "纸质选票"}},
			{Name: "paper holder is marked as voted", User: e.names[2], Method: "GET", Path: v, Status: http.StatusOK, Contains: []string{`"voted":true`}},
			{Name: "box beyond the paper handed out", User: "dayuan", Method: "POST", Path: v + "/paper-ballots", Body: map[string]any{"box": "1号票箱", "count": 2, "ballots": []any{choices(ps, "for"), choices(ps, "against")}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"count"`, "已发 1 张"}},
			{Name: "paper box entered", User: "dayuan", Method: "POST", Path: v + "/paper-ballots", Body: map[string]any{"box": "1号票箱", "count": 1, "ballots": []any{choices(ps, "for", "for")}}, Status: http.StatusCreated, Contains: []string{`"cast":2`}},
			{Name: "boxes listed", User: "dayuan", Method: "GET", Path: v + "/paper-ballots", Status: http.StatusOK, Contains: []string{"1号票箱"}},
			{Name: "no more ballots than handed out", User: "dayuan", Method: "POST", Path: v + "/paper-ballots", Body: map[string]any{"box": "2号票箱", "count": 1, "ballots": []any{choices(ps, "for")}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"count"`, "已录入 1 张"}},
			{Name: "roster shows who voted how: phone or paper", User: "dayuan", Method: "GET", Path: v + "/electors", Status: http.StatusOK, Contains: []string{`"paper":true`, `"voted":true`}, Excludes: []string{`"choice"`}},

			{Name: "no result while open", User: "dayuan", Method: "GET", Path: v + "/result", Status: http.StatusConflict},
			{Name: "deputy cannot close", User: d1, Method: "POST", Path: v + "/close", Status: http.StatusForbidden},
			{Name: "other township cannot close", User: "huyuan", Method: "POST", Path: v + "/close", Status: http.StatusNotFound},
			{Name: "township closes", User: "dayuan", Method: "POST", Path: v + "/close", Status: http.StatusOK, Contains: []string{`"eligible":3`, `"cast":2`}},
			{Name: "ballot after closing refused", User: d2, Method: "POST", Path: v + "/ballots", Body: choices(ps, "for", "for", "for"), Status: http.StatusConflict, Contains: []string{`"field":"status"`}},

			{Name: "result hidden from public until published", User: "", Method: "GET", Path: v + "/result", Status: http.StatusNotFound},
			{Name: "deputy waits for publication", User: d1, Method: "GET", Path: v + "/result", Status: http.StatusConflict},
			{Name: "other township cannot see result", User: "huyuan", Method: "GET", Path: v + "/result", Status: http.StatusNotFound},
			{Name: "county sees result", User: "fuyang", Method: "GET", Path: v + "/result", Status: http.StatusOK},
			{Name: "ballot list hidden until published", User: "", Method: "GET", Path: v + "/ballots", Status: http.StatusNotFound},
			{Name: "deputy cannot publish", User: d1, Method: "POST", Path: v + "/publish", Status: http.StatusForbidden},
			{Name: "other township cannot publish", User: "huyuan", Method: "POST", Path: v + "/publish", Status: http.StatusNotFound},
			{Name: "township publishes", User: "dayuan", Method: "POST", Path: v + "/publish", Status: http.StatusOK},
			{Name: "public sees result", User: "", Method: "GET", Path: v + "/result", Status: http.StatusOK,
				Contains: []string{`"eligible":3`, `"cast":2`, `"projects":[`, `"ties":[]`, `"selected":true`, `"rank":1`}},
			{Name: "public sees vote", User: "", Method: "GET", Path: v, Status: http.StatusOK},
			{Name: "public recounts", User: "", Method: "GET", Path: v + "/ballots", Status: http.StatusOK, Contains: []string{"1号票箱"}},
			{Name: "unknown receipt", User: "", Method: "POST", Path: v + "/receipt-check", Body: map[string]string{"receipt": "AAAA-BBBB-CCCC"}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"receipt"`}},
		})
	})
}

// TestResultShape checks the result carries exactly the fields.
func TestResultShape(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db, 2)
		id, ps := e.createVote(t, 1, "甲", "乙")
		e.s.As(t, "dayuan", "POST", path("/api/v1/votes/%d/open", id), nil)
		res := e.s.As(t, e.names[0], "POST", path("/api/v1/votes/%d/ballots", id), choices(ps, "for", "against"))
		receipt, _ := res.JSON()["receipt"].(string)
		e.s.As(t, "dayuan", "POST", path("/api/v1/votes/%d/close", id), nil)
		res = e.s.As(t, "dayuan", "GET", path("/api/v1/votes/%d/result", id), nil)
		var r map[string]any
		res.Decode(t, &r)
		keys := func(m map[string]any) map[string]bool {
			out := map[string]bool{}
			for k := range m {
				out[k] = true
			}
			return out
		}
		want := map[string]bool{"eligible": true, "cast": true, "projects": true, "ties": true}
		if got := keys(r); len(got) != len(want) || !got["eligible"] || !got["cast"] || !got["projects"] || !got["ties"] {
			t.Fatalf("result fields %v, want %v", got, want)
		}
		line := r["projects"].([]any)[0].(map[string]any)
		for _, k := range []string{"project_id", "name", "for", "against", "abstain", "passed", "rank", "selected"} {
			if _, ok := line[k]; !ok {
				t.Errorf("project line lacks %q: %v", k, line)
			}
		}
		if len(line) != 8 {
			t.Errorf("project line has %d fields, want the issue's 8: %v", len(line), line)
		}
		// 1 of 2 deputies is not more than half: nothing passes.
		if line["passed"] != false || line["rank"] != nil {
			t.Errorf("one vote of two passed: %v", line)
		}
		res = e.s.As(t, "", "POST", path("/api/v1/votes/%d/receipt-check", id), map[string]string{"receipt": receipt})
		if res.Status != 200 || res.JSON()["counted"] != true {
			t.Errorf("receipt check: %d %s", res.Status, res.Body)
		}
	})
}
