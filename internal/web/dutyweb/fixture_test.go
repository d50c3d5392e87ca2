package dutyweb

import (
	"context"
	"testing"
	"time"

	"renda/internal/attachments/attachweb"
	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/store"
	"renda/internal/web/webtest"
)

const (
	dayuan = "330111117" // 大源镇
	huyuan = "330111205" // 湖源乡
	fuyang = "330111"
)

// today is the fixed date the tests run at: after mid-year, so that
// warnings are judged.
const today = "2025-09-15"

// env is a server with the duties module and the accounts of every role.
type env struct {
	*webtest.Server
	svc               *duties.Service
	mine, theirs, far int64 // deputies: two of 大源镇, one of 湖源乡
}

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	svc := duties.New(db)
	now, _ := time.ParseInLocation("2006-01-02", today, time.Local)
	svc.Now = func() time.Time { return now.Add(10 * time.Hour) }
	s := webtest.New(t, db, New(svc), attachweb.Module{})
	e := &env{Server: s, svc: svc}
	e.mine = insertDeputy(t, db, "王建国", dayuan)
	e.theirs = insertDeputy(t, db, "李秀英", dayuan)
	e.far = insertDeputy(t, db, "陈志强", huyuan)
	s.User(t, "admin", auth.Admin, "")
	s.User(t, "fuyang", auth.County, fuyang)
	s.User(t, "dayuan", auth.Township, dayuan)
	s.User(t, "huyuan", auth.Township, huyuan)
	s.User(t, "liaison", auth.Liaison, dayuan)
	s.User(t, "unit", auth.Unit, fuyang)
	s.UserWith(t, auth.NewUser{Username: "wangjg", Role: auth.Deputy, Scope: dayuan, DeputyID: e.mine, DisplayName: "王建国"})
	s.UserWith(t, auth.NewUser{Username: "lixy", Role: auth.Deputy, Scope: dayuan, DeputyID: e.theirs, DisplayName: "李秀英"})
	return e
}

// insertDeputy puts a serving deputy straight into the organisation tables.
func insertDeputy(t *testing.T, db *store.DB, name, township string) int64 {
	t.Helper()
	ctx := context.Background()
	now := time.Now().Unix()
	var id int64
	if err := db.W.QueryRowContext(ctx, `INSERT INTO deputies (township_code, name, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id`,
		township, name, now).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.W.ExecContext(ctx, `INSERT INTO seats (deputy_id, level, congress_code, term, start_date, status, created_at, updated_at)
		VALUES ($1, 'township', $2, '第十八届', '2021-10-01', 'serving', $3, $3)`, id, township, now); err != nil {
		t.Fatal(err)
	}
	return id
}

// pngBytes is a tiny real PNG header, enough for the type to sniff.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
