package deputyweb_test

import (
	"net/http"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// Every endpoint of the module, for every role: staff within scope may
// read and write, other townships get 404 as if nothing were there,
// liaison officers see their station, deputies themselves, and handling
// units nothing.
func TestRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		zhang, li, wang := id(w.zhang), id(w.li), id(w.wang)
		group, station, district, officer := id(w.group), id(w.station), id(w.district), id(w.officer)
		patchName := map[string]any{"ethnicity": "汉族"}
		cases := []webtest.Case{
			// The roster.
			{User: "", Method: "GET", Path: "/api/v1/deputies", Status: http.StatusUnauthorized},
			{User: "unit", Method: "GET", Path: "/api/v1/deputies", Status: http.StatusForbidden},
			{User: "admin", Method: "GET", Path: "/api/v1/deputies", Status: 200, Contains: []string{"张三", "王五"}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/deputies", Status: 200, Contains: []string{"张三", "李四", "王五"}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/deputies", Status: 200, Contains: []string{"张三", "李四"}, Excludes: []string{"王五"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/deputies", Status: 200, Contains: []string{"王五"}, Excludes: []string{"张三"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/deputies?township=" + dayuan, Status: http.StatusNotFound},
			{User: "liaison", Method: "GET", Path: "/api/v1/deputies", Status: 200, Contains: []string{"张三"}, Excludes: []string{"李四", "王五"}},
			{User: "deputy", Method: "GET", Path: "/api/v1/deputies", Status: 200, Contains: []string{"张三"}, Excludes: []string{"李四"}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/deputies/" + zhang, Status: 200, Contains: []string{w.zhangID}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/deputies/" + zhang, Status: 200, Contains: []string{w.zhangID}},
			{User: "admin", Method: "GET", Path: "/api/v1/deputies/" + zhang, Status: 200, Contains: []string{"330183********"}, Excludes: []string{w.zhangID}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/deputies/" + zhang, Status: http.StatusNotFound},
			{User: "liaison", Method: "GET", Path: "/api/v1/deputies/" + zhang, Status: 200, Excludes: []string{w.zhangID}},
			{User: "liaison", Method: "GET", Path: "/api/v1/deputies/" + li, Status: http.StatusNotFound},
			{User: "deputy", Method: "GET", Path: "/api/v1/deputies/" + zhang, Status: 200, Contains: []string{w.zhangID}},
			{User: "deputy", Method: "GET", Path: "/api/v1/deputies/" + li, Status: http.StatusNotFound},
			{User: "unit", Method: "GET", Path: "/api/v1/deputies/" + zhang, Status: http.StatusForbidden},
			{User: "", Method: "GET", Path: "/api/v1/deputies/" + zhang, Status: http.StatusUnauthorized},
			{User: "dayuan", Method: "PATCH", Path: "/api/v1/deputies/" + zhang, Body: patchName, Status: 200},
			{User: "fuyang", Method: "PATCH", Path: "/api/v1/deputies/" + wang, Body: patchName, Status: 200},
			{User: "huyuan", Method: "PATCH", Path: "/api/v1/deputies/" + zhang, Body: patchName, Status: http.StatusNotFound},
			{User: "liaison", Method: "PATCH", Path: "/api/v1/deputies/" + zhang, Body: patchName, Status: http.StatusForbidden},
			{User: "deputy", Method: "PATCH", Path: "/api/v1/deputies/" + zhang, Body: patchName, Status: http.StatusForbidden},
			{User: "dayuan", Method: "POST", Path: "/api/v1/deputies", Status: http.StatusCreated, Body: map[string]any{
				"township": dayuan, "name": "赵六", "gender": "男", "phone": "13800000009", "seats": []any{map[string]any{"level": "乡镇级"}}}},
			{User: "huyuan", Method: "POST", Path: "/api/v1/deputies", Status: http.StatusUnprocessableEntity, Body: map[string]any{
				"township": dayuan, "name": "赵七", "gender": "男", "phone": "13800000010", "seats": []any{map[string]any{"level": "township"}}}},
			{User: "liaison", Method: "POST", Path: "/api/v1/deputies", Status: http.StatusForbidden, Body: map[string]any{}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/deputies/" + zhang + "/history", Status: 200, Contains: []string{"update"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/deputies/" + zhang + "/history", Status: http.StatusNotFound},
			{User: "deputy", Method: "GET", Path: "/api/v1/deputies/" + zhang + "/history", Status: http.StatusForbidden},
			{User: "dayuan", Method: "POST", Path: "/api/v1/deputies/" + zhang + "/seats", Body: map[string]any{"level": "city", "term": "第十四届"}, Status: http.StatusCreated},
			{User: "huyuan", Method: "POST", Path: "/api/v1/deputies/" + zhang + "/seats", Body: map[string]any{"level": "province"}, Status: http.StatusNotFound},
			{User: "liaison", Method: "POST", Path: "/api/v1/deputies/" + zhang + "/seats", Body: map[string]any{"level": "province"}, Status: http.StatusForbidden},
			{User: "huyuan", Method: "PATCH", Path: "/api/v1/deputies/" + zhang + "/seats/1", Body: map[string]any{"term": "x"}, Status: http.StatusNotFound},
			{User: "deputy", Method: "PATCH", Path: "/api/v1/deputies/" + zhang + "/seats/1", Body: map[string]any{"term": "x"}, Status: http.StatusForbidden},
			{User: "huyuan", Method: "POST", Path: "/api/v1/deputies/" + zhang + "/account", Body: map[string]any{"username": "zs", "password": "password-1"}, Status: http.StatusNotFound},
			{User: "liaison", Method: "POST", Path: "/api/v1/deputies/" + zhang + "/account", Body: map[string]any{"username": "zs", "password": "password-1"}, Status: http.StatusForbidden},
			{User: "dayuan", Method: "POST", Path: "/api/v1/deputies/" + li + "/account", Body: map[string]any{"username": "lisi", "password": "password-1"}, Status: http.StatusCreated, Contains: []string{`"role":"deputy"`}},
			{User: "dayuan", Method: "GET", Path: "/api/v1/deputies/template.xlsx", Status: 200},
			{User: "liaison", Method: "GET", Path: "/api/v1/deputies/template.xlsx", Status: http.StatusForbidden},
			{User: "", Method: "GET", Path: "/api/v1/deputies/template.xlsx", Status: http.StatusUnauthorized},
			{User: "dayuan", Method: "GET", Path: "/api/v1/deputies/export.xlsx?township=" + dayuan, Status: 200},
			{User: "huyuan", Method: "GET", Path: "/api/v1/deputies/export.xlsx?township=" + dayuan, Status: http.StatusNotFound},
			{User: "liaison", Method: "GET", Path: "/api/v1/deputies/export.xlsx?township=" + dayuan, Status: http.StatusForbidden},
			{User: "dayuan", Method: "GET", Path: "/api/v1/deputies/export.xlsx", Status: http.StatusUnprocessableEntity},

			// Groups.
			{User: "dayuan", Method: "GET", Path: "/api/v1/groups", Status: 200, Contains: []string{"勤功片代表小组"}, Excludes: []string{"湖源片"}},
			{User: "fuyang", Method: "GET", Path: "/api/v1/groups", Status: 200, Contains: []string{"勤功片代表小组", "湖源片"}},
			{User: "unit", Method: "GET", Path: "/api/v1/groups", Status: http.StatusForbidden},
			{User: "dayuan", Method: "GET", Path: "/api/v1/groups/" + group, Status: 200, Contains: []string{"张三", "李四"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/groups/" + group, Status: http.StatusNotFound},
			{User: "dayuan", Method: "POST", Path: "/api/v1/groups", Body: map[string]any{"township": dayuan, "name": "新群片代表小组"}, Status: http.StatusCreated},
			{User: "huyuan", Method: "POST", Path: "/api/v1/groups", Body: map[string]any{"township": dayuan, "name": "越界小组"}, Status: http.StatusUnprocessableEntity},
			{User: "liaison", Method: "POST", Path: "/api/v1/groups", Body: map[string]any{"township": dayuan, "name": "x"}, Status: http.StatusForbidden},
			{User: "dayuan", Method: "PATCH", Path: "/api/v1/groups/" + group, Body: map[string]any{"leader_id": w.zhang}, Status: 200, Contains: []string{`"leader":{"id":` + zhang}},
			{User: "huyuan", Method: "PATCH", Path: "/api/v1/groups/" + group, Body: map[string]any{"name": "x"}, Status: http.StatusNotFound},
			{User: "deputy", Method: "PATCH", Path: "/api/v1/groups/" + group, Body: map[string]any{"name": "x"}, Status: http.StatusForbidden},

			// Stations and officers.
			{User: "dayuan", Method: "GET", Path: "/api/v1/stations", Status: 200, Contains: []string{"大源镇人大代表联络站", "周联络"}, Excludes: []string{"湖源乡"}},
			{User: "liaison", Method: "GET", Path: "/api/v1/stations", Status: 200, Contains: []string{"大源镇人大代表联络站"}},
			{User: "liaison", Method: "GET", Path: "/api/v1/stations/" + id(w.otherStation), Status: http.StatusNotFound},
			{User: "huyuan", Method: "GET", Path: "/api/v1/stations/" + station, Status: http.StatusNotFound},
			{User: "dayuan", Method: "GET", Path: "/api/v1/stations/" + station, Status: 200, Contains: []string{"勤功村"}},
			{User: "dayuan", Method: "POST", Path: "/api/v1/stations", Body: map[string]any{"township": dayuan, "name": "史家村代表联络点", "villages": []string{"330111117221"}}, Status: http.StatusCreated},
			{User: "dayuan", Method: "POST", Path: "/api/v1/stations", Body: map[string]any{"township": dayuan, "name": "错村联络点", "villages": []string{"330111205001"}}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"villages"`}},
			{User: "huyuan", Method: "PATCH", Path: "/api/v1/stations/" + station, Body: map[string]any{"hours": "x"}, Status: http.StatusNotFound},
			{User: "liaison", Method: "PATCH", Path: "/api/v1/stations/" + station, Body: map[string]any{"hours": "x"}, Status: http.StatusForbidden},
			{User: "dayuan", Method: "PATCH", Path: "/api/v1/stations/" + station, Body: map[string]any{"hours": "每周一上午"}, Status: 200, Contains: []string{"每周一上午"}},
			{User: "dayuan", Method: "POST", Path: "/api/v1/stations/" + station + "/officers", Body: map[string]any{"name": "吴兼职", "phone": "13900000002"}, Status: http.StatusCreated},
			{User: "dayuan", Method: "POST", Path: "/api/v1/stations/" + station + "/officers", Body: map[string]any{"name": "吴兼职", "phone": "0571-1234"}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"phone"`}},
			{User: "huyuan", Method: "POST", Path: "/api/v1/stations/" + station + "/officers", Body: map[string]any{"name": "x", "phone": "13900000002"}, Status: http.StatusNotFound},
			{User: "huyuan", Method: "PATCH", Path: "/api/v1/stations/" + station + "/officers/" + officer, Body: map[string]any{"name": "x"}, Status: http.StatusNotFound},
			{User: "dayuan", Method: "PATCH", Path: "/api/v1/stations/" + station + "/officers/" + officer, Body: map[string]any{"public_phone": "0571-63300002"}, Status: 200},
			{User: "liaison", Method: "DELETE", Path: "/api/v1/stations/" + station + "/officers/" + officer, Status: http.StatusForbidden},
			{User: "huyuan", Method: "DELETE", Path: "/api/v1/stations/" + station + "/officers/" + officer, Status: http.StatusNotFound},
			{User: "huyuan", Method: "POST", Path: "/api/v1/stations/" + station + "/officers/" + officer + "/account", Body: map[string]any{"username": "zhou", "password": "password-1"}, Status: http.StatusNotFound},
			{User: "dayuan", Method: "POST", Path: "/api/v1/stations/" + station + "/officers/" + officer + "/account", Body: map[string]any{"username": "zhou", "password": "password-1"}, Status: http.StatusCreated, Contains: []string{`"role":"liaison"`, `"station_id":` + station}},

			// Electoral districts.
			{User: "dayuan", Method: "GET", Path: "/api/v1/electoral-districts", Status: 200, Contains: []string{"第1选区", "史家村"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/electoral-districts", Status: 200, Excludes: []string{"第1选区"}},
			{User: "huyuan", Method: "GET", Path: "/api/v1/electoral-districts/" + district, Status: http.StatusNotFound},
			{User: "dayuan", Method: "POST", Path: "/api/v1/electoral-districts", Body: map[string]any{"township": dayuan, "level": "county", "name": "大源镇第1选区"}, Status: http.StatusCreated, Contains: []string{`"congress":"330111"`}},
			{User: "fuchun", Method: "POST", Path: "/api/v1/electoral-districts", Body: map[string]any{"township": fuchun, "level": "township", "name": "x"}, Status: http.StatusUnprocessableEntity},
			{User: "dayuan", Method: "PATCH", Path: "/api/v1/electoral-districts/" + district, Body: map[string]any{"seats": 4}, Status: 200, Contains: []string{`"seats":4`}},
			{User: "huyuan", Method: "PATCH", Path: "/api/v1/electoral-districts/" + district, Body: map[string]any{"seats": 4}, Status: http.StatusNotFound},
			{User: "liaison", Method: "POST", Path: "/api/v1/electoral-districts", Body: map[string]any{"township": dayuan, "name": "x"}, Status: http.StatusForbidden},

			// The public directory: no login, never a phone or ID number.
			{User: "", Method: "GET", Path: "/api/v1/public/townships/" + dayuan, Status: 200, Contains: []string{"张三", "大源镇人大代表联络站"}, Excludes: []string{"13800000001", "330183"}},
			{User: "", Method: "GET", Path: "/api/v1/public/deputies/" + zhang, Status: 200, Contains: []string{"张三", "勤功片代表小组"}, Excludes: []string{"13800000001", "330183", "birth"}},
			{User: "", Method: "GET", Path: "/api/v1/public/stations/" + station, Status: 200, Contains: []string{"张三", "0571-63300002"}, Excludes: []string{"13900000001", "13800000001"}},
			{User: "", Method: "GET", Path: "/api/v1/public/stations/999999", Status: http.StatusNotFound},
		}
		w.s.User(t, "fuchun", "township", fuchun)
		w.s.Run(t, cases)
	})
}

// The import is multipart, so its role table is its own.
func TestImportRoles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		sheet := rosterFile(t, header, row("钱多多", "女", "1980-01-01", "乡镇级", "", "", 13812345670, ""))
		for _, c := range []struct {
			user, township string
			status         int
		}{
			{"", dayuan, http.StatusUnauthorized},
			{"unit", dayuan, http.StatusForbidden},
			{"liaison", dayuan, http.StatusForbidden},
			{"deputy", dayuan, http.StatusForbidden},
			{"huyuan", dayuan, http.StatusUnprocessableEntity}, // outside the scope: no such township
			{"dayuan", dayuan, http.StatusOK},
			{"fuyang", dayuan, http.StatusOK},
			{"admin", dayuan, http.StatusOK},
		} {
			t.Run(c.user, func(t *testing.T) {
				res := w.s.Upload(t, c.user, "/api/v1/deputies/import?dry_run=true&township="+c.township, "file", "x.xlsx", sheet)
				if res.Status != c.status {
					t.Fatalf("status %d, want %d: %s", res.Status, c.status, res.Body)
				}
			})
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies WHERE name = '钱多多'`); n != 0 {
			t.Error("a dry run wrote")
		}
		var seat int64
		db.R.QueryRow(`SELECT id FROM seats WHERE deputy_id = $1`, w.li).Scan(&seat)
		w.s.Run(t, []webtest.Case{
			{User: "dayuan", Method: "PATCH", Path: "/api/v1/deputies/" + id(w.li) + "/seats/" + id(seat),
				Body: map[string]any{"status": "terminated", "status_reason": "迁出本行政区域", "status_date": "2025.3.1"}, Status: 200, Contains: []string{`"status":"terminated"`, `"status_date":"2025-03-01"`}},
			{User: "dayuan", Method: "PATCH", Path: "/api/v1/deputies/" + id(w.li) + "/seats/" + id(seat),
				Body: map[string]any{"status": "gone"}, Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"status"`}},
			{User: "dayuan", Method: "POST", Path: "/api/v1/deputies", Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"level"`, "全国"},
				Body: map[string]any{"township": dayuan, "name": "孙八", "gender": "男", "phone": "13800000011", "seats": []any{map[string]any{"level": "村级"}}}},
			{User: "dayuan", Method: "POST", Path: "/api/v1/deputies", Status: http.StatusUnprocessableEntity, Contains: []string{`"field":"birth_date"`},
				Body: map[string]any{"township": dayuan, "name": "孙八", "gender": "男", "phone": "13800000011", "birth_date": "1980-13-01", "seats": []any{map[string]any{"level": "township"}}}},
		})
	})
}
