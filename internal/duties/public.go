package duties

import (
	"context"
	"database/sql"

	"renda/internal/errs"
	"renda/internal/jurisdiction"
)

// PublicLine is one final published line, as the public sees it.
type PublicLine struct {
	PeriodID int64 `json:"period_id"`
	Year     int   `json:"year"`
	Half     int   `json:"half"`
	PeriodItem
}

// PublicDeputy is a deputy's public duty summary (公示): the final
// published points of each period, newest first.
type PublicDeputy struct {
	DeputyID int64        `json:"deputy_id"`
	Name     string       `json:"name"`
	Township string       `json:"township"`
	Lines    []PublicLine `json:"lines"`
}

// PublicSummary returns the final published points of a deputy. Nothing
// is shown before a period is final.
func (s *Service) PublicSummary(ctx context.Context, deputyID int64) (*PublicDeputy, error) {
	out := &PublicDeputy{DeputyID: deputyID, Lines: []PublicLine{}}
	err := s.DB.R.QueryRowContext(ctx, `SELECT name, township_code FROM deputies WHERE id = $1`, deputyID).Scan(&out.Name, &out.Township)
	if err == sql.ErrNoRows {
		return nil, errs.NotFoundErr("duty.entity.deputy")
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT p.id, p.year, p.half FROM duty_period_items i JOIN duty_periods p ON p.id = i.period_id
		WHERE i.deputy_id = $1 AND p.status = 'final' ORDER BY p.year DESC, p.half DESC, p.id DESC LIMIT 20`, deputyID)
	if err != nil {
		return nil, err
	}
	var lines []PublicLine
	for rows.Next() {
		var l PublicLine
		if err := rows.Scan(&l.PeriodID, &l.Year, &l.Half); err != nil {
			rows.Close()
			return nil, err
		}
		lines = append(lines, l)
	}
	rows.Close()
	for _, l := range lines {
		items, err := periodItems(ctx, s.DB.R, `period_id = $1 AND deputy_id = $2`, l.PeriodID, deputyID)
		if err != nil {
			return nil, err
		}
		if len(items) == 1 {
			l.PeriodItem = *items[0]
			out.Lines = append(out.Lines, l)
		}
	}
	return out, nil
}

// PublicTownship is the latest final publication of a township's points.
type PublicTownship struct {
	Township string        `json:"township"`
	Name     string        `json:"name"`
	Period   *Period       `json:"period"`
	Items    []*PeriodItem `json:"items"`
}

// PublicTownshipSummary returns the township's lines of the latest final
// publication that covers it (its own or its county's).
func (s *Service) PublicTownshipSummary(ctx context.Context, township string) (*PublicTownship, error) {
	u, ok := jurisdiction.National().Get(township)
	if !ok || len(township) != 9 {
		return nil, errs.NotFoundErr("entity.jurisdiction")
	}
	out := &PublicTownship{Township: township, Name: u.Name, Items: []*PeriodItem{}}
	pd, err := scanPeriod(s.DB.R.QueryRowContext(ctx, `SELECT `+periodCols+` FROM duty_periods
		WHERE status = 'final' AND (scope_code = $1 OR scope_code = $2) ORDER BY year DESC, half DESC, id DESC LIMIT 1`, township, township[:6]))
	if err == sql.ErrNoRows {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	out.Period = pd
	out.Items, err = periodItems(ctx, s.DB.R, `period_id = $1 AND township_code = $2`, pd.ID, township)
	return out, err
}
