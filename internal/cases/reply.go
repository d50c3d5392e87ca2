package cases

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Reply is a handling unit's answer (答复) with its grade: A solved or
// adopted, B being solved, C planned, D explained.
type Reply struct {
	Grade string `json:"grade"`
	Text  string `json:"text"`
	// PublicText is what the constituent's tracking page shows; the text
	// itself when empty.
	PublicText string `json:"public_text,omitempty"`
}

func validGrade(g string) bool { return oneOf(g, Grades) }

// Reply records the lead unit's reply to a case it handles.
func (s *Service) Reply(ctx context.Context, p *auth.Principal, id int64, in Reply) (*Case, error) {
	if !p.Is(auth.Unit) {
		return nil, errs.ForbiddenErr()
	}
	in.Grade = strings.ToUpper(trim(in.Grade))
	in.Text, in.PublicText = trim(in.Text), trim(in.PublicText)
	if in.Grade == "" {
		return nil, errs.Required("grade", "cases.field.grade")
	}
	if !validGrade(in.Grade) {
		return nil, errs.Field("grade", "invalid_grade", "cases.err.grade")
	}
	if in.Text == "" {
		return nil, errs.Required("text", "cases.field.reply_text")
	}
	if err := errs.MaxLen("text", "cases.field.reply_text", in.Text, 5000); err != nil {
		return nil, err
	}
	if err := errs.MaxLen("public_text", "cases.field.public_text", in.PublicText, 2000); err != nil {
		return nil, err
	}
	if in.PublicText == "" {
		in.PublicText = in.Text
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if c.LeadUnitID != p.UnitID {
			return errs.New(errs.Forbidden, "not_lead_unit", "", "cases.err.not_lead_unit")
		}
		if !c.Status.Open() {
			return errs.ConflictErr("text", "cases.err.not_replyable", i18nStatus(c.Status))
		}
		before := snapshot(c)
		now := s.now().Unix()
		round := c.Rounds + 1
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_replies (case_id, unit_id, round, grade, text, replied_by, replied_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, p.UnitID, round, in.Grade, in.Text, store.NullID(p.UserID), now); err != nil {
			return err
		}
		onTime := c.Due == "" || s.now().Format(time.DateOnly) <= c.Due
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET reply_at = $1, first_reply_at = COALESCE(first_reply_at, $1), grade = $2,
			satisfaction = NULL, rated_at = NULL, rounds = $3, public_reply = $4, on_time = COALESCE(on_time, $5) WHERE id = $6`,
			now, in.Grade, round, in.PublicText, onTime, id); err != nil {
			return err
		}
		if err := setStatus(ctx, tx, id, now, "replied", Replied, "", p.Username); err != nil {
			return err
		}
		c.Status, c.Grade, c.Satisfaction, c.Rounds, c.ReplyAt = Replied, in.Grade, "", round, now
		return audit.Record(ctx, tx, p.Actor(ctx), "reply", string(c.Kind), id, c.Township, c.Title, before, snapshot(c))
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, p, id)
}

// ReplyRecord is one reply in a case's history.
type ReplyRecord struct {
	ID           int64  `json:"id"`
	UnitID       int64  `json:"unit_id"`
	Unit         string `json:"unit"`
	Round        int    `json:"round"`
	Grade        string `json:"grade"`
	Text         string `json:"text"`
	RepliedAt    int64  `json:"replied_at"`
	Satisfaction string `json:"satisfaction,omitempty"`
	RatingNote   string `json:"rating_note,omitempty"`
	RatedAt      int64  `json:"rated_at,omitempty"`
}

// Replies lists the replies to a case the caller may see, oldest first.
func (s *Service) Replies(ctx context.Context, p *auth.Principal, id int64) ([]ReplyRecord, error) {
	if _, err := s.load(ctx, s.DB.R, p, id); err != nil {
		return nil, err
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT r.id, r.unit_id, u.name, r.round, r.grade, r.text, r.replied_at,
		COALESCE(r.satisfaction, ''), r.rating_note, COALESCE(r.rated_at, 0)
		FROM case_replies r JOIN units u ON u.id = r.unit_id WHERE r.case_id = $1 ORDER BY r.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []ReplyRecord{}
	for rows.Next() {
		var r ReplyRecord
		if err := rows.Scan(&r.ID, &r.UnitID, &r.Unit, &r.Round, &r.Grade, &r.Text, &r.RepliedAt, &r.Satisfaction, &r.RatingNote, &r.RatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
