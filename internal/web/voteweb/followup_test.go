package voteweb_test

import (
	"net/http"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

func TestFollowUpRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db, 2)
		id, ps := e.createVote(t, 1, "村道硬化", "文化礼堂")
		v := path("/api/v1/votes/%d", id)
		e.s.As(t, "dayuan", "POST", v+"/open", nil)
		for _, d := range e.names {
			e.s.As(t, d, "POST", v+"/ballots", choices(ps, "for", "against"))
		}
		e.s.As(t, "dayuan", "POST", v+"/close", nil)
		chosen := path("%s/projects/%d", v, ps[0])
		other := path("%s/projects/%d", v, ps[1])
		progress := map[string]any{"date": "2026-06-30", "percent": 50, "milestone": "路基完成", "problems": "雨季影响"}
		e.s.Run(t, []webtest.Case{
			{Name: "no follow-up before publication", User: "", Method: "GET", Path: v + "/follow-up", Status: http.StatusNotFound},
			{Name: "no progress before publication", User: "dayuan", Method: "POST", Path: chosen + "/progress", Body: progress, Status: http.StatusConflict},
			{Name: "publish", User: "dayuan", Method: "POST", Path: v + "/publish", Status: http.StatusOK},
			{Name: "deputy cannot report progress", User: e.names[0], Method: "POST", Path: chosen + "/progress", Body: progress, Status: http.StatusForbidden},
			{Name: "other township cannot report progress", User: "huyuan", Method: "POST", Path: chosen + "/progress", Body: progress, Status: http.StatusNotFound},
			{Name: "a project not chosen is not followed", User: "dayuan", Method: "POST", Path: other + "/progress", Body: progress, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"project_id"`}},
			{Name: "township reports progress", User: "dayuan", Method: "POST", Path: chosen + "/progress", Body: progress, Status: http.StatusCreated},
			{Name: "inspection needs inspectors", User: "dayuan", Method: "POST", Path: chosen + "/inspections", Body: map[string]any{"date": "2026-07-01", "findings": "良好"}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"deputy_ids"`}},
			{Name: "inspection", User: "dayuan", Method: "POST", Path: chosen + "/inspections", Body: map[string]any{"date": "2026-07-01", "deputy_ids": e.deputies, "findings": "质量良好"}, Status: http.StatusCreated},
			{Name: "staff cannot rate", User: "dayuan", Method: "POST", Path: chosen + "/rating", Body: map[string]string{"rating": "satisfied"}, Status: http.StatusForbidden},
			{Name: "outsider deputy cannot rate", User: "outsider", Method: "POST", Path: chosen + "/rating", Body: map[string]string{"rating": "satisfied"}, Status: http.StatusForbidden},
			{Name: "deputy rates", User: e.names[0], Method: "POST", Path: chosen + "/rating", Body: map[string]string{"rating": "basically_satisfied"}, Status: http.StatusCreated},
			{Name: "deputy rates once", User: e.names[0], Method: "POST", Path: chosen + "/rating", Body: map[string]string{"rating": "satisfied"}, Status: http.StatusConflict},
			{Name: "public sees the follow-up", User: "", Method: "GET", Path: v + "/follow-up", Status: http.StatusOK,
				Contains: []string{"路基完成", `"percent":50`, "质量良好", `"basically_satisfied":1`}, Excludes: []string{"文化礼堂"}},
		})
	})
}
