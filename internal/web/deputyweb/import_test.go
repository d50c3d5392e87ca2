package deputyweb_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"renda/internal/deputies"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/web/webtest"
)

// rosterFile writes a workbook the way Excel does: a date typed into a cell
// becomes a date cell (a serial number with a date format), numbers stay
// numbers, the rest is shared strings.
func rosterFile(t *testing.T, header []string, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sheet1"
	write := func(r int, vals []any) {
		for c, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(c+1, r)
			if v == nil {
				continue
			}
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	hs := make([]any, len(header))
	for i, h := range header {
		hs[i] = h
	}
	write(1, hs)
	for i, r := range rows {
		write(i+2, r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var header = deputies.Columns[:]

// row builds a sheet row in the template's columns.
func row(name, gender, birth any, level, group, station string, phone any, idNumber string) []any {
	return []any{name, gender, "汉族", birth, "中共党员", level, "第十八届", "第2选区", group, station, "大源镇某村党总支书记", "农民", "茶叶种植", phone, idNumber}
}

type importReply struct {
	Created int                 `json:"created"`
	Updated int                 `json:"updated"`
	Errors  []deputies.RowError `json:"errors"`
}

func upload(t *testing.T, s *webtest.Server, user, township string, dry bool, content []byte) (*webtest.Response, importReply) {
	t.Helper()
	path := "/api/v1/deputies/import?township=" + township
	if dry {
		path += "&dry_run=true"
	}
	res := s.Upload(t, user, path, "file", "名册.xlsx", content)
	var r importReply
	if res.Status == 200 || (res.Status == 422 && !strings.Contains(string(res.Body), `"error"`)) {
		res.Decode(t, &r)
	}
	return res, r
}

func count(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.R.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportPreviewCommitReimportExport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s := w.s
		idA := deputies.CompleteIDNumber("33018319680415203")
		idB := deputies.CompleteIDNumber("33018319800101112")
		wrongCheck := idA[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", idA[17])+1)%11])
		bad := rosterFile(t, header,
			row("陈建国", "男", time.Date(1968, 4, 15, 0, 0, 0, 0, time.UTC), "乡镇级", "新群片代表小组", "新群村代表联络点", 13812340001, idA),
			row("", "女", "1975-03-02", "乡镇级", "", "", 13812340002, ""),
			row("吴丽娟", "女", "1975/3/2", "乡镇级", "", "", "0571-6331234", ""),
			row("沈海燕", "女", "", "县级", "", "", 13812340004, wrongCheck),
			row("俞志强", "男", "1981.1.1", "乡镇级", "", "", 13812340005, idB),
			row("孔春华", "女", "1979年5月6日", "村级", "", "", 13812340006, ""),
			row("陈建国", "男", "", "镇级", "", "", 13812340001, idA),
		)
		before := count(t, db, `SELECT COUNT(*) FROM deputies`)
		for _, dry := range []bool{true, false} {
			res, r := upload(t, s, "dayuan", dayuan, dry, bad)
			if res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("dry=%v: status %d, want 422: %s", dry, res.Status, res.Body)
			}
			want := []deputies.RowError{
				{Row: 3, Column: "姓名"}, {Row: 4, Column: "手机号码"}, {Row: 5, Column: "身份证号"},
				{Row: 6, Column: "出生日期"}, {Row: 7, Column: "代表层级"}, {Row: 8, Column: "代表层级"},
			}
			if len(r.Errors) != len(want) {
				t.Fatalf("dry=%v: errors %+v, want rows and columns %+v", dry, r.Errors, want)
			}
			for i, e := range r.Errors {
				if e.Row != want[i].Row || e.Column != want[i].Column || e.Message == "" {
					t.Errorf("error %d is %+v, want row %d column %s", i, e, want[i].Row, want[i].Column)
				}
			}
			if !strings.Contains(r.Errors[2].Message, "校验位") || !strings.Contains(r.Errors[3].Message, "不一致") ||
				!strings.Contains(r.Errors[5].Message, "第 2 行") {
				t.Errorf("messages do not say why: %+v", r.Errors)
			}
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies`); n != before {
			t.Fatalf("a refused sheet wrote %d deputies", n-before)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputy_groups WHERE name = '新群片代表小组'`); n != 0 {
			t.Fatal("a refused sheet created its group")
		}

		// The sheet corrected: 陈建国 holds seats at two levels (two rows).
		good := rosterFile(t, header,
			row("陈建国", "男", time.Date(1968, 4, 15, 0, 0, 0, 0, time.UTC), "乡镇级", "新群片代表小组", "新群村代表联络点", 13812340001, idA),
			row("周丽娟", "女", "1975-03-02", "乡级", "新群片代表小组", "", 13812340002, ""),
			row("吴丽娟", "女", "1975/3/2", "乡镇级", "", "", "138 1234 0003", ""),
			row("沈海燕", "女", "1976.7.8", "县级", "", "", 13812340004, ""),
			row("俞志强", "男", "1980年1月1日", "镇级", "", "", "13812340005", idB),
			row("陈建国", "男", "", "区级", "", "", 13812340001, idA),
		)
		res, r := upload(t, s, "dayuan", dayuan, true, good)
		if res.Status != 200 || r.Created != 5 || r.Updated != 0 || len(r.Errors) != 0 {
			t.Fatalf("dry run: %d %s", res.Status, res.Body)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies`); n != before {
			t.Fatal("a dry run wrote")
		}
		res, r = upload(t, s, "dayuan", dayuan, false, good)
		if res.Status != 200 || r.Created != 5 || r.Updated != 0 {
			t.Fatalf("commit: %d %s", res.Status, res.Body)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies`); n != before+5 {
			t.Fatalf("%d deputies added, want 5", n-before)
		}
		for name, birth := range map[string]string{"陈建国": "1968-04-15", "周丽娟": "1975-03-02", "吴丽娟": "1975-03-02", "沈海燕": "1976-07-08", "俞志强": "1980-01-01"} {
			if n := count(t, db, `SELECT COUNT(*) FROM deputies WHERE name = $1 AND birth_date = $2 AND township_code = $3`, name, birth, dayuan); n != 1 {
				t.Errorf("%s born %s: %d rows", name, birth, n)
			}
		}
		if n := count(t, db, `SELECT COUNT(*) FROM seats s JOIN deputies d ON d.id = s.deputy_id WHERE d.name = '陈建国'`); n != 2 {
			t.Errorf("陈建国 has %d seats, want township and county", n)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies d JOIN deputy_groups g ON g.id = d.group_id
			JOIN stations s ON s.id = d.station_id WHERE d.name = '陈建国' AND g.name = '新群片代表小组' AND s.name = '新群村代表联络点'`); n != 1 {
			t.Error("the group and station named in the sheet were not created and joined")
		}
		// The ID number is not stored in plain text anywhere in the row.
		if n := count(t, db, `SELECT COUNT(*) FROM deputies WHERE id_number_enc LIKE $1 OR id_number_hash LIKE $1 OR id_number_masked = $2`,
			"%"+idA[6:14]+"%", idA); n != 0 {
			t.Error("the ID number is stored in plain text")
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies WHERE id_number_masked = $1`, idA[:6]+"********"+idA[14:]); n != 1 {
			t.Error("the masked ID number is not kept")
		}
		if n := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE entity = 'deputy' AND action = 'import'`); n != 5 {
			t.Errorf("%d import entries in the audit log, want 5", n)
		}

		// The same sheet again updates, never duplicates.
		res, r = upload(t, s, "dayuan", dayuan, false, good)
		if res.Status != 200 || r.Created != 0 || r.Updated != 5 {
			t.Fatalf("re-import: %d %s", res.Status, res.Body)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputies`); n != before+5 {
			t.Fatalf("re-import duplicated: %d deputies added", n-before)
		}

		// Export: the template's columns, a row per seat, the ID number in
		// full for township staff and masked for the system admin.
		exp := s.As(t, "dayuan", "GET", "/api/v1/deputies/export.xlsx?township="+dayuan, nil)
		if exp.Status != 200 || !strings.Contains(exp.Header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("export: %d %s", exp.Status, exp.Header)
		}
		rows := readRows(t, exp.Body)
		if strings.Join(rows[0], ",") != strings.Join(header, ",") {
			t.Fatalf("export header %v", rows[0])
		}
		seats := count(t, db, `SELECT COUNT(*) FROM seats s JOIN deputies d ON d.id = s.deputy_id WHERE d.township_code = $1`, dayuan)
		if len(rows)-1 != seats {
			t.Errorf("export has %d rows, want one per seat: %d", len(rows)-1, seats)
		}
		if !containsCell(rows, "陈建国") {
			t.Error("export lacks 陈建国")
		}
		if !containsCell(rows, idA) || !containsCell(rows, w.zhangID) {
			t.Error("township staff's export lacks the full ID numbers")
		}
		adm := readRows(t, s.As(t, "admin", "GET", "/api/v1/deputies/export.xlsx?township="+dayuan, nil).Body)
		if containsCell(adm, idA) || !containsCell(adm, idA[:6]+"********"+idA[14:]) {
			t.Error("the admin's export shows ID numbers unmasked")
		}
		// Round trip: the exported file imports cleanly and changes nobody's count.
		res, r = upload(t, s, "dayuan", dayuan, false, exp.Body)
		total := count(t, db, `SELECT COUNT(*) FROM deputies WHERE township_code = $1`, dayuan)
		if res.Status != 200 || r.Created != 0 || r.Updated != total {
			t.Fatalf("re-importing the export: %d %s (roster %d)", res.Status, res.Body, total)
		}
		masked := s.Upload(t, "fuyang", "/api/v1/deputies/import?township="+dayuan, "file", "x.xlsx", rosterFile(t, header,
			row("陈建国", "男", "1968-04-15", "乡镇级", "", "", 13812340001, idA[:6]+"********"+idA[14:])))
		if masked.Status != 200 || !strings.Contains(string(masked.Body), `"updated":1`) {
			t.Errorf("a masked ID number should match the person by name, birth date and phone: %d %s", masked.Status, masked.Body)
		}
	})
}

func readRows(t *testing.T, b []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func containsCell(rows [][]string, v string) bool {
	for _, r := range rows {
		for _, c := range r {
			if c == v {
				return true
			}
		}
	}
	return false
}

// Files that are not a roster are refused whole, with a message that says
// what is wrong.
func TestImportRefusesFiles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		swapped := append([]string(nil), header...)
		swapped[1], swapped[2] = swapped[2], swapped[1]
		noPhone := append([]string(nil), header[:13]...)
		cases := []struct {
			name    string
			content []byte
			status  int
			message string
		}{
			{"not a spreadsheet", []byte("姓名,性别\n张三,男\n"), 422, "不是 Excel"},
			{"empty file", nil, 422, "空"},
			{"empty sheet", rosterFile(t, nil), 422, "空"},
			{"header only", rosterFile(t, header), 422, "没有代表数据"},
			{"columns swapped", rosterFile(t, swapped, []any{"张三"}), 422, "第 B 列应为“性别”"},
			{"required column missing", rosterFile(t, noPhone, []any{"张三"}), 422, "缺少必填列“手机号码”"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				res := w.s.Upload(t, "dayuan", "/api/v1/deputies/import?township="+dayuan, "file", "x.xlsx", c.content)
				if res.Status != c.status || res.ErrorField() != "file" || !strings.Contains(res.ErrorMessage(), c.message) {
					t.Fatalf("%d field %q: %s", res.Status, res.ErrorField(), res.Body)
				}
			})
		}
		res := w.s.Upload(t, "dayuan", "/api/v1/deputies/import", "file", "x.xlsx", rosterFile(t, header))
		if res.Status != 422 || res.ErrorField() != "township" {
			t.Errorf("no township: %d %s", res.Status, res.Body)
		}
		// A street has no township congress.
		w.s.User(t, "fuchun", "township", fuchun)
		street := rosterFile(t, header, row("钱卫东", "男", "1970-01-01", "乡镇级", "", "", 13812349999, ""))
		res, r := upload(t, w.s, "fuchun", fuchun, false, street)
		if res.Status != 422 || len(r.Errors) != 1 || r.Errors[0].Column != "代表层级" || !strings.Contains(r.Errors[0].Message, "街道") {
			t.Errorf("township seat in a street: %d %s", res.Status, res.Body)
		}
		res, r = upload(t, w.s, "fuchun", fuchun, false, rosterFile(t, header, row("钱卫东", "男", "1970-01-01", "区级", "富春街道人大代表联组", "", 13812349999, "")))
		if res.Status != 200 || r.Created != 1 {
			t.Errorf("county seat in a street: %d %s", res.Status, res.Body)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM deputy_groups WHERE township_code = $1 AND kind = 'delegation'`, fuchun); n != 1 {
			t.Errorf("a street's group is a delegation: %d", n)
		}
	})
}
