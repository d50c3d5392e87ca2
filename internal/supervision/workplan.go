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
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// WorkPlan is a township's annual work plan (年度工作计划).
type WorkPlan struct {
	ID       int64      `json:"id"`
	Township string     `json:"township"`
	Year     int        `json:"year"`
	Title    string     `json:"title"`
	Items    []PlanItem `json:"items,omitempty"`
	Total    int        `json:"total"`
	Done     int        `json:"done"`
	Lagging  int        `json:"lagging"` // past due and not done
}

// PlanItem is one item of a work plan.
type PlanItem struct {
	ID       int64  `json:"id"`
	PlanID   int64  `json:"plan_id"`
	Township string `json:"township"`
	Content  string `json:"content"`
	Owner    string `json:"owner"`
	Due      string `json:"due"`
	Progress int    `json:"progress"` // percent done
	Note     string `json:"note"`
	Colour   string `json:"colour"` // green, amber, red until done
}

func itemColour(it PlanItem, now time.Time) string {
	if it.Progress >= 100 {
		return ""
	}
	return colour("open", it.Due, now)
}

// CreatePlan starts a township's plan for a year (one a year).
func CreatePlan(ctx context.Context, db *store.DB, p *auth.Principal, in WorkPlan) (*WorkPlan, error) {
	var err error
	if in.Township, err = checkTownship(p, in.Township); err != nil {
		return nil, err
	}
	if in.Year < 2000 || in.Year > 2100 {
		return nil, errs.Field("year", "out_of_range", "sup.err.year")
	}
	if in.Title, err = checkText("title", in.Title, false, 200); err != nil {
		return nil, err
	}
	if in.Title == "" {
		in.Title = fmt.Sprintf("%d年度人大工作计划", in.Year)
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO work_plans (township_code, year, title, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			in.Township, in.Year, in.Title, time.Now().Unix()).Scan(&in.ID)
		if store.IsUniqueViolation(err) {
			return errs.ConflictErr("year", "sup.err.plan_exists", in.Year)
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "work_plan", in.ID, in.Township, in.Title, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return GetPlan(ctx, db, p, in.ID, time.Now())
}

// AddItem adds an item to a plan.
func AddItem(ctx context.Context, db *store.DB, p *auth.Principal, planID int64, in PlanItem) (*PlanItem, error) {
	var err error
	if in.Content, err = checkText("content", in.Content, true, 1000); err != nil {
		return nil, err
	}
	if in.Owner, err = checkText("owner", in.Owner, false, 100); err != nil {
		return nil, err
	}
	if err := checkDate("due", in.Due); err != nil {
		return nil, err
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		lo, hi := store.PrefixRange(p.Scope)
		err := tx.QueryRowContext(ctx, `SELECT township_code FROM work_plans WHERE id = $1 AND township_code >= $2 AND township_code < $3`,
			planID, lo, hi).Scan(&in.Township)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !mayKeep(p, in.Township)) {
			return errs.NotFoundErr("sup.plan")
		}
		if err != nil {
			return err
		}
		now := time.Now().Unix()
		in.PlanID = planID
		if err := tx.QueryRowContext(ctx, `INSERT INTO work_plan_items (plan_id, township_code, content, owner, due, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, planID, in.Township, in.Content, in.Owner, in.Due, now).Scan(&in.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "work_plan_item", in.ID, in.Township, in.Content, nil, in)
	})
	if err != nil {
		return nil, err
	}
	in.Colour = itemColour(in, time.Now())
	return &in, nil
}

// ItemProgress is an update of an item's progress.
type ItemProgress struct {
	Progress int    `json:"progress"`
	Note     string `json:"note"`
}

// UpdateItem records an item's progress.
func UpdateItem(ctx context.Context, db *store.DB, p *auth.Principal, itemID int64, in ItemProgress) (*PlanItem, error) {
	var err error
	if in.Progress < 0 || in.Progress > 100 {
		return nil, errs.Field("progress", "out_of_range", "sup.err.percent")
	}
	if in.Note, err = checkText("note", in.Note, false, 2000); err != nil {
		return nil, err
	}
	var it PlanItem
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		lo, hi := store.PrefixRange(p.Scope)
		err := tx.QueryRowContext(ctx, `SELECT id, plan_id, township_code, content, owner, due, progress, note FROM work_plan_items
			WHERE id = $1 AND township_code >= $2 AND township_code < $3`, itemID, lo, hi).
			Scan(&it.ID, &it.PlanID, &it.Township, &it.Content, &it.Owner, &it.Due, &it.Progress, &it.Note)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !mayKeep(p, it.Township)) {
			return errs.NotFoundErr("sup.plan_item")
		}
		if err != nil {
			return err
		}
		before := ItemProgress{Progress: it.Progress, Note: it.Note}
		if _, err := tx.ExecContext(ctx, `UPDATE work_plan_items SET progress = $2, note = $3, updated_at = $4 WHERE id = $1`,
			itemID, in.Progress, in.Note, time.Now().Unix()); err != nil {
			return err
		}
		it.Progress, it.Note = in.Progress, in.Note
		return audit.Record(ctx, tx, p.Actor(ctx), "progress", "work_plan_item", itemID, it.Township, it.Content, before, in)
	})
	if err != nil {
		return nil, err
	}
	it.Colour = itemColour(it, time.Now())
	return &it, nil
}

// GetPlan returns a plan in the caller's scope with its items.
func GetPlan(ctx context.Context, db *store.DB, p *auth.Principal, id int64, now time.Time) (*WorkPlan, error) {
	var w WorkPlan
	lo, hi := store.PrefixRange(p.Scope)
	err := db.R.QueryRowContext(ctx, `SELECT id, township_code, year, title FROM work_plans WHERE id = $1 AND township_code >= $2 AND township_code < $3`,
		id, lo, hi).Scan(&w.ID, &w.Township, &w.Year, &w.Title)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFoundErr("sup.plan")
	}
	if err != nil {
		return nil, err
	}
	rows, err := db.R.QueryContext(ctx, `SELECT id, plan_id, township_code, content, owner, due, progress, note FROM work_plan_items
		WHERE plan_id = $1 ORDER BY due, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	w.Items = []PlanItem{}
	for rows.Next() {
		var it PlanItem
		if err := rows.Scan(&it.ID, &it.PlanID, &it.Township, &it.Content, &it.Owner, &it.Due, &it.Progress, &it.Note); err != nil {
			return nil, err
		}
		it.Colour = itemColour(it, now)
		w.Total++
		if it.Progress >= 100 {
			w.Done++
		}
		if it.Colour == "red" {
			w.Lagging++
		}
		w.Items = append(w.Items, it)
	}
	return &w, rows.Err()
}

// Plans lists every township's plan of a year in the caller's scope with
// how many items are done and how many lag (past due, not done), the most
// lagging first — the county's overview.
func Plans(ctx context.Context, db *store.DB, p *auth.Principal, year int, now time.Time) ([]WorkPlan, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rows, err := db.R.QueryContext(ctx, `SELECT w.id, w.township_code, w.year, w.title,
		(SELECT COUNT(*) FROM work_plan_items i WHERE i.plan_id = w.id),
		(SELECT COUNT(*) FROM work_plan_items i WHERE i.plan_id = w.id AND i.progress >= 100),
		(SELECT COUNT(*) FROM work_plan_items i WHERE i.plan_id = w.id AND i.progress < 100 AND i.due < $4)
		FROM work_plans w WHERE w.township_code >= $1 AND w.township_code < $2 AND w.year = $3
		ORDER BY 7 DESC, w.township_code LIMIT 2000`, lo, hi, year, now.Format("2006-01-02"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []WorkPlan{}
	for rows.Next() {
		var w WorkPlan
		if err := rows.Scan(&w.ID, &w.Township, &w.Year, &w.Title, &w.Total, &w.Done, &w.Lagging); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// WithoutPlan lists the township-level units in the caller's scope that
// have no work plan for a year.
func WithoutPlan(ctx context.Context, db *store.DB, p *auth.Principal, year int) ([]string, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rows, err := db.R.QueryContext(ctx, `SELECT township_code FROM work_plans WHERE township_code >= $1 AND township_code < $2 AND year = $3`, lo, hi, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	has := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		has[c] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, u := range jurisdiction.National().Townships(p.Scope) {
		if !has[u.Code] {
			out = append(out, u.Code)
		}
	}
	return out, nil
}
