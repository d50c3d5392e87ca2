package dutyweb

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

func TestReportToConstituents(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		at := time.Date(2025, 9, 10, 14, 30, 0, 0, time.Local).Unix()
		schedule := map[string]any{"deputy_id": e.mine, "scheduled_at": at, "place": "大源村文化礼堂", "audience": "第三选区选民 40 人"}
		res := e.As(t, "dayuan", "POST", "/api/v1/constituent-reports", schedule)
		if res.Status != 201 {
			t.Fatalf("schedule: %d %s", res.Status, res.Body)
		}
		id := int64(res.JSON()["id"].(float64))
		p := func(f string) string { return fmt.Sprintf(f, id) }
		e.Run(t, []webtest.Case{
			{User: "wangjg", Method: "POST", Path: "/api/v1/constituent-reports", Body: schedule, Status: 403},
			{User: "huyuan", Method: "POST", Path: "/api/v1/constituent-reports", Body: schedule, Status: 404, Contains: []string{`"field":"deputy_id"`}},
			{User: "dayuan", Method: "POST", Path: "/api/v1/constituent-reports", Body: map[string]any{"deputy_id": e.mine, "scheduled_at": at}, Status: 422, Contains: []string{`"field":"place"`}},
			{User: "wangjg", Method: "GET", Path: "/api/v1/constituent-reports", Status: 200, Contains: []string{"大源村文化礼堂"}},
			{User: "lixy", Method: "GET", Path: "/api/v1/constituent-reports", Status: 200, Excludes: []string{"大源村文化礼堂"}},
			{User: "lixy", Method: "GET", Path: p("/api/v1/constituent-reports/%d"), Status: 404},
			{User: "huyuan", Method: "GET", Path: p("/api/v1/constituent-reports/%d"), Status: 404},
			{User: "wangjg", Method: "PUT", Path: p("/api/v1/constituent-reports/%d/text"), Body: map[string]any{"report_text": "一年来，我认真履行代表职责……"}, Status: 200, Contains: []string{"认真履行"}},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/constituent-reports/%d/ballots"), Body: map[string]any{"satisfied": 3}, Status: 409},
			{User: "wangjg", Method: "POST", Path: p("/api/v1/constituent-reports/%d/held"), Body: map[string]any{"date": "2025-09-10"}, Status: 403},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/constituent-reports/%d/held"), Body: map[string]any{"date": "2025-09-16"}, Status: 422, Contains: []string{`"field":"date"`}},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/constituent-reports/%d/held"), Body: map[string]any{"date": "2025-09-10"}, Status: 200, Contains: []string{`"status":"held"`}},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/constituent-reports/%d/ballots"), Body: map[string]any{"satisfied": -1}, Status: 422, Contains: []string{`"field":"satisfied"`}},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/constituent-reports/%d/ballots"), Body: map[string]any{"satisfied": 6, "basic": 2, "unsatisfied": 1}, Status: 200},
			{User: "fuyang", Method: "POST", Path: p("/api/v1/constituent-reports/%d/ballots"), Body: map[string]any{"satisfied": 4, "basic": 1, "unsatisfied": 1}, Status: 200,
				Contains: []string{`"satisfied":10,"basic":3,"unsatisfied":2,"total":15`}},
			{User: "wangjg", Method: "POST", Path: p("/api/v1/constituent-reports/%d/codes"), Body: map[string]any{"count": 2}, Status: 403},
			{User: "dayuan", Method: "POST", Path: p("/api/v1/constituent-reports/%d/codes"), Body: map[string]any{"count": 0}, Status: 422, Contains: []string{`"field":"count"`}},
		})
		codes := e.As(t, "dayuan", "POST", p("/api/v1/constituent-reports/%d/codes"), map[string]any{"count": 2})
		var got struct{ Codes []string }
		codes.Decode(t, &got)
		if codes.Status != 201 || len(got.Codes) != 2 || len(got.Codes[0]) != 8 {
			t.Fatalf("codes: %d %s", codes.Status, codes.Body)
		}
		e.Run(t, []webtest.Case{
			{User: "", Method: "POST", Path: "/api/v1/public/report-ratings", Body: map[string]any{"code": got.Codes[0], "rating": "great"}, Status: 422, Contains: []string{`"field":"rating"`}},
			{User: "", Method: "POST", Path: "/api/v1/public/report-ratings", Body: map[string]any{"code": "NOSUCHCD", "rating": "satisfied"}, Status: 422, Contains: []string{`"field":"code"`}},
			{User: "", Method: "POST", Path: "/api/v1/public/report-ratings", Body: map[string]any{"code": strings.ToLower(got.Codes[0]), "rating": "satisfied"}, Status: 204},
			{User: "", Method: "POST", Path: "/api/v1/public/report-ratings", Body: map[string]any{"code": got.Codes[0], "rating": "unsatisfied"}, Status: 422, Contains: []string{`"field":"code"`, "已经使用过"}},
			// 11 satisfied, 3 fairly, 2 not: 11/16 = 68.75%, 14/16 = 87.5%.
			{User: "wangjg", Method: "GET", Path: p("/api/v1/constituent-reports/%d"), Status: 200,
				Contains: []string{`"satisfied":11,"basic":3,"unsatisfied":2,"total":16,"online":1,"codes_issued":2,"satisfied_rate":0.6875,"approval_rate":0.875`}},
			// The held report is the deputy's duty record.
			{User: "wangjg", Method: "GET", Path: "/api/v1/duty-records?kind=report_to_constituents", Status: 200, Contains: []string{`"source":"report"`, `"date":"2025-09-10"`, `"status":"confirmed"`}},
		})
		// The public form refuses a used code with the field named.
		pub := e.Browser(t, "")
		pub.Get(t, "/public/rate?code="+got.Codes[1])
		if r := pub.Post(t, "/public/rate", url.Values{"code": {got.Codes[1]}, "rating": {"basic"}}); r.Status != 200 || !strings.Contains(string(r.Body), "感谢您的测评") {
			t.Errorf("public rating: %d", r.Status)
		}
		pub.Get(t, "/public/rate")
		if r := pub.Post(t, "/public/rate", url.Values{"code": {got.Codes[1]}, "rating": {"basic"}}); r.Status != 422 || !strings.Contains(string(r.Body), "已经使用过") {
			t.Errorf("public rating twice: %d", r.Status)
		}
		// The archive files the report under part 7 with its results.
		staff := e.Browser(t, "dayuan")
		page := staff.Get(t, fmt.Sprintf("/duties/archive/%d", e.mine))
		if page.Status != 200 || !strings.Contains(string(page.Body), "七、向选民述职") || !strings.Contains(string(page.Body), "共 17 票") {
			t.Errorf("archive page: %d", page.Status)
		}
		x := staff.Get(t, fmt.Sprintf("/duties/archive/%d/excel", e.mine))
		f, err := excelize.OpenReader(bytes.NewReader(x.Body))
		if err != nil {
			t.Fatalf("archive workbook: %v (%d)", err, x.Status)
		}
		if sheets := f.GetSheetList(); len(sheets) != 8 || sheets[0] != "一、基本情况" || sheets[7] != "八、评优评先" {
			t.Errorf("archive sheets: %q", sheets)
		}
		rows, _ := f.GetRows("七、向选民述职")
		if len(rows) < 2 || rows[1][1] != "向选民述职" {
			t.Errorf("part 7 rows: %q", rows)
		}
		e.Run(t, []webtest.Case{
			{User: "lixy", Method: "GET", Path: fmt.Sprintf("/api/v1/duty-archives/%d", e.mine), Status: 404},
			{User: "huyuan", Method: "GET", Path: fmt.Sprintf("/api/v1/duty-archives/%d", e.mine), Status: 404},
			{User: "liaison", Method: "GET", Path: fmt.Sprintf("/api/v1/duty-archives/%d", e.mine), Status: 403},
			{User: "wangjg", Method: "GET", Path: fmt.Sprintf("/api/v1/duty-archives/%d", e.mine), Status: 200, Contains: []string{`"key":"reports"`, `"term":"第十八届"`}},
			{User: "fuyang", Method: "GET", Path: fmt.Sprintf("/api/v1/duty-archives/%d?term=第九届", e.mine), Status: 422, Contains: []string{`"field":"term"`}},
			{User: "wangjg", Method: "GET", Path: "/api/v1/duty-awards?year=2024", Status: 403},
			{User: "dayuan", Method: "GET", Path: "/api/v1/duty-awards?year=2024", Status: 200},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-awards/propose", Body: map[string]any{"year": 2025}, Status: 422, Contains: []string{`"field":"year"`}},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-awards/propose", Body: map[string]any{"year": 2024}, Status: 200},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-awards/propose", Body: map[string]any{"scope": "330111205", "year": 2024}, Status: 404},
			{User: "dayuan", Method: "POST", Path: "/api/v1/duty-awards/999/decide", Body: map[string]any{"award": true}, Status: 404},
		})
	})
}
