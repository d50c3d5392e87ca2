package demo

import (
	"context"
	"fmt"
	"time"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/liaison"
	"renda/internal/store"
)

// The liaison part of the demo: the main station of 大源镇 and of 富春街道
// gets this year's timetable by the district rule, and two receptions
// already held, whose matters became opinions and whose deputies got duty
// records; a few visits and an appointment.
func init() {
	addStep(305, "receptions", loadReceptions)
}

var receptionMatters = [][]liaison.Matter{
	{
		{Title: "村里老年活动室设施老旧", Body: "活动室桌椅损坏，冬天没有取暖设施。", Constituent: cases.Constituent{Name: "方桂英", Phone: "13605711401"}},
		{Title: "希望增加农村医保宣传", Body: "不少老人不清楚医保报销政策。", Constituent: cases.Constituent{Name: "郑水根", Phone: "13605711402"}},
	},
	{
		{Title: "小区门口人行道破损", Body: "人行道地砖松动，老人容易绊倒。", Constituent: cases.Constituent{Name: "冯晓燕", Phone: "13605711403"}},
	},
}

func loadReceptions(ctx context.Context, db *store.DB, _ *auth.Service) error {
	clock := &demoClock{}
	cs := cases.New(db)
	cs.Now = clock.now
	ls := liaison.New(db, cs)
	staff := auth.SystemPrincipal
	now := time.Now()
	for ti, town := range []string{Dayuan, Fuchun} {
		station, err := firstStation(ctx, db, town)
		if err != nil {
			return err
		}
		deps, err := townDeputies(ctx, db, town)
		if err != nil {
			return err
		}
		// The rest of this year's days, announced ten days ago.
		clock.t = now.AddDate(0, 0, -10)
		if _, err := ls.Generate(ctx, staff, station, liaison.Rule{Year: now.Year()}); err != nil {
			return fmt.Errorf("timetable: %w", err)
		}
		if now.YearDay() > 300 { // late in the year: next year's timetable is out too
			if _, err := ls.Generate(ctx, staff, station, liaison.Rule{Year: now.Year() + 1}); err != nil {
				return fmt.Errorf("timetable: %w", err)
			}
		}
		// Two receptions held in the last weeks, announced in time.
		for i, ago := range []int{35, 14} {
			day := now.AddDate(0, 0, -ago)
			clock.t = day.AddDate(0, 0, -10)
			r, err := ls.AddReception(ctx, staff, station, liaison.Reception{Date: day.Format(time.DateOnly), Starts: "09:00", Ends: "11:30",
				Place: "联络站接待室", OfficerName: "联络员", DeputyIDs: deps[2*i : 2*i+2], Topic: "代表接待选民日"})
			if err != nil {
				return fmt.Errorf("reception: %w", err)
			}
			clock.t = day.Add(3 * time.Hour)
			if _, err := ls.Hold(ctx, staff, r.ID, liaison.Held{Visitors: 4 + i, PresentDeputyIDs: deps[2*i : 2*i+2],
				Summary: "接待选民，现场解答政策咨询，登记意见建议。", Matters: receptionMatters[(ti+i)%len(receptionMatters)]}); err != nil {
				return fmt.Errorf("hold: %w", err)
			}
		}
		// A short-notice extra reception, flagged on the public page.
		clock.t = now
		if _, err := ls.AddReception(ctx, staff, station, liaison.Reception{Date: now.AddDate(0, 0, 3).Format(time.DateOnly), Starts: "14:00",
			Ends: "16:00", Place: "联络站接待室", DeputyIDs: deps[4:6], Topic: "防汛安全专题接待"}); err != nil {
			return err
		}
		clock.t = now.AddDate(0, 0, -20)
		if _, err := ls.RecordVisit(ctx, staff, liaison.Visit{Township: town, Date: clock.t.Format(time.DateOnly), Purpose: "走访慰问困难家庭",
			Households: 5, Constituents: "低保户、独居老人", Result: "了解生活困难，协调村社落实帮扶", DeputyIDs: deps[:2]}); err != nil {
			return err
		}
		ap, err := ls.RequestAppointment(ctx, staff, liaison.Appointment{Township: town, Channel: "hotline", Subject: "咨询老旧房屋改造政策",
			Constituent: cases.Constituent{Name: "史先生", Phone: "13605711409"}})
		if err != nil {
			return err
		}
		if _, err := ls.ArrangeAppointment(ctx, staff, ap.ID, liaison.Arrangement{DeputyID: deps[1], MeetAt: now.AddDate(0, 0, 5).Format("2006-01-02") + " 15:00", Place: "联络站"}); err != nil {
			return err
		}
	}
	return nil
}
