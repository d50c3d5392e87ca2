package deputies

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/testdb"
)

const (
	dayuan = "330111117"
	huyuan = "330111205"
	fuchun = "330111001"
)

var (
	county   = &auth.Principal{UserID: 0, Username: "fuyang", Role: auth.County, Scope: "330111"}
	staffDY  = &auth.Principal{Username: "dayuan", Role: auth.Township, Scope: dayuan}
	staffHY  = &auth.Principal{Username: "huyuan", Role: auth.Township, Scope: huyuan}
	province = &auth.Principal{Username: "zhejiang", Role: auth.Admin, Scope: "33"}
)

func newDeputy(t *testing.T, db *store.DB, p *auth.Principal, township, name, phone string, level Level, mods ...func(*Input)) *Deputy {
	t.Helper()
	in := Input{Township: Str(township), Name: Str(name), Gender: Str("male"), Phone: Str(phone),
		Seats: []SeatInput{{Level: Str(string(level)), Term: Str("第十八届")}}}
	for _, m := range mods {
		m(&in)
	}
	d, err := Create(context.Background(), db, p, in)
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return d
}

func names(ds []*Deputy) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Name)
	}
	return out
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Field != field {
		t.Fatalf("error %v, want one naming %s", err, field)
	}
}

func TestRosterSearchAndPaging(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		g, err := CreateGroup(ctx, db, staffDY, GroupInput{Township: Str(dayuan), Name: Str("勤功片代表小组")})
		if err != nil {
			t.Fatal(err)
		}
		newDeputy(t, db, staffDY, dayuan, "张三", "13800000001", Township, func(in *Input) { in.GroupID = &g.ID; in.Skills = Str("法律、调解") })
		newDeputy(t, db, staffDY, dayuan, "章珊珊", "13800000002", County, func(in *Input) { in.Sector = Str("农民") })
		newDeputy(t, db, staffDY, dayuan, "李四", "13800000003", Township)
		newDeputy(t, db, staffHY, huyuan, "张思", "13800000004", Township)
		for _, c := range []struct {
			p    *auth.Principal
			f    Filter
			want string
		}{
			{staffDY, Filter{Query: "zs"}, "[张三 章珊珊]"}, // initials match as a prefix, as one types
			{staffDY, Filter{Query: "zss"}, "[章珊珊]"},
			{staffDY, Filter{Query: "zhangsan"}, "[张三]"},
			{staffDY, Filter{Query: "ZHANG"}, "[张三 章珊珊]"},
			{staffDY, Filter{Query: "张"}, "[张三]"},
			{staffDY, Filter{Query: "0003"}, "[李四]"},
			{county, Filter{Query: "zs"}, "[张三 章珊珊 张思]"},
			{county, Filter{Query: "zs", Township: huyuan}, "[张思]"},
			{province, Filter{Query: "zs"}, "[张三 章珊珊 张思]"}, // over a province the keys are read apart
			{province, Filter{Query: "张"}, "[张三 张思]"},
			{province, Filter{Query: "zs", Level: County}, "[章珊珊]"},
			{staffDY, Filter{Level: County}, "[章珊珊]"},
			{staffDY, Filter{GroupID: g.ID}, "[张三]"},
			{staffDY, Filter{Sector: "农"}, "[章珊珊]"},
			{staffDY, Filter{Skill: "调解"}, "[张三]"},
			{staffDY, Filter{Status: Resigned}, "[]"},
		} {
			ds, _, err := List(ctx, db.R, c.p, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(names(ds)); got != c.want {
				t.Errorf("%s %+v: %s, want %s", c.p.Username, c.f, got, c.want)
			}
		}
		if _, _, err := List(ctx, db.R, staffHY, Filter{Township: dayuan}); err == nil {
			t.Error("a township outside the scope should be not found")
		}

		// Paging: every deputy once, in pinyin order, across pages.
		for i := 0; i < 23; i++ {
			newDeputy(t, db, staffDY, dayuan, "王"+strconv.Itoa(i), fmt.Sprintf("139%08d", i), Township)
		}
		seen := map[int64]bool{}
		cursor, pages := "", 0
		last := ""
		for {
			ds, next, err := List(ctx, db.R, staffDY, Filter{Cursor: cursor, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, d := range ds {
				if seen[d.ID] {
					t.Fatalf("%s twice", d.Name)
				}
				if d.NamePinyin < last {
					t.Fatalf("%s out of order", d.Name)
				}
				seen[d.ID], last = true, d.NamePinyin
			}
			if next == "" {
				break
			}
			cursor = next
		}
		if len(seen) != 26 || pages != 6 {
			t.Errorf("%d deputies in %d pages, want 26 in 6", len(seen), pages)
		}
		// A search pages the same way, over a province too.
		found := map[int64]bool{}
		for cursor = ""; ; {
			ds, next, err := List(ctx, db.R, province, Filter{Query: "wang", Cursor: cursor, Limit: 4})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				if found[d.ID] || !strings.HasPrefix(d.Name, "王") {
					t.Fatalf("%s found twice or wrongly", d.Name)
				}
				found[d.ID] = true
			}
			if next == "" {
				break
			}
			cursor = next
		}
		if len(found) != 23 {
			t.Errorf("searching wang over the province paged through %d, want 23", len(found))
		}
	})
}

func TestDeputyRules(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// A street has no township congress.
		_, err := Create(ctx, db, county, Input{Township: Str(fuchun), Name: Str("钱一"), Gender: Str("男"), Phone: Str("13800000001"),
			Seats: []SeatInput{{Level: Str("乡镇级")}}})
		wantField(t, err, "level")
		if e, _ := errs.As(err); e.Code != "no_township_congress" {
			t.Errorf("code %s", e.Code)
		}
		street := newDeputy(t, db, county, fuchun, "钱二", "13800000002", County)
		if _, err := AddSeat(ctx, db, county, street.ID, SeatInput{Level: Str("township")}); err == nil {
			t.Error("a street deputy got a township seat")
		}

		id := CompleteIDNumber("33018319750302123")
		bad := []struct {
			field string
			in    Input
		}{
			{"name", Input{Gender: Str("男"), Phone: Str("13800000003")}},
			{"gender", Input{Name: Str("孙三"), Gender: Str("未知"), Phone: Str("13800000003")}},
			{"phone", Input{Name: Str("孙三"), Gender: Str("男"), Phone: Str("0571-63312345")}},
			{"birth_date", Input{Name: Str("孙三"), Gender: Str("男"), Phone: Str("13800000003"), BirthDate: Str("1975-02-30")}},
			{"id_number", Input{Name: Str("孙三"), Gender: Str("男"), Phone: Str("13800000003"), IDNumber: Str(id[:17] + "0")}},
			{"birth_date", Input{Name: Str("孙三"), Gender: Str("男"), Phone: Str("13800000003"), IDNumber: Str(id), BirthDate: Str("1976-03-02")}},
			{"seats", Input{Name: Str("孙三"), Gender: Str("男"), Phone: Str("13800000003")}},
		}
		for _, b := range bad {
			b.in.Township = Str(dayuan)
			if b.field != "seats" {
				b.in.Seats = []SeatInput{{Level: Str("township")}}
			}
			_, err := Create(ctx, db, staffDY, b.in)
			wantField(t, err, b.field)
		}
		d := newDeputy(t, db, staffDY, dayuan, "孙三", "13800000003", Township, func(in *Input) { in.IDNumber = Str(id) })
		if d.BirthDate != "1975-03-02" || d.IDNumber != "330183********"+id[14:] {
			t.Errorf("birth %s, id %s", d.BirthDate, d.IDNumber)
		}
		_, err = Create(ctx, db, staffDY, Input{Township: Str(dayuan), Name: Str("孙四"), Gender: Str("男"), Phone: Str("13800000004"),
			IDNumber: Str(id), Seats: []SeatInput{{Level: Str("township")}}})
		if e, ok := errs.As(err); !ok || e.Kind != errs.Conflict || e.Field != "id_number" {
			t.Errorf("the same ID number twice: %v", err)
		}
		got, _ := Get(ctx, db.R, staffDY, d.ID)
		k, _ := Keys(ctx, db)
		if err := got.Reveal(k, staffDY); err != nil || got.IDNumber != id {
			t.Errorf("township staff read %s (%v)", got.IDNumber, err)
		}

		// Ending a seat needs its reason and date, and is kept in the history.
		_, err = UpdateSeat(ctx, db, staffDY, d.ID, d.Seats[0].ID, SeatInput{Status: Str("resigned")})
		wantField(t, err, "status_reason")
		_, err = UpdateSeat(ctx, db, staffDY, d.ID, d.Seats[0].ID, SeatInput{Status: Str("resigned"), StatusReason: Str("工作调动"), StatusDate: Str("2024/6/1")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Update(ctx, db, staffDY, d.ID, Input{Employer: Str("大源镇中心小学教师")}); err != nil {
			t.Fatal(err)
		}
		if _, err := Update(ctx, db, staffHY, d.ID, Input{Employer: Str("x")}); err == nil {
			t.Error("another township changed the deputy")
		}
		hist, _, err := audit.List(ctx, db.R, audit.Filter{Scope: dayuan, Entity: "deputy", EntityID: strconv.FormatInt(d.ID, 10)})
		if err != nil || len(hist) != 3 {
			t.Fatalf("history %d entries (%v), want create, seat change, update", len(hist), err)
		}
		if hist[0].Action != "update" || hist[1].Action != "update_seat" || hist[2].Action != "create" {
			t.Errorf("history %s %s %s", hist[0].Action, hist[1].Action, hist[2].Action)
		}
		if string(hist[1].After) == "" || !strings.Contains(string(hist[1].After), "工作调动") || !strings.Contains(string(hist[1].Before), "serving") {
			t.Errorf("the seat change lacks before and after: %s → %s", hist[1].Before, hist[1].After)
		}
		for _, e := range hist {
			if strings.Contains(string(e.Before)+string(e.After), id) {
				t.Error("the audit log holds a full ID number")
			}
		}
		serving, _ := ServingInCongress(ctx, db.R, dayuan)
		for _, b := range serving {
			if b.ID == d.ID {
				t.Error("a resigned deputy is still serving")
			}
		}
	})
}
