package supervision

import (
	"context"
	"database/sql"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Topic is one line of a township's annual supervision plan, with how many
// activities have taken it up.
type Topic struct {
	ID         int64  `json:"id"`
	Township   string `json:"township"`
	Year       int    `json:"year"`
	Kind       string `json:"kind"`
	Topic      string `json:"topic"`
	Month      int    `json:"month"` // planned month, 0 when not fixed
	Activities int    `json:"activities"`
}

// AddTopic puts a topic in the annual plan.
func AddTopic(ctx context.Context, db *store.DB, p *auth.Principal, in Topic) (*Topic, error) {
	var err error
	if in.Township, err = checkTownship(p, in.Township); err != nil {
		return nil, err
	}
	if in.Year < 2000 || in.Year > 2100 {
		return nil, errs.Field("year", "out_of_range", "sup.err.year")
	}
	if _, ok := activityDuty[in.Kind]; !ok {
		return nil, errs.Field("kind", "invalid_kind", "sup.err.kind")
	}
	if in.Month < 0 || in.Month > 12 {
		return nil, errs.Field("month", "out_of_range", "sup.err.month")
	}
	if in.Topic, err = checkText("topic", in.Topic, true, 200); err != nil {
		return nil, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO supervision_topics (township_code, year, kind, topic, month, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, in.Township, in.Year, in.Kind, in.Topic, in.Month, time.Now().Unix()).Scan(&in.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "supervision_topic", in.ID, in.Township, in.Topic, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// Topics returns the plan of a year in the caller's scope.
func Topics(ctx context.Context, db *store.DB, p *auth.Principal, year int) ([]Topic, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rows, err := db.R.QueryContext(ctx, `SELECT t.id, t.township_code, t.year, t.kind, t.topic, t.month,
		(SELECT COUNT(*) FROM supervision_activities a WHERE a.topic_id = t.id)
		FROM supervision_topics t WHERE t.township_code >= $1 AND t.township_code < $2 AND t.year = $3
		ORDER BY t.township_code, t.month, t.id LIMIT 2000`, lo, hi, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Topic{}
	for rows.Next() {
		var t Topic
		if err := rows.Scan(&t.ID, &t.Township, &t.Year, &t.Kind, &t.Topic, &t.Month, &t.Activities); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
