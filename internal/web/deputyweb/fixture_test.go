package deputyweb_test

import (
	"context"
	"strconv"
	"testing"

	"renda/internal/auth"
	"renda/internal/deputies"
	"renda/internal/store"
	"renda/internal/web/deputyweb"
	"renda/internal/web/webtest"
)

const (
	dayuan = "330111117" // 大源镇
	huyuan = "330111205" // 湖源乡
	fuchun = "330111001" // 富春街道
)

// world is a small organisation in two townships and a street, with an
// account for every role.
type world struct {
	s                        *webtest.Server
	db                       *store.DB
	group, station, district int64
	officer                  int64
	zhang, li, wang          int64 // 张三 and 李四 of 大源镇 (张三 at the station), 王五 of 湖源乡
	otherGroup, otherStation int64
	zhangID                  string
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// need is for building the fixture: a failure there is a broken test.
func need[T any](v T, err error) T {
	if err != nil {
		panic("fixture: " + err.Error())
	}
	return v
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := context.Background()
	p := auth.SystemPrincipal
	w := &world{db: db, s: webtest.New(t, db, deputyweb.New(db))}
	w.district = need(deputies.CreateDistrict(ctx, db, p, deputies.DistrictInput{Township: deputies.Str(dayuan),
		Name: deputies.Str("第1选区"), Seats: ptr(3), Villages: &[]string{"330111117207", "330111117221"}})).ID
	w.group = need(deputies.CreateGroup(ctx, db, p, deputies.GroupInput{Township: deputies.Str(dayuan), Name: deputies.Str("勤功片代表小组")})).ID
	st := need(deputies.CreateStation(ctx, db, p, deputies.StationInput{Township: deputies.Str(dayuan), Name: deputies.Str("大源镇人大代表联络站"),
		Address: deputies.Str("大源镇人民政府一楼"), Hours: deputies.Str("每月5日、20日上午"), Villages: &[]string{"330111117207"}}))
	w.station = st.ID
	w.officer = need(deputies.AddOfficer(ctx, db, p, st.ID, deputies.OfficerInput{Name: deputies.Str("周联络"),
		Phone: deputies.Str("13900000001"), PublicPhone: deputies.Str("0571-63300001")})).ID
	w.zhangID = deputies.CompleteIDNumber("33018319750302123")
	w.zhang = need(deputies.Create(ctx, db, p, deputies.Input{Township: deputies.Str(dayuan), Name: deputies.Str("张三"),
		Gender: deputies.Str("male"), Phone: deputies.Str("13800000001"), IDNumber: &w.zhangID, Sector: deputies.Str("农民"),
		GroupID: &w.group, StationID: &w.station,
		Seats: []deputies.SeatInput{{Level: deputies.Str("township"), Term: deputies.Str("第十八届"), DistrictID: &w.district}}})).ID
	w.li = need(deputies.Create(ctx, db, p, deputies.Input{Township: deputies.Str(dayuan), Name: deputies.Str("李四"),
		Gender: deputies.Str("female"), Phone: deputies.Str("13800000002"), GroupID: &w.group,
		Seats: []deputies.SeatInput{{Level: deputies.Str("county"), Term: deputies.Str("第十八届")}}})).ID
	w.otherGroup = need(deputies.CreateGroup(ctx, db, p, deputies.GroupInput{Township: deputies.Str(huyuan), Name: deputies.Str("湖源片代表小组")})).ID
	w.otherStation = need(deputies.CreateStation(ctx, db, p, deputies.StationInput{Township: deputies.Str(huyuan), Name: deputies.Str("湖源乡人大代表联络站")})).ID
	w.wang = need(deputies.Create(ctx, db, p, deputies.Input{Township: deputies.Str(huyuan), Name: deputies.Str("王五"),
		Gender: deputies.Str("male"), Phone: deputies.Str("13800000003"), GroupID: &w.otherGroup,
		Seats: []deputies.SeatInput{{Level: deputies.Str("township")}}})).ID

	w.s.User(t, "admin", auth.Admin, "")
	w.s.User(t, "fuyang", auth.County, "330111")
	w.s.User(t, "dayuan", auth.Township, dayuan)
	w.s.User(t, "huyuan", auth.Township, huyuan)
	w.s.UserWith(t, auth.NewUser{Username: "liaison", Role: auth.Liaison, Scope: dayuan, StationID: w.station})
	w.s.UserWith(t, auth.NewUser{Username: "deputy", Role: auth.Deputy, Scope: dayuan, DeputyID: w.zhang})
	w.s.User(t, "unit", auth.Unit, "330111")
	return w
}

func ptr[T any](v T) *T { return &v }
