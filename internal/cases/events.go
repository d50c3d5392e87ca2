package cases

import (
	"context"

	"renda/internal/store"
)

// addEvent writes a step of a case's history; note is public (the tracking
// page shows it), so it never holds names or phones.
func addEvent(ctx context.Context, tx store.Querier, caseID, at int64, action string, status Status, note, who string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO case_events (case_id, at, action, status, public_note, actor) VALUES ($1, $2, $3, $4, $5, $6)`,
		caseID, at, action, string(status), note, who)
	return err
}

// setStatus moves a case and records the step in its history.
func setStatus(ctx context.Context, tx store.Querier, caseID, at int64, action string, status Status, note, who string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET status = $1, updated_at = $2 WHERE id = $3`, string(status), at, caseID); err != nil {
		return err
	}
	return addEvent(ctx, tx, caseID, at, action, status, note, who)
}

// Event is a step of a case's history.
type Event struct {
	At     int64  `json:"at"`
	Action string `json:"action"`
	Status Status `json:"status"`
	Note   string `json:"note,omitempty"`
}

func events(ctx context.Context, q store.Querier, caseID int64) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT at, action, status, public_note FROM case_events WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.At, &e.Action, &e.Status, &e.Note); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
