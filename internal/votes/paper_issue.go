package votes

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// PaperIssue is the check-in list of one hand-out of paper ballots: the
// deputies who each received one.
type PaperIssue struct {
	DeputyIDs []int64 `json:"deputy_ids"`
}

// PaperCount says how many paper ballots were handed out and how many of
// them have been entered from the boxes.
type PaperCount struct {
	Issued  int `json:"issued"`
	Entered int `json:"entered"`
}

// IssuePaper records that staff handed paper ballots to deputies. Each is
// marked as voted in vote_electors, as a phone ballot marks its voter, so
// they can neither vote on their phone nor receive a second paper ballot.
// The list is refused whole, naming the entry, when a deputy is not
// entitled to vote, received a paper ballot before, or voted by phone.
func IssuePaper(ctx context.Context, db *store.DB, p *auth.Principal, voteID int64, in PaperIssue) (*PaperCount, error) {
	if len(in.DeputyIDs) == 0 {
		return nil, errs.Required("deputy_ids", "vote.field.deputy_ids")
	}
	seen := map[int64]bool{}
	for i, id := range in.DeputyIDs {
		f := fmt.Sprintf("deputy_ids[%d]", i)
		if id <= 0 {
			return nil, errs.Field(f, "invalid_id", "vote.err.paper_deputy_unknown", id)
		}
		if seen[id] {
			return nil, errs.Field(f, "duplicate", "vote.err.paper_deputy_twice", id)
		}
		seen[id] = true
	}
	var out PaperCount
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := manageable(ctx, tx, p, voteID); err != nil {
			return err
		}
		v, err := lockOpen(ctx, db, tx, voteID)
		if err != nil {
			return err
		}
		if v.Status != Open {
			return errs.ConflictErr("status", "vote.err.not_open")
		}
		for i, id := range in.DeputyIDs {
			res, err := tx.ExecContext(ctx, `UPDATE vote_electors SET voted = TRUE, paper = TRUE
				WHERE vote_id = $1 AND deputy_id = $2 AND voted = FALSE`, voteID, id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return issueRefusal(ctx, tx, voteID, id, fmt.Sprintf("deputy_ids[%d]", i))
			}
		}
		if out, err = paperCount(ctx, tx, voteID); err != nil {
			return err
		}
		// Who received a paper ballot is recorded; what they mark never is.
		return audit.Record(ctx, tx, p.Actor(ctx), "paper_issue", "vote", voteID, v.Congress,
			fmt.Sprint(len(in.DeputyIDs)), nil, map[string]any{"deputy_ids": in.DeputyIDs, "issued": out.Issued})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// issueRefusal says why a deputy on the check-in list cannot receive a
// paper ballot.
func issueRefusal(ctx context.Context, tx *sql.Tx, voteID, deputyID int64, field string) error {
	var name string
	var voted, paper bool
	err := tx.QueryRowContext(ctx, `SELECT d.name, e.voted, e.paper FROM vote_electors e JOIN deputies d ON d.id = e.deputy_id
		WHERE e.vote_id = $1 AND e.deputy_id = $2`, voteID, deputyID).Scan(&name, &voted, &paper)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return errs.Field(field, "not_eligible", "vote.err.paper_deputy_unknown", deputyID)
	case err != nil:
		return err
	case paper:
		return errs.ConflictErr(field, "vote.err.paper_issued_before", name)
	}
	return errs.ConflictErr(field, "vote.err.paper_voted_phone", name)
}

// paperCount counts the paper ballots handed out and entered.
func paperCount(ctx context.Context, q store.Querier, voteID int64) (PaperCount, error) {
	var c PaperCount
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM vote_electors WHERE vote_id = $1 AND paper`, voteID).Scan(&c.Issued); err != nil {
		return c, err
	}
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM vote_ballots WHERE vote_id = $1 AND box <> ''`, voteID).Scan(&c.Entered)
	return c, err
}

// Elector is a deputy entitled to vote and how far they are: not voted,
// voted on the phone, or handed a paper ballot. Never how they voted.
type Elector struct {
	DeputyID int64  `json:"deputy_id"`
	Name     string `json:"name"`
	Voted    bool   `json:"voted"`
	Paper    bool   `json:"paper"`
}

// Electors lists the deputies entitled to vote in a vote the caller
// manages, by name: the roster staff check paper ballots off against.
func Electors(ctx context.Context, db *store.DB, p *auth.Principal, voteID int64) ([]Elector, *PaperCount, error) {
	if _, err := manageable(ctx, db.R, p, voteID); err != nil {
		return nil, nil, err
	}
	rows, err := db.R.QueryContext(ctx, `SELECT e.deputy_id, d.name, e.voted, e.paper FROM vote_electors e
		JOIN deputies d ON d.id = e.deputy_id WHERE e.vote_id = $1 ORDER BY d.name, e.deputy_id`, voteID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []Elector
	for rows.Next() {
		var e Elector
		if err := rows.Scan(&e.DeputyID, &e.Name, &e.Voted, &e.Paper); err != nil {
			return nil, nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	c, err := paperCount(ctx, db.R, voteID)
	if err != nil {
		return nil, nil, err
	}
	return out, &c, nil
}
