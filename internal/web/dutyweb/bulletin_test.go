package dutyweb

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

func TestBulletin(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		var group int64
		if err := db.W.QueryRow(`INSERT INTO deputy_groups (township_code, name, created_at, updated_at) VALUES ($1, '大源片代表小组', $2, $2) RETURNING id`,
			dayuan, time.Now().Unix()).Scan(&group); err != nil {
			t.Fatal(err)
		}
		db.W.Exec(`UPDATE deputies SET group_id = $1 WHERE id = $2`, group, e.mine)
		for _, r := range []map[string]any{
			{"kind": "session_attendance", "date": "2025-02-20", "days": 2},
			{"kind": "deliberation_speech", "date": "2025-02-21", "days": 0.5},
			{"kind": "group_activity", "date": "2025-03-01", "days": 1},
			{"kind": "constituent_contact", "date": "2025-05-01", "days": 1, "count": 16},
			{"kind": "group_activity", "date": "2025-08-01", "days": 1},
		} {
			r["deputy_id"] = e.mine
			if res := e.As(t, "dayuan", "POST", "/api/v1/duty-records", r); res.Status != 201 {
				t.Fatal(res.Status, string(res.Body))
			}
		}
		e.As(t, "dayuan", "POST", "/api/v1/duty-absences", map[string]any{"deputy_id": e.theirs, "date": "2025-03-05", "meeting": "主席团会议"})
		e.Run(t, []webtest.Case{
			{User: "wangjg", Method: "GET", Path: "/api/v1/duty-bulletins?township=330111117&year=2025&half=1", Status: 403},
			{User: "huyuan", Method: "GET", Path: "/api/v1/duty-bulletins?township=330111117&year=2025&half=1", Status: 404},
			{User: "huyuan", Method: "GET", Path: fmt.Sprintf("/api/v1/duty-bulletins?group=%d&year=2025&half=1", group), Status: 404},
			{User: "dayuan", Method: "GET", Path: "/api/v1/duty-bulletins?year=2025&half=3", Status: 422, Contains: []string{`"field":"half"`}},
			// First half: the August activity is not in it; half the annual
			// targets (3 → 2 group activities).
			{User: "dayuan", Method: "GET", Path: "/api/v1/duty-bulletins?year=2025&half=1", Status: 200,
				Contains: []string{`"name":"王建国"`, `"group":"大源片代表小组","attendance":1,"absences":0,"speeches":1,"records":4,"recess_days":2.5`,
					`{"key":"group_activities","required":2,"actual":1,"met":false}`, `"absences":1`}},
			{User: "fuyang", Method: "GET", Path: fmt.Sprintf("/api/v1/duty-bulletins?group=%d&year=2025&half=2", group), Status: 200,
				Contains: []string{`"records":5`, `{"key":"group_activities","required":3,"actual":2,"met":false}`}, Excludes: []string{"李秀英"}},
		})
		b := e.Browser(t, "dayuan")
		page := b.Get(t, "/duties/bulletin?year=2025&half=1")
		if page.Status != 200 || !strings.Contains(string(page.Body), "大源镇2025年上半年代表履职情况通报") {
			t.Errorf("bulletin page: %d", page.Status)
		}
		res := b.Get(t, "/duties/bulletin.xlsx?year=2025&half=1")
		if res.Status != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("bulletin workbook: %d %v", res.Status, res.Header)
		}
		f, err := excelize.OpenReader(bytes.NewReader(res.Body))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("履职通报")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 || !strings.HasPrefix(rows[0][0], "大源镇2025年上半年") || rows[1][1] != "代表" {
			t.Fatalf("workbook rows: %q", rows)
		}
		var wang []string
		for _, r := range rows[2:] {
			if r[1] == "王建国" {
				wang = r
			}
		}
		// rank, name, group, attendance, absences, speeches, records, recess days, group activities …
		if wang == nil || wang[2] != "大源片代表小组" || wang[3] != "1" || wang[5] != "1" || wang[6] != "4" || wang[7] != "2.5" || wang[8] != "1/2" {
			t.Errorf("王建国's row: %q", wang)
		}
	})
}
