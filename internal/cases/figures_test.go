package cases_test

import (
	"context"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/cases/casestest"
	"renda/internal/store"
	"renda/internal/testdb"
)

const (
	county = "330111"
	dayuan = "330111117"
	huyuan = "330111205"
)

// The figures of a small, hand-made history, against counts worked out by
// hand (see the comments).
func TestHandlingFigures(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := cases.New(db)
		now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.Local)
		svc.Now = func() time.Time { return now }
		day := func(n int) { now = time.Date(2026, 1, 5, 9, 0, 0, 0, time.Local).AddDate(0, 0, n) }

		lead := casestest.Deputy(t, db, dayuan, "王建国", 0)
		townGov := casestest.Unit(t, db, dayuan, "大源镇人民政府", "township_government")
		dept := casestest.Unit(t, db, county, "富阳区住房和城乡建设局", "department")
		staff := &auth.Principal{Username: "fuyang", Role: auth.County, Scope: county}
		deputy := &auth.Principal{Username: "lead", Role: auth.Deputy, Scope: dayuan, DeputyID: lead}
		unitOf := func(id int64) *auth.Principal {
			return &auth.Principal{Username: "unit", Role: auth.Unit, Scope: county, UnitID: id}
		}
		must := func(_ any, err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		file := func() int64 {
			c, err := svc.FileSuggestion(ctx, staff, cases.NewSuggestion{Congress: dayuan, Kind: cases.Suggestion, Title: "建议", Body: "……", LeadDeputyID: lead})
			if err != nil {
				t.Fatal(err)
			}
			return c.ID
		}
		opinion := func(town string) int64 {
			r, err := svc.CreateOpinion(ctx, staff, cases.NewOpinion{Township: town, Channel: "hotline", Body: "意见"})
			if err != nil {
				t.Fatal(err)
			}
			return r.ID
		}
		// Day 0: five suggestions assigned to the department (S5 due in five
		// days), an opinion left untriaged (O1), one routed to the township
		// government due in three days (O2), one in 湖源乡 (O3).
		s := make([]int64, 6)
		for i := range 5 {
			s[i] = file()
			due := ""
			if i == 4 {
				due = "2026-01-10"
			}
			must(svc.Assign(ctx, staff, s[i], cases.Assignment{LeadUnitID: dept, Due: due}))
		}
		opinion(dayuan) // O1: not handed on, not counted
		o2 := opinion(dayuan)
		must(svc.Route(ctx, staff, o2, cases.Routing{Route: cases.RouteTownship, UnitID: townGov, Due: "2026-01-08"}))
		o3 := opinion(huyuan)
		must(svc.Route(ctx, staff, o3, cases.Routing{Route: cases.RouteDistrict, UnitID: dept}))
		day(1)
		s[5] = file() // S6: filed on day 1, never assigned
		day(10)       // replies to S1–S4 and O3, all on time
		for i, g := range []string{"A", "B", "C", "D"} {
			must(svc.Reply(ctx, unitOf(dept), s[i], cases.Reply{Grade: g, Text: "答复"}))
		}
		must(svc.Reply(ctx, unitOf(dept), o3, cases.Reply{Grade: "A", Text: "答复"}))
		day(12) // S1 satisfied, S2 basic, S3 unsatisfied (back to the unit); O3 satisfied
		must(svc.Rate(ctx, deputy, s[0], cases.Rating{Satisfaction: cases.Satisfied}))
		must(svc.Rate(ctx, deputy, s[1], cases.Rating{Satisfaction: cases.Basic}))
		must(svc.Rate(ctx, deputy, s[2], cases.Rating{Satisfaction: cases.Unsatisfied}))
		must(svc.Rate(ctx, staff, o3, cases.Rating{Satisfaction: cases.Satisfied}))
		day(60) // O2 replied A, late (due 2026-01-08)
		must(svc.Reply(ctx, unitOf(townGov), o2, cases.Reply{Grade: "A", Text: "答复"}))
		day(61) // as of now S4 (replied day 10, unrated) is closed by the 30-day window; O2 is not yet

		tests := []struct {
			name string
			f    cases.FigureFilter
			want cases.Figures
		}{
			// 大源镇: S1–S6 and O2 = 7; replied S1–S4, O2 = 5; closed S1, S2, S4 = 3;
			// on time S1–S4 = 4 of 6 (5 replied + S5 overdue); rated S1–S3: 1 satisfied,
			// 1 basic, 1 unsatisfied; grade A: S1, O2.
			{"township", cases.FigureFilter{Township: dayuan}, cases.Figures{Total: 7, Replied: 5, Closed: 3, OnTime: 4, DueOrReplied: 6,
				Rated: 3, Satisfied: 1, Basic: 1, Unsatisfied: 1, GradeA: 2,
				ClosureRate: 0.4286, OnTimeRate: 0.6667, SatisfactionRate: 0.6667, StrictSatisfactionRate: 0.3333, AdoptionRate: 0.2857}},
			// 富阳区 adds O3: replied, on time, satisfied, grade A.
			{"county", cases.FigureFilter{County: county}, cases.Figures{Total: 8, Replied: 6, Closed: 4, OnTime: 5, DueOrReplied: 7,
				Rated: 4, Satisfied: 2, Basic: 1, Unsatisfied: 1, GradeA: 3,
				ClosureRate: 0.5, OnTimeRate: 0.7143, SatisfactionRate: 0.75, StrictSatisfactionRate: 0.5, AdoptionRate: 0.375}},
			// The department: S1–S5 and O3.
			{"unit", cases.FigureFilter{UnitID: dept}, cases.Figures{Total: 6, Replied: 5, Closed: 4, OnTime: 5, DueOrReplied: 6,
				Rated: 4, Satisfied: 2, Basic: 1, Unsatisfied: 1, GradeA: 2,
				ClosureRate: 0.6667, OnTimeRate: 0.8333, SatisfactionRate: 0.75, StrictSatisfactionRate: 0.5, AdoptionRate: 0.3333}},
			// Filed from day 1: only S6.
			{"period", cases.FigureFilter{Township: dayuan, From: "2026-01-06", To: "2026-12-31"}, cases.Figures{Total: 1}},
			// The deputy leads S1–S6.
			{"deputy", cases.FigureFilter{DeputyID: lead}, cases.Figures{Total: 6, Replied: 4, Closed: 3, OnTime: 4, DueOrReplied: 5,
				Rated: 3, Satisfied: 1, Basic: 1, Unsatisfied: 1, GradeA: 1,
				ClosureRate: 0.5, OnTimeRate: 0.8, SatisfactionRate: 0.6667, StrictSatisfactionRate: 0.3333, AdoptionRate: 0.1667}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				r, err := svc.HandlingFigures(ctx, staff, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				if r.Figures != tc.want {
					t.Fatalf("got  %+v\nwant %+v", r.Figures, tc.want)
				}
			})
		}
		// Township staff of 湖源乡 asking for 大源镇 get nothing of it.
		r, err := svc.HandlingFigures(ctx, &auth.Principal{Role: auth.Township, Scope: huyuan}, cases.FigureFilter{Township: dayuan})
		if err != nil || r.Total != 0 {
			t.Fatalf("another township's figures leaked: %+v %v", r, err)
		}
		r, err = svc.HandlingFigures(ctx, staff, cases.FigureFilter{County: county, GroupBy: "township"})
		if err != nil || len(r.Groups) != 2 || r.Groups[0].Name != "大源镇" || r.Groups[0].Total != 7 || r.Groups[1].Total != 1 {
			t.Fatalf("by township: %+v %v", r.Groups, err)
		}
	})
}
