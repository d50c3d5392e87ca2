package duties

import (
	"context"
	"crypto/rand"
	"database/sql"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// reportRatings counts a report's paper ballots and used online codes.
func reportRatings(ctx context.Context, q store.Querier, id int64) (Ratings, error) {
	var r Ratings
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(satisfied), 0), COALESCE(SUM(basic), 0), COALESCE(SUM(unsatisfied), 0)
		FROM report_ballot_batches WHERE report_id = $1`, id).Scan(&r.Satisfied, &r.Basic, &r.Unsatisfied); err != nil {
		return r, err
	}
	rows, err := q.QueryContext(ctx, `SELECT COALESCE(rating, ''), COUNT(*) FROM report_codes WHERE report_id = $1 GROUP BY rating`, id)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var rating string
		var n int
		if err := rows.Scan(&rating, &n); err != nil {
			return r, err
		}
		r.CodesIssued += n
		switch rating {
		case RatingSatisfied:
			r.Satisfied += n
		case RatingBasic:
			r.Basic += n
		case RatingUnsatisfied:
			r.Unsatisfied += n
		}
		if rating != "" {
			r.Online += n
		}
	}
	r.Total = r.Satisfied + r.Basic + r.Unsatisfied
	if r.Total > 0 {
		r.SatisfiedRate = float64(r.Satisfied) / float64(r.Total)
		r.ApprovalRate = float64(r.Satisfied+r.Basic) / float64(r.Total)
	}
	return r, rows.Err()
}

// BallotBatch is a batch of paper ballots counted by staff.
type BallotBatch struct {
	Satisfied   int `json:"satisfied"`
	Basic       int `json:"basic"`
	Unsatisfied int `json:"unsatisfied"`
}

// AddBallots enters a batch of paper ballots of a held report (staff).
func (s *Service) AddBallots(ctx context.Context, p *auth.Principal, id int64, b BallotBatch) (*Report, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	for _, c := range []struct {
		field string
		n     int
	}{{"satisfied", b.Satisfied}, {"basic", b.Basic}, {"unsatisfied", b.Unsatisfied}} {
		if c.n < 0 || c.n > 10000 {
			return nil, errs.Field(c.field, "out_of_range", "duty.err.ballots_range")
		}
	}
	if b.Satisfied+b.Basic+b.Unsatisfied == 0 {
		return nil, errs.Required("satisfied", "duty.field.ballots")
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadReport(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Status != "held" {
			return errs.ConflictErr("status", "duty.err.report_not_held")
		}
		var bid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO report_ballot_batches (report_id, satisfied, basic, unsatisfied, entered_by, entered_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, id, b.Satisfied, b.Basic, b.Unsatisfied, store.NullID(p.UserID), time.Now().Unix()).Scan(&bid); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "ballots", "constituent_report", id, r.Township, "paper ballots entered", nil, b)
	})
	if err != nil {
		return nil, err
	}
	return s.GetReport(ctx, p, id)
}

// codeAlphabet leaves out letters and digits that read alike (0/O, 1/I/L).
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

func newCode() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

// IssueCodes makes n one-time codes for online ballots, handed out at the
// meeting one per constituent (staff).
func (s *Service) IssueCodes(ctx context.Context, p *auth.Principal, id int64, n int) ([]string, error) {
	if !p.Role.Staff() {
		return nil, errs.ForbiddenErr()
	}
	if n < 1 || n > 500 {
		return nil, errs.Field("count", "out_of_range", "duty.err.codes_range")
	}
	var codes []string
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := loadReport(ctx, tx, p, id)
		if err != nil {
			return err
		}
		now := time.Now().Unix()
		for len(codes) < n {
			c := newCode()
			if _, err := tx.ExecContext(ctx, `INSERT INTO report_codes (code, report_id, created_at) VALUES ($1, $2, $3)`, c, id, now); err != nil {
				if store.IsUniqueViolation(err) {
					continue // drawn twice: draw again
				}
				return err
			}
			codes = append(codes, c)
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "codes", "constituent_report", id, r.Township, "online ballot codes issued", nil, map[string]any{"count": n})
	})
	return codes, err
}

// Rate records a constituent's online rating with a one-time code. The
// code is the only key: it names no one, and a used code is refused.
func (s *Service) Rate(ctx context.Context, code, rating string) error {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return errs.Required("code", "duty.field.code")
	}
	if rating != RatingSatisfied && rating != RatingBasic && rating != RatingUnsatisfied {
		return errs.Field("rating", "invalid_rating", "duty.err.rating")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var used sql.NullString
		var reportID int64
		var township string
		err := tx.QueryRowContext(ctx, `SELECT c.rating, r.id, r.township_code FROM report_codes c JOIN constituent_reports r ON r.id = c.report_id
			WHERE c.code = $1`, code).Scan(&used, &reportID, &township)
		if err == sql.ErrNoRows {
			return errs.Field("code", "unknown_code", "duty.err.code_unknown")
		}
		if err != nil {
			return err
		}
		if used.Valid {
			return errs.Field("code", "code_used", "duty.err.code_used")
		}
		res, err := tx.ExecContext(ctx, `UPDATE report_codes SET rating = $1, used_at = $2 WHERE code = $3 AND rating IS NULL`, rating, time.Now().Unix(), code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.Field("code", "code_used", "duty.err.code_used")
		}
		// The log keeps the rating, never the code, so it cannot be tied
		// to the slip handed to a person.
		return audit.Record(ctx, tx, audit.Actor{Name: "constituent", RequestID: audit.RequestID(ctx)}, "rate", "constituent_report",
			reportID, township, "online rating", nil, map[string]any{"rating": rating})
	})
}
