package dutyweb

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

func TestPeriodRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.As(t, "dayuan", "POST", "/api/v1/duty-records", map[string]any{"deputy_id": e.mine, "kind": "motion", "date": "2025-03-01", "days": 1})
		e.As(t, "huyuan", "POST", "/api/v1/duty-records", map[string]any{"deputy_id": e.far, "kind": "motion", "date": "2025-03-01", "days": 1})
		res := e.As(t, "dayuan", "POST", "/api/v1/duty-periods", map[string]any{"year": 2025, "half": 1})
		if res.Status != http.StatusCreated {
			t.Fatalf("publish: %d %s", res.Status, res.Body)
		}
		pid := int64(res.JSON()["id"].(float64))
		p := func(f string) string { return fmt.Sprintf(f, pid) }
		e.Run(t, []webtest.Case{
			{User: "wangjg", Method: "POST", Path: "/api/v1/duty-periods", Body: map[string]any{"year": 2025, "half": 1}, Status: 403},
			{User: "liaison", Method: "POST", Path: "/api/v1/duty-periods", Body: map[string]any{"year": 2025, "half": 1}, Status: 403},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-periods", Body: map[string]any{"year": 2025, "half": 1}, Status: 409},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-periods", Body: map[string]any{"year": 2025, "half": 2}, Status: 422, Contains: []string{`"field":"year"`}},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-periods", Body: map[string]any{"scope": "330111205", "year": 2025, "half": 1}, Status: 404},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-periods", Body: map[string]any{"year": 2025, "half": 3}, Status: 422, Contains: []string{`"field":"half"`}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/duty-periods", Status: 200, Contains: []string{`"scope":"330111117"`}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/duty-periods", Status: 200, Excludes: []string{`"scope":"330111117"`}},
			{User: "fuyang", Method: "GET", Path: p("/api/v1/duty-periods/%d"), Status: 200, Contains: []string{"王建国", "李秀英"}},
			{User: "huyuan", Method: "GET", Path: p("/api/v1/duty-periods/%d"), Status: 404},
			{User: "wangjg", Method: "GET", Path: p("/api/v1/duty-periods/%d"), Status: 200, Contains: []string{"王建国"}, Excludes: []string{"李秀英"}},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/duty-periods/%d/corrections"), Body: map[string]any{"reason": "x"}, Status: 403},
			{User: "wangjg", Method: "POST", Path: p("/api/v1/duty-periods/%d/corrections"), Body: map[string]any{"reason": ""}, Status: 422, Contains: []string{`"field":"reason"`}},
			{User: "wangjg", Method: "POST", Path: p("/api/v1/duty-periods/%d/corrections"), Body: map[string]any{"reason": "3月份小组活动未计入"}, Status: 201},
			{User: "lixy", Method: "POST", Path: p("/api/v1/duty-periods/%d/corrections"), Body: map[string]any{"reason": "漏登了一次走访"}, Status: 201},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/duty-periods/%d/finalize"), Status: 409},
			{User: "", Method: "GET", Path: fmt.Sprintf("/api/v1/public/duty-summaries/%d", e.mine), Status: 200, Contains: []string{`"lines":[]`}},
		})
		var corrs []int64
		got := e.As(t, "dayuan", "GET", p("/api/v1/duty-periods/%d"), nil)
		for _, c := range got.JSON()["corrections"].([]any) {
			corrs = append(corrs, int64(c.(map[string]any)["id"].(float64)))
		}
		if len(corrs) != 2 {
			t.Fatalf("corrections: %s", got.Body)
		}
		c := func(f string, i int) string { return fmt.Sprintf(f, corrs[i]) }
		e.Run(t, []webtest.Case{
			{User: "wangjg", Method: "POST", Path: c("/api/v1/duty-corrections/%d/accept", 0), Body: map[string]any{"answer": ""}, Status: 403},
			{User: "huyuan", Method: "POST", Path: c("/api/v1/duty-corrections/%d/accept", 0), Body: map[string]any{"answer": ""}, Status: 404},
			{User: "dayuan", Method: "POST", Path: c("/api/v1/duty-corrections/%d/refuse", 0), Body: map[string]any{"answer": ""}, Status: 422, Contains: []string{`"field":"answer"`}},
			{User: "dayuan", Method: "POST", Path: c("/api/v1/duty-corrections/%d/refuse", 0), Body: map[string]any{"answer": "该活动为7月份，不在本期"}, Status: 200, Contains: []string{`"status":"refused"`}},
			{User: "fuyang", Method: "POST", Path: c("/api/v1/duty-corrections/%d/accept", 1), Body: map[string]any{"answer": "已补录"}, Status: 200, Contains: []string{`"status":"accepted"`}},
			{User: "dayuan", Method: "POST", Path: c("/api/v1/duty-corrections/%d/accept", 1), Body: map[string]any{"answer": ""}, Status: 409},
		})
		// After the window: a late request names the field, then final.
		later := time.Date(2025, 9, 23, 9, 0, 0, 0, time.Local)
		e.svc.Now = func() time.Time { return later }
		e.Run(t, []webtest.Case{
			{User: "wangjg", Method: "POST", Path: p("/api/v1/duty-periods/%d/corrections"), Body: map[string]any{"reason": "再申请"}, Status: 422, Contains: []string{`"field":"period_id"`, "更正期已于"}},
			{User: "huyuan", Method: "POST", Path: p("/api/v1/duty-periods/%d/finalize"), Status: 404},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/duty-periods/%d/finalize"), Status: 200, Contains: []string{`"status":"final"`}},
			{User: "", Method: "GET", Path: fmt.Sprintf("/api/v1/public/duty-summaries/%d", e.mine), Status: 200, Contains: []string{`"points":5`, `"year":2025`, `"half":1`}},
		})
		pub := e.Browser(t, "")
		page := pub.Get(t, fmt.Sprintf("/public/duties/deputies/%d", e.mine))
		if page.Status != 200 || !strings.Contains(string(page.Body), "王建国") || !strings.Contains(string(page.Body), "上半年") {
			t.Errorf("public deputy page: %d", page.Status)
		}
		page = pub.Get(t, "/public/duties/townships/330111117")
		if page.Status != 200 || !strings.Contains(string(page.Body), "李秀英") {
			t.Errorf("public township page: %d", page.Status)
		}
		staff := e.Browser(t, "dayuan")
		if page := staff.Get(t, p("/duties/periods/%d")); page.Status != 200 || !strings.Contains(string(page.Body), "不予采纳") {
			t.Errorf("staff period page: %d", page.Status)
		}
	})
}
