package duties

import (
	"context"
	"database/sql"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Target keys (DESIGN.md §4), in the order pages show them.
const (
	TargetGroupActivities     = "group_activities"
	TargetRecessDays          = "recess_days"
	TargetConstituentContacts = "constituent_contacts"
	TargetDistrictVisits      = "district_visits"
	TargetPracticalDeeds      = "practical_deeds"
	TargetSuggestions         = "suggestions"
)

// TargetKeys lists the annual targets.
var TargetKeys = []string{TargetGroupActivities, TargetRecessDays, TargetConstituentContacts,
	TargetDistrictVisits, TargetPracticalDeeds, TargetSuggestions}

// Grades, best first.
const (
	GradeExcellent = "excellent" // 优秀
	GradeGood      = "good"      // 良好
	GradePass      = "pass"      // 合格
	GradeBasic     = "basic"     // 基本合格: below target but active
	GradeFail      = "fail"      // 不合格
)

// Settings are a county's rules for one year.
type Settings struct {
	County  string             `json:"county"`
	Year    int                `json:"year"`
	Weights map[Kind]float64   `json:"weights"`
	Targets map[string]float64 `json:"targets"`
	// Grades are the points a compliant deputy needs for excellent and
	// good, and the points below which a non-compliant one fails.
	Grades map[string]float64 `json:"grades"`
	// CorrectionDays is how long deputies may ask for a correction after
	// points are published.
	CorrectionDays int `json:"correction_days"`
}

// DefaultWeights are the points one confirmed record earns.
var DefaultWeights = map[Kind]float64{
	SessionAttendance: 5, CommitteeAttendance: 3, DeliberationSpeech: 2, Motion: 5, Suggestion: 3,
	Inspection: 2, LawEnforcementInspection: 2, Survey: 2, Appraisal: 2, GroupActivity: 2,
	ConstituentContact: 1, Reception: 2, DistrictVisit: 2, ReportToConstituents: 5, PracticalDeed: 3,
	CommunitySupport: 1, Training: 1, Advice: 1,
}

// DefaultTargets are a district's published annual targets (DESIGN.md §4).
var DefaultTargets = map[string]float64{
	TargetGroupActivities: 3, TargetRecessDays: 10, TargetConstituentContacts: 30,
	TargetDistrictVisits: 3, TargetPracticalDeeds: 1, TargetSuggestions: 1,
}

// DefaultGrades are the grade thresholds in points.
var DefaultGrades = map[string]float64{GradeExcellent: 60, GradeGood: 40, GradeBasic: 20}

// DefaultCorrectionDays is the correction window after publication.
const DefaultCorrectionDays = 7

// Defaults returns the settings of DESIGN.md §4 for a county and year.
func Defaults(county string, year int) *Settings {
	s := &Settings{County: county, Year: year, Weights: map[Kind]float64{}, Targets: map[string]float64{},
		Grades: map[string]float64{}, CorrectionDays: DefaultCorrectionDays}
	for k, v := range DefaultWeights {
		s.Weights[k] = v
	}
	for k, v := range DefaultTargets {
		s.Targets[k] = v
	}
	for k, v := range DefaultGrades {
		s.Grades[k] = v
	}
	return s
}

// LoadSettings reads a county's settings for a year over the defaults.
func LoadSettings(ctx context.Context, q store.Querier, county string, year int) (*Settings, error) {
	s := Defaults(county, year)
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM duty_settings WHERE county_code = $1 AND year = $2`, county, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var v float64
		if err := rows.Scan(&key, &v); err != nil {
			return nil, err
		}
		s.set(key, v)
	}
	return s, rows.Err()
}

func (s *Settings) set(key string, v float64) {
	group, name, _ := strings.Cut(key, ".")
	switch group {
	case "weight":
		s.Weights[Kind(name)] = v
	case "target":
		s.Targets[name] = v
	case "grade":
		s.Grades[name] = v
	case "correction_days":
		s.CorrectionDays = int(v)
	}
}

// flat lists the settings as stored rows.
func (s *Settings) flat() map[string]float64 {
	m := map[string]float64{"correction_days": float64(s.CorrectionDays)}
	for k, v := range s.Weights {
		m["weight."+string(k)] = v
	}
	for k, v := range s.Targets {
		m["target."+k] = v
	}
	for k, v := range s.Grades {
		m["grade."+k] = v
	}
	return m
}

// SettingsInput is a change of settings: only what is given changes.
type SettingsInput struct {
	Weights        map[string]float64 `json:"weights"`
	Targets        map[string]float64 `json:"targets"`
	Grades         map[string]float64 `json:"grades"`
	CorrectionDays *int               `json:"correction_days"`
}

// CheckYear refuses a year outside what the platform keeps.
func CheckYear(field string, year int) error {
	if year < 2000 || year > time.Now().Year()+1 {
		return errs.Field(field, "invalid_year", "duty.err.year")
	}
	return nil
}

// countyOf returns the county a staff member sets rules for: their own
// county (county staff) or the county given within an admin's scope.
func countyOf(p *auth.Principal, county string) (string, error) {
	if p.Role == auth.County || p.Role == auth.Township {
		if county == "" {
			county = p.Scope[:6]
		}
	}
	if len(county) != 6 || strings.Trim(county, "0123456789") != "" {
		return "", errs.Field("county", "invalid_code", "err.code_format")
	}
	if !p.Covers(county) && !(p.Role == auth.Township && strings.HasPrefix(p.Scope, county)) {
		return "", errs.NotFoundErr("entity.jurisdiction")
	}
	return county, nil
}

// GetSettings returns a county's settings for a year; township staff read
// their county's.
func (s *Service) GetSettings(ctx context.Context, p *auth.Principal, county string, year int) (*Settings, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	county, err := countyOf(p, county)
	if err != nil {
		return nil, err
	}
	if err := CheckYear("year", year); err != nil {
		return nil, err
	}
	return LoadSettings(ctx, s.DB.R, county, year)
}

// UpdateSettings changes a county's weights, targets, grade thresholds or
// correction window for a year. Only county staff (and admins) may.
func (s *Service) UpdateSettings(ctx context.Context, p *auth.Principal, county string, year int, in SettingsInput) (*Settings, error) {
	if !p.Is(auth.Admin, auth.County) {
		return nil, errs.ForbiddenErr()
	}
	county, err := countyOf(p, county)
	if err != nil {
		return nil, err
	}
	if err := CheckYear("year", year); err != nil {
		return nil, err
	}
	changes := map[string]float64{}
	for _, k := range sortedKeys(in.Weights) {
		v := in.Weights[k]
		if !Kind(k).Valid() {
			return nil, errs.Field("weights."+k, "unknown_kind", "duty.err.kind_unknown", k)
		}
		if v < 0 || v > 100 || math.IsNaN(v) {
			return nil, errs.Field("weights."+k, "out_of_range", "duty.err.weight_range")
		}
		changes["weight."+k] = v
	}
	for _, k := range sortedKeys(in.Targets) {
		v := in.Targets[k]
		if !validTarget(k) {
			return nil, errs.Field("targets."+k, "unknown_target", "duty.err.target_unknown", k)
		}
		if v < 0 || v > 1000 || math.IsNaN(v) {
			return nil, errs.Field("targets."+k, "out_of_range", "duty.err.target_range")
		}
		changes["target."+k] = v
	}
	for _, k := range sortedKeys(in.Grades) {
		v := in.Grades[k]
		if k != GradeExcellent && k != GradeGood && k != GradeBasic {
			return nil, errs.Field("grades."+k, "unknown_grade", "duty.err.grade_unknown", k)
		}
		if v < 0 || v > 10000 || math.IsNaN(v) {
			return nil, errs.Field("grades."+k, "out_of_range", "duty.err.target_range")
		}
		changes["grade."+k] = v
	}
	if in.CorrectionDays != nil {
		if *in.CorrectionDays < 1 || *in.CorrectionDays > 60 {
			return nil, errs.Field("correction_days", "out_of_range", "duty.err.correction_days")
		}
		changes["correction_days"] = float64(*in.CorrectionDays)
	}
	var after *Settings
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := LoadSettings(ctx, tx, county, year)
		if err != nil {
			return err
		}
		now := time.Now().Unix()
		for k, v := range changes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO duty_settings (county_code, year, key, value, updated_by, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (county_code, year, key) DO UPDATE SET value = excluded.value,
					updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
				county, year, k, v, store.NullID(p.UserID), now); err != nil {
				return err
			}
		}
		if after, err = LoadSettings(ctx, tx, county, year); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.By(ctx, p.UserID, p.Username), "update", "duty_settings",
			county+"/"+strconv.Itoa(year), county, "duty settings "+strconv.Itoa(year), before.flat(), after.flat())
	})
	return after, err
}

func validTarget(k string) bool {
	for _, t := range TargetKeys {
		if t == k {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
