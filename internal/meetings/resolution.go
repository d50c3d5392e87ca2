package meetings

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Resolution is a resolution (决议) or decision (决定) adopted — or not — at
// a session, with its vote counts.
type Resolution struct {
	ID      int64  `json:"id"`
	Kind    string `json:"kind"` // resolution or decision
	Title   string `json:"title"`
	For     int    `json:"for"`
	Against int    `json:"against"`
	Abstain int    `json:"abstain"`
	Total   int    `json:"deputies_total"` // all deputies of the congress
	Adopted bool   `json:"adopted"`        // for > half of all deputies
}

// AddResolution records a resolution or decision with its vote counts; it
// is adopted when more than half of all deputies of the congress voted for.
func AddResolution(ctx context.Context, db *store.DB, p *auth.Principal, sessionID int64, in Resolution) (*Resolution, error) {
	var err error
	if in.Kind != "resolution" && in.Kind != "decision" {
		return nil, errs.Field("kind", "invalid_kind", "meet.err.resolution_kind")
	}
	if in.Title, err = checkText("title", in.Title, true, 200); err != nil {
		return nil, err
	}
	if in.For < 0 || in.Against < 0 || in.Abstain < 0 {
		return nil, errs.Field("for", "negative", "meet.err.negative_votes")
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		s, err := writable(ctx, tx, p, sessionID)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(DISTINCT deputy_id) FROM seats WHERE congress_code = $1 AND status = 'serving'`,
			s.Congress).Scan(&in.Total); err != nil {
			return err
		}
		if in.For+in.Against+in.Abstain > in.Total {
			return errs.Field("for", "too_many_votes", "meet.err.votes_exceed", in.Total)
		}
		in.Adopted = in.For*2 > in.Total
		if err := tx.QueryRowContext(ctx, `INSERT INTO session_resolutions (session_id, kind, title, votes_for, votes_against,
			votes_abstain, deputies_total, adopted, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			sessionID, in.Kind, in.Title, in.For, in.Against, in.Abstain, in.Total, in.Adopted, time.Now().Unix()).Scan(&in.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "resolution", "congress_session", s.ID, s.Congress, in.Title, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

func resolutions(ctx context.Context, q store.Querier, sessionID int64) ([]Resolution, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, kind, title, votes_for, votes_against, votes_abstain, deputies_total, adopted
		FROM session_resolutions WHERE session_id = $1 ORDER BY id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Resolution{}
	for rows.Next() {
		var r Resolution
		if err := rows.Scan(&r.ID, &r.Kind, &r.Title, &r.For, &r.Against, &r.Abstain, &r.Total, &r.Adopted); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
