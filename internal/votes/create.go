package votes

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/meetings"
	"renda/internal/store"
)

// NewProject is a candidate project as the government proposes it.
type NewProject struct {
	Name       string  `json:"name"`
	Investment float64 `json:"investment"`
	Department string  `json:"department"`
	Rationale  string  `json:"rationale"`
	Due        string  `json:"due"`
}

// NewVote is what creating a vote takes. The pass rule defaults to more
// than half of all deputies (1/2).
type NewVote struct {
	Congress        string       `json:"congress"`
	SessionID       *int64       `json:"session_id"`
	Title           string       `json:"title"`
	Choose          int          `json:"choose"`
	PassNumerator   int          `json:"pass_numerator,omitempty"`
	PassDenominator int          `json:"pass_denominator,omitempty"`
	Projects        []NewProject `json:"projects"`
}

// MaxProjects bounds the candidate list.
const MaxProjects = 50

func (in *NewVote) validate(p *auth.Principal) error {
	in.Congress = strings.TrimSpace(in.Congress)
	in.Title = strings.TrimSpace(in.Title)
	if in.Congress == "" {
		return errs.Required("congress", "vote.field.congress")
	}
	u, ok := jurisdiction.National().Get(in.Congress)
	if !ok || !CanManage(p, in.Congress) {
		// Outside the scope must look the same as a code that does not exist.
		return errs.Field("congress", "unknown_congress", "vote.err.congress_unknown", in.Congress)
	}
	if !u.Kind.HasCongress() {
		return errs.Field("congress", "no_congress", "vote.err.congress_none", u.Name)
	}
	if in.Title == "" {
		return errs.Required("title", "vote.field.title")
	}
	if utf8.RuneCountInString(in.Title) > 200 {
		return errs.TooLong("title", "vote.field.title", 200)
	}
	if len(in.Projects) == 0 {
		return errs.Required("projects", "vote.field.projects")
	}
	if len(in.Projects) > MaxProjects {
		return errs.Field("projects", "too_many", "vote.err.projects_too_many", MaxProjects)
	}
	if in.Choose < 1 || in.Choose > len(in.Projects) {
		return errs.Field("choose", "out_of_range", "vote.err.choose_range", len(in.Projects))
	}
	if in.PassNumerator == 0 && in.PassDenominator == 0 {
		in.PassNumerator, in.PassDenominator = 1, 2
	}
	if in.PassDenominator < 1 || in.PassNumerator < 1 || in.PassNumerator >= in.PassDenominator {
		return errs.Field("pass_numerator", "bad_rule", "vote.err.rule")
	}
	seen := map[string]bool{}
	for i := range in.Projects {
		pr := &in.Projects[i]
		pr.Name = strings.TrimSpace(pr.Name)
		pr.Department = strings.TrimSpace(pr.Department)
		pr.Rationale = strings.TrimSpace(pr.Rationale)
		pr.Due = strings.TrimSpace(pr.Due)
		f := func(name string) string { return fmt.Sprintf("projects[%d].%s", i, name) }
		if pr.Name == "" {
			return errs.Required(f("name"), "vote.field.project_name")
		}
		if utf8.RuneCountInString(pr.Name) > 200 {
			return errs.TooLong(f("name"), "vote.field.project_name", 200)
		}
		if seen[pr.Name] {
			return errs.Field(f("name"), "duplicate", "vote.err.project_duplicate", pr.Name)
		}
		seen[pr.Name] = true
		if pr.Investment < 0 {
			return errs.Field(f("investment"), "negative", "vote.err.investment")
		}
		if pr.Due != "" {
			if _, err := time.Parse("2006-01-02", pr.Due); err != nil {
				return errs.Field(f("due"), "invalid_date", "err.date_format", pr.Due)
			}
		}
	}
	return nil
}

// Create sets up a vote with its candidate projects, as a draft.
func Create(ctx context.Context, db *store.DB, p *auth.Principal, in NewVote) (*Vote, error) {
	if err := in.validate(p); err != nil {
		return nil, err
	}
	if in.SessionID != nil {
		// A vote held at a session belongs to that session's congress.
		c, err := meetings.SessionCongress(ctx, db.R, p, *in.SessionID)
		if _, ok := errs.As(err); ok || (err == nil && c != in.Congress) {
			return nil, errs.Field("session_id", "unknown_session", "vote.err.session")
		}
		if err != nil {
			return nil, err
		}
	}
	var id int64
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		now := time.Now().Unix()
		if err := tx.QueryRowContext(ctx, `INSERT INTO votes (congress_code, session_id, title, choose, pass_num, pass_den,
			status, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $8) RETURNING id`,
			in.Congress, in.SessionID, in.Title, in.Choose, in.PassNumerator, in.PassDenominator, store.NullID(p.UserID), now).Scan(&id); err != nil {
			return err
		}
		for i, pr := range in.Projects {
			if _, err := tx.ExecContext(ctx, `INSERT INTO vote_projects (vote_id, position, name, investment, department, rationale, due)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, i+1, pr.Name, pr.Investment, pr.Department, pr.Rationale, pr.Due); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, p.Actor(ctx), "create", "vote", id, in.Congress, in.Title, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return load(ctx, db.W, id)
}
