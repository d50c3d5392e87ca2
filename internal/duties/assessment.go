package duties

import (
	"context"
	"fmt"
	"math"
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
	if len(scope) < 9 {
		err = a.tallyByTownship(ctx, byID, windows)
	} else {
		ids := make([]int64, 0, len(items))
		for _, it := range items {
			ids = append(ids, it.DeputyID)
		}
		err = a.tally(ctx, scope, a.partialIDs(ids, windows), byID, windows)
	}
	if err != nil {
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
