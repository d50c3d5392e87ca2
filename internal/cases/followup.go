package cases

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Follow-up (督办): letters to the unit, coordination meetings with minutes
// and decisions, and key items followed by a named leader.

// Letter is a follow-up letter (督办函), printable.
type Letter struct {
	ID       int64  `json:"id"`
	CaseID   int64  `json:"case_id"`
	UnitID   int64  `json:"unit_id"`
	Unit     string `json:"unit"`
	Number   string `json:"number"`
	Text     string `json:"text"`
	SentAt   int64  `json:"sent_at"`
	Title    string `json:"title"`
	Due      string `json:"due"`
	Township string `json:"township"`
}

// NewLetter is what sending a letter takes; the text may be left to the
// standard wording.
type NewLetter struct {
	Text string `json:"text"`
}

// SendLetter writes a follow-up letter to the lead unit of an open case,
// numbered within the year.
func (s *Service) SendLetter(ctx context.Context, p *auth.Principal, caseID int64, in NewLetter) (*Letter, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	in.Text = trim(in.Text)
	if err := errs.MaxLen("text", "cases.field.letter_text", in.Text, 5000); err != nil {
		return nil, err
	}
	var l *Letter
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.load(ctx, tx, p, caseID)
		if err != nil {
			return err
		}
		if !c.Status.Open() {
			return errs.ConflictErr("", "cases.err.not_open", i18nStatus(c.Status))
		}
		now := s.now()
		var n int
		start := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, now.Location()).Unix()
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM followup_letters f JOIN cases c ON c.id = f.case_id
			WHERE c.township_code = $1 AND f.sent_at >= $2`, c.Township, start).Scan(&n); err != nil {
			return err
		}
		l = &Letter{CaseID: c.ID, UnitID: c.LeadUnitID, Number: fmt.Sprintf("%d-%03d", now.Year(), n+1), Text: in.Text,
			SentAt: now.Unix(), Title: c.Title, Due: c.Due, Township: c.Township}
		if err := tx.QueryRowContext(ctx, `INSERT INTO followup_letters (case_id, unit_id, number, text, sent_by, sent_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, c.ID, c.LeadUnitID, l.Number, l.Text, store.NullID(p.UserID), l.SentAt).Scan(&l.ID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT name FROM units WHERE id = $1`, c.LeadUnitID).Scan(&l.Unit); err != nil {
			return err
		}
		if err := addEvent(ctx, tx, c.ID, l.SentAt, "letter", c.Status, "", p.Username); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "followup_letter", l.ID, c.Township, l.Number, nil, l)
	})
	return l, err
}

// Letters lists a case's follow-up letters.
func (s *Service) Letters(ctx context.Context, p *auth.Principal, caseID int64) ([]Letter, error) {
	c, err := s.load(ctx, s.DB.R, p, caseID)
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT f.id, f.unit_id, u.name, f.number, f.text, f.sent_at FROM followup_letters f
		JOIN units u ON u.id = f.unit_id WHERE f.case_id = $1 ORDER BY f.id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Letter{}
	for rows.Next() {
		l := Letter{CaseID: caseID, Title: c.Title, Due: c.Due, Township: c.Township}
		if err := rows.Scan(&l.ID, &l.UnitID, &l.Unit, &l.Number, &l.Text, &l.SentAt); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// Meeting is a coordination meeting (督办协调会) with its minutes.
type Meeting struct {
	ID        int64  `json:"id"`
	CaseID    int64  `json:"case_id"`
	HeldOn    string `json:"held_on"`
	Place     string `json:"place"`
	Attendees string `json:"attendees"`
	Minutes   string `json:"minutes"`
	Decisions string `json:"decisions"`
}

// RecordMeeting records a coordination meeting on a case.
func (s *Service) RecordMeeting(ctx context.Context, p *auth.Principal, caseID int64, in Meeting) (*Meeting, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	in.HeldOn, in.Place, in.Attendees, in.Minutes, in.Decisions = trim(in.HeldOn), trim(in.Place), trim(in.Attendees), trim(in.Minutes), trim(in.Decisions)
	if in.HeldOn == "" {
		return nil, errs.Required("held_on", "cases.field.held_on")
	}
	if _, err := time.Parse(time.DateOnly, in.HeldOn); err != nil {
		return nil, errs.Field("held_on", "invalid_date", "err.date_format", in.HeldOn)
	}
	if in.Minutes == "" {
		return nil, errs.Required("minutes", "cases.field.minutes")
	}
	for _, f := range []struct{ field, label, v string }{{"place", "cases.field.place", in.Place}, {"attendees", "cases.field.attendees", in.Attendees},
		{"minutes", "cases.field.minutes", in.Minutes}, {"decisions", "cases.field.decisions", in.Decisions}} {
		if err := errs.MaxLen(f.field, f.label, f.v, 5000); err != nil {
			return nil, err
		}
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.load(ctx, tx, p, caseID)
		if err != nil {
			return err
		}
		in.CaseID = c.ID
		now := s.now().Unix()
		if err := tx.QueryRowContext(ctx, `INSERT INTO coordination_meetings (case_id, held_on, place, attendees, minutes, decisions, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, c.ID, in.HeldOn, in.Place, in.Attendees, in.Minutes, in.Decisions,
			store.NullID(p.UserID), now).Scan(&in.ID); err != nil {
			return err
		}
		if err := addEvent(ctx, tx, c.ID, now, "meeting", c.Status, "", p.Username); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "coordination_meeting", in.ID, c.Township, in.HeldOn, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// Meetings lists a case's coordination meetings.
func (s *Service) Meetings(ctx context.Context, p *auth.Principal, caseID int64) ([]Meeting, error) {
	if _, err := s.load(ctx, s.DB.R, p, caseID); err != nil {
		return nil, err
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT id, held_on, place, attendees, minutes, decisions FROM coordination_meetings
		WHERE case_id = $1 ORDER BY held_on, id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Meeting{}
	for rows.Next() {
		m := Meeting{CaseID: caseID}
		if err := rows.Scan(&m.ID, &m.HeldOn, &m.Place, &m.Attendees, &m.Minutes, &m.Decisions); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// SetKeyLeader marks a case as a key item followed by a named leader
// (领导领衔督办); an empty name unmarks it.
func (s *Service) SetKeyLeader(ctx context.Context, p *auth.Principal, caseID int64, leader string) (*Case, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	leader = trim(leader)
	if err := errs.MaxLen("leader", "cases.field.leader", leader, 50); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.load(ctx, tx, p, caseID)
		if err != nil {
			return err
		}
		before := snapshot(c)
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET key_leader = $1, updated_at = $2 WHERE id = $3`, leader, s.now().Unix(), c.ID); err != nil {
			return err
		}
		c.KeyLeader = leader
		return audit.Record(ctx, tx, p.Actor(ctx), "key_leader", string(c.Kind), c.ID, c.Township, leader, before, snapshot(c))
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, p, caseID)
}

// Overdue counts the caller's open items past due and due soon (amber).
func (s *Service) Overdue(ctx context.Context, p *auth.Principal) (red, amber int, err error) {
	var w where
	scopeCases(&w, p)
	w.add("c.status IN ('assigned', 'rehandling')")
	now := s.now()
	today := w.arg(now.Format(time.DateOnly))
	soon := w.arg(now.AddDate(0, 0, s.ConfigFor(ctx, p.Scope).AmberDays).Format(time.DateOnly))
	if p.Is(auth.Unit) {
		w.add("c.lead_unit_id = ?", p.UnitID)
	}
	err = s.DB.R.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN c.due_date < `+today+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.due_date >= `+today+` AND c.due_date <= `+soon+` THEN 1 ELSE 0 END), 0)
		FROM cases c WHERE `+w.sql(), w.args...).Scan(&red, &amber)
	return red, amber, err
}
