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

const (
	dayuan = "330111117" // 大源镇
	huyuan = "330111205" // 湖源乡
)

var staff = votetest.Staff(auth.Township, dayuan)

// newVote creates a draft vote of 大源镇 with projects A–D.
func newVote(t *testing.T, db *store.DB, choose int) *votes.Vote {
	t.Helper()
	v, err := votes.Create(context.Background(), db, staff, votes.NewVote{
		Congress: dayuan, Title: "2026年民生实事项目票决", Choose: choose,
		Projects: []votes.NewProject{
			{Name: "A 大源溪堤防加固", Investment: 1200, Department: "镇农业农村办", Due: "2026-11-30"},
			{Name: "B 老年食堂扩建", Investment: 300, Department: "镇社会事务办"},
			{Name: "C 农村道路提升", Investment: 800},
			{Name: "D 中心小学操场改造", Investment: 150},
		}})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// ballot turns letters (f, a, n, or - for blank) into choices on the
// vote's projects in order.
func ballot(v *votes.Vote, marks string) []votes.Choice {
	var cs []votes.Choice
	for i, m := range marks {
		c := map[rune]string{'f': votes.For, 'a': votes.Against, 'n': votes.Abstain}[m]
		if c != "" {
			cs = append(cs, votes.Choice{ProjectID: v.Projects[i].ID, Choice: c})
		}
	}
	return cs
}

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

// TestVoteTally runs a vote with electronic and paper ballots and checks the
// tally against one computed by hand, the tie at the cut-off, and every
// refusal of the issue's "bad input".
func TestVoteTally(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		deps := votetest.Deputies(t, db, dayuan, dayuan, 10)
		outsider := votetest.Deputies(t, db, huyuan, huyuan, 1)[0]
		v := newVote(t, db, 1)
		dep := func(i int) *auth.Principal { return votetest.Principal(deps[i], dayuan) }

		if _, err := votes.Cast(ctx, db, dep(0), v.ID, ballot(v, "ffan")); err == nil {
			t.Fatal("a ballot in a draft vote was accepted")
		}
		_, err := votes.OpenVote(ctx, db, votetest.Staff(auth.Township, huyuan), v.ID)
		wantErr(t, err, errs.NotFound, "")
		if v, err = votes.OpenVote(ctx, db, staff, v.ID); err != nil {
			t.Fatal(err)
		}
		if v.Eligible != 10 || v.Status != votes.Open {
			t.Fatalf("opened: eligible %d status %s, want 10 open", v.Eligible, v.Status)
		}
		_, err = votes.OpenVote(ctx, db, staff, v.ID)
		wantErr(t, err, errs.Conflict, "status")

		// Seven deputies vote on their phones (projects A B C D).
		electronic := []string{"ffan", "fffa", "fafn", "ffaa", "affn", "fnfa", "nfaf"}
		for i, marks := range electronic {
			r, err := votes.Cast(ctx, db, dep(i), v.ID, ballot(v, marks))
			if err != nil {
				t.Fatalf("deputy %d: %v", i, err)
			}
			if r == "" {
				t.Fatal("no receipt")
			}
		}
		// Refusals, none of which may leave anything behind.
		_, err = votes.Cast(ctx, db, dep(0), v.ID, ballot(v, "aaaa"))
		wantErr(t, err, errs.Conflict, "deputy")
		_, err = votes.Cast(ctx, db, votetest.Principal(outsider, huyuan), v.ID, ballot(v, "ffff"))
		wantErr(t, err, errs.Forbidden, "deputy")
		_, err = votes.Cast(ctx, db, dep(7), v.ID, []votes.Choice{{ProjectID: 999999, Choice: votes.For}})
		wantErr(t, err, errs.Invalid, "choices[0].project_id")
		_, err = votes.Cast(ctx, db, dep(7), v.ID, ballot(v, "ff"))
		wantErr(t, err, errs.Invalid, "choices")
		_, err = votes.Cast(ctx, db, dep(7), v.ID, []votes.Choice{{ProjectID: v.Projects[0].ID, Choice: "yes"}})
		wantErr(t, err, errs.Invalid, "choices[0].choice")

		// Paper: three deputies receive paper ballots, then one box of
		// three, blanks counting as abstentions.
		if _, err := votes.IssuePaper(ctx, db, staff, v.ID, votes.PaperIssue{DeputyIDs: deps[7:]}); err != nil {
			t.Fatal(err)
		}
		box := votes.PaperBox{Box: "1号票箱", Count: 3, Ballots: []votes.PaperBallot{
			{Choices: ballot(v, "fff-")}, {Choices: ballot(v, "f-af")}, {Choices: ballot(v, "afna")}}}
		bad := box
		bad.Count = 2
		_, err = votes.AddPaperBox(ctx, db, staff, v.ID, bad)
		wantErr(t, err, errs.Invalid, "count")
		over := votes.PaperBox{Box: "2号票箱", Count: 4, Ballots: make([]votes.PaperBallot, 4)}
		_, err = votes.AddPaperBox(ctx, db, staff, v.ID, over) // 4 > 3 handed out
		wantErr(t, err, errs.Invalid, "count")
		if got, err := votes.Get(ctx, db, staff, v.ID); err != nil || got.Cast != 7 {
			t.Fatalf("after refused boxes cast = %d (%v), want 7", got.Cast, err)
		}
		if _, err := votes.AddPaperBox(ctx, db, staff, v.ID, box); err != nil {
			t.Fatal(err)
		}
		_, err = votes.AddPaperBox(ctx, db, staff, v.ID, box)
		wantErr(t, err, errs.Conflict, "box")

		res, err := votes.CloseVote(ctx, db, staff, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, err = votes.Cast(ctx, db, dep(7), v.ID, ballot(v, "ffff"))
		wantErr(t, err, errs.Conflict, "status")

		// By hand: A 7/2/1, B 7/1/2, C 5/4/1, D 2/4/4; more than 5 of 10
		// passes: A and B, tied at 7 for the one place.
		want := map[string][3]int{"A 大源溪堤防加固": {7, 2, 1}, "B 老年食堂扩建": {7, 1, 2}, "C 农村道路提升": {5, 4, 1}, "D 中心小学操场改造": {2, 4, 4}}
		if res.Eligible != 10 || res.Cast != 10 {
			t.Fatalf("eligible %d cast %d, want 10 10", res.Eligible, res.Cast)
		}
		for _, l := range res.Projects {
			if w := want[l.Name]; [3]int{l.For, l.Against, l.Abstain} != w {
				t.Errorf("%s: %d/%d/%d, want %v", l.Name, l.For, l.Against, l.Abstain, w)
			}
			if l.Selected {
				t.Errorf("%s selected before the tie is decided", l.Name)
			}
			if wantPass := l.For > 5; l.Passed != wantPass {
				t.Errorf("%s passed %v", l.Name, l.Passed)
			}
		}
		if len(res.Ties) != 1 || len(res.Ties[0].ProjectIDs) != 2 || res.Ties[0].Places != 1 || res.Ties[0].Settled {
			t.Fatalf("ties %+v, want A and B for one place, unsettled", res.Ties)
		}

		_, err = votes.Publish(ctx, db, staff, v.ID)
		wantErr(t, err, errs.Conflict, "ties")
		a, b := v.Projects[0].ID, v.Projects[1].ID
		_, err = votes.DecideTie(ctx, db, staff, v.ID, votes.TieDecision{ProjectIDs: []int64{a, b}, Basis: "主席团决定"})
		wantErr(t, err, errs.Invalid, "project_ids")
		_, err = votes.DecideTie(ctx, db, staff, v.ID, votes.TieDecision{ProjectIDs: []int64{v.Projects[2].ID}, Basis: "主席团决定"})
		wantErr(t, err, errs.Invalid, "project_ids")
		_, err = votes.DecideTie(ctx, db, staff, v.ID, votes.TieDecision{ProjectIDs: []int64{b}})
		wantErr(t, err, errs.Invalid, "basis")
		res, err = votes.DecideTie(ctx, db, staff, v.ID, votes.TieDecision{ProjectIDs: []int64{b}, Basis: "经镇人大主席团第五次会议研究决定"})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range res.Projects {
			if l.Selected != (l.ProjectID == b) {
				t.Errorf("%s selected %v after the decision for B", l.Name, l.Selected)
			}
		}
		if !res.Ties[0].Settled || res.Ties[0].Basis == "" {
			t.Errorf("tie %+v not shown settled with its basis", res.Ties[0])
		}

		// Unpublished: the public and other townships see nothing.
		_, _, err = votes.GetResult(ctx, db, nil, v.ID)
		wantErr(t, err, errs.NotFound, "")
		_, _, err = votes.GetResult(ctx, db, votetest.Staff(auth.Township, huyuan), v.ID)
		wantErr(t, err, errs.NotFound, "")
		if _, err := votes.Publish(ctx, db, staff, v.ID); err != nil {
			t.Fatal(err)
		}
		pub, _, err := votes.GetResult(ctx, db, nil, v.ID)
		if err != nil || len(pub.Projects) != 4 {
			t.Fatalf("public result %+v, %v", pub, err)
		}
		// Anyone can recount the published ballots.
		all, _, err := votes.Ballots(ctx, db, v.ID, "", 200)
		if err != nil || len(all) != 10 {
			t.Fatalf("published ballots %d, %v; want 10", len(all), err)
		}
		recount := map[int64]int{}
		for _, b := range all {
			for _, c := range b.Choices {
				if c.Choice == votes.For {
					recount[c.ProjectID]++
				}
			}
		}
		if recount[a] != 7 || recount[b] != 7 || recount[v.Projects[2].ID] != 5 || recount[v.Projects[3].ID] != 2 {
			t.Errorf("recount %v disagrees with the tally", recount)
		}
	})
}

func TestCreateRefusals(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ok := votes.NewVote{Congress: dayuan, Title: "票决", Choose: 1, Projects: []votes.NewProject{{Name: "甲"}, {Name: "乙"}}}
		cases := []struct {
			name  string
			who   *auth.Principal
			edit  func(*votes.NewVote)
			field string
		}{
			{"no congress", staff, func(n *votes.NewVote) { n.Congress = "" }, "congress"},
			{"another township's congress", staff, func(n *votes.NewVote) { n.Congress = huyuan }, "congress"},
			{"a street has no congress", votetest.Staff(auth.Township, "330111001"), func(n *votes.NewVote) { n.Congress = "330111001" }, "congress"},
			{"no title", staff, func(n *votes.NewVote) { n.Title = " " }, "title"},
			{"choose more than candidates", staff, func(n *votes.NewVote) { n.Choose = 3 }, "choose"},
			{"no projects", staff, func(n *votes.NewVote) { n.Projects = nil }, "projects"},
			{"project without a name", staff, func(n *votes.NewVote) { n.Projects = []votes.NewProject{{Name: "甲"}, {}} }, "projects[1].name"},
			{"bad due date", staff, func(n *votes.NewVote) { n.Projects = []votes.NewProject{{Name: "甲", Due: "2026-13-01"}} }, "projects[0].due"},
			{"unknown session", staff, func(n *votes.NewVote) { id := int64(999); n.SessionID = &id }, "session_id"},
			{"bad rule", staff, func(n *votes.NewVote) { n.PassNumerator, n.PassDenominator = 3, 2 }, "pass_numerator"},
		}
		for _, c := range cases {
			in := ok
			in.Projects = append([]votes.NewProject(nil), ok.Projects...)
			c.edit(&in)
			_, err := votes.Create(ctx, db, c.who, in)
			wantErr(t, err, errs.Invalid, c.field)
		}
		var n int
		if err := db.R.QueryRow(`SELECT COUNT(*) FROM votes`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("refused creations left %d votes (%v)", n, err)
		}
		county := votetest.Staff(auth.County, "330111")
		if _, err := votes.Create(ctx, db, county, ok); err != nil {
			t.Fatalf("county staff create a township's vote: %v", err)
		}
	})
}
