package liaison

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
)

// Rule generates a year of reception days. The defaults are a district's
// rule: two reception days a month, deputies rotated so that each receives
// at least once every two months.
type Rule struct {
	Year           int    `json:"year"`
	PerMonth       int    `json:"per_month"`        // default 2
	Weekday        int    `json:"weekday"`          // 1 Monday … 7 Sunday; default 3, Wednesday
	Starts         string `json:"starts"`           // default 09:00
	Ends           string `json:"ends"`             // default 11:30
	DeputiesPerDay int    `json:"deputies_per_day"` // default 2
}

func (r *Rule) defaults(now time.Time) error {
	if r.Year == 0 {
		r.Year = now.Year()
	}
	if r.Year < now.Year() || r.Year > now.Year()+1 {
		return errs.Field("year", "out_of_range", "liaison.err.year", now.Year(), now.Year()+1)
	}
	if r.PerMonth == 0 {
		r.PerMonth = 2
	}
	if r.PerMonth < 1 || r.PerMonth > 4 {
		return errs.Field("per_month", "out_of_range", "liaison.err.per_month")
	}
	if r.Weekday == 0 {
		r.Weekday = 3
	}
	if r.Weekday < 1 || r.Weekday > 7 {
		return errs.Field("weekday", "out_of_range", "liaison.err.weekday")
	}
	if r.Starts == "" {
		r.Starts = "09:00"
	}
	if r.Ends == "" {
		r.Ends = "11:30"
	}
	if !validClock(r.Starts) {
		return errs.Field("starts", "invalid_time", "liaison.err.time", r.Starts)
	}
	if !validClock(r.Ends) || r.Ends <= r.Starts {
		return errs.Field("ends", "invalid_time", "liaison.err.time", r.Ends)
	}
	if r.DeputiesPerDay == 0 {
		r.DeputiesPerDay = 2
	}
	if r.DeputiesPerDay < 1 || r.DeputiesPerDay > 10 {
		return errs.Field("deputies_per_day", "out_of_range", "liaison.err.deputies_per_day")
	}
	return nil
}

func validClock(s string) bool {
	_, err := time.Parse("15:04", s)
	return err == nil && len(s) == 5
}

// days lists the reception dates of a year by the rule, spread over each
// month's occurrences of the weekday (the 1st and 3rd for two a month).
func (r Rule) days(loc *time.Location) []time.Time {
	var out []time.Time
	wd := time.Weekday(r.Weekday % 7)
	for m := time.January; m <= time.December; m++ {
		var occ []time.Time
		for d := time.Date(r.Year, m, 1, 0, 0, 0, 0, loc); d.Month() == m; d = d.AddDate(0, 0, 1) {
			if d.Weekday() == wd {
				occ = append(occ, d)
			}
		}
		for i := 0; i < r.PerMonth; i++ {
			out = append(out, occ[i*len(occ)/r.PerMonth])
		}
	}
	return out
}

// Timetable is the result of generating a year.
type Timetable struct {
	Created    int         `json:"created"`
	Receptions []Reception `json:"receptions"`
	// Uncovered lists the deputies the rotation leaves more than two months
	// without a reception day (too many deputies for the days).
	Uncovered []int64 `json:"uncovered"`
}

// Generate makes a station's reception days for a year by the rule, from
// today on, rotating the station's deputies. A year that already has days
// is refused: edit those instead.
func (s *Service) Generate(ctx context.Context, p *auth.Principal, stationID int64, r Rule) (*Timetable, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison) {
		return nil, errs.ForbiddenErr()
	}
	now := s.now()
	if err := r.defaults(now); err != nil {
		return nil, err
	}
	tt := &Timetable{Receptions: []Reception{}, Uncovered: []int64{}}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		st, err := station(ctx, tx, p, stationID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM receptions WHERE station_id = $1 AND date >= $2 AND date <= $3 AND status <> 'cancelled'`,
			st.ID, fmt.Sprintf("%d-01-01", r.Year), fmt.Sprintf("%d-12-31", r.Year)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.ConflictErr("year", "liaison.err.year_exists", r.Year)
		}
		deputies, err := stationDeputies(ctx, tx, st.ID)
		if err != nil {
			return err
		}
		officer, phone, err := stationOfficer(ctx, tx, st.ID)
		if err != nil {
			return err
		}
		place := st.Address
		if place == "" {
			place = st.Name
		}
		today := now.Format(time.DateOnly)
		last := map[int64]time.Time{}
		start := time.Date(r.Year, 1, 1, 0, 0, 0, 0, now.Location())
		if r.Year == now.Year() {
			start = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
		}
		for _, d := range deputies {
			last[d] = start
		}
		uncovered := map[int64]bool{}
		slot := 0
		for _, day := range r.days(now.Location()) {
			date := day.Format(time.DateOnly)
			if date < today {
				continue
			}
			in := Reception{StationID: st.ID, Date: date, Starts: r.Starts, Ends: r.Ends, Place: place, OfficerName: officer, OfficerPhone: phone}
			for j := 0; j < r.DeputiesPerDay && j < len(deputies); j++ {
				d := deputies[(slot*r.DeputiesPerDay+j)%len(deputies)]
				in.DeputyIDs = append(in.DeputyIDs, d)
				if day.Sub(last[d]) > 62*24*time.Hour {
					uncovered[d] = true
				}
				last[d] = day
			}
			slot++
			rec, err := s.insert(ctx, tx, p, st, in)
			if err != nil {
				return err
			}
			tt.Receptions = append(tt.Receptions, *rec)
		}
		end := time.Date(r.Year, 12, 31, 0, 0, 0, 0, now.Location())
		for _, d := range deputies {
			if uncovered[d] || end.Sub(last[d]) > 62*24*time.Hour {
				tt.Uncovered = append(tt.Uncovered, d)
			}
		}
		tt.Created = len(tt.Receptions)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tt, nil
}

func stationDeputies(ctx context.Context, tx *sql.Tx, stationID int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM deputies WHERE station_id = $1 ORDER BY id`, stationID)
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

// stationOfficer is the officer named on notices: the staff officer first.
func stationOfficer(ctx context.Context, tx *sql.Tx, stationID int64) (name, phone string, err error) {
	err = tx.QueryRowContext(ctx, `SELECT name, CASE WHEN public_phone <> '' THEN public_phone ELSE phone END FROM station_officers
		WHERE station_id = $1 ORDER BY is_staff DESC, id LIMIT 1`, stationID).Scan(&name, &phone)
	if err == sql.ErrNoRows {
		return "", "", nil
	}
	return name, phone, err
}
