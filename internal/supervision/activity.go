package supervision

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/store"
)

// Activity is an inspection, law-enforcement inspection, survey or
// appraisal.
type Activity struct {
	ID              int64            `json:"id"`
	Township        string           `json:"township"`
	TopicID         *int64           `json:"topic_id"`
	Kind            string           `json:"kind"`
	Title           string           `json:"title"`
	Date            string           `json:"date"`
	Laws            string           `json:"laws"` // the laws checked, for a law-enforcement inspection
	Findings        string           `json:"findings"`
	DeputyIDs       []int64          `json:"deputy_ids"`
	Participants    []string         `json:"participants,omitempty"`
	Recommendations []Recommendation `json:"recommendations,omitempty"`
}

// CreateActivity records an activity; each participating deputy gets the
// duty record of its kind.
func CreateActivity(ctx context.Context, db *store.DB, p *auth.Principal, in Activity) (*Activity, error) {
	var err error
	if in.Township, err = checkTownship(p, in.Township); err != nil {
		return nil, err
	}
	kind, ok := activityDuty[in.Kind]
	if !ok {
		return nil, errs.Field("kind", "invalid_kind", "sup.err.kind")
	}
	if in.Title, err = checkText("title", in.Title, true, 200); err != nil {
		return nil, err
	}
	if err := checkDate("date", in.Date); err != nil {
		return nil, err
	}
	if in.Laws, err = checkText("laws", in.Laws, in.Kind == "law_enforcement", 2000); err != nil {
		return nil, err
	}
	if in.Findings, err = checkText("findings", in.Findings, false, 20000); err != nil {
		return nil, err
	}
	if len(in.DeputyIDs) == 0 {
		return nil, errs.Required("deputy_ids", "sup.field.participants")
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		if in.TopicID != nil {
			var code string
			err := tx.QueryRowContext(ctx, `SELECT township_code FROM supervision_topics WHERE id = $1`, *in.TopicID).Scan(&code)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && code != in.Township) {
				return errs.Field("topic_id", "unknown_topic", "sup.err.topic_unknown")
			}
			if err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO supervision_activities (township_code, topic_id, kind, title, date, laws, findings,
			created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, in.Township, in.TopicID, in.Kind,
			in.Title, in.Date, in.Laws, in.Findings, store.NullID(p.UserID), time.Now().Unix()).Scan(&in.ID); err != nil {
			return err
		}
		for i, d := range in.DeputyIDs {
			// A participant is a deputy organised in the county of the
			// township (township deputies and the county's deputies alike).
			var code string
			err := tx.QueryRowContext(ctx, `SELECT township_code FROM deputies WHERE id = $1`, d).Scan(&code)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && (len(code) < 6 || code[:6] != in.Township[:6])) {
				return errs.Field(fmt.Sprintf("deputy_ids[%d]", i), "unknown_deputy", "sup.err.deputy_unknown", d)
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO supervision_participants (activity_id, deputy_id) VALUES ($1, $2)
				ON CONFLICT DO NOTHING`, in.ID, d); err != nil {
				return err
			}
			if err := duties.RecordImplied(ctx, tx, duties.Implied{DeputyID: d, Kind: kind, Date: in.Date, Days: 0.5,
				Title: in.Title, Source: "supervision", SourceID: in.ID}); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "supervision_activity", in.ID, in.Township, in.Title, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return GetActivity(ctx, db, p, in.ID)
}

// GetActivity returns an activity in the caller's scope with its
// participants and recommendations.
func GetActivity(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Activity, error) {
	var a Activity
	var topic sql.NullInt64
	lo, hi := store.PrefixRange(p.Scope)
	err := db.R.QueryRowContext(ctx, `SELECT id, township_code, topic_id, kind, title, date, laws, findings FROM supervision_activities
		WHERE id = $1 AND township_code >= $2 AND township_code < $3`, id, lo, hi).
		Scan(&a.ID, &a.Township, &topic, &a.Kind, &a.Title, &a.Date, &a.Laws, &a.Findings)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFoundErr("sup.activity")
	}
	if err != nil {
		return nil, err
	}
	if topic.Valid {
		a.TopicID = &topic.Int64
	}
	rows, err := db.R.QueryContext(ctx, `SELECT d.id, d.name FROM supervision_participants x JOIN deputies d ON d.id = x.deputy_id
		WHERE x.activity_id = $1 ORDER BY d.name_pinyin, d.id`, id)
	if err != nil {
		return nil, err
	}
	a.DeputyIDs = []int64{}
	for rows.Next() {
		var did int64
		var name string
		if err := rows.Scan(&did, &name); err != nil {
			rows.Close()
			return nil, err
		}
		a.DeputyIDs, a.Participants = append(a.DeputyIDs, did), append(a.Participants, name)
	}
	rows.Close()
	a.Recommendations, err = listRecommendations(ctx, db.R, `WHERE r.activity_id = $1 ORDER BY r.id`, time.Now(), id)
	return &a, err
}

// ListActivities returns the activities of a year in the caller's scope,
// latest first.
func ListActivities(ctx context.Context, db *store.DB, p *auth.Principal, year int) ([]Activity, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rows, err := db.R.QueryContext(ctx, `SELECT id, township_code, kind, title, date FROM supervision_activities
		WHERE township_code >= $1 AND township_code < $2 AND date >= $3 AND date <= $4 ORDER BY date DESC, id DESC LIMIT 500`,
		lo, hi, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Activity{}
	for rows.Next() {
		var a Activity
		if err := rows.Scan(&a.ID, &a.Township, &a.Kind, &a.Title, &a.Date); err != nil {
			return nil, err
		}
		a.DeputyIDs = []int64{}
		out = append(out, a)
	}
	return out, rows.Err()
}
