package deputies

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/i18n"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// applySeat puts a seat input on s (a new seat when s.ID is 0) for a deputy
// organised in township, and checks it.
func applySeat(ctx context.Context, q store.Querier, township string, s *Seat, in *SeatInput) error {
	if s.ID == 0 {
		if in.Level == nil || strings.TrimSpace(*in.Level) == "" {
			return errs.Required("level", "deputy.field.level")
		}
		l, ok := ParseLevelLabel(*in.Level)
		if !ok {
			return errs.Field("level", "invalid_level", "deputy.err.level", *in.Level)
		}
		if err := levelAllowed(township, l); err != nil {
			return err
		}
		s.Level, s.Congress, s.Status = l, l.CongressOf(township), Serving
	}
	set(&s.Term, in.Term)
	if err := errs.MaxLen("term", "deputy.field.term", s.Term, 30); err != nil {
		return err
	}
	for _, d := range []struct {
		field string
		dst   *string
		src   *string
	}{{"start_date", &s.StartDate, in.StartDate}, {"end_date", &s.EndDate, in.EndDate}, {"status_date", &s.StatusDate, in.StatusDate}} {
		if d.src == nil {
			continue
		}
		v := strings.TrimSpace(*d.src)
		*d.dst = ""
		if v != "" {
			date, ok := ParseDate(v)
			if !ok {
				return errs.Field(d.field, "invalid_date", "deputy.err.date", i18n.M("deputy.field."+d.field))
			}
			*d.dst = date
		}
	}
	if s.EndDate != "" && s.StartDate != "" && s.EndDate < s.StartDate {
		return errs.Field("end_date", "end_before_start", "deputy.err.end_before_start")
	}
	if in.Status != nil {
		st := Status(strings.TrimSpace(*in.Status))
		if !st.Valid() {
			return errs.Field("status", "invalid_status", "deputy.err.status", *in.Status)
		}
		s.Status = st
	}
	set(&s.StatusReason, in.StatusReason)
	if s.Status == Serving {
		s.StatusReason, s.StatusDate = "", ""
	} else {
		if s.StatusReason == "" {
			return errs.Required("status_reason", "deputy.field.status_reason")
		}
		if s.StatusDate == "" {
			return errs.Required("status_date", "deputy.field.status_date")
		}
	}
	if in.DistrictID != nil {
		s.District = nil
		if *in.DistrictID != 0 {
			var name, congress string
			err := q.QueryRowContext(ctx, `SELECT name, congress_code FROM electoral_districts WHERE id = $1`, *in.DistrictID).Scan(&name, &congress)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			if err != nil || congress != s.Congress {
				return errs.Field("district_id", "unknown_district", "deputy.err.district")
			}
			s.District = &Ref{*in.DistrictID, name}
		}
	}
	s.CongressName = congressName(s.Level, s.Congress)
	return nil
}

// levelAllowed refuses a township seat where there is no township congress:
// a 街道's deputies are district deputies.
func levelAllowed(township string, l Level) error {
	if l != Township {
		return nil
	}
	u, ok := jurisdiction.National().Get(township)
	if ok && !u.Kind.HasCongress() {
		return errs.Field("level", "no_township_congress", "deputy.err.street_seat", u.Name)
	}
	return nil
}

func districtID(s *Seat) any {
	if s.District == nil {
		return nil
	}
	return s.District.ID
}

func insertSeat(ctx context.Context, tx store.Querier, deputyID int64, s *Seat, now int64) error {
	return tx.QueryRowContext(ctx, `INSERT INTO seats (deputy_id, level, congress_code, term, district_id, start_date, end_date,
		status, status_reason, status_date, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
		deputyID, string(s.Level), s.Congress, s.Term, districtID(s), s.StartDate, s.EndDate, string(s.Status),
		s.StatusReason, s.StatusDate, now).Scan(&s.ID)
}

func updateSeat(ctx context.Context, tx store.Querier, s *Seat, now int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE seats SET term = $1, district_id = $2, start_date = $3, end_date = $4, status = $5,
		status_reason = $6, status_date = $7, updated_at = $8 WHERE id = $9`,
		s.Term, districtID(s), s.StartDate, s.EndDate, string(s.Status), s.StatusReason, s.StatusDate, now, s.ID)
	return err
}

// AddSeat gives a deputy another seat (one per level).
func AddSeat(ctx context.Context, db *store.DB, p *auth.Principal, deputyID int64, in SeatInput) (*Deputy, error) {
	var out *Deputy
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		d, err := forWrite(ctx, tx, p, deputyID)
		if err != nil {
			return err
		}
		var s Seat
		if err := applySeat(ctx, tx, d.Township, &s, &in); err != nil {
			return err
		}
		if d.SeatAt(s.Level) != nil {
			return errs.ConflictErr("level", "deputy.err.seat_twice", i18n.M("deputy.level."+string(s.Level)))
		}
		now := time.Now().Unix()
		if err := insertSeat(ctx, tx, d.ID, &s, now); err != nil {
			return err
		}
		d.Seats = append(d.Seats, s)
		out = d
		return audit.Record(ctx, tx, p.Actor(ctx), "add_seat", "deputy", d.ID, d.Township, d.Name, nil, s)
	})
	return out, err
}

// UpdateSeat changes a seat: term, district, dates, and its status with the
// reason and date (辞职, 罢免, 终止).
func UpdateSeat(ctx context.Context, db *store.DB, p *auth.Principal, deputyID, seatID int64, in SeatInput) (*Deputy, error) {
	var out *Deputy
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		d, err := forWrite(ctx, tx, p, deputyID)
		if err != nil {
			return err
		}
		var s *Seat
		for i := range d.Seats {
			if d.Seats[i].ID == seatID {
				s = &d.Seats[i]
			}
		}
		if s == nil {
			return errs.NotFoundErr("deputy.entity_seat")
		}
		before := *s
		in.Level = nil // a seat's level and congress do not change; end it and add another
		if err := applySeat(ctx, tx, d.Township, s, &in); err != nil {
			return err
		}
		if err := updateSeat(ctx, tx, s, time.Now().Unix()); err != nil {
			return err
		}
		out = d
		return audit.Record(ctx, tx, p.Actor(ctx), "update_seat", "deputy", d.ID, d.Township, d.Name, before, *s)
	})
	return out, err
}
