package meetings

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Term is a congress's term (届), e.g. 第十八届 from 2021-12-28 to 2026-12-27.
type Term struct {
	ID       int64  `json:"id"`
	Congress string `json:"congress"`
	Name     string `json:"name"`
	Start    string `json:"start"`
	End      string `json:"end"`
}

// CreateTerm records a term of a congress the caller keeps.
func CreateTerm(ctx context.Context, db *store.DB, p *auth.Principal, in Term) (*Term, error) {
	var err error
	if in.Congress, err = checkCongress(p, "congress", in.Congress); err != nil {
		return nil, err
	}
	if in.Name, err = checkText("name", in.Name, true, 20); err != nil {
		return nil, err
	}
	start, err := checkDate("start", in.Start)
	if err != nil {
		return nil, err
	}
	end, err := checkDate("end", in.End)
	if err != nil {
		return nil, err
	}
	if !end.After(start) {
		return nil, errs.Field("end", "before_start", "meet.err.end_before_start")
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO congress_terms (congress_code, name, start_date, end_date, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, in.Congress, in.Name, in.Start, in.End, time.Now().Unix()).Scan(&in.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("name", "meet.err.term_exists", in.Name)
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "congress_term", in.ID, in.Congress, in.Name, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// Terms lists the terms of the congresses under a code in the caller's
// scope, latest first.
func Terms(ctx context.Context, db *store.DB, p *auth.Principal, under string) ([]Term, error) {
	if under == "" || !p.Covers(under) {
		under = p.Scope
	}
	lo, hi := store.PrefixRange(under)
	rows, err := db.R.QueryContext(ctx, `SELECT id, congress_code, name, start_date, end_date FROM congress_terms
		WHERE congress_code >= $1 AND congress_code < $2 ORDER BY congress_code, start_date DESC LIMIT 500`, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Term{}
	for rows.Next() {
		var t Term
		if err := rows.Scan(&t.ID, &t.Congress, &t.Name, &t.Start, &t.End); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func termByID(ctx context.Context, q store.Querier, id int64) (*Term, error) {
	var t Term
	err := q.QueryRowContext(ctx, `SELECT id, congress_code, name, start_date, end_date FROM congress_terms WHERE id = $1`, id).
		Scan(&t.ID, &t.Congress, &t.Name, &t.Start, &t.End)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &t, err
}
