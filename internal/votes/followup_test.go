package votes_test

import (
	"context"
	"testing"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/votes"
	"renda/internal/votes/votetest"
)

// TestFollowUp: the chosen projects of a published vote get progress
// reports, inspections that become duty records, and one rating per deputy;
// projects not chosen cannot be followed.
func TestFollowUp(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		deps := votetest.Deputies(t, db, dayuan, dayuan, 3)
		v := newVote(t, db, 1)
		votes.OpenVote(ctx, db, staff, v.ID)
		for _, d := range deps {
			if _, err := votes.Cast(ctx, db, votetest.Principal(d, dayuan), v.ID, ballot(v, "faaa")); err != nil {
				t.Fatal(err)
			}
		}
		votes.CloseVote(ctx, db, staff, v.ID)
		chosen, other := v.Projects[0].ID, v.Projects[1].ID
		_, err := votes.AddProgress(ctx, db, staff, v.ID, chosen, votes.Progress{Date: "2026-06-30", Percent: 50, Milestone: "主体完工"})
		wantErr(t, err, errs.Conflict, "status") // not yet published
		if _, err := votes.Publish(ctx, db, staff, v.ID); err != nil {
			t.Fatal(err)
		}
		_, err = votes.AddProgress(ctx, db, staff, v.ID, other, votes.Progress{Date: "2026-06-30", Percent: 50, Milestone: "x"})
		wantErr(t, err, errs.Invalid, "project_id")
		_, err = votes.AddProgress(ctx, db, staff, v.ID, chosen, votes.Progress{Date: "2026-06-30", Percent: 150, Milestone: "x"})
		wantErr(t, err, errs.Invalid, "percent")
		_, err = votes.AddProgress(ctx, db, votetest.Staff(auth.Township, huyuan), v.ID, chosen, votes.Progress{Date: "2026-06-30", Percent: 50, Milestone: "x"})
		wantErr(t, err, errs.NotFound, "")
		for _, pr := range []votes.Progress{{Date: "2026-04-30", Percent: 20, Milestone: "招标完成"}, {Date: "2026-06-30", Percent: 50, Milestone: "堤身加固过半", Problems: "汛期施工受限"}} {
			if _, err := votes.AddProgress(ctx, db, staff, v.ID, chosen, pr); err != nil {
				t.Fatal(err)
			}
		}
		_, err = votes.AddInspection(ctx, db, staff, v.ID, chosen, votes.NewInspection{Date: "2026-07-02", DeputyIDs: []int64{deps[0], 999999}, Findings: "进度正常"})
		wantErr(t, err, errs.Invalid, "deputy_ids[1]")
		if _, err := votes.AddInspection(ctx, db, staff, v.ID, chosen, votes.NewInspection{Date: "2026-07-02", DeputyIDs: deps[:2], Findings: "进度正常", Problems: "临时便道扬尘"}); err != nil {
			t.Fatal(err)
		}
		var records int
		db.R.QueryRow(`SELECT COUNT(*) FROM duty_records WHERE kind = 'inspection' AND source = 'vote_inspection' AND status = 'confirmed'`).Scan(&records)
		if records != 2 {
			t.Errorf("%d inspection duty records, want 2 (the refused inspection must leave none)", records)
		}
		for i, r := range []string{votes.Satisfied, votes.Basic, votes.Unsatisfied} {
			if err := votes.Rate(ctx, db, votetest.Principal(deps[i], dayuan), v.ID, chosen, r); err != nil {
				t.Fatal(err)
			}
		}
		err = votes.Rate(ctx, db, votetest.Principal(deps[0], dayuan), v.ID, chosen, votes.Satisfied)
		wantErr(t, err, errs.Conflict, "deputy")
		err = votes.Rate(ctx, db, votetest.Principal(deps[0], dayuan), v.ID, chosen, "great")
		wantErr(t, err, errs.Invalid, "rating")

		fs, err := votes.FollowUps(ctx, db, v.ID)
		if err != nil || len(fs) != 1 {
			t.Fatalf("follow-ups %+v, %v", fs, err)
		}
		f := fs[0]
		if f.ProjectID != chosen || f.Percent != 50 || len(f.Progress) != 2 || len(f.Inspections) != 1 || len(f.Inspections[0].Deputies) != 2 {
			t.Errorf("follow-up %+v", f)
		}
		if s := f.Satisfaction; s.Satisfied != 1 || s.Basic != 1 || s.Unsatisfied != 1 || s.Rate < 0.66 || s.Rate > 0.67 {
			t.Errorf("satisfaction %+v, want 1/1/1 at 2/3", s)
		}
	})
}
