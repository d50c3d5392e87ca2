package duties

import (
	"context"
	"testing"
	"time"

	"renda/internal/errs"
	"renda/internal/store"
	"renda/internal/testdb"
)

func TestPublishCorrectFinalize(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "2026-01-10")
		st := staff(dayuan)
		a := f.deputy("甲代表", dayuan, "2021-10-01", "", "serving")
		b := f.deputy("乙代表", dayuan, "2021-10-01", "", "serving")
		f.record(st, Input{DeputyID: a, Kind: Motion, Date: "2025-04-01", Days: 1})
		f.record(st, Input{DeputyID: b, Kind: GroupActivity, Date: "2025-04-01", Days: 1})

		if _, err := f.svc.Publish(ctx, st, PublishInput{Year: 2026}); err == nil {
			t.Error("published a year that has not ended")
		}
		if _, err := f.svc.Publish(ctx, deputyUser(a, dayuan), PublishInput{Year: 2025}); err == nil {
			t.Error("a deputy published points")
		}
		pd, err := f.svc.Publish(ctx, st, PublishInput{Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		// The default window is 7 days from publication.
		if pd.CorrectionUntil != "2026-01-17" || pd.Status != PeriodOpen || len(pd.Items) != 2 || pd.Items[0].Points != 5 {
			t.Fatalf("published: %+v", pd)
		}
		if _, err := f.svc.Publish(ctx, st, PublishInput{Year: 2025}); err == nil {
			t.Error("published the same period twice")
		}
		// 乙 asks for a correction: a district visit was left out.
		mine, err := f.svc.GetPeriod(ctx, deputyUser(b, dayuan), pd.ID)
		if err != nil || len(mine.Items) != 1 || mine.Items[0].DeputyID != b {
			t.Fatalf("deputy's view of the period: %+v %v", mine, err)
		}
		c, err := f.svc.RequestCorrection(ctx, deputyUser(b, dayuan), pd.ID, "9月份走访原选区未计入")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.RequestCorrection(ctx, deputyUser(b, dayuan), pd.ID, "再次申请"); err == nil {
			t.Error("two open requests")
		}
		if _, err := f.svc.Finalize(ctx, st, pd.ID); err == nil {
			t.Error("finalized while the window is open")
		}
		if _, err := f.svc.AnswerCorrection(ctx, staff(huyuan), c.ID, true, ""); !isNotFound(err, "") {
			t.Errorf("another township answered: %v", err)
		}
		if _, err := f.svc.AnswerCorrection(ctx, st, c.ID, false, ""); err == nil {
			t.Error("refused without a reason")
		}
		f.record(st, Input{DeputyID: b, Kind: DistrictVisit, Date: "2025-09-09", Days: 1})
		ans, err := f.svc.AnswerCorrection(ctx, st, c.ID, true, "已补录")
		if err != nil || ans.Status != "accepted" {
			t.Fatalf("accept: %+v %v", ans, err)
		}
		pd, _ = f.svc.GetPeriod(ctx, st, pd.ID)
		for _, it := range pd.Items {
			if it.DeputyID == b && it.Points != 4 {
				t.Errorf("乙 after the accepted correction: %v points, want 2 + 2", it.Points)
			}
		}
		// Before the period is final the public sees nothing.
		pub, err := f.svc.PublicSummary(ctx, b)
		if err != nil || len(pub.Lines) != 0 {
			t.Errorf("public before final: %+v %v", pub, err)
		}
		// After the window: requests are refused naming the field, and the
		// period can be made final.
		f.svc.Now = func() time.Time { return time.Date(2026, 1, 18, 9, 0, 0, 0, time.Local) }
		_, err = f.svc.RequestCorrection(ctx, deputyUser(a, dayuan), pd.ID, "太晚了")
		if e, ok := errs.As(err); !ok || e.Field != "period_id" || e.Code != "window_closed" {
			t.Errorf("late request: %v", err)
		}
		if _, err := f.svc.Finalize(ctx, st, pd.ID); err != nil {
			t.Fatal(err)
		}
		pub, err = f.svc.PublicSummary(ctx, b)
		if err != nil || len(pub.Lines) != 1 || pub.Lines[0].Points != 4 || pub.Lines[0].Year != 2025 {
			t.Errorf("public after final: %+v %v", pub, err)
		}
		town, err := f.svc.PublicTownshipSummary(ctx, dayuan)
		if err != nil || town.Period == nil || len(town.Items) != 2 {
			t.Errorf("township public summary: %+v %v", town, err)
		}
	})
}
