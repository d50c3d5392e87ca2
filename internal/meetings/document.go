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

// DocumentKinds are the reports a session hears, in the usual order.
var DocumentKinds = []string{"presidium_report", "government_report", "budget_report", "suggestions_report", "other"}

// Document is a report heard at a session.
type Document struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

// AddDocument keeps a report of the session.
func AddDocument(ctx context.Context, db *store.DB, p *auth.Principal, sessionID int64, in Document) (*Document, error) {
	var err error
	known := false
	for _, k := range DocumentKinds {
		known = known || k == in.Kind
	}
	if !known {
		return nil, errs.Field("kind", "invalid_kind", "meet.err.document_kind")
	}
	if in.Title, err = checkText("title", in.Title, true, 200); err != nil {
		return nil, err
	}
	if in.Body, err = checkText("body", in.Body, false, 200000); err != nil {
		return nil, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		s, err := writable(ctx, tx, p, sessionID)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO session_documents (session_id, kind, title, body, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, sessionID, in.Kind, in.Title, in.Body, nullID(p.UserID), time.Now().Unix()).Scan(&in.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor(ctx, p), "document", "congress_session", s.ID, s.Congress, in.Title, nil,
			map[string]any{"id": in.ID, "kind": in.Kind, "title": in.Title})
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

func documents(ctx context.Context, q store.Querier, sessionID int64) ([]Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, kind, title, body FROM session_documents WHERE session_id = $1 ORDER BY id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Document{}
	for rows.Next() {
		var d Document
		if err := rows.Scan(&d.ID, &d.Kind, &d.Title, &d.Body); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
