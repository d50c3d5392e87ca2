package supervision_test

import (
	"context"
	"testing"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/supervision"
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

// TestActivityAndRectification: an inspection with participants (who get
// duty records), its recommendations followed with a plan and progress, the
// colours of overdue items, and closing only with a result.
func TestActivityAndRectification(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		deps := votetest.Deputies(t, db, dayuan, dayuan, 3)
		topic, err := supervision.AddTopic(ctx, db, staff, supervision.Topic{Township: dayuan, Year: 2026, Kind: "law_enforcement", Topic: "《食品安全法》贯彻实施情况", Month: 5})
		if err != nil {
			t.Fatal(err)
		}
		in := supervision.Activity{Township: dayuan, TopicID: &topic.ID, Kind: "law_enforcement", Title: "食品安全执法检查", Date: "2026-05-20",
			DeputyIDs: deps[:2], Findings: "部分农村家宴备案不全"}
		_, err = supervision.CreateActivity(ctx, db, staff, in)
		wantErr(t, err, errs.Invalid, "laws") // a law-enforcement inspection names the laws checked
		in.Laws = "《中华人民共和国食品安全法》"
		bad := in
		bad.Township = huyuan
		_, err = supervision.CreateActivity(ctx, db, staff, bad)
		wantErr(t, err, errs.Invalid, "township")
		a, err := supervision.CreateActivity(ctx, db, staff, in)
		if err != nil {
			t.Fatal(err)
		}
		var records int
		db.R.QueryRow(`SELECT COUNT(*) FROM duty_records WHERE kind = 'law_enforcement_inspection' AND source = 'supervision'`).Scan(&records)
		if records != 2 || len(a.Participants) != 2 {
			t.Fatalf("%d duty records, %d participants; want 2", records, len(a.Participants))
		}
		topics, _ := supervision.Topics(ctx, db, staff, 2026)
		if len(topics) != 1 || topics[0].Activities != 1 {
			t.Errorf("plan topics %+v", topics)
		}

		now := time.Now()
		recs := []supervision.NewRecommendation{
			{Unit: "镇市场监管所", Content: "建立农村家宴备案台账", Due: now.AddDate(0, 0, -3).Format("2006-01-02")},
			{Unit: "镇卫生院", Content: "开展厨师健康体检", Due: now.AddDate(0, 0, 10).Format("2006-01-02")},
			{Unit: "镇农业农村办", Content: "加强宣传", Due: now.AddDate(0, 2, 0).Format("2006-01-02")},
		}
		var ids []int64
		for _, r := range recs {
			got, err := supervision.AddRecommendation(ctx, db, staff, a.ID, r)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, got.ID)
		}
		_, err = supervision.AddRecommendation(ctx, db, votetest.Staff(auth.Township, huyuan), a.ID, recs[0])
		wantErr(t, err, errs.NotFound, "")
		colours := map[int64]string{}
		list, err := supervision.ListRecommendations(ctx, db, staff, supervision.RecFilter{}, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			colours[r.ID] = r.Colour
		}
		if colours[ids[0]] != "red" || colours[ids[1]] != "amber" || colours[ids[2]] != "green" {
			t.Errorf("colours %v, want red amber green", colours)
		}
		if red, err := supervision.ListRecommendations(ctx, db, staff, supervision.RecFilter{Colour: "red"}, now); err != nil || len(red) != 1 || red[0].ID != ids[0] {
			t.Errorf("red filter: %+v %v", red, err)
		}
		if red, amber, _ := supervision.Overdue(ctx, db, votetest.Staff(auth.County, "330111"), now); red != 1 || amber != 1 {
			t.Errorf("county overdue %d red %d amber, want 1 and 1", red, amber)
		}

		if _, err := supervision.SetPlan(ctx, db, staff, ids[0], "一、全面排查；二、建立台账；三、每月通报"); err != nil {
			t.Fatal(err)
		}
		_, err = supervision.AddProgress(ctx, db, staff, ids[0], supervision.Progress{Date: "2026-06-10", Percent: 120, Note: "x"})
		wantErr(t, err, errs.Invalid, "percent")
		if _, err := supervision.AddProgress(ctx, db, staff, ids[0], supervision.Progress{Date: "2026-06-10", Percent: 60, Note: "已排查 12 个村"}); err != nil {
			t.Fatal(err)
		}
		_, err = supervision.CloseRecommendation(ctx, db, staff, ids[0], "  ")
		wantErr(t, err, errs.Invalid, "result")
		if r, _ := supervision.GetRecommendation(ctx, db, staff, ids[0]); r.Status != "open" || r.Percent != 60 || len(r.Progress) != 1 {
			t.Fatalf("after refused close: %+v", r)
		}
		r, err := supervision.CloseRecommendation(ctx, db, staff, ids[0], "16 个村全部建立家宴备案台账")
		if err != nil || r.Status != "closed" || r.Colour != "" {
			t.Fatalf("closed: %+v %v", r, err)
		}
		_, err = supervision.CloseRecommendation(ctx, db, staff, ids[0], "again")
		wantErr(t, err, errs.Conflict, "status")
	})
}

// TestRating: satisfaction ballots on paper and by one-time codes, rates
// computed by hand, and a unit rated low given a rectification item.
func TestRating(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r, err := supervision.CreateRating(ctx, db, staff, supervision.NewRating{Township: dayuan, Title: "2026年站所工作评议",
			SubjectKind: "units", Date: "2026-11-20", Threshold: 0.7,
			Subjects: []supervision.Subject{{Name: "镇中心小学"}, {Name: "镇兽医站"}}})
		if err != nil {
			t.Fatal(err)
		}
		school, vet := r.Subjects[0].ID, r.Subjects[1].ID
		ballot := func(s, v string) supervision.RatingBallot {
			return supervision.RatingBallot{Marks: []supervision.Mark{{SubjectID: school, Verdict: s}, {SubjectID: vet, Verdict: v}}}
		}
		// Paper: school 3 satisfied, 1 basic; vet 1 satisfied, 1 basic, 2 unsatisfied.
		paper := []supervision.RatingBallot{
			ballot(supervision.Satisfied, supervision.Satisfied), ballot(supervision.Satisfied, supervision.Basic),
			ballot(supervision.Satisfied, supervision.Unsatisfied), ballot(supervision.Basic, supervision.Unsatisfied),
		}
		broken := append([]supervision.RatingBallot{}, paper...)
		broken = append(broken, supervision.RatingBallot{Marks: []supervision.Mark{{SubjectID: school, Verdict: "good"}}})
		_, err = supervision.AddPaperBallots(ctx, db, staff, r.ID, broken)
		wantErr(t, err, errs.Invalid, "ballots[4].marks[0].verdict")
		if _, err := supervision.AddPaperBallots(ctx, db, staff, r.ID, paper); err != nil {
			t.Fatal(err)
		}
		codes, err := supervision.IssueCodes(ctx, db, staff, r.ID, 2)
		if err != nil || len(codes) != 2 {
			t.Fatal(codes, err)
		}
		// By code: school 1 unsatisfied; vet 1 basic.
		if err := supervision.CastWithCode(ctx, db, r.ID, codes[0], ballot(supervision.Unsatisfied, supervision.Basic)); err != nil {
			t.Fatal(err)
		}
		err = supervision.CastWithCode(ctx, db, r.ID, codes[0], ballot(supervision.Satisfied, supervision.Satisfied))
		wantErr(t, err, errs.Invalid, "code")
		err = supervision.CastWithCode(ctx, db, r.ID, "NOPE2345", ballot(supervision.Satisfied, supervision.Satisfied))
		wantErr(t, err, errs.Invalid, "code")

		res, err := supervision.CloseRating(ctx, db, staff, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		// School: 3/1/1 → 80% incl. basic, 60% strict; vet: 1/2/2 → 60%.
		want := map[int64][5]float64{school: {3, 1, 1, 0.8, 0.6}, vet: {1, 2, 2, 0.6, 0.2}}
		for _, s := range res {
			w := want[s.SubjectID]
			if float64(s.Satisfied) != w[0] || float64(s.Basic) != w[1] || float64(s.Unsatisfied) != w[2] || !near(s.Rate, w[3]) || !near(s.StrictRate, w[4]) {
				t.Errorf("%s: %+v, want %v", s.Name, s, w)
			}
			if s.Low != (s.SubjectID == vet) {
				t.Errorf("%s low = %v", s.Name, s.Low)
			}
		}
		recs, _ := supervision.ListRecommendations(ctx, db, staff, supervision.RecFilter{}, time.Now())
		if len(recs) != 1 || recs[0].Unit != "镇兽医站" || recs[0].RatingID == nil {
			t.Fatalf("rectification items %+v, want one for the vet station", recs)
		}
		err = supervision.CastWithCode(ctx, db, r.ID, codes[1], ballot(supervision.Satisfied, supervision.Satisfied))
		wantErr(t, err, errs.Conflict, "status")
	})
}

func TestScoredAppraisal(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r, err := supervision.CreateRating(ctx, db, staff, supervision.NewRating{Township: dayuan, Title: "环卫所工作评议", SubjectKind: "units",
			Method: "scores", Date: "2026-11-20", Subjects: []supervision.Subject{{Name: "镇环卫所"}},
			Criteria: []supervision.Criterion{{Name: "工作作风", MaxScore: 40}, {Name: "工作实绩", MaxScore: 60}}})
		if err != nil {
			t.Fatal(err)
		}
		s, c1, c2 := r.Subjects[0].ID, r.Criteria[0].ID, r.Criteria[1].ID
		mark := func(a, b int) supervision.RatingBallot {
			return supervision.RatingBallot{Marks: []supervision.Mark{{SubjectID: s, Scores: []supervision.Score{{CriterionID: c1, Score: a}, {CriterionID: c2, Score: b}}}}}
		}
		_, err = supervision.AddPaperBallots(ctx, db, staff, r.ID, []supervision.RatingBallot{mark(41, 10)})
		wantErr(t, err, errs.Invalid, "ballots[0].marks[0].scores[0].score")
		twice := mark(30, 50)
		twice.Marks[0].Scores[1].CriterionID = c1
		_, err = supervision.AddPaperBallots(ctx, db, staff, r.ID, []supervision.RatingBallot{mark(30, 50), twice})
		wantErr(t, err, errs.Invalid, "ballots[1].marks[0].scores[1].criterion_id")
		if _, err := supervision.AddPaperBallots(ctx, db, staff, r.ID, []supervision.RatingBallot{mark(30, 50), mark(20, 30)}); err != nil {
			t.Fatal(err)
		}
		res, err := supervision.CloseRating(ctx, db, staff, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Averages 25 and 40: 65 of 100, above the default 60% line; the
		// refused batch counted nothing.
		if got := res[0]; !near(got.Averages[0], 25) || !near(got.Averages[1], 40) || !near(got.ScoreRate, 0.65) || got.Low || got.Scored != 2 {
			t.Errorf("result %+v", got)
		}
		if o := supervision.OverallOf(r, res); o == nil || o.Subjects != 1 || !near(o.Score, 65) || !near(o.Averages[1], 40) {
			t.Errorf("overall %+v", o)
		}
	})
}

func TestWorkPlan(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		w, err := supervision.CreatePlan(ctx, db, staff, supervision.WorkPlan{Township: dayuan, Year: now.Year()})
		if err != nil {
			t.Fatal(err)
		}
		_, err = supervision.CreatePlan(ctx, db, staff, supervision.WorkPlan{Township: dayuan, Year: now.Year()})
		wantErr(t, err, errs.Conflict, "year")
		late, _ := supervision.AddItem(ctx, db, staff, w.ID, supervision.PlanItem{Content: "召开人代会", Owner: "人大主席", Due: now.AddDate(0, 0, -5).Format("2006-01-02")})
		supervision.AddItem(ctx, db, staff, w.ID, supervision.PlanItem{Content: "开展代表述职", Owner: "人大副主席", Due: now.AddDate(0, 1, 0).Format("2006-01-02")})
		_, err = supervision.AddItem(ctx, db, votetest.Staff(auth.Township, huyuan), w.ID, supervision.PlanItem{Content: "x", Due: "2026-01-01"})
		wantErr(t, err, errs.NotFound, "")
		county := votetest.Staff(auth.County, "330111")
		plans, _ := supervision.Plans(ctx, db, county, now.Year(), now)
		if len(plans) != 1 || plans[0].Lagging != 1 || plans[0].Total != 2 {
			t.Fatalf("county overview %+v", plans)
		}
		if _, err := supervision.UpdateItem(ctx, db, staff, late.ID, supervision.ItemProgress{Progress: 100, Note: "已于1月召开"}); err != nil {
			t.Fatal(err)
		}
		plans, _ = supervision.Plans(ctx, db, county, now.Year(), now)
		if plans[0].Lagging != 0 || plans[0].Done != 1 {
			t.Fatalf("after progress %+v", plans)
		}
		if other, _ := supervision.Plans(ctx, db, votetest.Staff(auth.Township, huyuan), now.Year(), now); len(other) != 0 {
			t.Error("another township sees the plan")
		}
	})
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
