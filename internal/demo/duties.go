package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// The duties part of the demo: the 富阳区 deputies get last year's and
// this year's duty records — most meet their targets, some lag, a few are
// three-nots deputies who skip meetings and activities — with records
// waiting for confirmation and one returned; last year's points are
// published and final, and the first half of this year is open for
// corrections.
func init() {
	addStep(200, "duties", loadDuties)
}

// profile is how active a demo deputy is.
type profile int

const (
	diligent profile = iota
	behind
	idle
	threeNots
)

func profileOf(r *rand.Rand) profile {
	switch n := r.IntN(100); {
	case n < 55:
		return diligent
	case n < 85:
		return behind
	case n < 95:
		return idle
	}
	return threeNots
}

// activity is how many records of a kind a profile makes in a year, from
// lo to hi, each of days from dayLo upward in half days.
type activity struct {
	kind    duties.Kind
	lo, hi  int
	days    float64
	persons int // persons met per contact, about
}

var plans = map[profile][]activity{
	diligent: {
		{duties.SessionAttendance, 1, 1, 2, 0}, {duties.GroupActivity, 3, 5, 1, 0}, {duties.DistrictVisit, 3, 5, 0.5, 0},
		{duties.ConstituentContact, 4, 6, 0.5, 10}, {duties.PracticalDeed, 1, 3, 1, 0}, {duties.Suggestion, 1, 2, 0.5, 0},
		{duties.Inspection, 1, 2, 1, 0}, {duties.Survey, 0, 1, 1, 0}, {duties.Training, 1, 2, 1, 0}, {duties.Reception, 1, 3, 0.5, 0},
		{duties.DeliberationSpeech, 0, 2, 0.5, 0}, {duties.CommunitySupport, 0, 2, 0.5, 0}, {duties.Advice, 0, 1, 0.5, 0},
	},
	behind: {
		{duties.SessionAttendance, 1, 1, 2, 0}, {duties.GroupActivity, 1, 3, 1, 0}, {duties.DistrictVisit, 0, 2, 0.5, 0},
		{duties.ConstituentContact, 1, 3, 0.5, 7}, {duties.PracticalDeed, 0, 1, 1, 0}, {duties.Suggestion, 0, 1, 0.5, 0},
		{duties.Training, 0, 1, 1, 0},
	},
	idle:      {{duties.SessionAttendance, 1, 1, 2, 0}, {duties.Training, 1, 1, 1, 0}},
	threeNots: {},
}

var dutyTitles = map[duties.Kind][]string{
	duties.SessionAttendance:        {"出席%s人民代表大会会议"},
	duties.CommitteeAttendance:      {"列席区人大常委会会议"},
	duties.DeliberationSpeech:       {"在人代会分组审议中发言", "审议政府工作报告并发言"},
	duties.Motion:                   {"领衔提出关于农村道路提升的议案"},
	duties.Suggestion:               {"提出关于增设公交站点的建议", "提出关于改善农村污水处理的建议", "提出关于加强养老服务的建议", "提出关于校园周边交通安全的建议"},
	duties.Inspection:               {"视察%s美丽乡村建设", "视察农村饮用水提标工程", "视察垃圾分类工作"},
	duties.LawEnforcementInspection: {"参加《食品安全法》执法检查"},
	duties.Survey:                   {"开展农村养老服务专题调研", "开展茶产业发展专题调研"},
	duties.Appraisal:                {"参加对镇卫生院的工作评议"},
	duties.GroupActivity:            {"代表小组集中活动", "代表小组视察民生实事项目", "代表小组学习交流会"},
	duties.ConstituentContact:       {"进村入户联系选民", "参加村民议事会听取意见", "联系走访困难群众"},
	duties.Reception:                {"在代表联络站接待选民"},
	duties.DistrictVisit:            {"走访原选区", "回原选区听取意见建议"},
	duties.ReportToConstituents:     {"向原选区选民述职"},
	duties.PracticalDeed:            {"协调解决村道路灯安装", "帮助修缮村文化礼堂", "协调解决农田灌溉渠道问题", "帮助困难家庭申请救助"},
	duties.CommunitySupport:         {"参加社区志愿服务", "支持村庄环境整治"},
	duties.Training:                 {"参加代表履职培训班", "参加代表专题学习"},
	duties.Advice:                   {"为“共同富裕”主题活动建言献策"},
}

var returnReasons = []string{"请补充活动照片", "日期与活动通知不符，请核实", "天数填写有误，请按半天登记"}

// demoRecord makes one record of a kind on a date.
func demoRecord(r *rand.Rand, d demoDeputy, a activity, date string) dutyRow {
	titles := dutyTitles[a.kind]
	title := titles[r.IntN(len(titles))]
	if len(title) > 2 && containsVerb(title) {
		title = fmt.Sprintf(title, d.townName)
	}
	row := dutyRow{deputy: d.id, township: d.township, kind: string(a.kind), date: date, days: a.days,
		title: title, place: d.townName, status: duties.StatusConfirmed, source: "staff"}
	if r.IntN(3) == 0 && a.days < 2 {
		row.days += 0.5
	}
	if a.kind.Counted() {
		row.count = a.persons/2 + r.IntN(a.persons+1)
	}
	return row
}

func containsVerb(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' && s[i+1] == 's' {
			return true
		}
	}
	return false
}

type demoDeputy struct {
	id       int64
	township string
	townName string
}

// dateIn picks a date between from and to (inclusive).
func dateIn(r *rand.Rand, from, to time.Time) string {
	days := int(to.Sub(from).Hours()/24) + 1
	return from.AddDate(0, 0, r.IntN(max(days, 1))).Format(duties.DateLayout)
}

func loadDuties(ctx context.Context, db *store.DB, _ *auth.Service) error {
	deps, err := scopeDeputies(ctx, db, County)
	if err != nil {
		return err
	}
	if len(deps) == 0 {
		return fmt.Errorf("no deputies in %s: the deputies step must run first", County)
	}
	var demoID int64
	if err := db.R.QueryRowContext(ctx, `SELECT COALESCE(MAX(deputy_id), 0) FROM users WHERE username = 'deputy'`).Scan(&demoID); err != nil {
		return err
	}
	now := time.Now()
	year := now.Year()
	r := rand.New(rand.NewPCG(2026, 200))
	w := newDutyWriter(db, nil)
	lastYear := [2]time.Time{time.Date(year-1, 1, 1, 0, 0, 0, 0, time.Local), time.Date(year-1, 12, 31, 0, 0, 0, 0, time.Local)}
	thisYear := [2]time.Time{time.Date(year, 1, 1, 0, 0, 0, 0, time.Local), now.AddDate(0, 0, -1)}
	elapsed := float64(now.YearDay()) / 365
	for _, d := range deps {
		prof := profileOf(r)
		if d.id == demoID {
			prof = diligent
		}
		for yi, span := range [][2]time.Time{lastYear, thisYear} {
			share := 1.0
			if yi == 1 {
				share = elapsed
			}
			for _, a := range plans[prof] {
				n := a.lo + r.IntN(a.hi-a.lo+1)
				if yi == 1 {
					// This year so far: the share of the year that has passed,
					// and deputies who lag in the year lag more.
					if prof != behind {
						n = int(math.Ceil(float64(n) * share))
					} else {
						// Deputies who lag do so in group activities and visits.
						n = int(math.Round(float64(n) * share))
						if a.kind == duties.GroupActivity || a.kind == duties.DistrictVisit {
							n = max(0, n-1)
						}
					}
				}
				for i := 0; i < n; i++ {
					row := demoRecord(r, d, a, dateIn(r, span[0], span[1]))
					if yi == 1 && r.IntN(5) == 0 && a.kind != duties.SessionAttendance {
						row.source = "deputy"
					}
					if err := w.add(ctx, row); err != nil {
						return err
					}
				}
			}
			if prof == threeNots {
				for i := 0; i < 1+r.IntN(2); i++ {
					if _, err := db.W.ExecContext(ctx, `INSERT INTO duty_absences (deputy_id, township_code, date, meeting, with_leave, created_at)
						VALUES ($1, $2, $3, $4, FALSE, $5)`, d.id, d.township, dateIn(r, span[0], span[1]),
						d.townName+"人大主席团会议", now.Unix()); err != nil {
						return err
					}
				}
			}
		}
		// Recent records some deputies made on their phones, waiting for
		// staff; the demo deputy also has one returned.
		if prof == diligent && (r.IntN(6) == 0 || d.id == demoID) {
			for i, k := range []duties.Kind{duties.ConstituentContact, duties.DistrictVisit} {
				row := demoRecord(r, d, activity{kind: k, days: 0.5, persons: 8}, now.AddDate(0, 0, -1-i*3).Format(duties.DateLayout))
				row.status, row.source = duties.StatusPending, "deputy"
				if err := w.add(ctx, row); err != nil {
					return err
				}
			}
			if d.id == demoID {
				row := demoRecord(r, d, activity{kind: duties.GroupActivity, days: 1}, now.AddDate(0, 0, -9).Format(duties.DateLayout))
				row.status, row.source, row.reason = duties.StatusReturned, "deputy", returnReasons[0]
				if err := w.add(ctx, row); err != nil {
					return err
				}
			}
		}
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	return publishDemo(ctx, db, year, demoID)
}

// publishDemo publishes last year's points for the county and makes them
// final, and opens this year's first half in 大源镇 for corrections, with
// one request from the demo deputy.
func publishDemo(ctx context.Context, db *store.DB, year int, demoID int64) error {
	svc := duties.New(db)
	p := auth.SystemPrincipal
	svc.Now = func() time.Time { return time.Date(year, 1, 10, 9, 0, 0, 0, time.Local) }
	pd, err := svc.Publish(ctx, p, duties.PublishInput{Scope: County, Year: year - 1})
	if err != nil {
		return fmt.Errorf("publish %d: %w", year-1, err)
	}
	svc.Now = func() time.Time { return time.Date(year, 1, 20, 9, 0, 0, 0, time.Local) }
	if _, err := svc.Finalize(ctx, p, pd.ID); err != nil {
		return fmt.Errorf("finalize %d: %w", year-1, err)
	}
	svc.Now = time.Now
	if time.Now().Format(duties.DateLayout) <= fmt.Sprintf("%04d-06-30", year) {
		return nil
	}
	half, err := svc.Publish(ctx, p, duties.PublishInput{Scope: Dayuan, Year: year, Half: 1})
	if err != nil {
		return fmt.Errorf("publish the first half: %w", err)
	}
	if demoID != 0 {
		dp := &auth.Principal{Username: "deputy", Role: auth.Deputy, Scope: Dayuan, DeputyID: demoID}
		if _, err := svc.RequestCorrection(ctx, dp, half.ID, "5月份参加镇代表小组视察民生实事项目的记录未计入，请核实。"); err != nil {
			return fmt.Errorf("demo correction: %w", err)
		}
	}
	return nil
}

// scopeDeputies lists the deputies of a scope with their township.
func scopeDeputies(ctx context.Context, db *store.DB, scope string) ([]demoDeputy, error) {
	lo, hi := store.PrefixRange(scope)
	// By township, so that records written in this order land close together
	// in the indexes, which all lead with the township or the deputy.
	rows, err := db.R.QueryContext(ctx, `SELECT id, township_code FROM deputies WHERE township_code >= $1 AND township_code < $2 ORDER BY township_code, id`, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []demoDeputy
	names := map[string]string{}
	for rows.Next() {
		var d demoDeputy
		if err := rows.Scan(&d.id, &d.township); err != nil {
			return nil, err
		}
		if _, ok := names[d.township]; !ok {
			names[d.township] = jurisdiction.National().FullName(d.township)
			if u, ok := jurisdiction.National().Get(d.township); ok {
				names[d.township] = u.Name
			}
		}
		d.townName = names[d.township]
		out = append(out, d)
	}
	return out, rows.Err()
}
