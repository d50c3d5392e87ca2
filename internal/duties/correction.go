package duties

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

// Correction is a deputy's request to correct their published points.
type Correction struct {
	ID          int64  `json:"id"`
	PeriodID    int64  `json:"period_id"`
	DeputyID    int64  `json:"deputy_id"`
	DeputyName  string `json:"deputy_name"`
	Township    string `json:"township"`
	Reason      string `json:"reason"`
	Status      string `json:"status"` // pending, accepted or refused
	Answer      string `json:"answer"`
	RequestedAt int64  `json:"requested_at"`
	AnsweredAt  int64  `json:"answered_at,omitempty"`
}

func (s *Service) corrections(ctx context.Context, where string, args ...any) ([]*Correction, error) {
	rows, err := s.DB.R.QueryContext(ctx, `SELECT c.id, c.period_id, c.deputy_id, d.name, c.township_code, c.reason, c.status, c.answer,
		c.requested_at, COALESCE(c.answered_at, 0) FROM duty_corrections c JOIN deputies d ON d.id = c.deputy_id
		WHERE `+strings.NewReplacer("period_id", "c.period_id", "township_code", "c.township_code", "deputy_id", "c.deputy_id").Replace(where)+
		` ORDER BY c.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Correction
	for rows.Next() {
		var c Correction
		if err := rows.Scan(&c.ID, &c.PeriodID, &c.DeputyID, &c.DeputyName, &c.Township, &c.Reason, &c.Status, &c.Answer, &c.RequestedAt, &c.AnsweredAt); err != nil {
			return nil, err
		}
		out = append(out, &c)
	}
	return out, rows.Err()
}

// RequestCorrection asks, as a deputy, for a correction of one's published
// points while the window is open.
func (s *Service) RequestCorrection(ctx context.Context, p *auth.Principal, periodID int64, reason string) (*Correction, error) {
	if p.Role != auth.Deputy {
		return nil, errs.ForbiddenErr()
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, errs.Required("reason", "duty.field.correction_reason")
	}
	if err := errs.MaxLen("reason", "duty.field.correction_reason", reason, 1000); err != nil {
		return nil, err
	}
	var c Correction
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		pd, err := loadPeriod(ctx, tx, p, periodID)
		if err != nil {
			return err
		}
		if pd.Status != PeriodOpen || s.Today() > pd.CorrectionUntil {
			return errs.Field("period_id", "window_closed", "duty.err.window_closed", pd.CorrectionUntil)
		}
		if err := tx.QueryRowContext(ctx, `SELECT i.township_code, i.name FROM duty_period_items i WHERE i.period_id = $1 AND i.deputy_id = $2`,
			periodID, p.DeputyID).Scan(&c.Township, &c.DeputyName); err != nil {
			if err == sql.ErrNoRows {
				return errs.NotFoundErr("duty.entity.period")
			}
			return err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM duty_corrections WHERE period_id = $1 AND deputy_id = $2 AND status = 'pending'`,
			periodID, p.DeputyID).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return errs.ConflictErr("reason", "duty.err.correction_open")
		}
		c.PeriodID, c.DeputyID, c.Reason, c.Status, c.RequestedAt = periodID, p.DeputyID, reason, "pending", time.Now().Unix()
		if err := tx.QueryRowContext(ctx, `INSERT INTO duty_corrections (period_id, deputy_id, township_code, reason, status, requested_by, requested_at)
			VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id`, periodID, p.DeputyID, c.Township, reason, store.NullID(p.UserID), c.RequestedAt).Scan(&c.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "duty_correction", c.ID, c.Township, "correction requested", nil, c)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// AnswerCorrection accepts or refuses a request (staff). Accepting works
// out the township's published lines again from the records as they now
// stand, so staff first correct the records; refusing needs a reason.
func (s *Service) AnswerCorrection(ctx context.Context, p *auth.Principal, id int64, accept bool, answer string) (*Correction, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	answer = strings.TrimSpace(answer)
	if !accept && answer == "" {
		return nil, errs.Required("answer", "duty.field.answer")
	}
	if err := errs.MaxLen("answer", "duty.field.answer", answer, 1000); err != nil {
		return nil, err
	}
	var c *Correction
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		lo, hi := store.PrefixRange(p.Scope)
		var periodID int64
		var township, status string
		err := tx.QueryRowContext(ctx, `SELECT period_id, township_code, status FROM duty_corrections
			WHERE id = $1 AND township_code >= $2 AND township_code < $3`, id, lo, hi).Scan(&periodID, &township, &status)
		if err == sql.ErrNoRows {
			return errs.NotFoundErr("duty.entity.correction")
		}
		if err != nil {
			return err
		}
		if status != "pending" {
			return errs.ConflictErr("status", "duty.err.correction_answered")
		}
		pd, err := loadPeriod(ctx, tx, p, periodID)
		if err != nil {
			return err
		}
		if pd.Status != PeriodOpen {
			return errs.ConflictErr("status", "duty.err.period_final")
		}
		newStatus := "refused"
		if accept {
			newStatus = "accepted"
			if err := republishTownship(ctx, tx, pd, township, s.Today()); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE duty_corrections SET status = $1, answer = $2, answered_by = $3, answered_at = $4 WHERE id = $5`,
			newStatus, answer, store.NullID(p.UserID), time.Now().Unix(), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), newStatus[:len(newStatus)-2], "duty_correction", id, township, "correction "+newStatus,
			map[string]any{"status": status}, map[string]any{"status": newStatus, "answer": answer})
	})
	if err != nil {
		return nil, err
	}
	list, err := s.corrections(ctx, "c.id = $1", id)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	c = list[0]
	return c, nil
}

// republishTownship replaces a township's published lines with its
// assessment as the records now stand.
func republishTownship(ctx context.Context, tx *sql.Tx, pd *Period, township, today string) error {
	items, err := assessPeriod(ctx, tx, township, pd.Year, pd.From, pd.To, today)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM duty_period_items WHERE period_id = $1 AND township_code = $2`, pd.ID, township); err != nil {
		return err
	}
	return insertItems(ctx, tx, pd.ID, items)
}
