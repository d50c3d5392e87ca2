package meetings

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/store"
)

// Speech is a deputy's deliberation speech at a session.
type Speech struct {
	ID       int64  `json:"id"`
	DeputyID int64  `json:"deputy_id"`
	Name     string `json:"name"`
	Date     string `json:"date"`
	Topic    string `json:"topic"`
	Summary  string `json:"summary"`
}

// AddSpeech records a speech; the deputy gets a deliberation-speech duty
// record.
func AddSpeech(ctx context.Context, db *store.DB, p *auth.Principal, sessionID int64, in Speech) (*Speech, error) {
	var err error
	if in.DeputyID == 0 {
		return nil, errs.Required("deputy_id", "meet.field.deputy")
	}
	if in.Topic, err = checkText("topic", in.Topic, true, 200); err != nil {
		return nil, err
	}
	if in.Summary, err = checkText("summary", in.Summary, false, 4000); err != nil {
		return nil, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		s, err := writable(ctx, tx, p, sessionID)
		if err != nil {
			return err
		}
		if in.Date == "" {
			in.Date = s.Start
		}
		if _, err := checkDate("date", in.Date); err != nil {
			return err
		}
		if in.Date < s.Start || in.Date > s.End {
			return errs.Field("date", "outside_session", "meet.err.outside_session", s.Start, s.End)
		}
		if err := isDeputyOf(ctx, tx, in.DeputyID, s.Congress, "deputy_id"); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO session_speeches (session_id, deputy_id, date, topic, summary, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, sessionID, in.DeputyID, in.Date, in.Topic, in.Summary, time.Now().Unix()).Scan(&in.ID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT name FROM deputies WHERE id = $1`, in.DeputyID).Scan(&in.Name); err != nil {
			return err
		}
		if err := duties.RecordImplied(ctx, tx, duties.Implied{DeputyID: in.DeputyID, Kind: duties.DeliberationSpeech, Date: in.Date,
			Title: s.Title + "：" + in.Topic, Place: s.Place, Source: "session_speech", SourceID: in.ID}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "speech", "congress_session", s.ID, s.Congress, in.Topic, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

func speeches(ctx context.Context, q store.Querier, sessionID int64) ([]Speech, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.deputy_id, d.name, s.date, s.topic, s.summary FROM session_speeches s
		JOIN deputies d ON d.id = s.deputy_id WHERE s.session_id = $1 ORDER BY s.date, s.id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Speech{}
	for rows.Next() {
		var s Speech
		if err := rows.Scan(&s.ID, &s.DeputyID, &s.Name, &s.Date, &s.Topic, &s.Summary); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
