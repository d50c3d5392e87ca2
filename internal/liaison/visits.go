package liaison

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// Visit is a visit to constituents at home (走访), or a return visit (回访)
// on an opinion with the constituent's rating.
type Visit struct {
	ID           int64   `json:"id"`
	Township     string  `json:"township"`
	Kind         string  `json:"kind"` // visit or return_visit
	Date         string  `json:"date"`
	Purpose      string  `json:"purpose"`
	Households   int     `json:"households"`
	Constituents string  `json:"constituents"`
	Result       string  `json:"result"`
	OpinionID    int64   `json:"opinion_id,omitempty"`
	Satisfaction string  `json:"satisfaction,omitempty"`
	DeputyIDs    []int64 `json:"deputy_ids"`
}

func (v *Visit) check() error {
	v.Date, v.Purpose, v.Result = strings.TrimSpace(v.Date), strings.TrimSpace(v.Purpose), strings.TrimSpace(v.Result)
	v.Constituents = strings.TrimSpace(v.Constituents)
	if v.Date == "" {
		return errs.Required("date", "liaison.field.date")
	}
	if _, err := time.Parse(time.DateOnly, v.Date); err != nil {
		return errs.Field("date", "invalid_date", "err.date_format", v.Date)
	}
	if v.Households < 0 || v.Households > 10000 {
		return errs.Field("households", "out_of_range", "liaison.err.visitors")
	}
	for _, f := range []struct{ field, label, v string }{{"purpose", "liaison.field.purpose", v.Purpose},
		{"constituents", "liaison.field.constituents", v.Constituents}, {"result", "liaison.field.result", v.Result}} {
		if err := errs.MaxLen(f.field, f.label, f.v, 2000); err != nil {
			return err
		}
	}
	return nil
}

// RecordVisit records a visit by deputies to constituents at home; each
// deputy gets a duty record of kind constituent contact counting the
// households visited.
func (s *Service) RecordVisit(ctx context.Context, p *auth.Principal, in Visit) (*Visit, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy) {
		return nil, errs.ForbiddenErr()
	}
	in.Kind, in.OpinionID, in.Satisfaction = "visit", 0, ""
	in.Township = strings.TrimSpace(in.Township)
	if in.Township == "" && len(p.Scope) == 9 {
		in.Township = p.Scope
	}
	if code, err := jurisdiction.Normalize(in.Township); err != nil || len(code) != 9 {
		return nil, errs.Field("township", "invalid_code", "cases.err.township_code")
	}
	if !p.Covers(in.Township) {
		return nil, errs.Field("township", "out_of_scope", "err.scope_outside")
	}
	if p.Is(auth.Deputy) && !contains(in.DeputyIDs, p.DeputyID) {
		in.DeputyIDs = append(in.DeputyIDs, p.DeputyID)
	}
	if len(in.DeputyIDs) == 0 {
		return nil, errs.Required("deputy_ids", "liaison.field.deputies")
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.insertVisit(ctx, tx, p, &in); err != nil {
			return err
		}
		for _, d := range in.DeputyIDs {
			if err := duties.RecordImplied(ctx, tx, duties.Implied{DeputyID: d, Kind: duties.ConstituentContact, Date: in.Date,
				Count: max(in.Households, 1), Title: "走访选民：" + in.Purpose, Source: "visit", SourceID: in.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

func contains(xs []int64, x int64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (s *Service) insertVisit(ctx context.Context, tx *sql.Tx, p *auth.Principal, v *Visit) error {
	var sat any
	if v.Satisfaction != "" {
		sat = v.Satisfaction
	}
	var op any
	if v.OpinionID != 0 {
		op = v.OpinionID
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO visits (township_code, kind, date, purpose, households, constituents, result, opinion_id,
		satisfaction, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		v.Township, v.Kind, v.Date, v.Purpose, v.Households, v.Constituents, v.Result, op, sat, store.NullID(p.UserID), s.now().Unix()).Scan(&v.ID); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for _, d := range v.DeputyIDs {
		if seen[d] {
			continue
		}
		seen[d] = true
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputies WHERE id = $1 AND township_code = $2`, d, v.Township).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("deputy_ids", "unknown_deputy", "liaison.err.deputy", d)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO visit_deputies (visit_id, deputy_id) VALUES ($1, $2)`, v.ID, d); err != nil {
			return err
		}
	}
	return audit.Record(ctx, tx, p.Actor(ctx), "create", v.Kind, v.ID, v.Township, v.Purpose, nil, v)
}

// ReturnVisit records a return visit on an opinion with the constituent's
// rating: on a replied opinion it is the rating; an unhappy one reopens a
// closed opinion, back to its unit.
func (s *Service) ReturnVisit(ctx context.Context, p *auth.Principal, opinionID int64, in Visit) (*Visit, *cases.Case, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy) {
		return nil, nil, errs.ForbiddenErr()
	}
	in.Kind, in.OpinionID, in.Satisfaction = "return_visit", opinionID, strings.TrimSpace(in.Satisfaction)
	if in.Date == "" {
		in.Date = s.now().Format(time.DateOnly)
	}
	if p.Is(auth.Deputy) && !contains(in.DeputyIDs, p.DeputyID) {
		in.DeputyIDs = append(in.DeputyIDs, p.DeputyID)
	}
	if err := in.check(); err != nil {
		return nil, nil, err
	}
	var c *cases.Case
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = s.Cases.RateAtReturnVisit(ctx, tx, p, opinionID, cases.Rating{Satisfaction: in.Satisfaction, Note: in.Result})
		if err != nil {
			return err
		}
		in.Township = c.Township
		return s.insertVisit(ctx, tx, p, &in)
	})
	if err != nil {
		return nil, nil, err
	}
	c, err = s.Cases.Get(ctx, p, opinionID)
	return &in, c, err
}

// Visits lists the visits and return visits of the caller's jurisdiction,
// newest first (an opinion's when opinionID is set).
func (s *Service) Visits(ctx context.Context, p *auth.Principal, opinionID int64, limit int) ([]Visit, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy) {
		return []Visit{}, nil
	}
	lo, hi := store.PrefixRange(p.Scope)
	q := `SELECT v.id, v.township_code, v.kind, v.date, v.purpose, v.households, v.constituents, v.result, COALESCE(v.opinion_id, 0),
		COALESCE(v.satisfaction, '') FROM visits v WHERE v.township_code >= $1 AND v.township_code < $2`
	args := []any{lo, hi}
	if opinionID != 0 {
		args = append(args, opinionID)
		q += ` AND v.opinion_id = $3`
	}
	if p.Is(auth.Deputy) {
		args = append(args, p.DeputyID)
		q += ` AND v.id IN (SELECT visit_id FROM visit_deputies WHERE deputy_id = $` + itoa(len(args)) + `)`
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	args = append(args, limit)
	rows, err := s.DB.R.QueryContext(ctx, q+` ORDER BY v.date DESC, v.id DESC LIMIT $`+itoa(len(args)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Visit{}
	for rows.Next() {
		var v Visit
		if err := rows.Scan(&v.ID, &v.Township, &v.Kind, &v.Date, &v.Purpose, &v.Households, &v.Constituents, &v.Result, &v.OpinionID, &v.Satisfaction); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
