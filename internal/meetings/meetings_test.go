package meetings_test

import (
	"context"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/meetings"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/votes/votetest"
)

const (
	dayuan = "330111117" // 大源镇
	huyuan = "330111205" // 湖源乡
)

var staff = votetest.Staff(auth.Township, dayuan)

func wantErr(t *testing.T, err error, kind errs.Kind, field string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok {
		t.Fatalf("error %v, want a user error on %q", err, field)
	}
	if e.Kind != kind || e.Field != field {
		t.Fatalf("error %v (kind %d field %q), want kind %d on %q", e, e.Kind, e.Field, kind, field)
	}
}

func term(t *testing.T, db *store.DB) *meetings.Term {
	t.Helper()
	tm, err := meetings.CreateTerm(context.Background(), db, staff, meetings.Term{Congress: dayuan, Name: "第十八届", Start: "2021-12-28", End: "2026-12-27"})
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestSessionTitle(t *testing.T) {
	for n, want := range map[int]string{1: "第一次", 3: "第三次", 10: "第十次", 12: "第十二次", 20: "第二十次", 21: "第二十一次"} {
		if got := meetings.SessionTitle("第十八届", n); got != "第十八届人民代表大会"+want+"会议" {
			t.Errorf("%d: %s", n, got)
		}
	}
}

// TestSession records a session with its attendance, speeches, reports and
// resolutions, and checks the duty records they imply.
func TestSession(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		deps := votetest.Deputies(t, db, dayuan, dayuan, 5)
		other := votetest.Deputies(t, db, huyuan, huyuan, 1)[0]
		tm := term(t, db)
		in := meetings.NewSession{Congress: dayuan, TermID: tm.ID, Number: 3, Start: "2026-01-08", End: "2026-01-09", Place: "镇政府大会议室",
			Agenda: []string{"听取和审议镇人民政府工作报告", "票决2026年民生实事项目"}}
		bad := in
		bad.Start, bad.End = "2027-01-08", "2027-01-09"
		_, err := meetings.CreateSession(ctx, db, staff, bad)
		wantErr(t, err, errs.Invalid, "start")
		bad = in
		bad.Congress = huyuan
		_, err = meetings.CreateSession(ctx, db, staff, bad)
		wantErr(t, err, errs.Invalid, "congress")
		s, err := meetings.CreateSession(ctx, db, staff, in)
		if err != nil {
			t.Fatal(err)
		}
		if s.Title != "第十八届人民代表大会第三次会议" || len(s.Agenda) != 2 || len(s.Attendance) != 5 {
			t.Fatalf("session %+v", s)
		}
		_, err = meetings.CreateSession(ctx, db, staff, in)
		wantErr(t, err, errs.Conflict, "number")
		_, err = meetings.GetSession(ctx, db, votetest.Staff(auth.Township, huyuan), s.ID)
		wantErr(t, err, errs.NotFound, "")

		_, err = meetings.SetAttendance(ctx, db, staff, s.ID, []meetings.AttendanceEntry{{DeputyID: deps[0], Status: meetings.Present}, {DeputyID: other, Status: meetings.Present}})
		wantErr(t, err, errs.Invalid, "entries[1].deputy_id")
		entries := []meetings.AttendanceEntry{
			{DeputyID: deps[0], Status: meetings.Present}, {DeputyID: deps[1], Status: meetings.Present}, {DeputyID: deps[2], Status: meetings.Present},
			{DeputyID: deps[3], Status: meetings.Leave, Reason: "住院"}, {DeputyID: deps[4], Status: meetings.Absent},
		}
		if s, err = meetings.SetAttendance(ctx, db, staff, s.ID, entries); err != nil {
			t.Fatal(err)
		}
		if s.Present != 3 || s.Leave != 1 || s.Absent != 1 {
			t.Fatalf("attendance %d/%d/%d, want 3/1/1", s.Present, s.Leave, s.Absent)
		}
		// Correcting a deputy from present to leave takes the record away.
		if s, err = meetings.SetAttendance(ctx, db, staff, s.ID, []meetings.AttendanceEntry{{DeputyID: deps[2], Status: meetings.Leave}}); err != nil {
			t.Fatal(err)
		}
		count := func(kind string) (n int, days float64) {
			db.R.QueryRow(`SELECT COUNT(*), COALESCE(SUM(days), 0) FROM duty_records WHERE kind = $1 AND status = 'confirmed'`, kind).Scan(&n, &days)
			return
		}
		if n, days := count("session_attendance"); n != 2 || days != 4 {
			t.Errorf("%d attendance records over %v days, want 2 over 4 (two deputies, two days)", n, days)
		}

		_, err = meetings.AddSpeech(ctx, db, staff, s.ID, meetings.Speech{DeputyID: deps[0], Date: "2026-01-10", Topic: "关于大源溪治理"})
		wantErr(t, err, errs.Invalid, "date")
		if _, err := meetings.AddSpeech(ctx, db, staff, s.ID, meetings.Speech{DeputyID: deps[0], Date: "2026-01-08", Topic: "关于大源溪治理"}); err != nil {
			t.Fatal(err)
		}
		if n, _ := count("deliberation_speech"); n != 1 {
			t.Errorf("%d speech records, want 1", n)
		}
		_, err = meetings.AddResolution(ctx, db, staff, s.ID, meetings.Resolution{Kind: "resolution", Title: "x", For: 4, Against: 2})
		wantErr(t, err, errs.Invalid, "for")
		r, err := meetings.AddResolution(ctx, db, staff, s.ID, meetings.Resolution{Kind: "resolution", Title: "关于政府工作报告的决议", For: 3, Against: 1, Abstain: 1})
		if err != nil || !r.Adopted || r.Total != 5 {
			t.Fatalf("3 of 5 for: %+v %v", r, err)
		}
		r, _ = meetings.AddResolution(ctx, db, staff, s.ID, meetings.Resolution{Kind: "decision", Title: "关于调整代表名额的决定", For: 2, Against: 1})
		if r.Adopted {
			t.Error("2 of 5 adopted")
		}
		if _, err := meetings.AddDocument(ctx, db, staff, s.ID, meetings.Document{Kind: "government_report", Title: "政府工作报告", Body: "……"}); err != nil {
			t.Fatal(err)
		}
		got, err := meetings.GetSession(ctx, db, staff, s.ID)
		if err != nil || len(got.Documents) != 1 || len(got.Speeches) != 1 || len(got.Resolutions) != 2 {
			t.Fatalf("session read back %+v %v", got, err)
		}

		// The county sees which township congresses have not met in 2026.
		ys, err := meetings.SessionsByTownship(ctx, db, votetest.Staff(auth.County, "330111"), 2026)
		if err != nil {
			t.Fatal(err)
		}
		var met, notMet int
		for _, y := range ys {
			if y.Held() {
				met++
				if y.Congress != dayuan {
					t.Errorf("%s shown as met", y.Name)
				}
			} else {
				notMet++
			}
			if y.Congress == "330111001" {
				t.Error("a street (no congress) listed")
			}
		}
		if met != 1 || notMet == 0 || ys[len(ys)-1].Congress != dayuan {
			t.Errorf("met %d, not met %d; the ones that have not met come first", met, notMet)
		}
	})
}

func TestPresidiumQuarters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, m := range []meetings.PresidiumMeeting{
			{Township: dayuan, Date: "2026-02-10", Title: "第一季度例会"},
			{Township: dayuan, Date: "2026-03-20", Kind: meetings.Extra, Title: "研究防汛工作"},
			{Township: dayuan, Date: "2026-08-12", Title: "第三季度例会"},
		} {
			if _, err := meetings.CreatePresidiumMeeting(ctx, db, staff, m); err != nil {
				t.Fatal(err)
			}
		}
		_, err := meetings.CreatePresidiumMeeting(ctx, db, staff, meetings.PresidiumMeeting{Township: huyuan, Date: "2026-02-10", Title: "x"})
		wantErr(t, err, errs.Invalid, "township")
		_, err = meetings.CreatePresidiumMeeting(ctx, db, staff, meetings.PresidiumMeeting{Township: dayuan, Date: "2026-02-30", Title: "x"})
		wantErr(t, err, errs.Invalid, "date")
		_, err = meetings.CreatePresidiumMeeting(ctx, db, votetest.Staff(auth.Township, "330111001"), meetings.PresidiumMeeting{Township: "330111001", Date: "2026-02-10", Title: "x"})
		wantErr(t, err, errs.Invalid, "township")

		cases := []struct {
			today   string
			missed  []int
			pending int
		}{
			{"2026-03-31", nil, 0},      // Q1 met, nothing ended yet
			{"2026-05-15", nil, 2},      // Q1 met; Q2 under way without one
			{"2026-10-01", []int{2}, 4}, // Q2 passed without a meeting
			{"2027-01-05", []int{2, 4}, 0},
		}
		for _, c := range cases {
			today, _ := time.Parse("2006-01-02", c.today)
			rows, err := meetings.PresidiumQuarters(ctx, db, staff, 2026, today)
			if err != nil || len(rows) != 1 {
				t.Fatalf("%s: %+v %v", c.today, rows, err)
			}
			r := rows[0]
			if r.Held != [4]int{2, 0, 1, 0} || len(r.Missed) != len(c.missed) || r.Pending != c.pending {
				t.Errorf("%s: held %v missed %v pending %d; want missed %v pending %d", c.today, r.Held, r.Missed, r.Pending, c.missed, c.pending)
			}
			for i := range c.missed {
				if r.Missed[i] != c.missed[i] {
					t.Errorf("%s: missed %v, want %v", c.today, r.Missed, c.missed)
				}
			}
		}
		county, _ := meetings.PresidiumQuarters(ctx, db, votetest.Staff(auth.County, "330111"), 2026, time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local))
		for _, r := range county {
			want := 3 // no meeting at all in Q1–Q3
			if r.Township == dayuan {
				want = 1
			}
			if len(r.Missed) != want {
				t.Errorf("county view: %s missed %v", r.Name, r.Missed)
			}
		}
		if len(county) < 10 {
			t.Errorf("county view lists %d township congresses", len(county))
		}
	})
}
