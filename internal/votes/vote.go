// Package votes runs livelihood project votes (民生实事项目代表票决,
// DESIGN.md §7): the government's candidate projects, the deputies' secret
// ballots (electronic, or paper counted per box), the tally under the
// more-than-half rule, the ranking that fills the places, ties settled by a
// recorded decision, the published result, and the follow-up of the chosen
// projects.
//
// Secrecy is by construction: vote_electors says who voted, vote_ballots
// what was voted, and nothing joins them — no deputy, time or sequence on a
// ballot, a random key, and the ballots rewritten at closing so that not even
// their storage order or transaction ids follow the order of voting.
package votes

import (
	"context"
	"database/sql"
	"errors"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/store"
)

// Status is where a vote stands.
type Status string

const (
	Draft  Status = "draft"  // projects set, not yet open
	Open   Status = "open"   // ballots accepted
	Closed Status = "closed" // tallied; public once published
)

// Vote is one livelihood project vote of a congress.
type Vote struct {
	ID              int64     `json:"id"`
	Congress        string    `json:"congress"`
	SessionID       *int64    `json:"session_id"`
	Title           string    `json:"title"`
	Choose          int       `json:"choose"`
	PassNumerator   int       `json:"pass_numerator"`
	PassDenominator int       `json:"pass_denominator"`
	Status          Status    `json:"status"`
	Eligible        int       `json:"eligible"`
	Cast            int       `json:"cast"`
	OpenedAt        int64     `json:"opened_at,omitempty"`
	ClosedAt        int64     `json:"closed_at,omitempty"`
	PublishedAt     int64     `json:"published_at,omitempty"`
	TieBasis        string    `json:"tie_basis,omitempty"`
	CreatedAt       int64     `json:"created_at"`
	Projects        []Project `json:"projects"`
	// Voted is set for a deputy entitled to vote: whether they have.
	Voted *bool `json:"voted,omitempty"`
}

// Published reports whether the result is public.
func (v *Vote) Published() bool { return v.PublishedAt != 0 }

// Project is a candidate project.
type Project struct {
	ID         int64   `json:"id"`
	Position   int     `json:"position"`
	Name       string  `json:"name"`
	Investment float64 `json:"investment"` // 万元
	Department string  `json:"department"`
	Rationale  string  `json:"rationale"`
	Due        string  `json:"due"`

	votesFor, votesAgainst, votesAbstain int
	tieChosen                            *bool
}

const voteCols = `id, congress_code, session_id, title, choose, pass_num, pass_den, status, eligible, cast_count,
	opened_at, closed_at, published_at, tie_basis, created_at`

func scanVote(row interface{ Scan(...any) error }) (*Vote, error) {
	var v Vote
	var session, opened, closed, published sql.NullInt64
	if err := row.Scan(&v.ID, &v.Congress, &session, &v.Title, &v.Choose, &v.PassNumerator, &v.PassDenominator,
		&v.Status, &v.Eligible, &v.Cast, &opened, &closed, &published, &v.TieBasis, &v.CreatedAt); err != nil {
		return nil, err
	}
	if session.Valid {
		v.SessionID = &session.Int64
	}
	v.OpenedAt, v.ClosedAt, v.PublishedAt = opened.Int64, closed.Int64, published.Int64
	return &v, nil
}

// CanManage reports whether p runs votes of this congress: staff whose scope
// covers it.
func CanManage(p *auth.Principal, congress string) bool {
	return p != nil && p.Role.Staff() && p.Covers(congress)
}

// load reads a vote with its projects, without any access check.
func load(ctx context.Context, q store.Querier, id int64) (*Vote, error) {
	v, err := scanVote(q.QueryRowContext(ctx, `SELECT `+voteCols+` FROM votes WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFoundErr("vote.entity")
	}
	if err != nil {
		return nil, err
	}
	return v, loadProjects(ctx, q, v)
}

// loadProjects reads a vote's candidate projects with their tallies.
func loadProjects(ctx context.Context, q store.Querier, v *Vote) error {
	rows, err := q.QueryContext(ctx, `SELECT id, position, name, investment, department, rationale, due,
		votes_for, votes_against, votes_abstain, tie_chosen FROM vote_projects WHERE vote_id = $1 ORDER BY position`, v.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p Project
		var chosen sql.NullBool
		if err := rows.Scan(&p.ID, &p.Position, &p.Name, &p.Investment, &p.Department, &p.Rationale, &p.Due,
			&p.votesFor, &p.votesAgainst, &p.votesAbstain, &chosen); err != nil {
			return err
		}
		if chosen.Valid {
			p.tieChosen = &chosen.Bool
		}
		v.Projects = append(v.Projects, p)
	}
	return rows.Err()
}

// countLive fills in the ballots cast so far of a vote still open; it is
// fixed at closing.
func countLive(ctx context.Context, q store.Querier, v *Vote) error {
	if v.Status != Open {
		return nil
	}
	return q.QueryRowContext(ctx, `SELECT COUNT(*) FROM vote_ballots WHERE vote_id = $1`, v.ID).Scan(&v.Cast)
}

// isElector reports whether a deputy is entitled to vote and has voted.
func isElector(ctx context.Context, q store.Querier, voteID, deputyID int64) (elector, voted bool, err error) {
	if deputyID == 0 {
		return false, false, nil
	}
	err = q.QueryRowContext(ctx, `SELECT voted FROM vote_electors WHERE vote_id = $1 AND deputy_id = $2`, voteID, deputyID).Scan(&voted)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	}
	return err == nil, voted, err
}

// Get returns a vote the caller may see: staff in scope, a deputy entitled
// to vote in it, or anyone once its result is published. Anything else is
// "not found".
func Get(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (*Vote, error) {
	v, err := load(ctx, db.R, id)
	if err != nil {
		return nil, err
	}
	if err := countLive(ctx, db.R, v); err != nil {
		return nil, err
	}
	if CanManage(p, v.Congress) {
		return v, nil
	}
	if p != nil && p.Role == auth.Deputy {
		elector, voted, err := isElector(ctx, db.R, id, p.DeputyID)
		if err != nil {
			return nil, err
		}
		if elector {
			v.Voted = &voted
			return v, nil
		}
	}
	if v.Published() {
		return v, nil
	}
	return nil, errs.NotFoundErr("vote.entity")
}

// manageable loads a vote for a staff action: one of a congress in the
// caller's scope, found by a scoped query.
func manageable(ctx context.Context, q store.Querier, p *auth.Principal, id int64) (*Vote, error) {
	if p == nil || !p.Role.Staff() {
		return nil, errs.NotFoundErr("vote.entity")
	}
	lo, hi := store.PrefixRange(p.Scope)
	v, err := scanVote(q.QueryRowContext(ctx, `SELECT `+voteCols+` FROM votes WHERE id = $1 AND congress_code >= $2 AND congress_code < $3`, id, lo, hi))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFoundErr("vote.entity")
	}
	if err != nil {
		return nil, err
	}
	return v, loadProjects(ctx, q, v)
}
