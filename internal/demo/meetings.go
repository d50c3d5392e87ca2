package demo

import (
	"context"
	"fmt"

	"renda/internal/auth"
	"renda/internal/meetings"
	"renda/internal/store"
)

// The meetings part of the demo: 大源镇's term and its last session with
// reports, attendance, speeches and resolutions, and the presidium's
// meetings of the year — the third quarter passed without one, so the home
// pages flag it.
func init() {
	addStep(400, "meetings", loadMeetings)
}

// demoYear is the year the demo's meetings, vote and supervision fall in.
const demoYear = 2026

// dayuanStaff acts for the demo as 大源镇's staff account.
func dayuanStaff(ctx context.Context, svc *auth.Service) (*auth.Principal, error) {
	u, err := svc.UserByUsername(ctx, "dayuan")
	if err != nil {
		return nil, fmt.Errorf("account dayuan: %w", err)
	}
	return u.Principal(), nil
}

// servingDeputies lists the deputies with a serving seat in a congress, in
// id order.
func servingDeputies(ctx context.Context, db *store.DB, congress string) ([]int64, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT DISTINCT deputy_id FROM seats WHERE congress_code = $1 AND status = 'serving' ORDER BY deputy_id`, congress)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func loadMeetings(ctx context.Context, db *store.DB, svc *auth.Service) error {
	p, err := dayuanStaff(ctx, svc)
	if err != nil {
		return err
	}
	deps, err := servingDeputies(ctx, db, Dayuan)
	if err != nil {
		return err
	}
	if len(deps) < 10 {
		return fmt.Errorf("大源镇 has %d serving deputies; the deputies step must run first", len(deps))
	}
	term, err := meetings.CreateTerm(ctx, db, p, meetings.Term{Congress: Dayuan, Name: townshipTerm, Start: townshipStart, End: "2026-12-19"})
	if err != nil {
		return err
	}
	s, err := meetings.CreateSession(ctx, db, p, meetings.NewSession{Congress: Dayuan, TermID: term.ID, Number: 5,
		Start: "2026-01-08", End: "2026-01-09", Place: "大源镇人民政府三楼大会议室", Agenda: []string{
			"听取和审议大源镇人大主席团工作报告",
			"听取和审议大源镇人民政府工作报告",
			"审查和批准2025年财政决算和2026年财政预算",
			"听取上次会议代表建议办理情况的报告",
			"票决产生2026年大源镇民生实事项目",
			"选举事项",
		}})
	if err != nil {
		return err
	}
	for _, d := range []meetings.Document{
		{Kind: "presidium_report", Title: "大源镇人大主席团工作报告", Body: "2025年，镇人大主席团在镇党委领导下，依法履行职责，组织代表开展视察调研4次，提出意见建议15条……"},
		{Kind: "government_report", Title: "大源镇人民政府工作报告", Body: "2025年全镇实现规上工业产值……2026年重点抓好大源溪流域综合治理、老年食堂扩面、农村道路提升等民生实事……"},
		{Kind: "budget_report", Title: "关于大源镇2025年财政决算和2026年财政预算的报告", Body: "2026年一般公共预算收入安排……"},
		{Kind: "suggestions_report", Title: "关于镇第十八届人大四次会议代表建议办理情况的报告", Body: "上次会议共收到代表建议32件，已办结32件，其中解决采纳24件……"},
	} {
		if _, err := meetings.AddDocument(ctx, db, p, s.ID, d); err != nil {
			return err
		}
	}
	// Two on leave, one absent, the rest present.
	var entries []meetings.AttendanceEntry
	for i, d := range deps {
		e := meetings.AttendanceEntry{DeputyID: d, Status: meetings.Present}
		switch i {
		case len(deps) - 1:
			e.Status = meetings.Absent
		case len(deps) - 2:
			e.Status, e.Reason = meetings.Leave, "因病住院"
		case len(deps) - 3:
			e.Status, e.Reason = meetings.Leave, "外出学习"
		}
		entries = append(entries, e)
	}
	if _, err := meetings.SetAttendance(ctx, db, p, s.ID, entries); err != nil {
		return err
	}
	for i, topic := range []string{"关于加快大源溪流域综合治理的建议", "关于农村老年食堂持续运营的意见", "关于规范农村家宴备案管理的建议"} {
		if _, err := meetings.AddSpeech(ctx, db, p, s.ID, meetings.Speech{DeputyID: deps[i*3], Date: "2026-01-08", Topic: topic}); err != nil {
			return err
		}
	}
	present := len(deps) - 3
	for _, r := range []meetings.Resolution{
		{Kind: "resolution", Title: "关于大源镇人大主席团工作报告的决议", For: present, Against: 0, Abstain: 0},
		{Kind: "resolution", Title: "关于大源镇人民政府工作报告的决议", For: present - 1, Against: 0, Abstain: 1},
		{Kind: "resolution", Title: "关于2025年财政决算和2026年财政预算的决议", For: present - 2, Against: 1, Abstain: 1},
		{Kind: "decision", Title: "关于2026年大源镇民生实事项目的决定", For: present, Against: 0, Abstain: 0},
	} {
		if _, err := meetings.AddResolution(ctx, db, p, s.ID, r); err != nil {
			return err
		}
	}
	// Presidium: the first, second and fourth quarters met; the third did
	// not, and is flagged.
	for _, m := range []meetings.PresidiumMeeting{
		{Date: "2026-03-12", Kind: meetings.Regular, Title: "主席团第一季度例会", Agenda: "听取镇政府民生实事项目实施计划汇报",
			Heard: "镇政府关于2026年民生实事项目实施计划的汇报", Decisions: "同意实施计划；组织代表分组联系项目", Minutes: "会议由镇人大主席主持，主席团成员7人出席。"},
		{Date: "2026-05-06", Kind: meetings.Extra, Title: "主席团临时会议", Agenda: "研究汛期代表参与防汛工作",
			Heard: "镇应急办关于防汛准备情况的汇报", Decisions: "组织各代表小组参与汛前隐患排查", Minutes: "因汛期临近召开临时会议。"},
		{Date: "2026-06-18", Kind: meetings.Regular, Title: "主席团第二季度例会", Agenda: "审议上半年代表活动情况",
			Heard: "镇政府关于民生实事项目上半年进展的汇报", Decisions: "决定开展食品安全执法检查", Minutes: "主席团成员6人出席，1人请假。"},
		{Date: "2026-10-20", Kind: meetings.Regular, Title: "主席团第四季度例会", Agenda: "听取执法检查整改情况",
			Heard: "镇市场监管所关于食品安全执法检查意见整改的汇报", Decisions: "对逾期未整改事项进行跟踪督办", Minutes: "主席团成员7人出席。"},
	} {
		m.Township = Dayuan
		if _, err := meetings.CreatePresidiumMeeting(ctx, db, p, m); err != nil {
			return err
		}
	}
	return nil
}
