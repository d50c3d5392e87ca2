package votes

import (
	"context"
	"strconv"

	"renda/internal/auth"
	"renda/internal/store"
)

// Filter narrows a list of votes.
type Filter struct {
	Congress string // a code prefix within the caller's scope
	Status   Status
	Before   int64 // cursor: votes with a smaller id
	Limit    int
}

// List returns the votes the caller may see, newest first, without their
// projects: staff see those of the congresses in their scope, a deputy those
// they are entitled to vote in. The next cursor is 0 at the end.
func List(ctx context.Context, db *store.DB, p *auth.Principal, f Filter) ([]*Vote, int64, error) {
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	before := f.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	var q string
	var args []any
	switch {
	case p.Role.Staff():
		prefix := p.Scope
		if f.Congress != "" && p.Covers(f.Congress) {
			prefix = f.Congress
		}
		lo, hi := store.PrefixRange(prefix)
		q = `SELECT ` + voteCols + ` FROM votes WHERE congress_code >= $1 AND congress_code < $2 AND id < $3`
		args = []any{lo, hi, before}
	case p.Role == auth.Deputy && p.DeputyID != 0:
		q = `SELECT ` + voteCols + ` FROM votes WHERE id IN (SELECT vote_id FROM vote_electors WHERE deputy_id = $1) AND id < $2`
		args = []any{p.DeputyID, before}
	default:
		return nil, 0, nil
	}
	if f.Status != "" {
		args = append(args, string(f.Status))
		q += ` AND status = $` + strconv.Itoa(len(args))
	}
	args = append(args, limit+1)
	q += ` ORDER BY id DESC LIMIT $` + strconv.Itoa(len(args))
	out, err := queryVotes(ctx, db.R, q, args...)
	if err != nil {
		return nil, 0, err
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	for _, v := range out {
		if err := countLive(ctx, db.R, v); err != nil {
			return nil, 0, err
		}
	}
	return out, next, nil
}

// ListPublished returns the published votes under a code (all when empty),
// newest first, for the public pages.
func ListPublished(ctx context.Context, db *store.DB, under string, limit int) ([]*Vote, error) {
	lo, hi := store.PrefixRange(under)
	return queryVotes(ctx, db.R, `SELECT `+voteCols+` FROM votes WHERE congress_code >= $1 AND congress_code < $2
		AND published_at IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT $3`, lo, hi, limit)
}

func queryVotes(ctx context.Context, q store.Querier, query string, args ...any) ([]*Vote, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Vote
	for rows.Next() {
		v, err := scanVote(rows)
		if err != nil {
			return nil, err
		}
		v.Projects = []Project{}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Awaiting counts the open votes a deputy is entitled to vote in and has
// not voted in yet.
func Awaiting(ctx context.Context, db *store.DB, deputyID int64) (int, error) {
	var n int
	err := db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM vote_electors e JOIN votes v ON v.id = e.vote_id
		WHERE e.deputy_id = $1 AND NOT e.voted AND v.status = 'open'`, deputyID).Scan(&n)
	return n, err
}
