package demo

import (
	"context"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/meetings"
	"renda/internal/store"
	"renda/internal/supervision"
	"renda/internal/testdb"
	"renda/internal/votes"
)

// The demo must show 大源镇's last session with attendance, a vote with a
// tie settled by a recorded decision and its projects half-way, a missed
// presidium quarter, a rating of village heads, and two inspections with
// rectification in every state.
func TestDemoMeetingsVotesSupervision(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := Load(ctx, db); err != nil {
			t.Fatal(err)
		}
		p := &auth.Principal{Role: auth.Township, Scope: Dayuan, Username: "dayuan"}
		ss, _, err := meetings.ListSessions(ctx, db, p, meetings.SessionFilter{})
		if err != nil || len(ss) != 1 || ss[0].Present == 0 || ss[0].Leave != 2 || ss[0].Absent != 1 {
			t.Fatalf("sessions %+v %v", ss, err)
		}
		rows, err := meetings.PresidiumQuarters(ctx, db, p, demoYear, time.Date(demoYear, 11, 22, 0, 0, 0, 0, time.Local))
		if err != nil || len(rows) != 1 || len(rows[0].Missed) != 1 || rows[0].Missed[0] != 3 {
			t.Fatalf("presidium quarters %+v %v", rows, err)
		}
		vs, _, err := votes.List(ctx, db, p, votes.Filter{})
		if err != nil || len(vs) != 1 {
			t.Fatalf("votes %+v %v", vs, err)
		}
		res, v, err := votes.GetResult(ctx, db, nil, vs[0].ID)
		if err != nil || !v.Published() || len(res.Ties) != 1 || !res.Ties[0].Settled || res.Ties[0].Basis == "" {
			t.Fatalf("vote result %+v %v", res, err)
		}
		selected := 0
		for _, l := range res.Projects {
			if l.Selected {
				selected++
			}
		}
		if selected != 4 || len(v.Projects) != 6 {
			t.Errorf("%d of %d projects chosen, want 4 of 6", selected, len(v.Projects))
		}
		fs, err := votes.FollowUps(ctx, db, v.ID)
		if err != nil || len(fs) != 4 || fs[0].Percent < 40 || fs[0].Percent > 60 || len(fs[0].Inspections) != 1 {
			t.Errorf("follow-up %+v %v", fs, err)
		}
		as, _ := supervision.ListActivities(ctx, db, p, demoYear)
		if len(as) != 2 {
			t.Errorf("%d inspections, want 2", len(as))
		}
		all, _ := supervision.ListRecommendations(ctx, db, p, supervision.RecFilter{Status: "all"}, time.Now())
		colours := map[string]int{}
		for _, r := range all {
			colours[r.Status+r.Colour]++
		}
		if colours["closed"] != 1 || colours["openred"] != 1 || colours["openamber"] != 1 || colours["opengreen"] != 2 {
			t.Errorf("recommendations by state %v", colours)
		}
		rs, _ := supervision.ListRatings(ctx, db, p, demoYear)
		if len(rs) != 1 || rs[0].Status != "closed" {
			t.Errorf("ratings %+v", rs)
		}
	})
}
