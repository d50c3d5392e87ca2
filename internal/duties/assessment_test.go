package duties

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"renda/internal/store"
	"renda/internal/testdb"
)

// want is a hand-computed assessment line.
type want struct {
	points    float64
	rank      int
	actual    map[string]float64
	required  map[string]float64
	compliant bool
	grade     string
	warnings  []string
}

var fullYear = map[string]float64{"group_activities": 3, "recess_days": 10, "constituent_contacts": 30,
	"district_visits": 3, "practical_deeds": 1, "suggestions": 1}

func TestAssessmentHandComputed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "2026-03-01")
		st := staff(dayuan)
		a := f.deputy("甲代表", dayuan, "2021-10-01", "", "serving")
		b := f.deputy("乙代表", dayuan, "2021-10-01", "", "serving")
		c := f.deputy("丙代表", dayuan, "2021-10-01", "2025-06-30", "resigned")
		d := f.deputy("丁代表", dayuan, "", "", "")
		gone := f.deputy("戊代表", dayuan, "2016-10-01", "2024-12-31", "terminated")
		e := f.deputy("己代表", huyuan, "2021-10-01", "", "serving")

		add := func(id int64, k Kind, date string, days float64, n int) *Record {
			return f.record(st, Input{DeputyID: id, Kind: k, Date: date, Days: days, Count: n})
		}
		// 甲: half days, a record on 1 January and one on 31 December,
		// and records of the neighbouring years that must not count.
		add(a, GroupActivity, "2025-03-01", 1, 0)
		add(a, GroupActivity, "2025-06-01", 0.5, 0)
		add(a, GroupActivity, "2025-12-31", 0.5, 0)
		add(a, GroupActivity, "2024-12-31", 1, 0)
		add(a, GroupActivity, "2026-01-01", 1, 0)
		add(a, ConstituentContact, "2025-01-01", 0.5, 12)
		add(a, ConstituentContact, "2025-04-01", 1, 20)
		add(a, DistrictVisit, "2025-02-10", 1, 0)
		add(a, DistrictVisit, "2025-05-10", 1, 0)
		add(a, DistrictVisit, "2025-09-10", 1, 0)
		add(a, PracticalDeed, "2025-07-07", 1, 0)
		add(a, Suggestion, "2025-03-03", 0.5, 0)
		add(a, Inspection, "2025-10-10", 2, 0)
		// Unconfirmed and returned records of 甲 do not count.
		self := deputyUser(a, dayuan)
		f.record(self, Input{Kind: DistrictVisit, Date: "2025-11-11", Days: 1})
		returned := f.record(self, Input{Kind: GroupActivity, Date: "2025-11-12", Days: 1})
		if _, err := f.svc.Return(ctx, st, returned.ID, "照片与活动不符"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AddAbsence(ctx, st, Absence{DeputyID: a, Date: "2025-09-01", Meeting: "镇人大主席团会议", WithLeave: true}); err != nil {
			t.Fatal(err)
		}
		// 乙: only the session, and absent without leave once.
		add(b, SessionAttendance, "2025-03-10", 2, 0)
		if _, err := f.svc.AddAbsence(ctx, st, Absence{DeputyID: b, Date: "2025-09-01", Meeting: "镇人大主席团会议"}); err != nil {
			t.Fatal(err)
		}
		// 丙 resigned on 30 June: six months, targets prorated; the record
		// after the seat ended does not count.
		add(c, GroupActivity, "2025-02-01", 1, 0)
		add(c, GroupActivity, "2025-05-01", 1, 0)
		add(c, ConstituentContact, "2025-03-01", 1, 15)
		add(c, DistrictVisit, "2025-04-01", 1, 0)
		add(c, DistrictVisit, "2025-06-30", 1, 0)
		add(c, PracticalDeed, "2025-05-05", 1, 0)
		add(c, Motion, "2025-03-03", 0.5, 0)
		add(c, GroupActivity, "2025-08-01", 1, 0)
		// 丁 has no seat on record (taken as serving) and ties with 丙.
		add(d, Motion, "2025-04-04", 0.5, 0)
		add(d, Motion, "2025-05-05", 0.5, 0)
		add(d, Motion, "2025-06-06", 0.5, 0)
		add(d, GroupActivity, "2025-07-07", 1, 0)
		add(gone, GroupActivity, "2025-03-01", 1, 0)
		f.record(staff(huyuan), Input{DeputyID: e, Kind: GroupActivity, Date: "2025-03-01", Days: 1})

		items, err := f.svc.AssessTownship(ctx, st, dayuan, 2025)
		if err != nil {
			t.Fatal(err)
		}
		half := map[string]float64{"group_activities": 2, "recess_days": 5, "constituent_contacts": 15,
			"district_visits": 2, "practical_deeds": 1, "suggestions": 1}
		wants := map[int64]want{
			// 3×2 + 2×1 + 3×2 + 3 + 3 + 2 = 22; recess days 2 + 1.5 + 3 + 1 + 0.5 + 2 = 10.
			a: {22, 1, map[string]float64{"group_activities": 3, "recess_days": 10, "constituent_contacts": 32,
				"district_visits": 3, "practical_deeds": 1, "suggestions": 1}, fullYear, true, GradePass, []string{}},
			// 2×2 + 1 + 2×2 + 3 + 5 = 17 over six months.
			c: {17, 2, map[string]float64{"group_activities": 2, "recess_days": 6.5, "constituent_contacts": 15,
				"district_visits": 2, "practical_deeds": 1, "suggestions": 1}, half, true, GradePass, []string{}},
			// 3×5 + 2 = 17: the same points share rank 2.
			d: {17, 2, map[string]float64{"group_activities": 1, "recess_days": 2.5, "constituent_contacts": 0,
				"district_visits": 0, "practical_deeds": 0, "suggestions": 3}, fullYear, false, GradeFail, []string{}},
			// The session is not recess activity.
			b: {5, 4, map[string]float64{"group_activities": 0, "recess_days": 0, "constituent_contacts": 0,
				"district_visits": 0, "practical_deeds": 0, "suggestions": 0}, fullYear, false, GradeFail,
				[]string{WarnAbsentMeetings, WarnNoActivities, WarnNoOpinions}},
		}
		if len(items) != len(wants) {
			t.Fatalf("got %d deputies, want %d (the one whose seat ended in 2024 and the other township's are out): %+v", len(items), len(wants), items)
		}
		for _, it := range items {
			w, ok := wants[it.DeputyID]
			if !ok {
				t.Fatalf("unexpected deputy %d %s", it.DeputyID, it.Name)
			}
			if it.Points != w.points || it.Rank != w.rank || it.Compliant != w.compliant || it.Grade != w.grade {
				t.Errorf("%s: points %v rank %d compliant %v grade %s; want %v %d %v %s", it.Name, it.Points, it.Rank, it.Compliant, it.Grade,
					w.points, w.rank, w.compliant, w.grade)
			}
			if !reflect.DeepEqual(it.Warnings, w.warnings) {
				t.Errorf("%s: warnings %v, want %v", it.Name, it.Warnings, w.warnings)
			}
			for _, tr := range it.Targets {
				if tr.Actual != w.actual[tr.Key] || tr.Required != w.required[tr.Key] || tr.Met != (tr.Actual >= tr.Required) {
					t.Errorf("%s %s: actual %v required %v met %v; want %v %v", it.Name, tr.Key, tr.Actual, tr.Required, tr.Met,
						w.actual[tr.Key], w.required[tr.Key])
				}
			}
		}

		// A county's own weights change the points: group activity at 4.
		w := map[string]float64{"group_activity": 4}
		if _, err := f.svc.UpdateSettings(ctx, staff(fuyang), "", 2025, SettingsInput{Weights: w}); err != nil {
			t.Fatal(err)
		}
		items, err = f.svc.AssessTownship(ctx, st, dayuan, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if items[0].DeputyID != a || items[0].Points != 28 {
			t.Errorf("with group activity at 4 points, 甲 has %v (want 28)", items[0].Points)
		}
		// The deputy sees their own line only.
		own, err := f.svc.AssessTownship(ctx, deputyUser(b, dayuan), dayuan, 2025)
		if err != nil || len(own) != 1 || own[0].DeputyID != b {
			t.Errorf("deputy's own assessment: %+v %v", own, err)
		}
	})
}

func TestWarningsByPace(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, c := range []struct {
			today    string
			warnings []string
			behind   []string
		}{
			// Before mid-year nothing is judged behind.
			{"2025-06-30", []string{}, nil},
			// 15 August: 227/365 of the year has passed; one group activity
			// is behind 3 × 0.62, seven recess days are ahead of 10 × 0.62.
			{"2025-08-15", []string{WarnBehindPace}, []string{TargetGroupActivities}},
		} {
			f := newFixture(t, db, c.today)
			st := staff(huyuan)
			id := f.deputy("庚代表"+c.today, huyuan, "2021-10-01", "", "serving")
			idle := f.deputy("辛代表"+c.today, huyuan, "2021-10-01", "", "serving")
			for _, in := range []Input{
				{Kind: GroupActivity, Date: "2025-03-01", Days: 1},
				{Kind: ConstituentContact, Date: "2025-03-02", Days: 1, Count: 30},
				{Kind: DistrictVisit, Date: "2025-03-03", Days: 1},
				{Kind: DistrictVisit, Date: "2025-03-04", Days: 1},
				{Kind: DistrictVisit, Date: "2025-03-05", Days: 1},
				{Kind: PracticalDeed, Date: "2025-03-06", Days: 1},
				{Kind: Suggestion, Date: "2025-03-07", Days: 1},
			} {
				in.DeputyID = id
				f.record(st, in)
			}
			items, err := f.svc.AssessTownship(ctx, st, huyuan, 2025)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				switch it.DeputyID {
				case id:
					if !reflect.DeepEqual(it.Warnings, c.warnings) || !reflect.DeepEqual(it.Behind, c.behind) {
						t.Errorf("%s: warnings %v behind %v; want %v %v", c.today, it.Warnings, it.Behind, c.warnings, c.behind)
					}
				case idle:
					wantIdle := []string{}
					if c.today >= "2025-07-01" {
						wantIdle = []string{WarnNoActivities, WarnNoOpinions, WarnBehindPace}
					}
					if !reflect.DeepEqual(it.Warnings, wantIdle) {
						t.Errorf("%s idle deputy: warnings %v, want %v", c.today, it.Warnings, wantIdle)
					}
				}
			}
		}
	})
}

// A county is tallied township by township, a township in one query;
// both ways must give the same figures, partial years included.
func TestCountyTallyWaysAgree(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "2026-03-01")
		for i, town := range []string{dayuan, huyuan, yinhu} {
			full := f.deputy("全年代表", town, "2021-10-01", "", "serving")
			left := f.deputy("离任代表", town, "2021-10-01", "2025-05-31", "resigned")
			for _, id := range []int64{full, left} {
				for d := 1; d <= 12; d += 1 + i {
					f.record(staff(town), Input{DeputyID: id, Kind: GroupActivity, Date: fmt.Sprintf("2025-%02d-10", d), Days: 0.5})
				}
				f.record(staff(town), Input{DeputyID: id, Kind: ConstituentContact, Date: "2025-02-02", Days: 1, Count: 7 + i})
			}
		}
		var got [2][]*Item
		county, err := assessPeriod(ctx, db.R, fuyang, 2025, "2025-01-01", "2025-12-31", "2026-03-01")
		if err != nil {
			t.Fatal(err)
		}
		got[0] = county
		for _, town := range []string{dayuan, yinhu, huyuan} {
			a := &assessor{q: db.R, year: 2025, from: "2025-01-01", to: "2025-12-31", asOf: "2025-12-31", setting: map[string]*Settings{}}
			items, err := a.run(ctx, town)
			if err != nil {
				t.Fatal(err)
			}
			got[1] = append(got[1], items...)
		}
		rankWithinTownship(got[1])
		if len(got[0]) != 6 || !reflect.DeepEqual(got[0], got[1]) {
			t.Fatalf("by township %d items, in one query %d; differ: %v", len(got[0]), len(got[1]), !reflect.DeepEqual(got[0], got[1]))
		}
		for _, it := range got[0] {
			if it.Name == "离任代表" && it.Months != 5 {
				t.Errorf("%s in %s served %d months, want 5", it.Name, it.Township, it.Months)
			}
		}
	})
}

// A session the meetings domain marked absent counts as absence without
// leave; leave does not.
func TestSessionAbsenceWarns(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "2026-01-15")
		away := f.deputy("缺席代表", dayuan, "2021-10-01", "", "serving")
		excused := f.deputy("请假代表", dayuan, "2021-10-01", "", "serving")
		var term, session int64
		if err := db.W.QueryRow(`INSERT INTO congress_terms (congress_code, name, start_date, end_date, created_at)
			VALUES ($1, '第十八届', '2021-10-01', '2026-09-30', 0) RETURNING id`, dayuan).Scan(&term); err != nil {
			t.Fatal(err)
		}
		if err := db.W.QueryRow(`INSERT INTO congress_sessions (congress_code, term_id, number, start_date, end_date, created_at, updated_at)
			VALUES ($1, $2, 4, '2025-03-01', '2025-03-02', 0, 0) RETURNING id`, dayuan, term).Scan(&session); err != nil {
			t.Fatal(err)
		}
		for id, status := range map[int64]string{away: "absent", excused: "leave"} {
			if _, err := db.W.Exec(`INSERT INTO session_attendance (session_id, deputy_id, status, updated_at) VALUES ($1, $2, $3, 0)`, session, id, status); err != nil {
				t.Fatal(err)
			}
			f.record(staff(dayuan), Input{DeputyID: id, Kind: ConstituentContact, Date: "2025-05-05", Days: 1, Count: 3})
		}
		items, err := f.svc.AssessTownship(ctx, staff(dayuan), dayuan, 2025)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			want := []string{}
			if it.DeputyID == away {
				want = []string{WarnAbsentMeetings}
			}
			if !reflect.DeepEqual(it.Warnings, want) {
				t.Errorf("%s: warnings %v, want %v", it.Name, it.Warnings, want)
			}
		}
		arch, err := f.svc.Archive(ctx, staff(dayuan), excused, "")
		if err != nil || len(arch.Absences) != 1 || !arch.Absences[0].WithLeave || arch.Absences[0].Meeting != "第十八届第4次会议" {
			t.Errorf("archive absences: %+v %v", arch.Absences, err)
		}
	})
}
