package demo

import (
	"context"
	"fmt"
	"time"

	"renda/internal/auth"
	"renda/internal/jurisdiction"
	"renda/internal/store"
	"renda/internal/supervision"
)

// The supervision part of the demo: 大源镇's supervision plan for the year,
// two inspections with their recommendations and the government's
// rectification (one closed, one on track, one overdue, one due soon), a
// rating of the village committee heads, and the annual work plan.
func init() {
	addStep(420, "supervision", loadSupervision)
}

func loadSupervision(ctx context.Context, db *store.DB, svc *auth.Service) error {
	p, err := dayuanStaff(ctx, svc)
	if err != nil {
		return err
	}
	deps, err := servingDeputies(ctx, db, Dayuan)
	if err != nil {
		return err
	}
	var topics []*supervision.Topic
	for _, t := range []supervision.Topic{
		{Kind: "inspection", Topic: "大源溪流域综合治理情况", Month: 5},
		{Kind: "law_enforcement", Topic: "《中华人民共和国食品安全法》贯彻实施情况", Month: 9},
		{Kind: "survey", Topic: "农村居家养老服务情况", Month: 11},
		{Kind: "appraisal", Topic: "镇站所工作评议", Month: 12},
	} {
		t.Township, t.Year = Dayuan, demoYear
		got, err := supervision.AddTopic(ctx, db, p, t)
		if err != nil {
			return err
		}
		topics = append(topics, got)
	}
	now := time.Now()
	day := func(d int) string { return now.AddDate(0, 0, d).Format("2006-01-02") }

	river, err := supervision.CreateActivity(ctx, db, p, supervision.Activity{Township: Dayuan, TopicID: &topics[0].ID, Kind: "inspection",
		Title: "视察大源溪流域综合治理工作", Date: "2026-05-20", DeputyIDs: deps[:6],
		Findings: "一、部分河段护岸工程进度滞后；二、沿岸生活污水截污纳管不彻底；三、河道保洁长效机制尚未建立。"})
	if err != nil {
		return err
	}
	food, err := supervision.CreateActivity(ctx, db, p, supervision.Activity{Township: Dayuan, TopicID: &topics[1].ID, Kind: "law_enforcement",
		Title: "《食品安全法》执法检查", Date: "2026-09-15", DeputyIDs: deps[6:11], Laws: "《中华人民共和国食品安全法》《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》",
		Findings: "农村家宴备案登记不全；部分小餐饮店从业人员健康证过期；校园周边食品摊贩管理薄弱。"})
	if err != nil {
		return err
	}
	type rec struct {
		activity int64
		in       supervision.NewRecommendation
		plan     string
		progress []supervision.Progress
		result   string
	}
	for _, r := range []rec{
		{river.ID, supervision.NewRecommendation{Unit: "镇农业农村办", Content: "加快二标段护岸工程建设，确保汛前完工", Due: "2026-08-31"},
			"倒排工期，增加施工力量，8月底前完成护岸主体。", []supervision.Progress{{Date: "2026-07-10", Percent: 60, Note: "护岸主体完成六成"}, {Date: "2026-08-25", Percent: 100, Note: "护岸主体全部完工"}},
			"二标段护岸已于8月25日完工，经汛期检验运行正常。"},
		{river.ID, supervision.NewRecommendation{Unit: "镇建设办", Content: "全面排查沿岸生活污水直排口，年底前完成截污纳管", Due: day(60)},
			"分三批完成沿岸12个直排口截污纳管。", []supervision.Progress{{Date: "2026-09-30", Percent: 50, Note: "已完成6个直排口改造"}}, ""},
		{river.ID, supervision.NewRecommendation{Unit: "镇农业农村办", Content: "建立河道保洁长效机制，落实村级河长巡河", Due: day(-20)},
			"", nil, ""},
		{food.ID, supervision.NewRecommendation{Unit: "镇市场监管所", Content: "建立农村家宴备案台账，实现全镇各村全覆盖", Due: day(10)},
			"由各村文书负责登记，市场监管所每月抽查。", []supervision.Progress{{Date: "2026-10-15", Percent: 70, Note: "已有11个村建立台账"}}, ""},
		{food.ID, supervision.NewRecommendation{Unit: "镇卫生院", Content: "组织小餐饮从业人员集中健康体检", Due: day(45)},
			"", nil, ""},
	} {
		got, err := supervision.AddRecommendation(ctx, db, p, r.activity, r.in)
		if err != nil {
			return err
		}
		if r.plan != "" {
			if _, err := supervision.SetPlan(ctx, db, p, got.ID, r.plan); err != nil {
				return err
			}
		}
		for _, pr := range r.progress {
			if _, err := supervision.AddProgress(ctx, db, p, got.ID, pr); err != nil {
				return err
			}
		}
		if r.result != "" {
			if _, err := supervision.CloseRecommendation(ctx, db, p, got.ID, r.result); err != nil {
				return err
			}
		}
	}
	if err := loadVillageHeadRating(ctx, db, p); err != nil {
		return err
	}
	return loadWorkPlan(ctx, db, p, now)
}

// loadVillageHeadRating rates the village committee heads of 大源镇 on
// paper: 30 raters, each head's verdicts drawn so that the rates differ.
func loadVillageHeadRating(ctx context.Context, db *store.DB, p *auth.Principal) error {
	villages, _, err := jurisdiction.Children(ctx, db.R, Dayuan, "", 100)
	if err != nil {
		return err
	}
	var subjects []supervision.Subject
	for i, v := range villages {
		if i >= 12 {
			break
		}
		given := maleGiven[(i*7)%len(maleGiven)]
		subjects = append(subjects, supervision.Subject{Name: string(surnames[(i*11)%len(surnames)]) + given, Post: v.Name + "主任"})
	}
	r, err := supervision.CreateRating(ctx, db, p, supervision.NewRating{Township: Dayuan, Title: "2026年大源镇村（居）委会主任述职测评",
		SubjectKind: "people", Date: "2026-11-10", Subjects: subjects})
	if err != nil {
		return err
	}
	const raters = 30
	var ballots []supervision.RatingBallot
	for k := range raters {
		var b supervision.RatingBallot
		for i, s := range r.Subjects {
			v := supervision.Satisfied
			switch x := (k*7 + i*5) % 30; {
			case x < 3+i:
				v = supervision.Unsatisfied
			case x < 9+i:
				v = supervision.Basic
			}
			b.Marks = append(b.Marks, supervision.Mark{SubjectID: s.ID, Verdict: v})
		}
		ballots = append(ballots, b)
	}
	if _, err := supervision.AddPaperBallots(ctx, db, p, r.ID, ballots); err != nil {
		return err
	}
	_, err = supervision.CloseRating(ctx, db, p, r.ID)
	return err
}

// loadWorkPlan writes 大源镇's annual work plan with some items done, some
// under way and two lagging.
func loadWorkPlan(ctx context.Context, db *store.DB, p *auth.Principal, now time.Time) error {
	w, err := supervision.CreatePlan(ctx, db, p, supervision.WorkPlan{Township: Dayuan, Year: demoYear, Title: fmt.Sprintf("大源镇人大%d年度工作计划", demoYear)})
	if err != nil {
		return err
	}
	day := func(d int) string { return now.AddDate(0, 0, d).Format("2006-01-02") }
	for _, it := range []struct {
		content, owner, due string
		progress            int
		note                string
	}{
		{"召开镇第十八届人大第五次会议", "人大主席", "2026-01-31", 100, "1月8日至9日召开"},
		{"组织民生实事项目代表票决", "人大主席", "2026-01-31", 100, "票决产生4个项目"},
		{"每季度召开主席团会议", "人大副主席", "2026-12-31", 75, "第三季度未召开，需补课"},
		{"开展大源溪流域综合治理视察", "人大副主席", "2026-05-31", 100, ""},
		{"开展《食品安全法》执法检查", "人大副主席", "2026-09-30", 100, ""},
		{"组织代表向选民述职", "人大秘书", day(-15), 40, "已有12名代表完成述职"},
		{"代表联络站规范化建设", "人大秘书", day(-5), 60, "上墙制度待更新"},
		{"开展镇站所工作评议", "人大主席", "2026-12-20", 10, "方案已拟定"},
	} {
		item, err := supervision.AddItem(ctx, db, p, w.ID, supervision.PlanItem{Content: it.content, Owner: it.owner, Due: it.due})
		if err != nil {
			return err
		}
		if it.progress > 0 {
			if _, err := supervision.UpdateItem(ctx, db, p, item.ID, supervision.ItemProgress{Progress: it.progress, Note: it.note}); err != nil {
				return err
			}
		}
	}
	return nil
}
