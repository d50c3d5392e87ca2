package cases

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// NewSuggestion is a suggestion or motion as a deputy (or staff for them)
// files it.
type NewSuggestion struct {
	Congress     string  `json:"congress"` // division code of the jurisdiction whose congress it is
	Kind         Kind    `json:"kind"`     // suggestion or motion
	Title        string  `json:"title"`
	Body         string  `json:"body"`
	LeadDeputyID int64   `json:"lead_deputy_id"`
	CoDeputyIDs  []int64 `json:"co_deputy_ids"`
	SessionID    int64   `json:"session_id,omitempty"` // the congress session, when filed in session
	Hard         bool    `json:"hard,omitempty"`
}

func (in *NewSuggestion) check() error {
	in.Congress, in.Title, in.Body = trim(in.Congress), trim(in.Title), trim(in.Body)
	if in.Congress == "" {
		return errs.Required("congress", "cases.field.congress")
	}
	code, err := jurisdiction.Normalize(in.Congress)
	u, ok := jurisdiction.National().Get(code)
	if err != nil || !ok {
		return errs.Field("congress", "unknown_code", "err.code_unknown", in.Congress)
	}
	if !u.Kind.HasCongress() {
		return errs.Field("congress", "no_congress", "cases.err.no_congress", u.Name)
	}
	in.Congress = code
	if in.Kind == "" {
		return errs.Required("kind", "cases.field.suggestion_kind")
	}
	if in.Kind != Suggestion && in.Kind != Motion {
		return errs.Field("kind", "invalid_kind", "cases.err.suggestion_kind")
	}
	if in.Title == "" {
		return errs.Required("title", "cases.field.title")
	}
	if err := errs.MaxLen("title", "cases.field.title", in.Title, 100); err != nil {
		return err
	}
	if in.Body == "" {
		return errs.Required("body", "cases.field.body")
	}
	if err := errs.MaxLen("body", "cases.field.body", in.Body, 20000); err != nil {
		return err
	}
	if in.LeadDeputyID == 0 {
		return errs.Required("lead_deputy_id", "cases.field.lead_deputy")
	}
	if len(in.CoDeputyIDs) > 50 {
		return errs.Field("co_deputy_ids", "too_many", "cases.err.too_many_deputies", 50)
	}
	return nil
}

// FileSuggestion files a suggestion or motion, numbered within its congress
// and session, and makes the lead deputy's duty record.
func (s *Service) FileSuggestion(ctx context.Context, p *auth.Principal, in NewSuggestion) (*Case, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Deputy) {
		return nil, errs.ForbiddenErr()
	}
	if p.Is(auth.Deputy) && in.LeadDeputyID == 0 {
		in.LeadDeputyID = p.DeputyID
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	if p.Is(auth.Deputy) && in.LeadDeputyID != p.DeputyID {
		return nil, errs.Field("lead_deputy_id", "not_self", "cases.err.lead_self")
	}
	var id int64
	var err error
	// Two filings in the same congress may pick the same number at once on
	// PostgreSQL; the unique index refuses the second, which tries again.
	for attempt := 0; attempt < 5; attempt++ {
		id, err = s.fileOnce(ctx, p, &in)
		if !errors.Is(err, errNumberTaken) {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, p, id)
}

var errNumberTaken = errors.New("suggestion number taken")

func (s *Service) fileOnce(ctx context.Context, p *auth.Principal, in *NewSuggestion) (int64, error) {
	var id int64
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var township, name string
		err := tx.QueryRowContext(ctx, `SELECT township_code, name FROM deputies WHERE id = $1`, in.LeadDeputyID).Scan(&township, &name)
		if err != nil || !p.Covers(township) || !strings.HasPrefix(township, in.Congress) {
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			return errs.Field("lead_deputy_id", "unknown_deputy", "cases.err.deputy", in.LeadDeputyID)
		}
		lo, hi := store.PrefixRange(in.Congress)
		for _, d := range in.CoDeputyIDs {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputies WHERE id = $1 AND township_code >= $2 AND township_code < $3`,
				d, lo, hi).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return errs.Field("co_deputy_ids", "unknown_deputy", "cases.err.deputy", d)
			}
		}
		var number int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM cases
			WHERE congress_code = $1 AND COALESCE(session_id, 0) = $2 AND kind = $3`, in.Congress, in.SessionID, string(in.Kind)).Scan(&number); err != nil {
			return err
		}
		now := s.now()
		err = tx.QueryRowContext(ctx, `INSERT INTO cases (kind, township_code, title, body, status, congress_code, session_id, number,
			lead_deputy_id, hard, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 'filed', $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
			string(in.Kind), township, in.Title, in.Body, in.Congress, store.NullID(in.SessionID), number, in.LeadDeputyID, in.Hard,
			store.NullID(p.UserID), now.Unix()).Scan(&id)
		if store.IsUniqueViolation(err) {
			return errNumberTaken
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_deputies (case_id, deputy_id, role) VALUES ($1, $2, 'lead')`, id, in.LeadDeputyID); err != nil {
			return err
		}
		for _, d := range in.CoDeputyIDs {
			if d == in.LeadDeputyID {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_deputies (case_id, deputy_id, role) VALUES ($1, $2, 'co')
				ON CONFLICT DO NOTHING`, id, d); err != nil {
				return err
			}
		}
		if err := addEvent(ctx, tx, id, now.Unix(), "filed", Filed, "", p.Username); err != nil {
			return err
		}
		kind := duties.Suggestion
		if in.Kind == Motion {
			kind = duties.Motion
		}
		if err := duties.RecordImplied(ctx, tx, duties.Implied{DeputyID: in.LeadDeputyID, Kind: kind,
			Date: now.Format("2006-01-02"), Title: in.Title, Source: "suggestion", SourceID: id}); err != nil {
			return err
		}
		after := map[string]any{"congress": in.Congress, "kind": in.Kind, "number": number, "title": in.Title,
			"lead_deputy_id": in.LeadDeputyID, "co_deputy_ids": in.CoDeputyIDs, "session_id": in.SessionID}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", string(in.Kind), id, township, in.Title, nil, after)
	})
	return id, err
}
