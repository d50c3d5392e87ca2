package cases

import (
	"context"
	"database/sql"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// RateAtReturnVisit records the constituent's rating given at a return
// visit, inside the visit's transaction. A replied opinion is rated as
// usual; a closed one rated unsatisfied is reopened and goes back to its
// unit, since an unhappy return visit means the matter is not settled.
func (s *Service) RateAtReturnVisit(ctx context.Context, tx *sql.Tx, p *auth.Principal, caseID int64, in Rating) (*Case, error) {
	c, err := s.load(ctx, tx, p, caseID)
	if err != nil {
		return nil, err
	}
	if c.Kind != Opinion {
		return nil, errs.NotFoundErr("cases.entity.opinion")
	}
	if in.Satisfaction == "" {
		return c, nil // a visit without a rating changes nothing
	}
	if in.Satisfaction != Satisfied && in.Satisfaction != Basic && in.Satisfaction != Unsatisfied {
		return nil, errs.Field("satisfaction", "invalid_satisfaction", "cases.err.satisfaction")
	}
	switch {
	case c.Status == Replied:
		if !mayRate(p, c) {
			return nil, errs.New(errs.Forbidden, "may_not_rate", "satisfaction", "cases.err.may_not_rate")
		}
		return c, s.rate(ctx, tx, p, c, in)
	case c.Status == Closed && in.Satisfaction == Unsatisfied:
		before := snapshot(c)
		now := s.now().Unix()
		if _, err := tx.ExecContext(ctx, `UPDATE case_replies SET satisfaction = $1, rating_note = $2, rated_by = $3, rated_at = $4
			WHERE id = (SELECT MAX(id) FROM case_replies WHERE case_id = $5)`, in.Satisfaction, in.Note, store.NullID(p.UserID), now, c.ID); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET satisfaction = $1, rated_at = $2 WHERE id = $3`, in.Satisfaction, now, c.ID); err != nil {
			return nil, err
		}
		if err := setStatus(ctx, tx, c.ID, now, "reopened", Rehandling, "", p.Username); err != nil {
			return nil, err
		}
		c.Status, c.Satisfaction = Rehandling, in.Satisfaction
		return c, audit.Record(ctx, tx, p.Actor(ctx), "reopen", "opinion", c.ID, c.Township, in.Note, before, snapshot(c))
	}
	// Satisfied with a closed matter, or a rating before any reply: the
	// visit is recorded, the matter stays as it is.
	return c, nil
}
