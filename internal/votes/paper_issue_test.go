package votes_test

import (
	"context"
	"strings"
	"testing"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/testdb"
	"renda/internal/votes"
	"renda/internal/votes/votetest"
)

// TestPaperIssue checks the check-in list of paper ballots: a deputy handed
// one is marked as voted like a phone voter, so cannot vote by phone or take
// a second; a phone voter cannot take one; the boxes hold no more ballots
// than were handed out; a refused list or box writes nothing; and the log
// says who took a paper ballot, never what they marked.
func TestPaperIssue(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		deps := votetest.Deputies(t, db, dayuan, dayuan, 6)
		outsider := votetest.Deputies(t, db, huyuan, huyuan, 1)[0]
		v := newVote(t, db, 2)
		dep := func(i int) *auth.Principal { return votetest.Principal(deps[i], dayuan) }
		issue := func(ids ...int64) (*votes.PaperCount, error) {
			return votes.IssuePaper(ctx, db, staff, v.ID, votes.PaperIssue{DeputyIDs: ids})
		}
		marked := func() (voted, paper int) {
			t.Helper()
			if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM vote_electors WHERE vote_id = $1 AND voted`, v.ID).Scan(&voted); err != nil {
				t.Fatal(err)
			}
			if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM vote_electors WHERE vote_id = $1 AND paper`, v.ID).Scan(&paper); err != nil {
				t.Fatal(err)
			}
			return
		}

		_, err := issue(deps[0])
		wantErr(t, err, errs.Conflict, "status") // still a draft
		if _, err := votes.OpenVote(ctx, db, staff, v.ID); err != nil {
			t.Fatal(err)
		}
		// Deputy 0 votes on the phone.
		if _, err := votes.Cast(ctx, db, dep(0), v.ID, ballot(v, "ffff")); err != nil {
			t.Fatal(err)
		}

		_, err = issue()
		wantErr(t, err, errs.Invalid, "deputy_ids")
		_, err = issue(deps[1], deps[1])
		wantErr(t, err, errs.Invalid, "deputy_ids[1]")
		_, err = issue(deps[1], outsider)
		wantErr(t, err, errs.Invalid, "deputy_ids[1]")
		_, err = issue(deps[1], deps[2], deps[0])
		wantErr(t, err, errs.Conflict, "deputy_ids[2]")
		if e, _ := errs.As(err); !strings.Contains(e.Message("zh-CN"), "代表0001") {
			t.Errorf("refusal does not name the deputy: %s", e.Message("zh-CN"))
		}
		_, err = votes.IssuePaper(ctx, db, votetest.Staff(auth.Township, huyuan), v.ID, votes.PaperIssue{DeputyIDs: []int64{deps[1]}})
		wantErr(t, err, errs.NotFound, "")
		_, err = votes.IssuePaper(ctx, db, dep(1), v.ID, votes.PaperIssue{DeputyIDs: []int64{deps[1]}})
		wantErr(t, err, errs.NotFound, "")
		if voted, paper := marked(); voted != 1 || paper != 0 {
			t.Fatalf("after refused lists %d voted, %d paper; want 1 and 0", voted, paper)
		}

		// Deputies 1–3 take paper ballots.
		c, err := issue(deps[1], deps[2], deps[3])
		if err != nil {
			t.Fatal(err)
		}
		if c.Issued != 3 || c.Entered != 0 {
			t.Fatalf("issued %+v, want 3 issued, 0 entered", c)
		}
		if voted, paper := marked(); voted != 4 || paper != 3 {
			t.Fatalf("%d voted, %d paper; want 4 and 3", voted, paper)
		}
		_, err = issue(deps[4], deps[2])
		wantErr(t, err, errs.Conflict, "deputy_ids[1]")
		_, err = votes.Cast(ctx, db, dep(1), v.ID, ballot(v, "aaaa"))
		wantErr(t, err, errs.Conflict, "deputy")
		if e, _ := errs.As(err); !strings.Contains(e.Message("zh-CN"), "纸质选票") {
			t.Errorf("a paper holder's phone ballot refused with %q", e.Message("zh-CN"))
		}
		if got, err := votes.Get(ctx, db, dep(1), v.ID); err != nil || got.Voted == nil || !*got.Voted {
			t.Fatalf("the paper holder is not shown as voted: %v", err)
		}
		// A deputy who took no paper ballot can still vote by phone.
		if _, err := votes.Cast(ctx, db, dep(4), v.ID, ballot(v, "aaaa")); err != nil {
			t.Fatal(err)
		}

		// Boxes: 2 of 3 in box 1; box 2 may hold 1 more, not 2.
		box := func(name string, marks ...string) votes.PaperBox {
			b := votes.PaperBox{Box: name, Count: len(marks)}
			for _, m := range marks {
				b.Ballots = append(b.Ballots, votes.PaperBallot{Choices: ballot(v, m)})
			}
			return b
		}
		_, err = votes.AddPaperBox(ctx, db, staff, v.ID, box("1号票箱", "ffff", "fffa", "ffaa", "aaaa"))
		wantErr(t, err, errs.Invalid, "count")
		if _, err := votes.AddPaperBox(ctx, db, staff, v.ID, box("1号票箱", "ffff", "fffa")); err != nil {
			t.Fatal(err)
		}
		_, err = votes.AddPaperBox(ctx, db, staff, v.ID, box("2号票箱", "ffaa", "aaaa"))
		wantErr(t, err, errs.Invalid, "count")
		if e, _ := errs.As(err); !strings.Contains(e.Message("zh-CN"), "已发 3 张，已录入 2 张") {
			t.Errorf("box refusal says %q", e.Message("zh-CN"))
		}
		if got, err := votes.Get(ctx, db, staff, v.ID); err != nil || got.Cast != 4 {
			t.Fatalf("after a refused box cast = %d (%v), want 4", got.Cast, err)
		}
		if _, err := votes.AddPaperBox(ctx, db, staff, v.ID, box("2号票箱", "ffaa")); err != nil {
			t.Fatal(err)
		}
		es, c, err := votes.Electors(ctx, db, staff, v.ID)
		if err != nil || len(es) != 6 || c.Issued != 3 || c.Entered != 3 {
			t.Fatalf("roster: %d electors, %+v, %v", len(es), c, err)
		}
		for i, e := range es {
			wantPaper := i >= 1 && i <= 3
			if e.DeputyID != deps[i] || e.Paper != wantPaper || e.Voted != (i <= 4) {
				t.Errorf("elector %d: %+v, want paper %v voted %v", i, e, wantPaper, i <= 4)
			}
		}

		res, err := votes.CloseVote(ctx, db, staff, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		// By hand: A for on ffff ×2 (phone 0, paper), fffa, ffaa: 4; 2 against.
		if res.Cast != 5 || res.Projects[0].Name != "A 大源溪堤防加固" || res.Projects[0].For != 4 || res.Projects[0].Against != 1 {
			t.Errorf("tally %+v, want 5 cast and A 4 for 1 against", res)
		}

		// The log names who took paper ballots and nothing of what they marked.
		rows, err := db.R.QueryContext(ctx, `SELECT COALESCE(after_json, '') FROM audit_log WHERE entity = 'vote' AND action = 'paper_issue'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var entries int
		for rows.Next() {
			var after string
			if err := rows.Scan(&after); err != nil {
				t.Fatal(err)
			}
			entries++
			if !strings.Contains(after, "deputy_ids") || strings.Contains(after, ":f") || strings.Contains(after, "choice") {
				t.Errorf("paper hand-out logged as %s", after)
			}
		}
		if entries != 1 {
			t.Errorf("%d paper hand-outs logged, want 1 (refused lists log nothing)", entries)
		}
	})
}
