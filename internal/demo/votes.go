package demo

import (
	"context"
	"fmt"

	"renda/internal/auth"
	"renda/internal/store"
	"renda/internal/votes"
)

// The votes part of the demo: 大源镇's 2026 livelihood project vote at its
// last session — six candidates for four places, a tie for the fourth
// place settled by a recorded presidium decision, the result published —
// and the chosen projects half-way through.
func init() {
	addStep(410, "votes", loadVotes)
}

var demoProjects = []votes.NewProject{
	{Name: "大源溪流域综合治理（二期）", Investment: 1850, Department: "镇农业农村办", Due: "2026-12-31", Rationale: "大源溪汛期水位上涨影响沿岸5个村，群众反映强烈，代表多次提出建议。"},
	{Name: "居家养老服务中心及老年食堂扩面", Investment: 420, Department: "镇社会事务办", Due: "2026-10-31", Rationale: "全镇60岁以上老人占比超过25%，现有老年食堂覆盖不足。"},
	{Name: "农村公路提升改造", Investment: 960, Department: "镇建设办", Due: "2026-11-30", Rationale: "部分村道路面破损，影响出行和农产品运输。"},
	{Name: "中心小学运动场改造", Investment: 280, Department: "镇中心小学", Due: "2026-08-31", Rationale: "塑胶跑道老化开裂，存在安全隐患。"},
	{Name: "农贸市场提升改造", Investment: 350, Department: "镇市场监管所", Due: "2026-09-30", Rationale: "市场设施陈旧，排水不畅，群众购物环境差。"},
	{Name: "智慧停车场建设", Investment: 600, Department: "镇综合执法队", Due: "2026-12-31", Rationale: "集镇停车难问题突出。"},
}

func loadVotes(ctx context.Context, db *store.DB, svc *auth.Service) error {
	p, err := dayuanStaff(ctx, svc)
	if err != nil {
		return err
	}
	deps, err := servingDeputies(ctx, db, Dayuan)
	if err != nil {
		return err
	}
	var sessionID int64
	if err := db.R.QueryRowContext(ctx, `SELECT id FROM congress_sessions WHERE congress_code = $1 AND number = 5`, Dayuan).Scan(&sessionID); err != nil {
		return fmt.Errorf("the session of the vote: %w", err)
	}
	v, err := votes.Create(ctx, db, p, votes.NewVote{Congress: Dayuan, SessionID: &sessionID, Title: "2026年大源镇民生实事项目代表票决",
		Choose: 4, Projects: demoProjects})
	if err != nil {
		return err
	}
	if v, err = votes.OpenVote(ctx, db, p, v.ID); err != nil {
		return err
	}
	n := len(deps)
	// Votes for each project, so that the fourth and fifth tie for the
	// last place with more than half of all deputies each.
	forCount := []int{n - 2, n - 4, n * 8 / 10, n * 7 / 10, n * 7 / 10, n * 4 / 10}
	ballot := func(i int) []votes.Choice {
		var cs []votes.Choice
		for j, pr := range v.Projects {
			c := votes.Against
			switch {
			case i < forCount[j]:
				c = votes.For
			case i%3 == 0:
				c = votes.Abstain
			}
			cs = append(cs, votes.Choice{ProjectID: pr.ID, Choice: c})
		}
		return cs
	}
	// Most vote on their phones; the last five put paper ballots in box 1.
	const paper = 5
	for i := 0; i < n-paper; i++ {
		dp := &auth.Principal{Username: "deputy", Role: auth.Deputy, Scope: Dayuan, DeputyID: deps[i]}
		if _, err := votes.Cast(ctx, db, dp, v.ID, ballot(i)); err != nil {
			return fmt.Errorf("ballot %d: %w", i, err)
		}
	}
	// Staff record who took the paper ballots, so those five cannot also
	// vote on their phones.
	if _, err := votes.IssuePaper(ctx, db, p, v.ID, votes.PaperIssue{DeputyIDs: deps[n-paper:]}); err != nil {
		return err
	}
	box := votes.PaperBox{Box: "1号票箱", Count: paper}
	for i := n - paper; i < n; i++ {
		box.Ballots = append(box.Ballots, votes.PaperBallot{Choices: ballot(i)})
	}
	if _, err := votes.AddPaperBox(ctx, db, p, v.ID, box); err != nil {
		return err
	}
	res, err := votes.CloseVote(ctx, db, p, v.ID)
	if err != nil {
		return err
	}
	if len(res.Ties) != 1 || len(res.Ties[0].ProjectIDs) < 2 {
		return fmt.Errorf("the demo vote should tie for the last place: %+v", res.Ties)
	}
	// The presidium chose the market: it serves more villages.
	market := v.Projects[4].ID
	if _, err := votes.DecideTie(ctx, db, p, v.ID, votes.TieDecision{ProjectIDs: []int64{market},
		Basis: "经大源镇第十八届人大主席团第十二次会议研究，农贸市场提升改造项目惠及全镇各村，确定其为第四个民生实事项目。"}); err != nil {
		return err
	}
	if _, err := votes.Publish(ctx, db, p, v.ID); err != nil {
		return err
	}
	return loadVoteFollowUp(ctx, db, p, v, deps)
}

// loadVoteFollowUp puts the chosen projects half-way: progress reports,
// one inspection by deputies with the problems they found.
func loadVoteFollowUp(ctx context.Context, db *store.DB, p *auth.Principal, v *votes.Vote, deps []int64) error {
	fs, err := votes.FollowUps(ctx, db, v.ID)
	if err != nil {
		return err
	}
	milestones := [][]votes.Progress{
		{{Date: "2026-03-31", Percent: 15, Milestone: "完成设计和招标"}, {Date: "2026-06-30", Percent: 45, Milestone: "一标段堤防加固完工", Problems: "汛期影响施工进度"}, {Date: "2026-09-30", Percent: 60, Milestone: "二标段护岸施工过半"}},
		{{Date: "2026-04-15", Percent: 30, Milestone: "新增3个村老年食堂选址完成"}, {Date: "2026-07-31", Percent: 55, Milestone: "2个食堂投入运营"}},
		{{Date: "2026-05-31", Percent: 25, Milestone: "完成路况调查和设计"}, {Date: "2026-09-15", Percent: 50, Milestone: "4条村道完成路面铺设"}},
		{{Date: "2026-06-30", Percent: 40, Milestone: "完成改造方案和商户安置"}, {Date: "2026-09-30", Percent: 50, Milestone: "主体结构改造完成", Problems: "部分商户过渡期经营受影响"}},
	}
	for i, f := range fs {
		if i >= len(milestones) {
			break
		}
		for _, m := range milestones[i] {
			if _, err := votes.AddProgress(ctx, db, p, v.ID, f.ProjectID, m); err != nil {
				return err
			}
		}
	}
	if len(fs) > 0 {
		if _, err := votes.AddInspection(ctx, db, p, v.ID, fs[0].ProjectID, votes.NewInspection{Date: "2026-07-15",
			DeputyIDs: deps[:4], Findings: "工程质量总体良好，一标段已发挥防洪作用。", Problems: "二标段施工便道扬尘较大，需加强管理。"}); err != nil {
			return err
		}
	}
	return nil
}
