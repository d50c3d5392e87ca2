package supervision

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Verdicts of a satisfaction ballot.
const (
	Satisfied   = "satisfied"
	Basic       = "basically_satisfied"
	Unsatisfied = "unsatisfied"
)

// Rating is a rating of people (测评: village heads, group leaders, station
// heads, deputies reporting) or an appraisal of units (评议: a school, a
// station, an office), by satisfaction verdicts or by scores per criterion.
type Rating struct {
	ID          int64       `json:"id"`
	Township    string      `json:"township"`
	Title       string      `json:"title"`
	SubjectKind string      `json:"subject_kind"` // people or units
	Method      string      `json:"method"`       // satisfaction or scores
	Date        string      `json:"date"`
	Threshold   float64     `json:"threshold"` // below this rate a unit must rectify
	Status      string      `json:"status"`    // open or closed
	Subjects    []Subject   `json:"subjects"`
	Criteria    []Criterion `json:"criteria"`
	Ballots     int         `json:"ballots"`
	CodesIssued int         `json:"codes_issued"`
	CodesUsed   int         `json:"codes_used"`
}

// Subject is a person or unit rated.
type Subject struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Post string `json:"post"`
}

// Criterion is one scored aspect of an appraisal.
type Criterion struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	MaxScore int    `json:"max_score"`
}

// NewRating is what setting up a rating takes.
type NewRating struct {
	Township    string      `json:"township"`
	Title       string      `json:"title"`
	SubjectKind string      `json:"subject_kind"`
	Method      string      `json:"method"`
	Date        string      `json:"date"`
	Threshold   float64     `json:"threshold"`
	Subjects    []Subject   `json:"subjects"`
	Criteria    []Criterion `json:"criteria"`
}

// CreateRating sets up a rating.
func CreateRating(ctx context.Context, db *store.DB, p *auth.Principal, in NewRating) (*Rating, error) {
	var err error
	if in.Township, err = checkTownship(p, in.Township); err != nil {
		return nil, err
	}
	if in.Title, err = checkText("title", in.Title, true, 200); err != nil {
		return nil, err
	}
	if in.SubjectKind != "people" && in.SubjectKind != "units" {
		return nil, errs.Field("subject_kind", "invalid_kind", "sup.err.subject_kind")
	}
	if in.Method == "" {
		in.Method = "satisfaction"
	}
	if in.Method != "satisfaction" && in.Method != "scores" {
		return nil, errs.Field("method", "invalid_method", "sup.err.method")
	}
	if err := checkDate("date", in.Date); err != nil {
		return nil, err
	}
	if in.Threshold == 0 {
		in.Threshold = 0.6
	}
	if in.Threshold < 0 || in.Threshold > 1 {
		return nil, errs.Field("threshold", "out_of_range", "sup.err.threshold")
	}
	if len(in.Subjects) == 0 {
		return nil, errs.Required("subjects", "sup.field.subjects")
	}
	for i := range in.Subjects {
		if in.Subjects[i].Name, err = checkText(fmt.Sprintf("subjects[%d].name", i), in.Subjects[i].Name, true, 100); err != nil {
			return nil, err
		}
	}
	if in.Method == "scores" && len(in.Criteria) == 0 {
		return nil, errs.Required("criteria", "sup.field.criteria")
	}
	for i, c := range in.Criteria {
		if strings.TrimSpace(c.Name) == "" {
			return nil, errs.Required(fmt.Sprintf("criteria[%d].name", i), "sup.field.criterion")
		}
		if c.MaxScore < 1 || c.MaxScore > 1000 {
			return nil, errs.Field(fmt.Sprintf("criteria[%d].max_score", i), "out_of_range", "sup.err.max_score")
		}
	}
	var id int64
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		now := time.Now().Unix()
		if err := tx.QueryRowContext(ctx, `INSERT INTO ratings (township_code, title, subject_kind, method, date, threshold, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`, in.Township, in.Title, in.SubjectKind, in.Method, in.Date,
			in.Threshold, store.NullID(p.UserID), now).Scan(&id); err != nil {
			return err
		}
		for i, s := range in.Subjects {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rating_subjects (rating_id, position, name, post) VALUES ($1, $2, $3, $4)`,
				id, i+1, s.Name, strings.TrimSpace(s.Post)); err != nil {
				return err
			}
		}
		for i, c := range in.Criteria {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rating_criteria (rating_id, position, name, max_score) VALUES ($1, $2, $3, $4)`,
				id, i+1, strings.TrimSpace(c.Name), c.MaxScore); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "rating", id, in.Township, in.Title, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return GetRating(ctx, db, p, id)
}

// loadRating reads a rating under a scope ("" for the public code page).
func loadRating(ctx context.Context, q store.Querier, id int64, scope string) (*Rating, error) {
	lo, hi := store.PrefixRange(scope)
	var r Rating
	err := q.QueryRowContext(ctx, `SELECT id, township_code, title, subject_kind, method, date, threshold, status,
		(SELECT COALESCE(SUM(ballots), 0) FROM rating_batches b WHERE b.rating_id = ratings.id),
		(SELECT COUNT(*) FROM rating_codes c WHERE c.rating_id = ratings.id),
		(SELECT COUNT(*) FROM rating_codes c WHERE c.rating_id = ratings.id AND c.used)
		FROM ratings WHERE id = $1 AND township_code >= $2 AND township_code < $3`, id, lo, hi).Scan(&r.ID, &r.Township, &r.Title, &r.SubjectKind, &r.Method, &r.Date, &r.Threshold,
		&r.Status, &r.Ballots, &r.CodesIssued, &r.CodesUsed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFoundErr("sup.rating")
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name, post FROM rating_subjects WHERE rating_id = $1 ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	r.Subjects, r.Criteria = []Subject{}, []Criterion{}
	for rows.Next() {
		var s Subject
		if err := rows.Scan(&s.ID, &s.Name, &s.Post); err != nil {
			rows.Close()
			return nil, err
		}
		r.Subjects = append(r.Subjects, s)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT id, name, max_score FROM rating_criteria WHERE rating_id = $1 ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c Criterion
		if err := rows.Scan(&c.ID, &c.Name, &c.MaxScore); err != nil {
			return nil, err
		}
		r.Criteria = append(r.Criteria, c)
	}
	return &r, rows.Err()
}

// GetRating returns a rating in the caller's scope.
func GetRating(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Rating, error) {
	return loadRating(ctx, db.R, id, p.Scope)
}

// ListRatings returns the ratings of a year in the caller's scope.
func ListRatings(ctx context.Context, db *store.DB, p *auth.Principal, year int) ([]Rating, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rows, err := db.R.QueryContext(ctx, `SELECT id, township_code, title, subject_kind, method, date, status FROM ratings
		WHERE township_code >= $1 AND township_code < $2 AND date >= $3 AND date <= $4 ORDER BY date DESC, id DESC LIMIT 500`,
		lo, hi, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Rating{}
	for rows.Next() {
		var r Rating
		if err := rows.Scan(&r.ID, &r.Township, &r.Title, &r.SubjectKind, &r.Method, &r.Date, &r.Status); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// codeAlphabet leaves out easily confused characters.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

func newCode() string {
	b := make([]byte, 8)
	rand.Read(b) //nolint:errcheck // crypto/rand never fails on supported platforms
	for i, x := range b {
		b[i] = codeAlphabet[int(x)%len(codeAlphabet)]
	}
	return string(b)
}

// IssueCodes makes one-time codes for a rating, to hand out on slips.
func IssueCodes(ctx context.Context, db *store.DB, p *auth.Principal, id int64, n int) ([]string, error) {
	if n < 1 || n > 2000 {
		return nil, errs.Field("count", "out_of_range", "sup.err.codes")
	}
	var codes []string
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := writableRating(ctx, tx, p, id)
		if err != nil {
			return err
		}
		for len(codes) < n {
			c := newCode()
			res, err := tx.ExecContext(ctx, `INSERT INTO rating_codes (code, rating_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, c, id)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 1 {
				codes = append(codes, c)
			}
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "codes", "rating", id, r.Township, fmt.Sprintf("%d codes", n), nil, map[string]int{"count": n})
	})
	return codes, err
}

func writableRating(ctx context.Context, tx *sql.Tx, p *auth.Principal, id int64) (*Rating, error) {
	r, err := loadRating(ctx, tx, id, p.Scope)
	if err != nil {
		return nil, err
	}
	if !mayKeep(p, r.Township) {
		return nil, errs.NotFoundErr("sup.rating")
	}
	if r.Status != "open" {
		return nil, errs.ConflictErr("status", "sup.err.rating_closed")
	}
	return r, nil
}

// OpenRating returns an open rating for the public page where a rater uses
// a one-time code; a closed or unknown one is "not found".
func OpenRating(ctx context.Context, db *store.DB, id int64) (*Rating, error) {
	r, err := loadRating(ctx, db.R, id, "")
	if err != nil {
		return nil, err
	}
	if r.Status != "open" {
		return nil, errs.NotFoundErr("sup.rating")
	}
	return r, nil
}
