package votes

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// PaperBallot is one paper ballot as counted.
type PaperBallot struct {
	Choices []Choice `json:"choices"`
}

// PaperBox is one ballot box: its name, the number of ballots counted in it
// (its subtotal), and the ballots.
type PaperBox struct {
	Box     string        `json:"box"`
	Count   int           `json:"count"`
	Ballots []PaperBallot `json:"ballots"`
}

// BoxResult is what entering a box answers.
type BoxResult struct {
	Box   string `json:"box"`
	Count int    `json:"count"`
	Cast  int    `json:"cast"` // ballots of the vote so far, electronic and paper
}

// AddPaperBox enters the paper ballots of one box. The box is refused whole
// when its subtotal disagrees with its ballots, when it was entered before,
// or when it would bring more paper ballots than were handed out (see
// IssuePaper).
func AddPaperBox(ctx context.Context, db *store.DB, p *auth.Principal, voteID int64, in PaperBox) (*BoxResult, error) {
	in.Box = strings.TrimSpace(in.Box)
	if in.Box == "" {
		return nil, errs.Required("box", "vote.field.box")
	}
	if utf8.RuneCountInString(in.Box) > 50 {
		return nil, errs.TooLong("box", "vote.field.box", 50)
	}
	if in.Count < 0 || in.Count != len(in.Ballots) {
		return nil, errs.Field("count", "count_mismatch", "vote.err.box_count", in.Count, len(in.Ballots))
	}
	var out BoxResult
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
		full := make([][]Choice, len(in.Ballots))
		for i, b := range in.Ballots {
			if full[i], err = checkChoices(v, b.Choices, fmt.Sprintf("ballots[%d].", i), true); err != nil {
				return err
			}
		}
		var seen int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM vote_boxes WHERE vote_id = $1 AND name = $2`, voteID, in.Box).Scan(&seen); err != nil {
			return err
		}
		if seen > 0 {
			return errs.ConflictErr("box", "vote.err.box_entered", in.Box)
		}
		var cast int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM vote_ballots WHERE vote_id = $1`, voteID).Scan(&cast); err != nil {
			return err
		}
		// A box holds no more ballots than were handed out and are not yet
		// entered; the deputies who received them are marked as voted, so
		// this also keeps the ballots within the deputies entitled to vote.
		pc, err := paperCount(ctx, tx, voteID)
		if err != nil {
			return err
		}
		if pc.Entered+in.Count > pc.Issued {
			return errs.Field("count", "too_many_ballots", "vote.err.box_exceeds_issued", pc.Issued, pc.Entered)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO vote_boxes (vote_id, name, ballots, entered_by, created_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (vote_id, name) DO NOTHING`, voteID, in.Box, in.Count, store.NullID(p.UserID), time.Now().Unix())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.ConflictErr("box", "vote.err.box_entered", in.Box)
		}
		for _, cs := range full {
			if _, err := insertBallot(ctx, tx, voteID, in.Box, cs); err != nil {
				return err
			}
		}
		out = BoxResult{Box: in.Box, Count: in.Count, Cast: cast + in.Count}
		return audit.Record(ctx, tx, p.Actor(ctx), "paper_box", "vote", voteID, v.Congress, in.Box, nil,
			map[string]any{"box": in.Box, "count": in.Count})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Box is an entered ballot box.
type Box struct {
	Name      string `json:"box"`
	Count     int    `json:"count"`
	CreatedAt int64  `json:"created_at"`
}

// Boxes lists the boxes entered for a vote the caller manages.
func Boxes(ctx context.Context, db *store.DB, p *auth.Principal, voteID int64) ([]Box, error) {
	if _, err := manageable(ctx, db.R, p, voteID); err != nil {
		return nil, err
	}
	rows, err := db.R.QueryContext(ctx, `SELECT name, ballots, created_at FROM vote_boxes WHERE vote_id = $1 ORDER BY id`, voteID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Box
	for rows.Next() {
		var b Box
		if err := rows.Scan(&b.Name, &b.Count, &b.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
