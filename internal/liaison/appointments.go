package liaison

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/store"
)

// Appointment is a constituent's request to meet a deputy (约访), from the
// hotline, the opinion box or online.
type Appointment struct {
	ID          int64             `json:"id"`
	Township    string            `json:"township"`
	StationID   int64             `json:"station_id,omitempty"`
	Channel     string            `json:"channel"` // hotline, mailbox, online
	Constituent cases.Constituent `json:"constituent"`
	Subject     string            `json:"subject"`
	DeputyID    int64             `json:"deputy_id,omitempty"`
	MeetAt      string            `json:"meet_at,omitempty"` // YYYY-MM-DD HH:MM
	Place       string            `json:"place,omitempty"`
	Status      string            `json:"status"` // requested, arranged, held
	Answer      string            `json:"answer,omitempty"`
	OpinionID   int64             `json:"opinion_id,omitempty"`
}

// RequestAppointment records a constituent's request (the secretary or the
// station's officer does).
func (s *Service) RequestAppointment(ctx context.Context, p *auth.Principal, in Appointment) (*Appointment, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison) {
		return nil, errs.ForbiddenErr()
	}
	in.Subject = strings.TrimSpace(in.Subject)
	if in.Channel != "hotline" && in.Channel != "mailbox" && in.Channel != "online" {
		return nil, errs.Field("channel", "invalid_channel", "liaison.err.appointment_channel")
	}
	if in.Subject == "" {
		return nil, errs.Required("subject", "liaison.field.subject")
	}
	if err := errs.MaxLen("subject", "liaison.field.subject", in.Subject, 500); err != nil {
		return nil, err
	}
	if p.Is(auth.Liaison) {
		in.StationID = p.StationID
	}
	if in.Township == "" {
		in.Township = p.Scope
	}
	if len(in.Township) != 9 || !p.Covers(in.Township) {
		return nil, errs.Field("township", "out_of_scope", "err.scope_outside")
	}
	in.Status = "requested"
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if in.StationID != 0 {
			if _, err := station(ctx, tx, p, in.StationID); err != nil {
				return errs.Field("station_id", "unknown_station", "cases.err.station")
			}
		}
		now := s.now().Unix()
		if err := tx.QueryRowContext(ctx, `INSERT INTO appointments (township_code, station_id, channel, constituent_name, constituent_phone,
			subject, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, in.Township, store.NullID(in.StationID),
			in.Channel, in.Constituent.Name, in.Constituent.Phone, in.Subject, now).Scan(&in.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "appointment", in.ID, in.Township, in.Subject, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

func (s *Service) appointment(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Appointment, error) {
	lo, hi := store.PrefixRange(p.Scope)
	var a Appointment
	var station, deputy, opinion sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT id, township_code, station_id, channel, constituent_name, constituent_phone, subject, deputy_id,
		meet_at, place, status, answer, opinion_id FROM appointments WHERE id = $1 AND township_code >= $2 AND township_code < $3`, id, lo, hi).
		Scan(&a.ID, &a.Township, &station, &a.Channel, &a.Constituent.Name, &a.Constituent.Phone, &a.Subject, &deputy,
			&a.MeetAt, &a.Place, &a.Status, &a.Answer, &opinion)
	a.StationID, a.DeputyID, a.OpinionID = station.Int64, deputy.Int64, opinion.Int64
	if err == sql.ErrNoRows || err == nil && (p.Is(auth.Liaison) && a.StationID != p.StationID ||
		p.Is(auth.Deputy) && a.DeputyID != p.DeputyID || p.Is(auth.Unit)) {
		return nil, errs.NotFoundErr("liaison.entity.appointment")
	}
	return &a, err
}

// Arrangement names the deputy, time and place of an appointment.
type Arrangement struct {
	DeputyID int64  `json:"deputy_id"`
	MeetAt   string `json:"meet_at"`
	Place    string `json:"place"`
}

// ArrangeAppointment arranges a deputy and a time.
func (s *Service) ArrangeAppointment(ctx context.Context, p *auth.Principal, id int64, in Arrangement) (*Appointment, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison) {
		return nil, errs.ForbiddenErr()
	}
	if in.DeputyID == 0 {
		return nil, errs.Required("deputy_id", "liaison.field.deputy")
	}
	if _, err := time.Parse("2006-01-02 15:04", in.MeetAt); err != nil {
		return nil, errs.Field("meet_at", "invalid_time", "liaison.err.meet_at")
	}
	var out *Appointment
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := s.appointment(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if a.Status == "held" {
			return errs.ConflictErr("", "liaison.err.appointment_held")
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputies WHERE id = $1 AND township_code = $2`, in.DeputyID, a.Township).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("deputy_id", "unknown_deputy", "liaison.err.deputy", in.DeputyID)
		}
		before := *a
		a.DeputyID, a.MeetAt, a.Place, a.Status = in.DeputyID, in.MeetAt, strings.TrimSpace(in.Place), "arranged"
		if _, err := tx.ExecContext(ctx, `UPDATE appointments SET deputy_id = $1, meet_at = $2, place = $3, status = 'arranged', updated_at = $4 WHERE id = $5`,
			a.DeputyID, a.MeetAt, a.Place, s.now().Unix(), id); err != nil {
			return err
		}
		out = a
		return audit.Record(ctx, tx, p.Actor(ctx), "arrange", "appointment", id, a.Township, a.MeetAt, before, a)
	})
	return out, err
}

// MeetingRecord is the answer given at an appointment, and the matter, if
// one is to be handled, which becomes an opinion.
type MeetingRecord struct {
	Answer string `json:"answer"`
	Matter string `json:"matter,omitempty"`
}

// HoldAppointment records that the meeting took place and the deputy's
// answer; the deputy gets a duty record of constituent contact.
func (s *Service) HoldAppointment(ctx context.Context, p *auth.Principal, id int64, in MeetingRecord) (*Appointment, error) {
	in.Answer, in.Matter = strings.TrimSpace(in.Answer), strings.TrimSpace(in.Matter)
	if in.Answer == "" {
		return nil, errs.Required("answer", "liaison.field.answer")
	}
	if err := errs.MaxLen("answer", "liaison.field.answer", in.Answer, 2000); err != nil {
		return nil, err
	}
	var out *Appointment
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := s.appointment(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if a.Status != "arranged" {
			return errs.ConflictErr("", "liaison.err.appointment_not_arranged")
		}
		before := *a
		if in.Matter != "" {
			rec, err := s.Cases.CreateOpinionTx(ctx, tx, p, cases.NewOpinion{Township: a.Township, Channel: "appointment", Body: in.Matter,
				Constituent: a.Constituent, DeputyIDs: []int64{a.DeputyID}, StationID: a.StationID})
			if err != nil {
				return err
			}
			a.OpinionID = rec.ID
		}
		a.Status, a.Answer = "held", in.Answer
		if _, err := tx.ExecContext(ctx, `UPDATE appointments SET status = 'held', answer = $1, opinion_id = $2, updated_at = $3 WHERE id = $4`,
			a.Answer, store.NullID(a.OpinionID), s.now().Unix(), id); err != nil {
			return err
		}
		if err := duties.RecordImplied(ctx, tx, duties.Implied{DeputyID: a.DeputyID, Kind: duties.ConstituentContact,
			Date: a.MeetAt[:10], Count: 1, Title: "约访：" + a.Subject, Place: a.Place, Source: "appointment", SourceID: id}); err != nil {
			return err
		}
		out = a
		return audit.Record(ctx, tx, p.Actor(ctx), "hold", "appointment", id, a.Township, a.Subject, before, a)
	})
	return out, err
}

// ListAppointments lists the appointments of the caller's jurisdiction
// (an officer's station's, a deputy's own), newest first.
func (s *Service) ListAppointments(ctx context.Context, p *auth.Principal, limit int) ([]Appointment, error) {
	lo, hi := store.PrefixRange(p.Scope)
	q := `SELECT id, township_code, COALESCE(station_id, 0), channel, constituent_name, constituent_phone, subject, COALESCE(deputy_id, 0),
		meet_at, place, status, answer, COALESCE(opinion_id, 0) FROM appointments WHERE township_code >= $1 AND township_code < $2`
	args := []any{lo, hi}
	switch p.Role {
	case auth.Liaison:
		q += ` AND station_id = $3`
		args = append(args, p.StationID)
	case auth.Deputy:
		q += ` AND deputy_id = $3`
		args = append(args, p.DeputyID)
	case auth.Unit:
		return []Appointment{}, nil
	}
	if limit <= 0 || limit > 200 {
		limit = 100
	}
	args = append(args, limit)
	rows, err := s.DB.R.QueryContext(ctx, q+` ORDER BY id DESC LIMIT $`+itoa(len(args)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Appointment{}
	for rows.Next() {
		var a Appointment
		if err := rows.Scan(&a.ID, &a.Township, &a.StationID, &a.Channel, &a.Constituent.Name, &a.Constituent.Phone, &a.Subject,
			&a.DeputyID, &a.MeetAt, &a.Place, &a.Status, &a.Answer, &a.OpinionID); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
