package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"renda/internal/auth"
	"renda/internal/deputies"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// The deputies part of the demo: every town, township and street of 富阳区
// gets its electoral districts, deputy groups (or, for a street, the
// delegation of district deputies), liaison stations with officers, and a
// roster — township deputies of the 第十八届 congress, district deputies,
// a few city and province deputies, some holding seats at two levels.
func init() {
	addStep(100, "deputies", loadDeputies)
	extraAccounts = append(extraAccounts,
		Account{"deputy", "大源镇人大代表 / township deputy, 大源镇 330111117", auth.Deputy, Dayuan, ""},
		Account{"liaison", "大源镇代表联络站联络员 / liaison officer, 大源镇 330111117", auth.Liaison, Dayuan, ""},
	)
}

var (
	surnames  = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方孔骆俞裘章喻")
	maleGiven = []string{"建国", "建华", "国强", "志强", "伟", "军", "磊", "洋", "勇", "杰", "涛", "明", "超", "平", "刚", "晓东",
		"立新", "卫东", "建平", "金良", "水根", "小平", "浩", "宇航", "国平", "永良", "宏伟", "伟民", "根法", "新华", "海峰", "志刚"}
	femaleGiven = []string{"海燕", "丽娟", "芳", "敏", "静", "秀英", "桂芳", "艳", "娟", "秀兰", "霞", "桂英", "晓燕", "红梅",
		"春华", "美华", "雪芬", "玲", "慧", "婷", "欣怡", "菊芬", "丽萍", "小红", "月琴", "素娟"}
	politicals = []string{"中共党员", "中共党员", "中共党员", "中共党员", "群众", "群众", "民盟盟员", "无党派人士", "民进会员"}
	educations = []string{"大学本科", "大学本科", "大专", "大专", "高中", "研究生", "中专", "初中"}
	sectors    = []string{"农民", "工人", "专业技术人员", "党政干部", "企业负责人", "基层干部", "社会组织"}
	skillSets  = []string{"农业种植", "茶叶种植", "法律", "医疗卫生", "教育", "企业管理", "财务审计", "规划建设", "电子商务", "乡村旅游", "环境保护", "矛盾调解", "养老服务", "水利"}
	// Employers by sector; %[1]s is the village, %[2]s the township.
	employerFmt = map[string][]string{
		"农民":     {"%[1]s党总支书记", "%[1]s家庭农场负责人", "%[2]s%[1]s茶叶专业合作社社长", "%[1]s村民"},
		"工人":     {"杭州富阳%[1]s纸业有限公司职工", "富阳%[2]s机械厂技术员", "%[2]s供电所电工"},
		"专业技术人员": {"%[2]s中心小学教师", "%[2]s卫生院医生", "%[2]s农业综合服务站农艺师", "浙江富春律师事务所律师"},
		"党政干部":   {"%[2]s人民政府干部", "%[2]s党委委员", "%[2]s人大主席团副主席"},
		"企业负责人":  {"杭州%[1]s实业有限公司董事长", "富阳%[2]s建设有限公司总经理", "%[2]s%[1]s竹木制品厂厂长"},
		"基层干部":   {"%[1]s村民委员会主任", "%[1]s股份经济合作社社长", "%[2]s%[1]s妇联主席"},
		"社会组织":   {"%[2]s志愿者协会会长", "%[1]s老年协会会长", "%[2]s乡贤联谊会秘书长"},
	}
)

// person makes a plausible deputy: name, gender, birth date, ID number
// (with a right check digit, born in 富阳 under its old code 330183),
// phone, and the rest of the profile.
func person(r *rand.Rand, village, town string) deputies.Input {
	male := r.IntN(100) < 68
	given := femaleGiven
	if male {
		given = maleGiven
	}
	name := string(surnames[r.IntN(len(surnames))]) + given[r.IntN(len(given))]
	year := 1962 + r.IntN(35)
	month, day := 1+r.IntN(12), 1+r.IntN(28)
	seq := r.IntN(999) + 1
	if (seq%2 == 1) != male {
		seq = seq%998 + 1
		if (seq%2 == 1) != male {
			seq++
		}
	}
	id := deputies.CompleteIDNumber(fmt.Sprintf("330183%04d%02d%02d%03d", year, month, day, seq))
	gender := "female"
	if male {
		gender = "male"
	}
	phone := fmt.Sprintf("1%d%09d", []int{3, 5, 7, 8, 9}[r.IntN(5)], r.IntN(1_000_000_000))
	sector := sectors[r.IntN(len(sectors))]
	fmts := employerFmt[sector]
	skills := skillSets[r.IntN(len(skillSets))]
	if r.IntN(3) == 0 {
		skills += "、" + skillSets[r.IntN(len(skillSets))]
	}
	return deputies.Input{
		Name: deputies.Str(name), Gender: deputies.Str(gender), Ethnicity: deputies.Str("汉族"),
		BirthDate: deputies.Str(fmt.Sprintf("%04d-%02d-%02d", year, month, day)),
		Political: deputies.Str(politicals[r.IntN(len(politicals))]), Education: deputies.Str(educations[r.IntN(len(educations))]),
		Employer: deputies.Str(fmt.Sprintf(fmts[r.IntN(len(fmts))], village, town)), Sector: deputies.Str(sector),
		Skills: deputies.Str(skills), Phone: deputies.Str(phone), IDNumber: deputies.Str(id),
	}
}

// shortVillage is a village's everyday name: 勤功村委会 → 勤功村.
func shortVillage(name string) string {
	name = strings.TrimSuffix(name, "委会")
	name = strings.TrimSuffix(name, "居委会")
	return strings.TrimSuffix(name, "民")
}

func chunks[T any](xs []T, n int) [][]T {
	if n < 1 {
		n = 1
	}
	size := (len(xs) + n - 1) / n
	var out [][]T
	for i := 0; i < len(xs); i += max(size, 1) {
		out = append(out, xs[i:min(i+size, len(xs))])
	}
	return out
}

func seatOf(level deputies.Level, term, start string, district int64) deputies.SeatInput {
	s := deputies.SeatInput{Level: deputies.Str(string(level)), Term: deputies.Str(term), StartDate: deputies.Str(start)}
	if district != 0 {
		s.DistrictID = deputies.Int(district)
	}
	return s
}

const (
	townshipTerm  = "第十八届"
	townshipStart = "2021-12-20"
	countyTerm    = "第十八届"
	countyStart   = "2021-12-28"
)

// demoTown is what one town's organisation came to, for the accounts.
type demoTown struct {
	firstDeputy int64
	mainStation int64
	staffID     int64
}

func loadDeputies(ctx context.Context, db *store.DB, svc *auth.Service) error {
	p := auth.SystemPrincipal
	r := rand.New(rand.NewPCG(2026, 330111))
	var dayuan demoTown
	for _, t := range jurisdiction.National().Townships(County) {
		villages, _, err := jurisdiction.Children(ctx, db.R, t.Code, "", 500)
		if err != nil {
			return err
		}
		if len(villages) == 0 {
			return fmt.Errorf("%s has no villages: load them first", t.Name)
		}
		town, err := loadTown(ctx, db, p, r, t, villages)
		if err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
		if t.Code == Dayuan {
			dayuan = town
		}
	}
	if _, err := deputies.CreateDeputyAccount(ctx, db, svc, p, dayuan.firstDeputy,
		deputies.AccountInput{Username: "deputy", Password: Password}); err != nil {
		return fmt.Errorf("account deputy: %w", err)
	}
	if _, err := deputies.CreateOfficerAccount(ctx, db, svc, p, dayuan.mainStation, dayuan.staffID,
		deputies.AccountInput{Username: "liaison", Password: Password}); err != nil {
		return fmt.Errorf("account liaison: %w", err)
	}
	return nil
}

func loadTown(ctx context.Context, db *store.DB, p *auth.Principal, r *rand.Rand, t *jurisdiction.Unit, villages []jurisdiction.Unit) (demoTown, error) {
	var out demoTown
	hasCongress := t.Kind.HasCongress()
	code := t.Code
	// Electoral districts: the township congress's, two villages each, and
	// the district congress's, about five villages each.
	var townDistricts, countyDistricts []int64
	districtOfVillage := map[string]int64{}
	if hasCongress {
		for i, vs := range chunks(villages, (len(villages)+1)/2) {
			d, err := deputies.CreateDistrict(ctx, db, p, deputies.DistrictInput{
				Township: &code, Level: deputies.Str("township"), Name: deputies.Str(fmt.Sprintf("第%d选区", i+1)),
				Seats: ptrInt(2 + r.IntN(2)), Villages: villageCodes(vs),
			})
			if err != nil {
				return out, err
			}
			townDistricts = append(townDistricts, d.ID)
			for _, v := range vs {
				districtOfVillage[v.Code] = d.ID
			}
		}
	}
	for i, vs := range chunks(villages, max(1, len(villages)/5)) {
		d, err := deputies.CreateDistrict(ctx, db, p, deputies.DistrictInput{
			Township: &code, Level: deputies.Str("county"), Name: deputies.Str(fmt.Sprintf("%s第%d选区", t.Name, i+1)),
			Seats: ptrInt(1 + r.IntN(2)), Villages: villageCodes(vs),
		})
		if err != nil {
			return out, err
		}
		countyDistricts = append(countyDistricts, d.ID)
	}

	// Groups (a street has one delegation of district deputies), and a
	// station per group area, the first at the township's offices.
	areas := chunks(villages, min(4, len(villages)))
	var groups, stations []int64
	for i, vs := range areas {
		var gname string
		kind := "group"
		if hasCongress {
			gname = shortVillage(vs[0].Name) + "片代表小组"
		} else {
			if i > 0 {
				break
			}
			gname, kind = t.Name+"人大代表联组", "delegation"
		}
		g, err := deputies.CreateGroup(ctx, db, p, deputies.GroupInput{Township: &code, Name: &gname, Kind: &kind})
		if err != nil {
			return out, err
		}
		groups = append(groups, g.ID)
	}
	for i, vs := range areas {
		if i >= 3 {
			break
		}
		in := deputies.StationInput{Township: &code, Villages: villageCodes(vs)}
		if i == 0 {
			in.Name = deputies.Str(t.Name + "人大代表联络站")
			in.Address = deputies.Str("富阳区" + t.Name + "人民政府（办事处）一楼")
			in.Hours = deputies.Str("每月5日、20日 8:30—11:30，14:00—17:00（节假日顺延）")
		} else {
			in.Name = deputies.Str(shortVillage(vs[0].Name) + "代表联络点")
			in.Address = deputies.Str("富阳区" + t.Name + vs[0].Name + "党群服务中心")
			in.Hours = deputies.Str("每月10日 8:30—11:30")
		}
		in.Phone = deputies.Str(fmt.Sprintf("0571-633%05d", r.IntN(100000)))
		var ds []int64
		for _, v := range vs {
			if d := districtOfVillage[v.Code]; d != 0 && !containsID(ds, d) {
				ds = append(ds, d)
			}
		}
		in.DistrictIDs = &ds
		s, err := deputies.CreateStation(ctx, db, p, in)
		if err != nil {
			return out, err
		}
		stations = append(stations, s.ID)
		for j := 0; j < 2; j++ {
			o := person(r, "", t.Name)
			staff := j == 0
			off, err := deputies.AddOfficer(ctx, db, p, s.ID, deputies.OfficerInput{Name: o.Name, Phone: o.Phone,
				PublicPhone: in.Phone, IsStaff: &staff})
			if err != nil {
				return out, err
			}
			if i == 0 && staff {
				out.mainStation, out.staffID = s.ID, off.ID
			}
		}
	}

	// The roster.
	township, county := 0, 10+r.IntN(6)
	if hasCongress {
		township, county = 28+r.IntN(10), 3+r.IntN(3)
	}
	leaders := map[int64]bool{}
	for i := 0; i < township+county; i++ {
		area := i % len(groups)
		vs := areas[min(area, len(areas)-1)]
		v := vs[r.IntN(len(vs))]
		in := person(r, shortVillage(v.Name), t.Name)
		in.Township = &code
		gid := groups[area]
		in.GroupID = &gid
		sid := stations[min(area, len(stations)-1)]
		in.StationID = &sid
		if i < township {
			in.Seats = append(in.Seats, seatOf(deputies.Township, townshipTerm, townshipStart, districtOfVillage[v.Code]))
			if i%9 == 4 { // some township deputies sit in the district congress too
				in.Seats = append(in.Seats, seatOf(deputies.County, countyTerm, countyStart, countyDistricts[i%len(countyDistricts)]))
			}
		} else {
			in.Seats = append(in.Seats, seatOf(deputies.County, countyTerm, countyStart, countyDistricts[i%len(countyDistricts)]))
			if i == township+county-1 && r.IntN(2) == 0 {
				in.Seats = append(in.Seats, seatOf(deputies.City, "第十四届", "2022-02-10", 0))
			}
		}
		d, err := deputies.Create(ctx, db, p, in)
		if err != nil {
			return out, fmt.Errorf("deputy %s: %w", *in.Name, err)
		}
		if out.firstDeputy == 0 && i < township {
			out.firstDeputy = d.ID
		}
		if !leaders[gid] {
			leaders[gid] = true
			if _, err := deputies.UpdateGroup(ctx, db, p, gid, deputies.GroupInput{LeaderID: &d.ID}); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

func villageCodes(vs []jurisdiction.Unit) *[]string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Code
	}
	return &out
}

func containsID(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func ptrInt(n int) *int { return &n }
