package demo

import (
	"context"
	"fmt"
	"time"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/store"
)

// The cases part of the demo: 富阳区's handling units with accounts, then
// in 大源镇 and 富春街道 opinions in every state and suggestions through
// every step, replied and rated, and an advice campaign. Time is moved
// along a clock so that due dates fall green, amber and red today.
func init() {
	addStep(300, "units", loadUnits)
	addStep(310, "cases", loadCases)
	extraAccounts = append(extraAccounts,
		Account{"unit", "富阳区住房和城乡建设局 / handling unit, 330111", auth.Unit, County, "富阳区住房和城乡建设局"},
	)
}

// demoUnits are the handling units: the county's departments, court and
// procuratorate, and the two demo townships' government and street office.
var demoUnits = []cases.NewUnit{
	{Name: "富阳区住房和城乡建设局", Kind: "department", Jurisdiction: County, Phone: "0571-63321000"},
	{Name: "富阳区交通运输局", Kind: "department", Jurisdiction: County, Phone: "0571-63322000"},
	{Name: "富阳区农业农村局", Kind: "department", Jurisdiction: County},
	{Name: "富阳区林业水利局", Kind: "department", Jurisdiction: County},
	{Name: "富阳区教育局", Kind: "department", Jurisdiction: County},
	{Name: "富阳区人民法院", Kind: "court", Jurisdiction: County},
	{Name: "富阳区人民检察院", Kind: "procuratorate", Jurisdiction: County},
	{Name: "大源镇人民政府", Kind: "township_government", Jurisdiction: Dayuan, Phone: "0571-63410000"},
	{Name: "富春街道办事处", Kind: "street_office", Jurisdiction: Fuchun, Phone: "0571-63350000"},
}

func loadUnits(ctx context.Context, db *store.DB, svc *auth.Service) error {
	cs := cases.New(db)
	for _, in := range demoUnits {
		u, err := cs.CreateUnit(ctx, auth.SystemPrincipal, in)
		if err != nil {
			return fmt.Errorf("unit %s: %w", in.Name, err)
		}
		if in.Name == "富阳区住房和城乡建设局" {
			if _, err := cs.CreateUnitAccount(ctx, svc, auth.SystemPrincipal, u.ID, cases.UnitAccount{Username: "unit", Password: Password}); err != nil {
				return fmt.Errorf("account unit: %w", err)
			}
		}
	}
	return nil
}

// demoClock is a settable clock for the demo's services.
type demoClock struct{ t time.Time }

func (c *demoClock) now() time.Time { return c.t }

func unitIDs(ctx context.Context, db *store.DB) (map[string]int64, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT id, name FROM units WHERE jurisdiction_code >= $1 AND jurisdiction_code < $2`, County, County+"~")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[name] = id
	}
	return out, rows.Err()
}

func townDeputies(ctx context.Context, db *store.DB, town string) ([]int64, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT id FROM deputies WHERE township_code = $1 ORDER BY id`, town)
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
	if len(out) < 6 {
		return nil, fmt.Errorf("%s has %d deputies; the deputies demo must run first", town, len(out))
	}
	return out, rows.Err()
}

func firstStation(ctx context.Context, db *store.DB, town string) (int64, error) {
	var id int64
	err := db.R.QueryRowContext(ctx, `SELECT id FROM stations WHERE township_code = $1 ORDER BY id LIMIT 1`, town).Scan(&id)
	return id, err
}

// demoMatter is an opinion of the demo and how far it goes.
type demoMatter struct {
	channel, title, body, name, phone string
	route                             string // "" stays received
	unit                              string
	reply, grade                      string
	rating                            string // satisfied, basic, unsatisfied
	daysAgo                           int    // received this many days ago
	due                               int    // days from receipt to the due date (0: the default)
}

var dayuanMatters = []demoMatter{
	{"reception", "大源村文化礼堂门口路灯不亮", "文化礼堂门口三盏路灯坏了一个多月，晚上跳广场舞的老人出行不便。", "陈秀兰", "13805711201", "township", "大源镇人民政府", "已更换三盏路灯，恢复照明。", "A", "satisfied", 80, 0},
	{"hotline", "亭山村至大源村村道破损", "村道路面坑洼较多，雨天积水，电动车易滑倒。", "何建平", "13805711202", "township", "大源镇人民政府", "已列入今年农村公路养护计划，三季度修复。", "C", "basic", 120, 0},
	{"online", "集镇菜市场周边停车难", "早市时段车辆乱停，堵塞道路。", "", "", "township", "大源镇人民政府", "已施划临时停车位，安排人员疏导。", "B", "unsatisfied", 70, 0},
	{"mailbox", "大源溪沿岸防洪堤有裂缝", "汛期前需要加固，村民担心安全。", "朱立新", "13805711203", "district", "富阳区林业水利局", "", "", "", 40, 45},
	{"reception", "农村生活污水管网未接入", "新建农居点污水管网未接入主管网，污水直排。", "汪桂芳", "13805711204", "district", "富阳区住房和城乡建设局", "", "", "", 100, 90},
	{"visit", "山区小学校车接送不便", "偏远村孩子上学要走很远，希望增加校车线路。", "吴永良", "13805711205", "district", "富阳区教育局", "", "", "", 20, 0},
	{"appointment", "宅基地审批进度慢", "农户建房审批等待时间较长。", "徐先生", "13805711206", "beyond", "", "", "", "", 30, 0},
	{"forum", "希望开通大源至富阳城区直达公交", "目前需要换乘，通勤时间长。", "蒋海燕", "13805711207", "suggestion", "", "", "", "", 25, 0},
	{"hotline", "希望在大源中学门口增设红绿灯", "学生上下学穿越省道，存在安全隐患。", "申屠立新", "13805711210", "district", "", "", "", "", 6, 0},
	{"hotline", "垃圾清运不及时", "夏季垃圾桶满溢，气味较大。", "", "13805711208", "", "", "", "", "", 2, 0},
	{"online", "垃圾收集点清运不及时", "垃圾收集点经常满溢。", "", "", "", "", "", "", "", 1, 0},
	{"research", "茶叶销售渠道单一", "茶农希望政府搭建电商销售平台。", "叶根法", "13805711209", "district", "富阳区农业农村局", "已在大源镇设立电商服务站，组织茶农培训。", "A", "", 60, 0},
}

var fuchunMatters = []demoMatter{
	{"reception", "老旧小区加装电梯推进慢", "富春街道多个老旧小区居民希望加装电梯，协调难度大。", "俞美华", "13905711301", "district", "富阳区住房和城乡建设局", "已出台加装电梯补助办法，今年完成 12 台。", "B", "basic", 90, 0},
	{"online", "学校门口上下学交通拥堵", "春江路小学门口接送车辆拥堵。", "章晓东", "13905711302", "township", "富春街道办事处", "已设置即停即走车位并安排志愿者疏导。", "A", "satisfied", 50, 0},
	{"hotline", "小区噪音扰民", "夜间施工噪音影响休息。", "", "13905711303", "township", "富春街道办事处", "", "", "", 10, 0},
	{"reception", "社区养老服务站服务时间短", "希望延长老年食堂开放时间。", "孔素娟", "13905711304", "", "", "", "", "", 3, 0},
}

// loadCases makes the opinions, suggestions and campaign of the demo.
func loadCases(ctx context.Context, db *store.DB, _ *auth.Service) error {
	clock := &demoClock{}
	cs := cases.New(db)
	cs.Now = clock.now
	units, err := unitIDs(ctx, db)
	if err != nil {
		return err
	}
	today := time.Now()
	for _, town := range []struct {
		code    string
		matters []demoMatter
	}{{Dayuan, dayuanMatters}, {Fuchun, fuchunMatters}} {
		deps, err := townDeputies(ctx, db, town.code)
		if err != nil {
			return err
		}
		station, err := firstStation(ctx, db, town.code)
		if err != nil {
			return err
		}
		var received []int64
		for i, m := range town.matters {
			clock.t = today.AddDate(0, 0, -m.daysAgo)
			id, err := demoOpinion(ctx, cs, clock, units, town.code, station, deps[i%len(deps)], m)
			if err != nil {
				return fmt.Errorf("opinion %q: %w", m.title, err)
			}
			if m.route == "" {
				received = append(received, id)
			}
		}
		// The two rubbish complaints of 大源镇 are one matter: merge them.
		if town.code == Dayuan && len(received) >= 2 {
			clock.t = today
			if _, err := cs.Merge(ctx, auth.SystemPrincipal, received[0], received[1:2]); err != nil {
				return fmt.Errorf("merge: %w", err)
			}
		}
		if err := demoSuggestions(ctx, cs, clock, units, town.code, deps); err != nil {
			return err
		}
	}
	return demoCampaign(ctx, cs, clock, Fuchun)
}

func demoOpinion(ctx context.Context, cs *cases.Service, clock *demoClock, units map[string]int64, town string, station, deputy int64, m demoMatter) (int64, error) {
	staff := auth.SystemPrincipal
	r, err := cs.CreateOpinion(ctx, staff, cases.NewOpinion{Township: town, Channel: m.channel, Title: m.title, Body: m.body,
		Constituent: cases.Constituent{Name: m.name, Phone: m.phone}, DeputyIDs: []int64{deputy}, StationID: station})
	if err != nil {
		return 0, err
	}
	if m.route == "" {
		return r.ID, nil
	}
	clock.t = clock.t.Add(24 * time.Hour)
	due := ""
	if m.due != 0 {
		due = clock.t.AddDate(0, 0, m.due).Format(time.DateOnly)
	}
	routing := cases.Routing{Route: m.route, UnitID: units[m.unit], Due: due}
	if m.route == "beyond" {
		routing.Note = "已转请杭州市人大代表向市人大反映"
	}
	if m.route == "suggestion" {
		routing.Note = "多名群众反映，将由代表形成建议"
	}
	if _, err := cs.Route(ctx, staff, r.ID, routing); err != nil {
		return 0, err
	}
	if m.reply == "" {
		return r.ID, nil
	}
	clock.t = clock.t.AddDate(0, 0, 15)
	unit := &auth.Principal{Username: "demo-unit", Role: auth.Unit, Scope: County, UnitID: units[m.unit]}
	if _, err := cs.Reply(ctx, unit, r.ID, cases.Reply{Grade: m.grade, Text: m.reply}); err != nil {
		return 0, err
	}
	if m.rating == "" {
		return r.ID, nil
	}
	clock.t = clock.t.AddDate(0, 0, 5)
	_, err = cs.Rate(ctx, staff, r.ID, cases.Rating{Satisfaction: m.rating, Note: "回访记录"})
	return r.ID, err
}

// demoSuggestions files suggestions and a motion and carries them through
// assignment, a return, replies and ratings, including one handled again.
func demoSuggestions(ctx context.Context, cs *cases.Service, clock *demoClock, units map[string]int64, town string, deps []int64) error {
	congress := town
	if town == Fuchun {
		congress = County // a street has no congress: its deputies file with the district's
	}
	type step struct {
		kind         cases.Kind
		title        string
		unit         string
		wrongUnit    string // returned by this unit first
		grade        string
		reply        string
		ratings      []string // successive ratings; unsatisfied sends it back
		daysAgo, due int
	}
	steps := []step{
		{cases.Suggestion, "关于加快" + townName(town) + "农村污水治理设施提升改造的建议", "富阳区住房和城乡建设局", "", "A", "已完成 6 个村的管网改造，剩余村纳入明年计划。", []string{"satisfied"}, 150, 0},
		{cases.Suggestion, "关于优化" + townName(town) + "公交线路的建议", "富阳区交通运输局", "富阳区教育局", "B", "已开展客流调查，拟调整线路。", []string{"unsatisfied", "basic"}, 140, 0},
		{cases.Suggestion, "关于加强山塘水库安全管理的建议", "富阳区林业水利局", "", "C", "已列入三年行动计划。", nil, 100, 0},
		{cases.Motion, "关于加强" + townName(town) + "生态环境保护的议案", "富阳区农业农村局", "", "", "", nil, 110, 100},
		{cases.Suggestion, "关于提升基层法律服务的建议", "富阳区人民法院", "", "", "", nil, 60, 0},
		{cases.Suggestion, "关于增设社区养老服务设施的建议", "", "", "", "", nil, 5, 0},
		{cases.Suggestion, "关于规范农村建房审批的建议", "", "富阳区人民检察院", "", "", nil, 12, 0},
	}
	for i, s := range steps {
		clock.t = time.Now().AddDate(0, 0, -s.daysAgo)
		lead := deps[(i*3)%len(deps)]
		c, err := cs.FileSuggestion(ctx, auth.SystemPrincipal, cases.NewSuggestion{Congress: congress, Kind: s.kind, Title: s.title,
			Body: s.title + "。建议有关部门统筹资金，明确时间表，及时向代表反馈办理进展。", LeadDeputyID: lead,
			CoDeputyIDs: []int64{deps[(i*3+1)%len(deps)], deps[(i*3+2)%len(deps)]}})
		if err != nil {
			return fmt.Errorf("suggestion %q: %w", s.title, err)
		}
		if s.unit == "" && s.wrongUnit == "" {
			continue
		}
		clock.t = clock.t.AddDate(0, 0, 7)
		unitOf := func(name string) *auth.Principal {
			return &auth.Principal{Username: "demo-unit", Role: auth.Unit, Scope: County, UnitID: units[name]}
		}
		if s.wrongUnit != "" {
			if _, err := cs.Assign(ctx, auth.SystemPrincipal, c.ID, cases.Assignment{LeadUnitID: units[s.wrongUnit]}); err != nil {
				return err
			}
			clock.t = clock.t.AddDate(0, 0, 2)
			if _, err := cs.Return(ctx, unitOf(s.wrongUnit), c.ID, "该事项不属于本单位职责，建议交由交通运输部门办理。"); err != nil {
				return err
			}
			clock.t = clock.t.AddDate(0, 0, 1)
		}
		if s.unit == "" {
			continue // returned, awaiting a new assignment
		}
		due := ""
		if s.due != 0 {
			due = clock.t.AddDate(0, 0, s.due).Format(time.DateOnly)
		}
		if _, err := cs.Assign(ctx, auth.SystemPrincipal, c.ID, cases.Assignment{LeadUnitID: units[s.unit], Due: due}); err != nil {
			return err
		}
		if s.reply == "" {
			continue
		}
		deputy := &auth.Principal{Username: "demo-deputy", Role: auth.Deputy, Scope: town, DeputyID: lead}
		for round, rating := range append(s.ratings, "") {
			clock.t = clock.t.AddDate(0, 0, 30)
			text := s.reply
			if round > 0 {
				text = "经再次研究，" + s.reply + "并已向代表当面汇报。"
			}
			if _, err := cs.Reply(ctx, unitOf(s.unit), c.ID, cases.Reply{Grade: s.grade, Text: text}); err != nil {
				return err
			}
			if rating == "" {
				break
			}
			clock.t = clock.t.AddDate(0, 0, 7)
			if _, err := cs.Rate(ctx, deputy, c.ID, cases.Rating{Satisfaction: rating}); err != nil {
				return err
			}
			if rating != cases.Unsatisfied {
				break
			}
		}
	}
	return nil
}

func townName(code string) string {
	if code == Fuchun {
		return "富春街道"
	}
	return "大源镇"
}

// demoCampaign is 富春街道's “人大代表之声” campaign: advice from ten
// deputies, a quarter of it adopted.
func demoCampaign(ctx context.Context, cs *cases.Service, clock *demoClock, town string) error {
	clock.t = time.Now().AddDate(0, -2, 0)
	g, err := cs.CreateCampaign(ctx, auth.SystemPrincipal, cases.Campaign{Jurisdiction: town, Theme: "人大代表之声：共建美丽富春",
		Description: "围绕城市更新、老旧小区改造、社区治理，征集人大代表意见建议。",
		OpensOn:     clock.t.Format(time.DateOnly), ClosesOn: clock.t.AddDate(0, 1, 0).Format(time.DateOnly)})
	if err != nil {
		return err
	}
	deps, err := townDeputies(ctx, cs.DB, town)
	if err != nil {
		return err
	}
	topics := []string{"增设口袋公园", "规范共享单车停放", "老旧小区雨污分流", "社区食堂延长开放", "富春江沿岸夜间照明", "背街小巷环境整治",
		"增加充电桩", "学校周边交通疏导", "垃圾分类积分激励", "社区议事协商常态化", "菜场改造提升", "加装电梯补助"}
	n := min(10, len(deps))
	for i, topic := range topics {
		clock.t = clock.t.Add(48 * time.Hour)
		a, err := cs.GiveAdvice(ctx, auth.SystemPrincipal, g.ID, cases.Advice{DeputyID: deps[i%n], Title: topic, Body: "建议" + topic + "，由街道牵头会同有关部门落实。"})
		if err != nil {
			return fmt.Errorf("advice %s: %w", topic, err)
		}
		if i%4 == 0 {
			if _, err := cs.Adopt(ctx, auth.SystemPrincipal, a.ID, true); err != nil {
				return err
			}
		}
	}
	return nil
}
