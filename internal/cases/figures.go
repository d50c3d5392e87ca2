package cases

import (
	"context"
	"math"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// FigureFilter says whose figures and for which period. One of Township,
// County, UnitID or DeputyID narrows them (or none: the caller's scope);
// From and To (YYYY-MM-DD, To inclusive) bound the filing date.
type FigureFilter struct {
	Township string
	County   string
	UnitID   int64
	DeputyID int64
	From, To string
	GroupBy  string // "", "township" or "unit"
}

// Figures are the handling figures (DESIGN.md §6, issue 5 §9).
//
//   - total: suggestions and motions filed, and opinions handed on for
//     handling (forwarded, assigned, returned, replied, handled again,
//     closed), in the period;
//   - replied: with at least one reply;
//   - closed: the latest reply rated satisfied or basic, or not rated
//     within the rating window after it;
//   - on-time reply rate: first replies by the due date, over the items
//     replied or already past due;
//   - satisfaction rate: satisfied plus basic over rated (the latest reply's
//     rating); strict satisfaction rate: satisfied over rated;
//   - adoption rate: latest reply graded A over total.
type Figures struct {
	Key                    string  `json:"key,omitempty"`
	Name                   string  `json:"name,omitempty"`
	Total                  int     `json:"total"`
	Replied                int     `json:"replied"`
	Closed                 int     `json:"closed"`
	OnTime                 int     `json:"on_time"`
	DueOrReplied           int     `json:"due_or_replied"`
	Rated                  int     `json:"rated"`
	Satisfied              int     `json:"satisfied"`
	Basic                  int     `json:"basic"`
	Unsatisfied            int     `json:"unsatisfied"`
	GradeA                 int     `json:"grade_a"`
	ClosureRate            float64 `json:"closure_rate"`
	OnTimeRate             float64 `json:"on_time_rate"`
	SatisfactionRate       float64 `json:"satisfaction_rate"`
	StrictSatisfactionRate float64 `json:"strict_satisfaction_rate"`
	AdoptionRate           float64 `json:"adoption_rate"`
}

// Report is the figures of a selection, with a breakdown when asked.
type Report struct {
	Figures
	From             string    `json:"from,omitempty"`
	To               string    `json:"to,omitempty"`
	AsOf             int64     `json:"as_of"`
	RatingWindowDays int       `json:"rating_window_days"`
	Groups           []Figures `json:"groups,omitempty"`
}

// handled is the set of cases the figures count.
const handled = `(c.kind <> 'opinion' AND c.status <> 'merged' OR c.status IN ('forwarded', 'assigned', 'returned', 'replied', 'rehandling', 'closed'))`

// HandlingFigures computes the figures within the caller's scope.
func (s *Service) HandlingFigures(ctx context.Context, p *auth.Principal, f FigureFilter) (*Report, error) {
	var w where
	scopeCases(&w, p)
	w.add(handled)
	switch {
	case f.Township != "":
		if len(f.Township) != 9 {
			return nil, errs.Field("township", "invalid_code", "cases.err.township_code")
		}
		lo, hi := store.PrefixRange(f.Township)
		w.add("c.township_code >= ? AND c.township_code < ?", lo, hi)
	case f.County != "":
		if len(f.County) != 6 {
			return nil, errs.Field("county", "invalid_code", "cases.err.county_code")
		}
		lo, hi := store.PrefixRange(f.County)
		w.add("c.township_code >= ? AND c.township_code < ?", lo, hi)
	}
	if f.UnitID != 0 {
		w.add("c.lead_unit_id = ?", f.UnitID)
	}
	if f.DeputyID != 0 {
		w.add("c.id IN (SELECT case_id FROM case_deputies WHERE deputy_id = ?)", f.DeputyID)
	}
	now := s.now()
	for _, d := range []struct {
		v, field, cond string
		days           int
	}{{f.From, "from", "c.created_at >= ?", 0}, {f.To, "to", "c.created_at < ?", 1}} {
		if d.v == "" {
			continue
		}
		t, err := time.ParseInLocation(time.DateOnly, d.v, now.Location())
		if err != nil {
			return nil, errs.Field(d.field, "invalid_date", "err.date_format", d.v)
		}
		w.add(d.cond, t.AddDate(0, 0, d.days).Unix())
	}
	code := p.Scope
	if f.County != "" {
		code = f.County
	} else if f.Township != "" {
		code = f.Township
	}
	cfg := s.ConfigFor(ctx, code)
	cut := w.arg(now.Unix() - int64(cfg.RatingWindowDays)*86400)
	today := w.arg(now.Format(time.DateOnly))
	cols := `COUNT(*),
		COALESCE(SUM(CASE WHEN c.reply_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.reply_at IS NOT NULL AND (c.satisfaction IN ('satisfied', 'basic') OR (c.satisfaction IS NULL AND c.reply_at <= ` + cut + `)) THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.on_time THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.first_reply_at IS NOT NULL OR c.due_date < ` + today + ` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.satisfaction IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.satisfaction = 'satisfied' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.satisfaction = 'basic' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.satisfaction = 'unsatisfied' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.grade = 'A' THEN 1 ELSE 0 END), 0)`
	r := &Report{From: f.From, To: f.To, AsOf: now.Unix(), RatingWindowDays: cfg.RatingWindowDays}
	if err := scanFigures(s.DB.R.QueryRowContext(ctx, `SELECT `+cols+` FROM cases c WHERE `+w.sql(), w.args...), &r.Figures); err != nil {
		return nil, err
	}
	var query string
	switch f.GroupBy {
	case "":
		return r, nil
	case "township":
		query = `SELECT c.township_code, c.township_code, ` + cols + ` FROM cases c WHERE ` + w.sql() + ` GROUP BY c.township_code ORDER BY c.township_code`
	case "unit":
		query = `SELECT CAST(c.lead_unit_id AS TEXT), u.name, ` + cols + ` FROM cases c JOIN units u ON u.id = c.lead_unit_id WHERE ` + w.sql() +
			` GROUP BY c.lead_unit_id, u.name ORDER BY u.name`
	default:
		return nil, errs.Field("group", "invalid_group", "cases.err.group")
	}
	rows, err := s.DB.R.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var g Figures
		if err := scanFigures(rows, &g, &g.Key, &g.Name); err != nil {
			return nil, err
		}
		if f.GroupBy == "township" {
			if u, ok := jurisdiction.National().Get(g.Key); ok {
				g.Name = u.Name
			}
		}
		r.Groups = append(r.Groups, g)
	}
	return r, rows.Err()
}

func scanFigures(row interface{ Scan(...any) error }, f *Figures, lead ...any) error {
	dst := append(lead, &f.Total, &f.Replied, &f.Closed, &f.OnTime, &f.DueOrReplied, &f.Rated, &f.Satisfied, &f.Basic, &f.Unsatisfied, &f.GradeA)
	if err := row.Scan(dst...); err != nil {
		return err
	}
	f.ClosureRate = rate(f.Closed, f.Total)
	f.OnTimeRate = rate(f.OnTime, f.DueOrReplied)
	f.SatisfactionRate = rate(f.Satisfied+f.Basic, f.Rated)
	f.StrictSatisfactionRate = rate(f.Satisfied, f.Rated)
	f.AdoptionRate = rate(f.GradeA, f.Total)
	return nil
}

// rate is n over d from 0 to 1, to four decimals; 0 when there is nothing
// to count.
func rate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return math.Round(float64(n)/float64(d)*10000) / 10000
}
