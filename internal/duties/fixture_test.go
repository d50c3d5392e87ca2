package duties

import (
	"context"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/store"
)

// fixture makes the deputies a test needs straight in the organisation
// tables, and the principals who act on them.
type fixture struct {
	t   testing.TB
	db  *store.DB
	svc *Service
}

const (
	dayuan   = "330111117" // 大源镇
	huyuan   = "330111205" // 湖源乡
	yinhu    = "330111004" // 银湖街道
	fuyang   = "330111"
	xiaoshan = "330109"
	yiqiao   = "330109001" // 萧山区城厢街道
)

func newFixture(t testing.TB, db *store.DB, today string) *fixture {
	now, err := time.ParseInLocation(DateLayout, today, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	svc := New(db)
	svc.Now = func() time.Time { return now.Add(10 * time.Hour) }
	return &fixture{t: t, db: db, svc: svc}
}

// deputy inserts a deputy of a township with one seat from start to end
// ("" for open) and returns its id.
func (f *fixture) deputy(name, township, start, end, status string) int64 {
	f.t.Helper()
	ctx := context.Background()
	var id int64
	now := time.Now().Unix()
	if err := f.db.W.QueryRowContext(ctx, `INSERT INTO deputies (township_code, name, created_at, updated_at)
		VALUES ($1, $2, $3, $3) RETURNING id`, township, name, now).Scan(&id); err != nil {
		f.t.Fatal(err)
	}
	if start != "" {
		statusDate := ""
		if status != "serving" {
			statusDate = end
		}
		if _, err := f.db.W.ExecContext(ctx, `INSERT INTO seats (deputy_id, level, congress_code, term, start_date, end_date, status, status_date, created_at, updated_at)
			VALUES ($1, 'township', $2, '第十八届', $3, $4, $5, $6, $7, $7)`, id, township, start, end, status, statusDate, now); err != nil {
			f.t.Fatal(err)
		}
	}
	return id
}

func staff(scope string) *auth.Principal {
	role := auth.Township
	if len(scope) == 6 {
		role = auth.County
	}
	return &auth.Principal{UserID: 0, Username: "staff-" + scope, Role: role, Scope: scope}
}

func deputyUser(id int64, township string) *auth.Principal {
	return &auth.Principal{Username: "deputy", Role: auth.Deputy, Scope: township, DeputyID: id}
}

// record makes a record as p and fails the test on error.
func (f *fixture) record(p *auth.Principal, in Input) *Record {
	f.t.Helper()
	r, err := f.svc.Create(context.Background(), p, in, nil)
	if err != nil {
		f.t.Fatalf("record %+v: %v", in, err)
	}
	return r
}
