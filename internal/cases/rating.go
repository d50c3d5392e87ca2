package cases

import (
	"context"
	"database/sql"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Rating is the satisfaction with a reply: the lead deputy's for a
// suggestion or motion, the constituent's (recorded at the return visit) for
// an opinion.
type Rating struct {
	Satisfaction string `json:"satisfaction"`
	Note         string `json:"note,omitempty"`
}

// mayRate reports whether p may give the rating of a case: a suggestion's
// lead deputy; for an opinion, whoever records the return visit — staff of
// its jurisdiction, its station's officer or a deputy who took it.
func mayRate(p *auth.Principal, c *Case) bool {
	if c.Kind != Opinion {
		return p.Is(auth.Deputy) && p.DeputyID == c.LeadDeputyID
	}
	switch p.Role {
	case auth.Admin, auth.County, auth.Township:
		return true
	case auth.Liaison:
		return c.StationID == p.StationID
	case auth.Deputy:
		return true // load already limited the case to the ones they took
	}
	return false
}

// Rate records the satisfaction with the latest reply. Satisfied or basic
// closes the case; unsatisfied sends it back to the unit to handle again.
func (s *Service) Rate(ctx context.Context, p *auth.Principal, id int64, in Rating) (*Case, error) {
	in.Satisfaction, in.Note = trim(in.Satisfaction), trim(in.Note)
	if in.Satisfaction == "" {
		return nil, errs.Required("satisfaction", "cases.field.satisfaction")
	}
	if in.Satisfaction != Satisfied && in.Satisfaction != Basic && in.Satisfaction != Unsatisfied {
		return nil, errs.Field("satisfaction", "invalid_satisfaction", "cases.err.satisfaction")
	}
	if err := errs.MaxLen("note", "cases.field.rating_note", in.Note, 1000); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if !mayRate(p, c) {
			return errs.New(errs.Forbidden, "may_not_rate", "satisfaction", "cases.err.may_not_rate")
		}
		if c.Status != Replied {
			return errs.ConflictErr("satisfaction", "cases.err.not_ratable", i18nStatus(c.Status))
		}
		return s.rate(ctx, tx, p, c, in)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, p, id)
}

// rate writes a rating on a replied case (also used by return visits).
func (s *Service) rate(ctx context.Context, tx *sql.Tx, p *auth.Principal, c *Case, in Rating) error {
	before := snapshot(c)
	now := s.now().Unix()
	if _, err := tx.ExecContext(ctx, `UPDATE case_replies SET satisfaction = $1, rating_note = $2, rated_by = $3, rated_at = $4
		WHERE id = (SELECT MAX(id) FROM case_replies WHERE case_id = $5)`, in.Satisfaction, in.Note, store.NullID(p.UserID), now, c.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET satisfaction = $1, rated_at = $2 WHERE id = $3`, in.Satisfaction, now, c.ID); err != nil {
		return err
	}
	next := Closed
	if in.Satisfaction == Unsatisfied {
		next = Rehandling
	}
	if err := setStatus(ctx, tx, c.ID, now, "rated_"+in.Satisfaction, next, "", p.Username); err != nil {
		return err
	}
	c.Status, c.Satisfaction, c.RatedAt = next, in.Satisfaction, now
	return audit.Record(ctx, tx, p.Actor(ctx), "rate", string(c.Kind), c.ID, c.Township, in.Satisfaction, before, snapshot(c))
}
