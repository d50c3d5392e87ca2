package caseweb

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/cases/casestest"
	"renda/internal/store"
	"renda/internal/web/webtest"
)

const (
	county = "330111"
	dayuan = "330111117" // 大源镇
	huyuan = "330111205" // 湖源乡
)

// world is a county with two townships, a station, deputies, units and an
// account for every role.
type world struct {
	*webtest.Server
	mod                  *Module
	station              int64
	lead, co, other      int64 // deputies of 大源镇; other is of 湖源乡
	townGov, dept, dept2 int64 // units
	clock                *time.Time
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	svc := cases.New(db)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local) // a Monday
	svc.Now = func() time.Time { return now }
	mod := New(svc)
	w := &world{Server: webtest.New(t, db, mod), mod: mod, clock: &now}
	w.station = casestest.Station(t, db, dayuan, "大源村代表联络站")
	w.lead = casestest.Deputy(t, db, dayuan, "王建国", w.station)
	w.co = casestest.Deputy(t, db, dayuan, "李秀英", w.station)
	w.other = casestest.Deputy(t, db, huyuan, "赵志强", 0)
	w.townGov = casestest.Unit(t, db, dayuan, "大源镇人民政府", "township_government")
	w.dept = casestest.Unit(t, db, county, "富阳区住房和城乡建设局", "department")
	w.dept2 = casestest.Unit(t, db, county, "富阳区交通运输局", "department")
	w.User(t, "admin", auth.Admin, "")
	w.User(t, "fuyang", auth.County, county)
	w.User(t, "dayuan", auth.Township, dayuan)
	w.User(t, "huyuan", auth.Township, huyuan)
	w.UserWith(t, auth.NewUser{Username: "officer", Role: auth.Liaison, Scope: dayuan, StationID: w.station})
	w.UserWith(t, auth.NewUser{Username: "lead", Role: auth.Deputy, Scope: dayuan, DeputyID: w.lead})
	w.UserWith(t, auth.NewUser{Username: "co", Role: auth.Deputy, Scope: dayuan, DeputyID: w.co})
	w.UserWith(t, auth.NewUser{Username: "towngov", Role: auth.Unit, Scope: dayuan, UnitID: w.townGov})
	w.UserWith(t, auth.NewUser{Username: "jianshe", Role: auth.Unit, Scope: county, UnitID: w.dept})
	w.UserWith(t, auth.NewUser{Username: "jiaotong", Role: auth.Unit, Scope: county, UnitID: w.dept2})
	return w
}

// advance moves the service's clock.
func (w *world) advance(d time.Duration) { *w.clock = w.clock.Add(d) }

// ok calls the API and fails unless the status is want; it returns the
// decoded object.
func (w *world) ok(t *testing.T, want int, user, method, path string, body any) map[string]any {
	t.Helper()
	res := w.As(t, user, method, path, body)
	if res.Status != want {
		t.Fatalf("%s %s %s: status %d, want %d: %s", user, method, path, res.Status, want, res.Body)
	}
	return res.JSON()
}

func id(m map[string]any) int64 {
	f, _ := m["id"].(float64)
	return int64(f)
}

func path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

var _ = http.StatusOK
