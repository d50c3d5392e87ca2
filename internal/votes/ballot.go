package votes

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"strings"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// receiptAlphabet leaves out letters and digits that are easily confused
// when read aloud or copied (0/O, 1/I/L).
const receiptAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// newReceipt makes a receipt code such as "K7QF-3MXP-A2HT": 12 characters,
// about 59 bits, unguessable.
func newReceipt() string {
	b := make([]byte, 12)
	rand.Read(b) //nolint:errcheck // crypto/rand never fails on supported platforms
	var s strings.Builder
	for i, x := range b {
		if i > 0 && i%4 == 0 {
			s.WriteByte('-')
		}
		s.WriteByte(receiptAlphabet[int(x)%len(receiptAlphabet)])
	}
	return s.String()
}

// randomKey is a ballot's primary key: random, so the key says nothing of
// when the ballot was cast.
func randomKey() int64 {
	var b [8]byte
	rand.Read(b[:]) //nolint:errcheck
	return int64(binary.BigEndian.Uint64(b[:])>>1) | 1
}

// insertBallot stores one anonymous ballot and returns its receipt, trying
// again on the (astronomically rare) clash of a key or receipt.
func insertBallot(ctx context.Context, tx store.Querier, voteID int64, box string, cs []Choice) (string, error) {
	enc := encodeChoices(cs)
	for range 5 {
		receipt := newReceipt()
		res, err := tx.ExecContext(ctx, `INSERT INTO vote_ballots (id, vote_id, receipt, box, choices) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT DO NOTHING`, randomKey(), voteID, receipt, box, enc)
		if err != nil {
			return "", err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return receipt, nil
		}
	}
	return "", errors.New("could not draw a free ballot key")
}

// lockOpen reads the vote under a shared row lock on PostgreSQL, so that
// closing (which updates the row) waits for ballots being cast and a ballot
// cast after closing sees the vote closed. SQLite runs one write
// transaction at a time and needs no lock.
func lockOpen(ctx context.Context, db *store.DB, tx *sql.Tx, id int64) (*Vote, error) {
	q := `SELECT ` + voteCols + ` FROM votes WHERE id = $1`
	if db.Engine == store.Postgres {
		q += ` FOR SHARE`
	}
	v, err := scanVote(tx.QueryRowContext(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFoundErr("vote.entity")
	}
	if err != nil {
		return nil, err
	}
	return v, loadProjects(ctx, tx, v)
}

// refusal says why a deputy's ballot cannot be taken: not entitled (or, for
// a vote not yet open, nothing to see), the vote not open, voted before,
// or handed a paper ballot.
func refusal(ctx context.Context, tx *sql.Tx, v *Vote, deputyID int64) error {
	elector, _, err := isElector(ctx, tx, v.ID, deputyID)
	switch {
	case err != nil:
		return err
	case !elector && v.Status == Draft:
		return errs.NotFoundErr("vote.entity")
	case !elector:
		return errs.New(errs.Forbidden, "not_eligible", "deputy", "vote.err.not_eligible")
	case v.Status != Open:
		return errs.ConflictErr("status", "vote.err.not_open")
	}
	var paper bool
	if err := tx.QueryRowContext(ctx, `SELECT paper FROM vote_electors WHERE vote_id = $1 AND deputy_id = $2`, v.ID, deputyID).Scan(&paper); err != nil {
		return err
	}
	if paper {
		return errs.ConflictErr("deputy", "vote.err.paper_received")
	}
	return errs.ConflictErr("deputy", "vote.err.already_voted")
}

// Cast records a deputy's own ballot and returns its receipt. The mark that
// the deputy has voted and the anonymous ballot are written in one
// transaction: neither exists without the other, and a second ballot finds
// the mark and is refused.
func Cast(ctx context.Context, db *store.DB, p *auth.Principal, voteID int64, cs []Choice) (string, error) {
	if p == nil || p.Role != auth.Deputy || p.DeputyID == 0 {
		return "", errs.ForbiddenErr()
	}
	var receipt string
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		v, err := lockOpen(ctx, db, tx, voteID)
		if err != nil {
			return err
		}
		if v.Status != Open {
			return refusal(ctx, tx, v, p.DeputyID)
		}
		// The mark first: it fails for anyone not entitled or voted before.
		// A ballot refused below rolls the mark back with it.
		res, err := tx.ExecContext(ctx, `UPDATE vote_electors SET voted = TRUE WHERE vote_id = $1 AND deputy_id = $2 AND voted = FALSE`,
			voteID, p.DeputyID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return refusal(ctx, tx, v, p.DeputyID)
		}
		full, err := checkChoices(v, cs, "", false)
		if err != nil {
			return err
		}
		if receipt, err = insertBallot(ctx, tx, voteID, "", full); err != nil {
			return err
		}
		// The log says that this deputy voted, never how.
		return audit.Record(ctx, tx, p.Actor(ctx), "ballot", "vote", voteID, v.Congress, "voted", nil,
			map[string]any{"deputy_id": p.DeputyID, "voted": true})
	})
	return receipt, err
}
