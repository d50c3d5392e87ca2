package votes

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// CloseVote stops the ballots, counts them and stores the tally, so the
// result is ready the moment the vote closes.
func CloseVote(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Result, error) {
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		v, err := manageable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		// Taking the row lock first makes a ballot being cast finish (or
		// see the vote closed) before the count.
		res, err := tx.ExecContext(ctx, `UPDATE votes SET status = 'closed', updated_at = $2 WHERE id = $1 AND status = 'open'`,
			id, time.Now().Unix())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.ConflictErr("status", "vote.err.not_open")
		}
		ballots, err := readBallots(ctx, tx, id)
		if err != nil {
			return err
		}
		counts := map[int64]*[3]int{}
		for _, pr := range v.Projects {
			counts[pr.ID] = &[3]int{}
		}
		for _, b := range ballots {
			cs, err := decodeChoices(b.choices)
			if err != nil {
				return err
			}
			for _, c := range cs {
				t, ok := counts[c.ProjectID]
				if !ok {
					return fmt.Errorf("ballot names project %d outside vote %d", c.ProjectID, id)
				}
				switch c.Choice {
				case For:
					t[0]++
				case Against:
					t[1]++
				default:
					t[2]++
				}
			}
		}
		for pid, t := range counts {
			if _, err := tx.ExecContext(ctx, `UPDATE vote_projects SET votes_for = $2, votes_against = $3, votes_abstain = $4 WHERE id = $1`,
				pid, t[0], t[1], t[2]); err != nil {
				return err
			}
		}
		if err := reseal(ctx, tx, id, ballots); err != nil {
			return err
		}
		now := time.Now().Unix()
		if _, err := tx.ExecContext(ctx, `UPDATE votes SET cast_count = $2, closed_at = $3, updated_at = $3 WHERE id = $1`,
			id, len(ballots), now); err != nil {
			return err
		}
		tally := map[string]any{"status": Closed, "cast": len(ballots)}
		for _, pr := range v.Projects {
			t := counts[pr.ID]
			tally[fmt.Sprint(pr.ID)] = map[string]int{"for": t[0], "against": t[1], "abstain": t[2]}
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "close", "vote", id, v.Congress, v.Title,
			map[string]any{"status": Open}, tally)
	})
	if err != nil {
		return nil, err
	}
	v, err := load(ctx, db.W, id)
	if err != nil {
		return nil, err
	}
	r := v.result()
	return &r, nil
}

type storedBallot struct {
	id      int64
	receipt string
	box     string
	choices string
}

// readBallots reads a vote's ballots in key order (random, not the order of
// voting).
func readBallots(ctx context.Context, q store.Querier, voteID int64) ([]storedBallot, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, receipt, box, choices FROM vote_ballots WHERE vote_id = $1 ORDER BY id`, voteID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedBallot
	for rows.Next() {
		var b storedBallot
		if err := rows.Scan(&b.id, &b.receipt, &b.box, &b.choices); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// reseal writes the ballots again, in key order, in the closing
// transaction. On PostgreSQL each row otherwise keeps the id of the
// transaction that cast it (shared with that deputy's "voted" mark) and sits
// where it was appended; rewritten, every ballot and every mark carries the
// closing transaction and the ballots lie in random-key order.
func reseal(ctx context.Context, tx *sql.Tx, voteID int64, ballots []storedBallot) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM vote_ballots WHERE vote_id = $1`, voteID); err != nil {
		return err
	}
	const batch = 200
	for start := 0; start < len(ballots); start += batch {
		end := min(start+batch, len(ballots))
		var sb strings.Builder
		sb.WriteString(`INSERT INTO vote_ballots (id, vote_id, receipt, box, choices) VALUES `)
		args := []any{voteID}
		for i, b := range ballots[start:end] {
			if i > 0 {
				sb.WriteString(", ")
			}
			k := len(args)
			fmt.Fprintf(&sb, "($%d, $1, $%d, $%d, $%d)", k+1, k+2, k+3, k+4)
			args = append(args, b.id, b.receipt, b.box, b.choices)
		}
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE vote_electors SET voted = voted WHERE vote_id = $1`, voteID)
	return err
}
