package voteweb_test

import (
	"net/http"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// TestTieDecisionRoles: two projects tie for the one place; publication
// waits for a decision, which only staff in scope may record, naming its
// basis.
func TestTieDecisionRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db, 3)
		id, ps := e.createVote(t, 1, "村道硬化", "文化礼堂", "污水管网")
		v := path("/api/v1/votes/%d", id)
		e.s.As(t, "dayuan", "POST", v+"/open", nil)
		for _, d := range e.names {
			e.s.As(t, d, "POST", v+"/ballots", choices(ps, "for", "for", "against"))
		}
		e.s.As(t, "dayuan", "POST", v+"/close", nil)
		decision := map[string]any{"project_ids": []int64{ps[1]}, "basis": "经镇人大主席团会议研究决定"}
		e.s.Run(t, []webtest.Case{
			{Name: "the tie is flagged", User: "dayuan", Method: "GET", Path: v + "/result", Status: http.StatusOK, Contains: []string{`"settled":false`, `"places":1`}, Excludes: []string{`"selected":true`}},
			{Name: "no publication while tied", User: "dayuan", Method: "POST", Path: v + "/publish", Status: http.StatusConflict, Contains: []string{"尚未作出决定"}},
			{Name: "public cannot decide", User: "", Method: "POST", Path: v + "/tie-decision", Body: decision, Status: http.StatusUnauthorized},
			{Name: "deputy cannot decide", User: e.names[0], Method: "POST", Path: v + "/tie-decision", Body: decision, Status: http.StatusForbidden},
			{Name: "other township cannot decide", User: "huyuan", Method: "POST", Path: v + "/tie-decision", Body: decision, Status: http.StatusNotFound},
			{Name: "a decision needs its basis", User: "dayuan", Method: "POST", Path: v + "/tie-decision", Body: map[string]any{"project_ids": []int64{ps[1]}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"basis"`}},
			{Name: "too many chosen", User: "dayuan", Method: "POST", Path: v + "/tie-decision", Body: map[string]any{"project_ids": ps[:2], "basis": "x"}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"project_ids"`}},
			{Name: "county decides", User: "fuyang", Method: "POST", Path: v + "/tie-decision", Body: decision, Status: http.StatusOK, Contains: []string{`"settled":true`, "经镇人大主席团会议研究决定"}},
			{Name: "published", User: "dayuan", Method: "POST", Path: v + "/publish", Status: http.StatusOK},
			{Name: "the public sees the decision", User: "", Method: "GET", Path: v + "/result", Status: http.StatusOK, Contains: []string{"经镇人大主席团会议研究决定", `"selected":true`}},
			{Name: "no decision after publication", User: "dayuan", Method: "POST", Path: v + "/tie-decision", Body: decision, Status: http.StatusConflict},
		})
		var audited int
		db.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE entity = 'vote' AND action = 'decide_tie' AND actor = 'fuyang'`).Scan(&audited)
		if audited != 1 {
			t.Errorf("%d audit entries for the decision, want 1 naming who decided", audited)
		}
	})
}
