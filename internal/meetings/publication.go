package meetings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// PublishSession makes a session's page public: its agenda, reports with
// their files, and resolutions. Attendance by name and speeches stay with
// staff.
func PublishSession(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Session, error) {
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		s, err := writable(ctx, tx, p, id)
		if err != nil {
			return err
		}
		now := time.Now().Unix()
		res, err := tx.ExecContext(ctx, `UPDATE congress_sessions SET published_at = $2, updated_at = $2 WHERE id = $1 AND published_at IS NULL`, id, now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.ConflictErr("status", "meet.err.session_published")
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "publish", "congress_session", s.ID, s.Congress, s.Title, nil,
			map[string]any{"published_at": now})
	})
	if err != nil {
		return nil, err
	}
	return GetSession(ctx, db, p, id)
}

// PublicSession returns a published session's public page; any other is
// "not found".
func PublicSession(ctx context.Context, db *store.DB, id int64) (*Session, error) {
	s, err := scanSession(db.R.QueryRowContext(ctx, `SELECT `+sessionCols+` FROM congress_sessions s
		JOIN congress_terms t ON t.id = s.term_id WHERE s.id = $1 AND s.published_at IS NOT NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFoundErr("meet.session")
	}
	if err != nil {
		return nil, err
	}
	return s, fillPublic(ctx, db.R, s)
}

// PublicSessions lists the published sessions of congresses under a code
// prefix ("" for all), latest first.
func PublicSessions(ctx context.Context, db *store.DB, congress string, limit int) ([]*Session, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	lo, hi := store.PrefixRange(congress)
	rows, err := db.R.QueryContext(ctx, `SELECT `+sessionCols+` FROM congress_sessions s JOIN congress_terms t ON t.id = s.term_id
		WHERE s.published_at IS NOT NULL AND s.congress_code >= $1 AND s.congress_code < $2
		ORDER BY s.start_date DESC, s.id DESC LIMIT `+fmt.Sprint(limit), lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*Session{}
	for rows.Next() {
		s, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
