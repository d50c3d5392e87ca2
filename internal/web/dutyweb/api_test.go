package dutyweb

import (
	"fmt"
	"net/http"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

func TestDutyRecordRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		rec := func(user string, deputy int64, title string) int64 {
			t.Helper()
			res := e.As(t, user, "POST", "/api/v1/duty-records", map[string]any{"deputy_id": deputy, "kind": "group_activity",
				"date": "2025-09-01", "days": 0.5, "title": title})
			if res.Status != http.StatusCreated {
				t.Fatalf("%s records: %d %s", user, res.Status, res.Body)
			}
			return int64(res.JSON()["id"].(float64))
		}
		own := rec("wangjg", e.mine, "王代表自己登记")
		other := rec("lixy", e.theirs, "李代表自己登记")
		byStaff := rec("dayuan", e.mine, "工作人员登记")
		far := rec("huyuan", e.far, "湖源乡的记录")
		toConfirm := rec("wangjg", e.mine, "待确认")
		toReturn := rec("wangjg", e.mine, "待退回")
		toDelete := rec("wangjg", e.mine, "待删除")
		up := e.Upload(t, "wangjg", fmt.Sprintf("/api/v1/duty-records/%d/attachments", own), "file", "现场.png", pngBytes)
		if up.Status != http.StatusCreated {
			t.Fatalf("upload: %d %s", up.Status, up.Body)
		}
		attID := int64(up.JSON()["items"].([]any)[0].(map[string]any)["id"].(float64))

		body := func(deputy int64) map[string]any {
			return map[string]any{"deputy_id": deputy, "kind": "district_visit", "date": "2025-09-02", "days": 1, "title": "走访"}
		}
		p := func(f string, a ...any) string { return fmt.Sprintf(f, a...) }
		e.Run(t, []webtest.Case{
			{User: "", Method: "GET", Path: "/api/v1/duty-records", Status: 401},
			{User: "liaison", Method: "GET", Path: "/api/v1/duty-records", Status: 403},
			{User: "unit", Method: "GET", Path: "/api/v1/duty-records", Status: 403},
			{User: "wangjg", Method: "GET", Path: "/api/v1/duty-records", Status: 200, Contains: []string{"王代表自己登记", "工作人员登记"}, Excludes: []string{"李代表自己登记", "湖源乡"}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/duty-records", Status: 200, Contains: []string{"王代表自己登记", "李代表自己登记"}, Excludes: []string{"湖源乡的记录"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/duty-records", Status: 200, Contains: []string{"湖源乡的记录"}, Excludes: []string{"王代表"}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/duty-records?township=330111205", Status: 200, Contains: []string{"湖源乡的记录"}, Excludes: []string{"王代表"}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/duty-records?township=330111205", Status: 404},
			{User: "fuyang", Method: "GET", Path: p("/api/v1/duty-records?deputy=%d&kind=group_activity&from=2025-01-01&to=2025-12-31", e.mine), Status: 200, Contains: []string{"王代表自己登记"}, Excludes: []string{"李代表"}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/duty-records?kind=picnic", Status: 422, Contains: []string{`"field":"kind"`}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/duty-records?from=2025-13-01", Status: 422, Contains: []string{`"field":"from"`}},

			{User: "", Method: "POST", Path: "/api/v1/duty-records", Body: body(e.mine), Status: 401},
			{User: "liaison", Method: "POST", Path: "/api/v1/duty-records", Body: body(e.mine), Status: 403},
			{User: "unit", Method: "POST", Path: "/api/v1/duty-records", Body: body(e.mine), Status: 403},
			{User: "wangjg", Method: "POST", Path: "/api/v1/duty-records", Body: body(e.mine), Status: 201, Contains: []string{`"status":"pending"`}},
			{User: "wangjg", Method: "POST", Path: "/api/v1/duty-records", Body: body(e.theirs), Status: 404, Contains: []string{`"field":"deputy_id"`}},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-records", Body: body(e.theirs), Status: 201, Contains: []string{`"status":"confirmed"`}},
			{User: "huyuan", Method: "POST", Path: "/api/v1/duty-records", Body: body(e.mine), Status: 404, Contains: []string{`"field":"deputy_id"`}},
			{User: "fuyang", Method: "POST", Path: "/api/v1/duty-records", Body: body(e.far), Status: 201},
			{User: "admin", Method: "POST", Path: "/api/v1/duty-records", Body: body(e.far), Status: 201},

			{User: "wangjg", Method: "POST", Path: "/api/v1/duty-records/batch", Body: map[string]any{"deputy_ids": []int64{e.mine}, "kind": "training", "date": "2025-09-03", "days": 1}, Status: 403},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-records/batch", Body: map[string]any{"deputy_ids": []int64{e.mine, e.theirs}, "kind": "training", "date": "2025-09-03", "days": 1, "title": "代表培训"}, Status: 201},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-records/batch", Body: map[string]any{"deputy_ids": []int64{e.mine, e.far}, "kind": "training", "date": "2025-09-03", "days": 1}, Status: 404, Contains: []string{`"field":"deputy_ids"`}},

			{User: "wangjg", Method: "GET", Path: p("/api/v1/duty-records/%d", own), Status: 200, Contains: []string{"现场.png", "/attachments/"}},
			{User: "wangjg", Method: "GET", Path: p("/api/v1/duty-records/%d", other), Status: 404},
			{User: "huyuan", Method: "GET", Path: p("/api/v1/duty-records/%d", own), Status: 404},
			{User: "fuyang", Method: "GET", Path: p("/api/v1/duty-records/%d", own), Status: 200},
			{User: "liaison", Method: "GET", Path: p("/api/v1/duty-records/%d", own), Status: 403},

			{User: "wangjg", Method: "POST", Path: p("/api/v1/duty-records/%d/confirm", toConfirm), Status: 403},
			{User: "huyuan", Method: "POST", Path: p("/api/v1/duty-records/%d/confirm", toConfirm), Status: 404},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/duty-records/%d/confirm", toConfirm), Status: 200, Contains: []string{`"status":"confirmed"`}},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/duty-records/%d/confirm", toConfirm), Status: 409},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/duty-records/%d/confirm", byStaff), Status: 409},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/duty-records/%d/return", toReturn), Body: map[string]any{"reason": ""}, Status: 422, Contains: []string{`"field":"reason"`}},
			{User: "wangjg", Method: "POST", Path: p("/api/v1/duty-records/%d/return", toReturn), Body: map[string]any{"reason": "x"}, Status: 403},
			{User: "fuyang", Method: "POST", Path: p("/api/v1/duty-records/%d/return", toReturn), Body: map[string]any{"reason": "请补充照片"}, Status: 200, Contains: []string{`"status":"returned"`, "请补充照片"}},

			{User: "lixy", Method: "PUT", Path: p("/api/v1/duty-records/%d", toReturn), Body: body(e.mine), Status: 404},
			{User: "wangjg", Method: "PUT", Path: p("/api/v1/duty-records/%d", toReturn), Body: body(e.mine), Status: 200, Contains: []string{`"status":"pending"`, `"kind":"district_visit"`}},
			{User: "wangjg", Method: "PUT", Path: p("/api/v1/duty-records/%d", byStaff), Body: body(e.mine), Status: 409},
			{User: "huyuan", Method: "DELETE", Path: p("/api/v1/duty-records/%d", toDelete), Status: 404},
			{User: "wangjg", Method: "DELETE", Path: p("/api/v1/duty-records/%d", toDelete), Status: 204},
			{User: "wangjg", Method: "GET", Path: p("/api/v1/duty-records/%d", toDelete), Status: 404},
			{User: "huyuan", Method: "DELETE", Path: p("/api/v1/duty-records/%d", far), Status: 204},

			{User: "", Method: "GET", Path: p("/api/v1/attachments/%d", attID), Status: 401},
			{User: "wangjg", Method: "GET", Path: p("/api/v1/attachments/%d", attID), Status: 200},
			{User: "dayuan", Method: "GET", Path: p("/api/v1/attachments/%d", attID), Status: 200},
			{User: "lixy", Method: "GET", Path: p("/api/v1/attachments/%d", attID), Status: 404},
			{User: "huyuan", Method: "GET", Path: p("/api/v1/attachments/%d", attID), Status: 404},
			{User: "liaison", Method: "GET", Path: p("/api/v1/attachments/%d", attID), Status: 404},

			{User: "wangjg", Method: "POST", Path: "/api/v1/duty-absences", Body: map[string]any{"deputy_id": e.mine, "date": "2025-09-01", "meeting": "主席团会议"}, Status: 403},
			{User: "huyuan", Method: "POST", Path: "/api/v1/duty-absences", Body: map[string]any{"deputy_id": e.mine, "date": "2025-09-01", "meeting": "主席团会议"}, Status: 404},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-absences", Body: map[string]any{"deputy_id": e.theirs, "date": "2025-09-01", "meeting": "主席团会议"}, Status: 201},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-absences", Body: map[string]any{"deputy_id": e.theirs, "date": "2025-09-01"}, Status: 422, Contains: []string{`"field":"meeting"`}},

			{User: "", Method: "GET", Path: "/api/v1/duty-kinds", Status: 401},
			{User: "wangjg", Method: "GET", Path: "/api/v1/duty-kinds", Status: 200, Contains: []string{"constituent_contact", "联系选民", `"counted":true`}},
		})
		// Uploading a file the deputy may not edit, or a program, is refused.
		if res := e.Upload(t, "lixy", fmt.Sprintf("/api/v1/duty-records/%d/attachments", own), "file", "a.png", pngBytes); res.Status != http.StatusNotFound {
			t.Errorf("another deputy attached to my record: %d", res.Status)
		}
		if res := e.Upload(t, "wangjg", fmt.Sprintf("/api/v1/duty-records/%d/attachments", own), "file", "run.exe", []byte("MZ\x90\x00\x03")); res.Status != 422 || res.ErrorField() != "files" {
			t.Errorf("a program was attached: %d %s", res.Status, res.Body)
		}
	})
}

func TestAssessmentAndSettingsRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for _, k := range []string{"group_activity", "group_activity", "group_activity", "district_visit", "practical_deed", "suggestion"} {
			e.As(t, "dayuan", "POST", "/api/v1/duty-records", map[string]any{"deputy_id": e.mine, "kind": k, "date": "2025-03-01", "days": 1})
		}
		e.As(t, "dayuan", "POST", "/api/v1/duty-records", map[string]any{"deputy_id": e.mine, "kind": "constituent_contact", "date": "2025-03-02", "days": 4, "count": 30})
		e.As(t, "dayuan", "POST", "/api/v1/duty-records", map[string]any{"deputy_id": e.mine, "kind": "district_visit", "date": "2025-04-02", "days": 1})
		e.As(t, "dayuan", "POST", "/api/v1/duty-records", map[string]any{"deputy_id": e.mine, "kind": "district_visit", "date": "2025-05-02", "days": 1})
		e.Run(t, []webtest.Case{
			{User: "", Method: "GET", Path: "/api/v1/assessments?township=330111117&year=2025", Status: 401},
			{User: "liaison", Method: "GET", Path: "/api/v1/assessments?township=330111117&year=2025", Status: 403},
			{User: "unit", Method: "GET", Path: "/api/v1/assessments?township=330111117&year=2025", Status: 403},
			// 3 group activities ×2 + visit 3×2 + deed 3 + suggestion 3 + contact 1 = 19; every target met.
			{User: "dayuan", Method: "GET", Path: "/api/v1/assessments?township=330111117&year=2025", Status: 200,
				Contains: []string{`"name":"王建国","points":19,"rank":1`, `{"key":"recess_days","required":10,"actual":12,"met":true}`, `"compliant":true,"grade":"pass","warnings":[]`,
					`"name":"李秀英","points":0,"rank":2`, `"warnings":["no_activities","no_opinions","behind_pace"]`}},
			{User: "wangjg", Method: "GET", Path: "/api/v1/assessments?township=330111117&year=2025", Status: 200, Contains: []string{"王建国"}, Excludes: []string{"李秀英"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/assessments?township=330111117&year=2025", Status: 404, Contains: []string{`"field":"township"`}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/assessments?township=330111117&year=2025", Status: 200, Contains: []string{"王建国"}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/assessments?township=330111&year=2025", Status: 422, Contains: []string{`"field":"township"`}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/assessments?township=330111117&year=2031", Status: 422, Contains: []string{`"field":"year"`}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/assessments", Status: 200, Contains: []string{"王建国"}},

			{User: "wangjg", Method: "GET", Path: "/api/v1/assessments/ranking?year=2025", Status: 403},
			{User: "fuyang", Method: "GET", Path: "/api/v1/assessments/ranking?year=2025", Status: 200, Contains: []string{`"township":"330111117"`, `"compliant":1`}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/assessments/ranking?scope=330111&year=2025", Status: 404},

			{User: "wangjg", Method: "GET", Path: "/api/v1/duty-settings?year=2025", Status: 403},
			{User: "dayuan", Method: "GET", Path: "/api/v1/duty-settings?year=2025", Status: 200, Contains: []string{`"group_activities":3`, `"recess_days":10`, `"constituent_contacts":30`}},
			{User: "dayuan", Method: "PUT", Path: "/api/v1/duty-settings?year=2025", Body: map[string]any{"targets": map[string]any{"group_activities": 4}}, Status: 403},
			{User: "fuyang", Method: "PUT", Path: "/api/v1/duty-settings?county=330109&year=2025", Body: map[string]any{"targets": map[string]any{"group_activities": 4}}, Status: 404},
			{User: "fuyang", Method: "PUT", Path: "/api/v1/duty-settings?year=2025", Body: map[string]any{"weights": map[string]any{"picnic": 4}}, Status: 422, Contains: []string{`"field":"weights.picnic"`}},
			{User: "fuyang", Method: "PUT", Path: "/api/v1/duty-settings?year=2025", Body: map[string]any{"targets": map[string]any{"group_activities": 4}}, Status: 200, Contains: []string{`"group_activities":4`}},
			// With four group activities required, 王建国 no longer meets every target.
			{User: "dayuan", Method: "GET", Path: "/api/v1/assessments?township=330111117&year=2025", Status: 200,
				Contains: []string{`{"key":"group_activities","required":4,"actual":3,"met":false}`, `"compliant":false`}},
		})
	})
}
