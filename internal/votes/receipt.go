package votes

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"renda/internal/errs"
	"renda/internal/store"
)

// ReceiptCheck is what a voter learns from their receipt: that the ballot
// is in the count, and as what.
type ReceiptCheck struct {
	Receipt string   `json:"receipt"`
	Counted bool     `json:"counted"` // the vote is closed and the ballot was tallied
	Box     string   `json:"box"`
	Choices []Choice `json:"choices"`
}

// CheckReceipt looks a ballot up by its receipt. Anyone holding the receipt
// may check it; the receipt names no one.
func CheckReceipt(ctx context.Context, db *store.DB, voteID int64, receipt string) (*ReceiptCheck, error) {
	receipt = strings.ToUpper(strings.TrimSpace(receipt))
	if receipt == "" {
		return nil, errs.Required("receipt", "vote.field.receipt")
	}
	var st Status
	var box, enc string
	err := db.R.QueryRowContext(ctx, `SELECT v.status, b.box, b.choices FROM vote_ballots b JOIN votes v ON v.id = b.vote_id
		WHERE b.vote_id = $1 AND b.receipt = $2`, voteID, receipt).Scan(&st, &box, &enc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Field("receipt", "unknown_receipt", "vote.err.receipt_unknown")
	}
	if err != nil {
		return nil, err
	}
	cs, err := decodeChoices(enc)
	if err != nil {
		return nil, err
	}
	return &ReceiptCheck{Receipt: receipt, Counted: st == Closed, Box: box, Choices: cs}, nil
}

// PublicBallot is one ballot in the published list anyone may recount.
type PublicBallot struct {
	Receipt string   `json:"receipt"`
	Box     string   `json:"box"`
	Choices []Choice `json:"choices"`
}

// Ballots lists the ballots of a published vote by receipt, a page at a
// time, so that anyone can recount the tally.
func Ballots(ctx context.Context, db *store.DB, voteID int64, after string, limit int) ([]PublicBallot, string, error) {
	var published sql.NullInt64
	err := db.R.QueryRowContext(ctx, `SELECT published_at FROM votes WHERE id = $1`, voteID).Scan(&published)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !published.Valid) {
		return nil, "", errs.NotFoundErr("vote.entity")
	}
	if err != nil {
		return nil, "", err
	}
	rows, err := db.R.QueryContext(ctx, `SELECT receipt, box, choices FROM vote_ballots WHERE vote_id = $1 AND receipt > $2
		ORDER BY receipt LIMIT $3`, voteID, after, limit+1)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []PublicBallot
	for rows.Next() {
		var b PublicBallot
		var enc string
		if err := rows.Scan(&b.Receipt, &b.Box, &enc); err != nil {
			return nil, "", err
		}
		if b.Choices, err = decodeChoices(enc); err != nil {
			return nil, "", err
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].Receipt
	}
	return out, next, nil
}
