package duties

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// TargetResult is one annual target of one deputy.
type TargetResult struct {
	Key      string  `json:"key"`
	Required float64 `json:"required"`
	Actual   float64 `json:"actual"`
	Met      bool    `json:"met"`
}

// Item is one deputy's assessment for a year.
type Item struct {
	DeputyID  int64          `json:"deputy_id"`
	Name      string         `json:"name"`
	Points    float64        `json:"points"`
	Rank      int            `json:"rank"`
	Targets   []TargetResult `json:"targets"`
	Compliant bool           `json:"compliant"`
	Grade     string         `json:"grade"`
	Warnings  []string       `json:"warnings"`

	Township string `json:"-"`
	GroupID  int64  `json:"-"`
	// Behind lists the targets behind pace (for the pages).
	Behind []string `json:"-"`
	// Tally is the confirmed records by kind (for bulletins).
	Tally map[Kind]*KindTally `json:"-"`
	// Absences without leave.
	Absences int `json:"-"`
	// Months of the year the deputy held a seat.
	Months int `json:"-"`
}

// KindTally sums a deputy's confirmed records of one kind.
type KindTally struct {
	N       int
	Days    float64
	Persons int
}

// Warning keys: the three nots (三不代表) and targets behind pace.
const (
	WarnAbsentMeetings = "absent_meetings"
	WarnNoActivities   = "no_activities"
	WarnNoOpinions     = "no_opinions"
	WarnBehindPace     = "behind_pace"
)

// Window is the part of a period a deputy is assessed on: from the later
// of the period's start and their first seat's start, to the earlier of the
// period's end and their last seat's end.
type window struct{ from, to string }

func (w window) has(date string) bool { return date >= w.from && date <= w.to }

// months counts the calendar months the window touches.
func (w window) months() int {
	a, _ := time.Parse(DateLayout, w.from)
	b, _ := time.Parse(DateLayout, w.to)
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()) + 1
}

// assessor computes assessments of a scope for a year.
type assessor struct {
	q       store.Querier
	year    int
	from    string // period bounds, inclusive
	to      string
	asOf    string // the date warnings are judged at
	setting map[string]*Settings
}

// Assess computes the assessment of every deputy in scope (a code prefix)
// who held a seat during the year, judging warnings as of today. Ranks are
// within each deputy's township.
func (s *Service) Assess(ctx context.Context, scope string, year int) ([]*Item, error) {
	return assessPeriod(ctx, s.DB.R, scope, year, fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year), s.Today())
}

// assessPeriod is the assessment over part of a year (a half year for a
// bulletin), with targets prorated to the part.
func assessPeriod(ctx context.Context, q store.Querier, scope string, year int, from, to, today string) ([]*Item, error) {
	a := &assessor{q: q, year: year, from: from, to: to, asOf: min(today, to), setting: map[string]*Settings{}}
	return a.run(ctx, scope)
}

func (a *assessor) settings(ctx context.Context, township string) (*Settings, error) {
	county := township[:6]
	if s, ok := a.setting[county]; ok {
		return s, nil
	}
	s, err := LoadSettings(ctx, a.q, county, a.year)
	if err != nil {
		return nil, err
	}
	a.setting[county] = s
	return s, nil
}

func (a *assessor) run(ctx context.Context, scope string) ([]*Item, error) {
	items, windows, err := a.deputies(ctx, scope)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*Item, len(items))
	for _, it := range items {
		byID[it.DeputyID] = it
	}
	if err := a.tally(ctx, scope, byID, windows); err != nil {
		return nil, err
	}
	if err := a.absences(ctx, scope, byID, windows); err != nil {
		return nil, err
	}
	for _, it := range items {
		st, err := a.settings(ctx, it.Township)
		if err != nil {
			return nil, err
		}
		a.judge(it, st, windows[it.DeputyID])
	}
	rankWithinTownship(items)
	return items, nil
}

// deputies lists the deputies of the scope who served during the period,
// with the window of the period they served.
func (a *assessor) deputies(ctx context.Context, scope string) ([]*Item, map[int64]window, error) {
	lo, hi := store.PrefixRange(scope)
	rows, err := a.q.QueryContext(ctx, `SELECT id, name, township_code, COALESCE(group_id, 0) FROM deputies
		WHERE township_code >= $1 AND township_code < $2 ORDER BY township_code, id`, lo, hi)
	if err != nil {
		return nil, nil, err
	}
	var all []*Item
	for rows.Next() {
		it := &Item{Tally: map[Kind]*KindTally{}, Warnings: []string{}}
		if err := rows.Scan(&it.DeputyID, &it.Name, &it.Township, &it.GroupID); err != nil {
			rows.Close()
			return nil, nil, err
		}
		all = append(all, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	// A deputy's service is the span of their seats; one without seats on
	// record is taken as serving throughout.
	type span struct {
		from, to string
		seen     bool
	}
	spans := map[int64]*span{}
	rows, err = a.q.QueryContext(ctx, `SELECT s.deputy_id, s.start_date, s.end_date, s.status, s.status_date
		FROM seats s JOIN deputies d ON d.id = s.deputy_id WHERE d.township_code >= $1 AND d.township_code < $2`, lo, hi)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		var start, end, status, statusDate string
		if err := rows.Scan(&id, &start, &end, &status, &statusDate); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if status != "serving" && statusDate != "" && (end == "" || statusDate < end) {
			end = statusDate
		}
		if start == "" {
			start = "0000-01-01"
		}
		if end == "" {
			end = "9999-12-31"
		}
		sp := spans[id]
		if sp == nil {
			spans[id] = &span{from: start, to: end, seen: true}
			continue
		}
		sp.from, sp.to = min(sp.from, start), max(sp.to, end)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	windows := make(map[int64]window, len(all))
	items := all[:0]
	for _, it := range all {
		w := window{a.from, a.to}
		if sp := spans[it.DeputyID]; sp != nil {
			w.from, w.to = max(w.from, sp.from), min(w.to, sp.to)
		}
		if w.from > w.to {
			continue // not serving in this period
		}
		windows[it.DeputyID] = w
		it.Months = w.months()
		items = append(items, it)
	}
	return items, windows, nil
}

// tally sums the confirmed records of the period by deputy and kind. Most
// deputies serve the whole period and are summed by the database; those
// who served part of it are summed record by record within their window.
func (a *assessor) tally(ctx context.Context, scope string, byID map[int64]*Item, windows map[int64]window) error {
	lo, hi := store.PrefixRange(scope)
	partial := map[int64]bool{}
	for id, w := range windows {
		if w.from != a.from || w.to != a.to {
			partial[id] = true
		}
	}
	rows, err := a.q.QueryContext(ctx, `SELECT deputy_id, kind, COUNT(*), SUM(days), SUM(count) FROM duty_records
		WHERE township_code >= $1 AND township_code < $2 AND status = 'confirmed' AND date >= $3 AND date <= $4
		GROUP BY deputy_id, kind`, lo, hi, a.from, a.to)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind Kind
		var t KindTally
		if err := rows.Scan(&id, &kind, &t.N, &t.Days, &t.Persons); err != nil {
			return err
		}
		it := byID[id]
		if it == nil || partial[id] {
			continue
		}
		it.Tally[kind] = &t
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	if len(partial) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(partial))
	for id := range partial {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 400)]
		ids = ids[len(chunk):]
		if err := a.tallyPartial(ctx, lo, hi, chunk, byID, windows); err != nil {
			return err
		}
	}
	return nil
}

// tallyPartial sums, record by record, the records of deputies who served
// part of the period, keeping those within their window.
func (a *assessor) tallyPartial(ctx context.Context, lo, hi string, ids []int64, byID map[int64]*Item, windows map[int64]window) error {
	args := []any{lo, hi, a.from, a.to}
	ph := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		ph[i] = "$" + strconv.Itoa(len(args))
	}
	rows, err := a.q.QueryContext(ctx, `SELECT deputy_id, kind, date, days, count FROM duty_records
		WHERE township_code >= $1 AND township_code < $2 AND status = 'confirmed' AND date >= $3 AND date <= $4
		AND deputy_id IN (`+strings.Join(ph, ",")+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind Kind
		var date string
		var days float64
		var n int
		if err := rows.Scan(&id, &kind, &date, &days, &n); err != nil {
			return err
		}
		if !windows[id].has(date) {
			continue
		}
		it := byID[id]
		t := it.Tally[kind]
		if t == nil {
			t = &KindTally{}
			it.Tally[kind] = t
		}
		t.N++
		t.Days += days
		t.Persons += n
	}
	return rows.Err()
}

// absences counts absences without leave within each deputy's window.
func (a *assessor) absences(ctx context.Context, scope string, byID map[int64]*Item, windows map[int64]window) error {
	lo, hi := store.PrefixRange(scope)
	rows, err := a.q.QueryContext(ctx, `SELECT deputy_id, date FROM duty_absences
		WHERE township_code >= $1 AND township_code < $2 AND date >= $3 AND date <= $4 AND with_leave = FALSE`,
		lo, hi, a.from, a.asOf)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var date string
		if err := rows.Scan(&id, &date); err != nil {
			return err
		}
		if it := byID[id]; it != nil && windows[id].has(date) {
			it.Absences++
		}
	}
	return rows.Err()
}

// Actual returns a target's actual figure from a deputy's tally.
func Actual(key string, tally map[Kind]*KindTally) float64 {
	n := func(k Kind) float64 {
		if t := tally[k]; t != nil {
			return float64(t.N)
		}
		return 0
	}
	switch key {
	case TargetGroupActivities:
		return n(GroupActivity)
	case TargetRecessDays:
		var d float64
		for k, t := range tally {
			if k.Recess() {
				d += t.Days
			}
		}
		return d
	case TargetConstituentContacts:
		if t := tally[ConstituentContact]; t != nil {
			return float64(t.Persons)
		}
		return 0
	case TargetDistrictVisits:
		return n(DistrictVisit)
	case TargetPracticalDeeds:
		return n(PracticalDeed)
	case TargetSuggestions:
		return n(Motion) + n(Suggestion)
	}
	return 0
}

// judge works out points, targets, grade and warnings of one deputy.
func (a *assessor) judge(it *Item, st *Settings, w window) {
	for k, t := range it.Tally {
		it.Points += st.Weights[k] * float64(t.N)
	}
	it.Points = math.Round(it.Points*10) / 10
	// Targets are annual: a deputy who served part of the period, or a
	// period shorter than a year, owes the share of the months served.
	months := it.Months
	it.Compliant = true
	elapsed := paceFraction(a.from, a.to, a.asOf)
	midYear := a.asOf >= fmt.Sprintf("%04d-07-01", a.year)
	for _, key := range TargetKeys {
		req := st.Targets[key]
		if months < 12 {
			req = math.Ceil(req * float64(months) / 12)
		}
		act := Actual(key, it.Tally)
		tr := TargetResult{Key: key, Required: req, Actual: act, Met: act >= req}
		if !tr.Met {
			it.Compliant = false
			if midYear && a.asOf < a.to && act < req*elapsed {
				it.Behind = append(it.Behind, key)
			}
		}
		it.Targets = append(it.Targets, tr)
	}
	switch {
	case it.Compliant && it.Points >= st.Grades[GradeExcellent]:
		it.Grade = GradeExcellent
	case it.Compliant && it.Points >= st.Grades[GradeGood]:
		it.Grade = GradeGood
	case it.Compliant:
		it.Grade = GradePass
	case it.Points >= st.Grades[GradeBasic]:
		it.Grade = GradeBasic
	default:
		it.Grade = GradeFail
	}
	if it.Absences > 0 {
		it.Warnings = append(it.Warnings, WarnAbsentMeetings)
	}
	if midYear {
		recess, opinions := false, false
		for k, t := range it.Tally {
			if t.N == 0 {
				continue
			}
			recess = recess || k.Recess()
			opinions = opinions || k.Opinion()
		}
		if !recess {
			it.Warnings = append(it.Warnings, WarnNoActivities)
		}
		if !opinions {
			it.Warnings = append(it.Warnings, WarnNoOpinions)
		}
	}
	if len(it.Behind) > 0 {
		it.Warnings = append(it.Warnings, WarnBehindPace)
	}
}

// paceFraction is how much of the period has passed by asOf.
func paceFraction(from, to, asOf string) float64 {
	a, _ := time.Parse(DateLayout, from)
	b, _ := time.Parse(DateLayout, to)
	c, _ := time.Parse(DateLayout, asOf)
	total := b.Sub(a).Hours()/24 + 1
	done := c.Sub(a).Hours()/24 + 1
	return math.Max(0, math.Min(1, done/total))
}

// rankWithinTownship orders items by township, then points (best first),
// and ranks them within their township: equal points share a rank.
func rankWithinTownship(items []*Item) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Township != items[j].Township {
			return items[i].Township < items[j].Township
		}
		if items[i].Points != items[j].Points {
			return items[i].Points > items[j].Points
		}
		return items[i].DeputyID < items[j].DeputyID
	})
	for i, it := range items {
		switch {
		case i > 0 && items[i-1].Township == it.Township && items[i-1].Points == it.Points:
			it.Rank = items[i-1].Rank
		case i > 0 && items[i-1].Township == it.Township:
			it.Rank = i - firstOfTownship(items, i) + 1
		default:
			it.Rank = 1
		}
	}
}

func firstOfTownship(items []*Item, i int) int {
	for i > 0 && items[i-1].Township == items[i].Township {
		i--
	}
	return i
}

// AssessTownship is the API's assessment: one township (or street) in the
// caller's scope. A deputy sees only their own line.
func (s *Service) AssessTownship(ctx context.Context, p *auth.Principal, township string, year int) ([]*Item, error) {
	if !mayRecord(p) {
		return nil, errs.ForbiddenErr()
	}
	if township == "" {
		if len(p.Scope) != 9 {
			return nil, errs.Required("township", "duty.field.township")
		}
		township = p.Scope
	}
	if len(township) != 9 {
		return nil, errs.Field("township", "invalid_code", "duty.err.township_code")
	}
	if _, ok := jurisdiction.National().Get(township); !ok || !p.Covers(township) {
		return nil, notFoundField("township", "entity.jurisdiction")
	}
	if err := s.checkAssessYear(year); err != nil {
		return nil, err
	}
	items, err := s.Assess(ctx, township, year)
	if err != nil {
		return nil, err
	}
	if p.Role == auth.Deputy {
		var own []*Item
		for _, it := range items {
			if it.DeputyID == p.DeputyID {
				own = append(own, it)
			}
		}
		return own, nil
	}
	return items, nil
}

func (s *Service) checkAssessYear(year int) error {
	if year < 2000 || year > s.Now().Year() {
		return errs.Field("year", "invalid_year", "duty.err.year")
	}
	return nil
}
