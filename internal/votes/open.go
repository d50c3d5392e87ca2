package votes

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// OpenVote starts accepting ballots. The deputies entitled to vote — those
// with a serving seat in the congress — are fixed now, so a change of the
// roster during the vote cannot move the threshold.
func OpenVote(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Vote, error) {
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		v, err := manageable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if v.Status != Draft {
			return errs.ConflictErr("status", "vote.err.not_draft")
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO vote_electors (vote_id, deputy_id)
			SELECT DISTINCT CAST($1 AS BIGINT), s.deputy_id FROM seats s WHERE s.congress_code = $2 AND s.status = 'serving'`, id, v.Congress)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		if n == 0 {
			return errs.Field("congress", "no_deputies", "vote.err.no_deputies")
		}
		now := time.Now().Unix()
		if _, err := tx.ExecContext(ctx, `UPDATE votes SET status = 'open', eligible = $2, opened_at = $3, updated_at = $3 WHERE id = $1`,
			id, n, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "open", "vote", id, v.Congress, v.Title,
			map[string]any{"status": v.Status}, map[string]any{"status": Open, "eligible": n})
	})
	if err != nil {
		return nil, err
	}
	return load(ctx, db.W, id)
}
