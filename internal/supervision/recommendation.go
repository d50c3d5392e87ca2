package supervision

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

// AmberDays: an open recommendation due within this many days shows amber,
// as an open suggestion does.
const AmberDays = 15

// Recommendation is a recommendation to the government (or a unit) and its
// rectification, followed until closed with a result.
type Recommendation struct {
	ID         int64      `json:"id"`
	Township   string     `json:"township"`
	ActivityID *int64     `json:"activity_id"`
	RatingID   *int64     `json:"rating_id"`
	Unit       string     `json:"unit"`
	Content    string     `json:"content"`
	Due        string     `json:"due"`
	Plan       string     `json:"plan"` // the rectification plan
	Percent    int        `json:"percent"`
	Status     string     `json:"status"` // open or closed
	Result     string     `json:"result"`
	Colour     string     `json:"colour"` // green, amber, red while open
	Progress   []Progress `json:"progress,omitempty"`
}

// Progress is one report on a rectification.
type Progress struct {
	Date    string `json:"date"`
	Percent int    `json:"percent"`
	Note    string `json:"note"`
}

// colour is the follow-up colour of an open item: red when overdue, amber
// when due within AmberDays, green otherwise.
func colour(status, due string, now time.Time) string {
	if status != "open" {
		return ""
	}
	d, err := time.ParseInLocation("2006-01-02", due, now.Location())
	if err != nil {
		return ""
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	switch left := int(d.Sub(today).Hours() / 24); {
	case left < 0:
		return "red"
	case left <= AmberDays:
		return "amber"
	}
	return "green"
}

// NewRecommendation is what adding a recommendation takes.
type NewRecommendation struct {
	Unit    string `json:"unit"`
	Content string `json:"content"`
	Due     string `json:"due"`
}

func (in *NewRecommendation) check() error {
	var err error
	if in.Content, err = checkText("content", in.Content, true, 4000); err != nil {
		return err
	}
	if in.Unit, err = checkText("unit", in.Unit, false, 100); err != nil {
		return err
	}
	return checkDate("due", in.Due)
}

func insertRecommendation(ctx context.Context, tx *sql.Tx, p *auth.Principal, township string, activityID, ratingID any, in NewRecommendation) (int64, error) {
	now := time.Now().Unix()
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO recommendations (township_code, activity_id, rating_id, unit, content, due, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, township, activityID, ratingID, in.Unit, in.Content, in.Due, now).Scan(&id); err != nil {
		return 0, err
	}
	return id, audit.Record(ctx, tx, p.Actor(ctx), "create", "recommendation", id, township, in.Content, nil, in)
}

// AddRecommendation records a recommendation of an activity.
func AddRecommendation(ctx context.Context, db *store.DB, p *auth.Principal, activityID int64, in NewRecommendation) (*Recommendation, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	var id int64
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		var township string
		lo, hi := store.PrefixRange(p.Scope)
		err := tx.QueryRowContext(ctx, `SELECT township_code FROM supervision_activities WHERE id = $1
			AND township_code >= $2 AND township_code < $3`, activityID, lo, hi).Scan(&township)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !mayKeep(p, township)) {
			return errs.NotFoundErr("sup.activity")
		}
		if err != nil {
			return err
		}
		id, err = insertRecommendation(ctx, tx, p, township, activityID, nil, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return GetRecommendation(ctx, db, p, id)
}

const recCols = `r.id, r.township_code, r.activity_id, r.rating_id, r.unit, r.content, r.due, r.plan, r.percent, r.status, r.result`

func listRecommendations(ctx context.Context, q store.Querier, where string, now time.Time, args ...any) ([]Recommendation, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+recCols+` FROM recommendations r `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Recommendation{}
	for rows.Next() {
		var r Recommendation
		var act, rat sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Township, &act, &rat, &r.Unit, &r.Content, &r.Due, &r.Plan, &r.Percent, &r.Status, &r.Result); err != nil {
			return nil, err
		}
		if act.Valid {
			r.ActivityID = &act.Int64
		}
		if rat.Valid {
			r.RatingID = &rat.Int64
		}
		r.Colour = colour(r.Status, r.Due, now)
		out = append(out, r)
	}
	return out, rows.Err()
}

// GetRecommendation returns a recommendation in the caller's scope with its
// progress.
func GetRecommendation(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Recommendation, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rs, err := listRecommendations(ctx, db.R, `WHERE r.id = $1 AND r.township_code >= $2 AND r.township_code < $3`, time.Now(), id, lo, hi)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, errs.NotFoundErr("sup.recommendation")
	}
	r := rs[0]
	rows, err := db.R.QueryContext(ctx, `SELECT date, percent, note FROM recommendation_progress WHERE recommendation_id = $1 ORDER BY date, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	r.Progress = []Progress{}
	for rows.Next() {
		var pr Progress
		if err := rows.Scan(&pr.Date, &pr.Percent, &pr.Note); err != nil {
			return nil, err
		}
		r.Progress = append(r.Progress, pr)
	}
	return &r, rows.Err()
}

// RecFilter narrows the follow-up list.
type RecFilter struct {
	Status string // open (default), closed or all
	Colour string // red, amber or green
	Limit  int
}

// ListRecommendations returns the recommendations in the caller's scope,
// the most urgent first.
func ListRecommendations(ctx context.Context, db *store.DB, p *auth.Principal, f RecFilter, now time.Time) ([]Recommendation, error) {
	lo, hi := store.PrefixRange(p.Scope)
	where := `WHERE r.township_code >= $1 AND r.township_code < $2`
	args := []any{lo, hi}
	switch f.Status {
	case "", "open":
		where += ` AND r.status = 'open'`
	case "closed":
		where += ` AND r.status = 'closed'`
	case "all":
	default:
		return nil, errs.Field("status", "invalid_status", "sup.err.status")
	}
	today := now.Format("2006-01-02")
	amber := now.AddDate(0, 0, AmberDays).Format("2006-01-02")
	switch f.Colour {
	case "":
	case "red":
		where += ` AND r.status = 'open' AND r.due < $3`
		args = append(args, today)
	case "amber":
		where += ` AND r.status = 'open' AND r.due >= $3 AND r.due <= $4`
		args = append(args, today, amber)
	case "green":
		where += ` AND r.status = 'open' AND r.due > $3`
		args = append(args, amber)
	default:
		return nil, errs.Field("colour", "invalid_colour", "sup.err.colour")
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 200
	}
	args = append(args, limit)
	return listRecommendations(ctx, db.R, where+fmt.Sprintf(` ORDER BY r.status DESC, r.due, r.id LIMIT $%d`, len(args)), now, args...)
}

// writableRec loads a recommendation for a change by staff in scope.
func writableRec(ctx context.Context, tx *sql.Tx, p *auth.Principal, id int64) (*Recommendation, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rs, err := listRecommendations(ctx, tx, `WHERE r.id = $1 AND r.township_code >= $2 AND r.township_code < $3`, time.Now(), id, lo, hi)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 || !mayKeep(p, rs[0].Township) {
		return nil, errs.NotFoundErr("sup.recommendation")
	}
	if rs[0].Status != "open" {
		return nil, errs.ConflictErr("status", "sup.err.closed")
	}
	return &rs[0], nil
}

// SetPlan records the government's rectification plan.
func SetPlan(ctx context.Context, db *store.DB, p *auth.Principal, id int64, plan string) (*Recommendation, error) {
	plan, err := checkText("plan", plan, true, 8000)
	if err != nil {
		return nil, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := writableRec(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE recommendations SET plan = $2, updated_at = $3 WHERE id = $1`, id, plan, time.Now().Unix()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "plan", "recommendation", id, r.Township, "rectification plan",
			map[string]string{"plan": r.Plan}, map[string]string{"plan": plan})
	})
	if err != nil {
		return nil, err
	}
	return GetRecommendation(ctx, db, p, id)
}

// AddProgress records progress on a rectification.
func AddProgress(ctx context.Context, db *store.DB, p *auth.Principal, id int64, in Progress) (*Recommendation, error) {
	var err error
	if err := checkDate("date", in.Date); err != nil {
		return nil, err
	}
	if in.Percent < 0 || in.Percent > 100 {
		return nil, errs.Field("percent", "out_of_range", "sup.err.percent")
	}
	if in.Note, err = checkText("note", in.Note, true, 4000); err != nil {
		return nil, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := writableRec(ctx, tx, p, id)
		if err != nil {
			return err
		}
		now := time.Now().Unix()
		if _, err := tx.ExecContext(ctx, `INSERT INTO recommendation_progress (recommendation_id, date, percent, note, created_at)
			VALUES ($1, $2, $3, $4, $5)`, id, in.Date, in.Percent, in.Note, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE recommendations SET percent = $2, updated_at = $3 WHERE id = $1`, id, in.Percent, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "progress", "recommendation", id, r.Township, in.Note,
			map[string]int{"percent": r.Percent}, in)
	})
	if err != nil {
		return nil, err
	}
	return GetRecommendation(ctx, db, p, id)
}

// CloseRecommendation closes a recommendation with the result of its
// rectification; closing without a result is refused.
func CloseRecommendation(ctx context.Context, db *store.DB, p *auth.Principal, id int64, result string) (*Recommendation, error) {
	result, err := checkText("result", result, true, 8000)
	if err != nil {
		return nil, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := writableRec(ctx, tx, p, id)
		if err != nil {
			return err
		}
		now := time.Now().Unix()
		if _, err := tx.ExecContext(ctx, `UPDATE recommendations SET status = 'closed', result = $2, percent = 100, closed_at = $3, updated_at = $3
			WHERE id = $1`, id, result, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "close", "recommendation", id, r.Township, result,
			map[string]any{"status": "open"}, map[string]any{"status": "closed", "result": result})
	})
	if err != nil {
		return nil, err
	}
	return GetRecommendation(ctx, db, p, id)
}

// Overdue counts the open recommendations in the caller's scope that are
// past due (red) and due soon (amber).
func Overdue(ctx context.Context, db *store.DB, p *auth.Principal, now time.Time) (red, amber int, err error) {
	lo, hi := store.PrefixRange(p.Scope)
	today := now.Format("2006-01-02")
	err = db.R.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN due < $3 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN due >= $3 AND due <= $4 THEN 1 ELSE 0 END), 0)
		FROM recommendations WHERE township_code >= $1 AND township_code < $2 AND status = 'open'`,
		lo, hi, today, now.AddDate(0, 0, AmberDays).Format("2006-01-02")).Scan(&red, &amber)
	return red, amber, err
}
