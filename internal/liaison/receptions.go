package liaison

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Reception is a reception day (接待日) of a station.
type Reception struct {
	ID           int64    `json:"id"`
	StationID    int64    `json:"station_id"`
	Station      string   `json:"station,omitempty"`
	Township     string   `json:"township"`
	Date         string   `json:"date"`
	Starts       string   `json:"starts"`
	Ends         string   `json:"ends"`
	Place        string   `json:"place"`
	OfficerName  string   `json:"officer_name"`
	OfficerPhone string   `json:"officer_phone"`
	Topic        string   `json:"topic,omitempty"`
	Status       string   `json:"status"`
	Visitors     int      `json:"visitors"`
	Summary      string   `json:"summary,omitempty"`
	DeputyIDs    []int64  `json:"deputy_ids"`
	Deputies     []string `json:"deputies"`
	PresentIDs   []int64  `json:"present_deputy_ids,omitempty"`
	AnnouncedAt  int64    `json:"announced_at"`
	// ShortNotice flags a reception announced less than 7 days ahead.
	ShortNotice bool `json:"short_notice"`
}

func (s *Service) check(in *Reception) error {
	in.Date, in.Starts, in.Ends = strings.TrimSpace(in.Date), strings.TrimSpace(in.Starts), strings.TrimSpace(in.Ends)
	in.Place, in.Topic = strings.TrimSpace(in.Place), strings.TrimSpace(in.Topic)
	in.OfficerName, in.OfficerPhone = strings.TrimSpace(in.OfficerName), strings.TrimSpace(in.OfficerPhone)
	if in.Date == "" {
		return errs.Required("date", "liaison.field.date")
	}
	if _, err := time.Parse(time.DateOnly, in.Date); err != nil {
		return errs.Field("date", "invalid_date", "err.date_format", in.Date)
	}
	if !validClock(in.Starts) {
		return errs.Field("starts", "invalid_time", "liaison.err.time", in.Starts)
	}
	if !validClock(in.Ends) || in.Ends <= in.Starts {
		return errs.Field("ends", "invalid_time", "liaison.err.time", in.Ends)
	}
	if in.Place == "" {
		return errs.Required("place", "liaison.field.place")
	}
	for _, f := range []struct{ field, label, v string }{{"place", "liaison.field.place", in.Place}, {"topic", "liaison.field.topic", in.Topic},
		{"officer_name", "liaison.field.officer", in.OfficerName}} {
		if err := errs.MaxLen(f.field, f.label, f.v, 100); err != nil {
			return err
		}
	}
	return nil
}

// insert writes a reception and its deputies (of the station's township).
func (s *Service) insert(ctx context.Context, tx *sql.Tx, p *auth.Principal, st *Station, in Reception) (*Reception, error) {
	if err := s.check(&in); err != nil {
		return nil, err
	}
	now := s.now().Unix()
	in.StationID, in.Township, in.Station, in.Status, in.AnnouncedAt = st.ID, st.Township, st.Name, "scheduled", now
	err := tx.QueryRowContext(ctx, `INSERT INTO receptions (station_id, township_code, date, starts, ends, place, officer_name, officer_phone, topic,
		announced_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10) RETURNING id`,
		st.ID, st.Township, in.Date, in.Starts, in.Ends, in.Place, in.OfficerName, in.OfficerPhone, in.Topic, now).Scan(&in.ID)
	if err != nil {
		return nil, err
	}
	if err := setDeputies(ctx, tx, in.ID, st.Township, in.DeputyIDs); err != nil {
		return nil, err
	}
	in.ShortNotice = shortNotice(in.Date, in.AnnouncedAt, s.now().Location())
	if in.DeputyIDs == nil {
		in.DeputyIDs = []int64{}
	}
	return &in, audit.Record(ctx, tx, p.Actor(ctx), "create", "reception", in.ID, st.Township, st.Name+" "+in.Date, nil, in)
}

func setDeputies(ctx context.Context, tx *sql.Tx, id int64, township string, deputies []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM reception_deputies WHERE reception_id = $1`, id); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for _, d := range deputies {
		if seen[d] {
			continue
		}
		seen[d] = true
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputies WHERE id = $1 AND township_code = $2`, d, township).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("deputy_ids", "unknown_deputy", "liaison.err.deputy", d)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reception_deputies (reception_id, deputy_id) VALUES ($1, $2)`, id, d); err != nil {
			return err
		}
	}
	return nil
}

// shortNotice reports whether a reception was announced less than
// NoticeDays before its date.
func shortNotice(date string, announced int64, loc *time.Location) bool {
	d, err := time.ParseInLocation(time.DateOnly, date, loc)
	if err != nil {
		return false
	}
	a := time.Unix(announced, 0).In(loc)
	a = time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, loc)
	return d.Sub(a) < NoticeDays*24*time.Hour
}

const receptionCols = `r.id, r.station_id, s.name, r.township_code, r.date, r.starts, r.ends, r.place, r.officer_name, r.officer_phone,
	r.topic, r.status, r.visitors, r.summary, r.announced_at`

// ReceptionFilter narrows ListReceptions.
type ReceptionFilter struct {
	StationID int64
	DeputyID  int64
	From, To  string // dates, inclusive
	Limit     int
}

// ListReceptions lists receptions by date: staff those of their
// jurisdiction, an officer their station's, a deputy their own.
func (s *Service) ListReceptions(ctx context.Context, p *auth.Principal, f ReceptionFilter) ([]Reception, error) {
	lo, hi := store.PrefixRange(p.Scope)
	q := `SELECT ` + receptionCols + ` FROM receptions r JOIN stations s ON s.id = r.station_id
		WHERE r.township_code >= $1 AND r.township_code < $2`
	args := []any{lo, hi}
	add := func(cond string, v any) {
		args = append(args, v)
		q += " AND " + strings.ReplaceAll(cond, "?", "$"+itoa(len(args)))
	}
	switch p.Role {
	case auth.Liaison:
		add("r.station_id = ?", p.StationID)
	case auth.Deputy:
		add("r.id IN (SELECT reception_id FROM reception_deputies WHERE deputy_id = ?)", p.DeputyID)
	case auth.Unit:
		return []Reception{}, nil
	}
	if f.StationID != 0 {
		add("r.station_id = ?", f.StationID)
	}
	if f.DeputyID != 0 {
		add("r.id IN (SELECT reception_id FROM reception_deputies WHERE deputy_id = ?)", f.DeputyID)
	}
	if f.From != "" {
		add("r.date >= ?", f.From)
	}
	if f.To != "" {
		add("r.date <= ?", f.To)
	}
	limit := f.Limit
	if limit <= 0 || limit > 400 {
		limit = 400
	}
	args = append(args, limit)
	q += " ORDER BY r.date, r.starts, r.id LIMIT $" + itoa(len(args))
	return s.scanReceptions(ctx, s.DB.R, q, args...)
}

func itoa(n int) string { return strconv.Itoa(n) }

func (s *Service) scanReceptions(ctx context.Context, q store.Querier, query string, args ...any) ([]Reception, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	out := []Reception{}
	for rows.Next() {
		var r Reception
		if err := rows.Scan(&r.ID, &r.StationID, &r.Station, &r.Township, &r.Date, &r.Starts, &r.Ends, &r.Place, &r.OfficerName,
			&r.OfficerPhone, &r.Topic, &r.Status, &r.Visitors, &r.Summary, &r.AnnouncedAt); err != nil {
			rows.Close()
			return nil, err
		}
		r.ShortNotice = shortNotice(r.Date, r.AnnouncedAt, s.now().Location())
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := fillDeputies(ctx, q, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func fillDeputies(ctx context.Context, q store.Querier, r *Reception) error {
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.name, rd.present FROM reception_deputies rd JOIN deputies d ON d.id = rd.deputy_id
		WHERE rd.reception_id = $1 ORDER BY d.id`, r.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	r.DeputyIDs, r.Deputies = []int64{}, []string{}
	for rows.Next() {
		var id int64
		var name string
		var present bool
		if err := rows.Scan(&id, &name, &present); err != nil {
			return err
		}
		r.DeputyIDs = append(r.DeputyIDs, id)
		r.Deputies = append(r.Deputies, name)
		if present {
			r.PresentIDs = append(r.PresentIDs, id)
		}
	}
	return rows.Err()
}

// reception loads one reception the caller may work on.
func (s *Service) reception(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Reception, *Station, error) {
	var stationID int64
	lo, hi := store.PrefixRange(p.Scope)
	if err := q.QueryRowContext(ctx, `SELECT station_id FROM receptions WHERE id = $1 AND township_code >= $2 AND township_code < $3`,
		id, lo, hi).Scan(&stationID); err != nil {
		return nil, nil, errs.NotFoundErr("liaison.entity.reception")
	}
	st, err := station(ctx, q, p, stationID)
	if err != nil {
		return nil, nil, errs.NotFoundErr("liaison.entity.reception")
	}
	rs, err := s.scanReceptions(ctx, q, `SELECT `+receptionCols+` FROM receptions r JOIN stations s ON s.id = r.station_id WHERE r.id = $1`, id)
	if err != nil {
		return nil, nil, err
	}
	return &rs[0], st, nil
}

// GetReception returns a reception the caller may work on.
func (s *Service) GetReception(ctx context.Context, p *auth.Principal, id int64) (*Reception, error) {
	r, _, err := s.reception(ctx, s.DB.R, p, id)
	return r, err
}

// AddReception schedules one reception day.
func (s *Service) AddReception(ctx context.Context, p *auth.Principal, stationID int64, in Reception) (*Reception, error) {
	var out *Reception
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		st, err := station(ctx, tx, p, stationID)
		if err != nil {
			return err
		}
		out, err = s.insert(ctx, tx, p, st, in)
		return err
	})
	return out, err
}

// UpdateReception edits a scheduled reception. A new date or time is a new
// announcement: the notice is counted from now.
func (s *Service) UpdateReception(ctx context.Context, p *auth.Principal, id int64, in Reception) (*Reception, error) {
	if err := s.check(&in); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, st, err := s.reception(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if before.Status != "scheduled" {
			return errs.ConflictErr("date", "liaison.err.not_scheduled")
		}
		announced := before.AnnouncedAt
		if in.Date != before.Date || in.Starts != before.Starts {
			announced = s.now().Unix()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE receptions SET date = $1, starts = $2, ends = $3, place = $4, officer_name = $5,
			officer_phone = $6, topic = $7, announced_at = $8, updated_at = $9 WHERE id = $10`,
			in.Date, in.Starts, in.Ends, in.Place, in.OfficerName, in.OfficerPhone, in.Topic, announced, s.now().Unix(), id); err != nil {
			return err
		}
		if in.DeputyIDs != nil {
			if err := setDeputies(ctx, tx, id, st.Township, in.DeputyIDs); err != nil {
				return err
			}
		}
		in.ID, in.StationID, in.AnnouncedAt = id, st.ID, announced
		return audit.Record(ctx, tx, p.Actor(ctx), "update", "reception", id, st.Township, st.Name+" "+in.Date, before, in)
	})
	if err != nil {
		return nil, err
	}
	return s.GetReception(ctx, p, id)
}

// CancelReception cancels a scheduled reception (it stays, marked).
func (s *Service) CancelReception(ctx context.Context, p *auth.Principal, id int64) (*Reception, error) {
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, st, err := s.reception(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if before.Status != "scheduled" {
			return errs.ConflictErr("", "liaison.err.not_scheduled")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE receptions SET status = 'cancelled', updated_at = $1 WHERE id = $2`, s.now().Unix(), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "cancel", "reception", id, st.Township, before.Date, before, map[string]string{"status": "cancelled"})
	})
	if err != nil {
		return nil, err
	}
	return s.GetReception(ctx, p, id)
}

// PublicTimetable lists a station's coming receptions for the public page
// and poster: from today, scheduled ones, with the short-notice flag.
func (s *Service) PublicTimetable(ctx context.Context, stationID int64, from, to string) ([]Reception, error) {
	if from == "" {
		from = s.now().Format(time.DateOnly)
	}
	q := `SELECT ` + receptionCols + ` FROM receptions r JOIN stations s ON s.id = r.station_id
		WHERE r.station_id = $1 AND r.status = 'scheduled' AND r.date >= $2`
	args := []any{stationID, from}
	if to != "" {
		q += ` AND r.date <= $3`
		args = append(args, to)
	}
	return s.scanReceptions(ctx, s.DB.R, q+` ORDER BY r.date, r.starts LIMIT 60`, args...)
}
