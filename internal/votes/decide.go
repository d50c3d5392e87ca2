package votes

import (
	"context"
	"database/sql"
	"strings"
	"time"
	"unicode/utf8"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// TieDecision settles a tie at the cut-off: which of the tied projects take
// the places left, and on what basis (the presidium's decision, a second
// round…), recorded with who decided.
type TieDecision struct {
	ProjectIDs []int64 `json:"project_ids"`
	Basis      string  `json:"basis"`
}

// DecideTie records the decision that settles a vote's tie at the cut-off.
func DecideTie(ctx context.Context, db *store.DB, p *auth.Principal, id int64, in TieDecision) (*Result, error) {
	in.Basis = strings.TrimSpace(in.Basis)
	if in.Basis == "" {
		return nil, errs.Required("basis", "vote.field.basis")
	}
	if utf8.RuneCountInString(in.Basis) > 1000 {
		return nil, errs.TooLong("basis", "vote.field.basis", 1000)
	}
	var out Result
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		v, err := manageable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if v.Status != Closed {
			return errs.ConflictErr("status", "vote.err.not_closed")
		}
		if v.Published() {
			return errs.ConflictErr("status", "vote.err.published")
		}
		// Rank as if nothing were decided, to find the tie afresh.
		for i := range v.Projects {
			v.Projects[i].tieChosen = nil
		}
		r := v.result()
		if len(r.Ties) == 0 {
			return errs.ConflictErr("project_ids", "vote.err.no_tie")
		}
		tie := r.Ties[0]
		tied := map[int64]bool{}
		for _, pid := range tie.ProjectIDs {
			tied[pid] = true
		}
		chosen := map[int64]bool{}
		for _, pid := range in.ProjectIDs {
			if !tied[pid] {
				return errs.Field("project_ids", "not_tied", "vote.err.not_tied", pid)
			}
			chosen[pid] = true
		}
		if len(chosen) != tie.Places {
			return errs.Field("project_ids", "wrong_count", "vote.err.tie_places", tie.Places)
		}
		for _, pid := range tie.ProjectIDs {
			if _, err := tx.ExecContext(ctx, `UPDATE vote_projects SET tie_chosen = $2 WHERE id = $1`, pid, chosen[pid]); err != nil {
				return err
			}
		}
		now := time.Now().Unix()
		if _, err := tx.ExecContext(ctx, `UPDATE votes SET tie_basis = $2, tie_decided_by = $3, tie_decided_at = $4, updated_at = $4 WHERE id = $1`,
			id, in.Basis, store.NullID(p.UserID), now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, p.Actor(ctx), "decide_tie", "vote", id, v.Congress, in.Basis,
			map[string]any{"tie": tie.ProjectIDs, "places": tie.Places}, in); err != nil {
			return err
		}
		if v, err = load(ctx, tx, id); err != nil {
			return err
		}
		out = v.result()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Publish makes a closed vote's result public. A tie at the cut-off must be
// settled first: the public never sees places filled by list order.
func Publish(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Vote, error) {
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		v, err := manageable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if v.Status != Closed {
			return errs.ConflictErr("status", "vote.err.not_closed")
		}
		if v.Published() {
			return errs.ConflictErr("status", "vote.err.published")
		}
		for _, t := range v.result().Ties {
			if !t.Settled {
				return errs.ConflictErr("ties", "vote.err.tie_unsettled")
			}
		}
		now := time.Now().Unix()
		if _, err := tx.ExecContext(ctx, `UPDATE votes SET published_at = $2, updated_at = $2 WHERE id = $1`, id, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "publish", "vote", id, v.Congress, v.Title, nil, map[string]any{"published_at": now})
	})
	if err != nil {
		return nil, err
	}
	return load(ctx, db.W, id)
}

// GetResult returns the result of a closed vote: to staff in scope as soon
// as it closes, to everyone once published.
func GetResult(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Result, *Vote, error) {
	v, err := load(ctx, db.R, id)
	if err != nil {
		return nil, nil, err
	}
	if !v.Published() && !CanManage(p, v.Congress) {
		if p != nil && p.Role == auth.Deputy {
			if elector, _, err := isElector(ctx, db.R, id, p.DeputyID); err != nil {
				return nil, nil, err
			} else if elector {
				return nil, nil, errs.ConflictErr("status", "vote.err.not_published")
			}
		}
		return nil, nil, errs.NotFoundErr("vote.entity")
	}
	if v.Status != Closed {
		return nil, nil, errs.ConflictErr("status", "vote.err.not_closed")
	}
	r := v.result()
	return &r, v, nil
}
