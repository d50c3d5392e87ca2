package duties

import (
	"context"
	"sort"

	"renda/internal/auth"
	"renda/internal/store"
)

// DeputyOption is a deputy as a picker lists them.
type DeputyOption struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Township  string `json:"township"`
	GroupID   int64  `json:"group_id"`
	GroupName string `json:"group_name"`
}

// Deputies lists the deputies of a scope the caller may record for, by
// township, group and name (a deputy: only themselves).
func (s *Service) Deputies(ctx context.Context, p *auth.Principal, scope string) ([]DeputyOption, error) {
	if scope == "" || !p.Covers(scope) {
		scope = p.Scope
	}
	lo, hi := store.PrefixRange(scope)
	query := `SELECT d.id, d.name, d.township_code, COALESCE(d.group_id, 0), COALESCE(g.name, '')
		FROM deputies d LEFT JOIN deputy_groups g ON g.id = d.group_id
		WHERE d.township_code >= $1 AND d.township_code < $2`
	args := []any{lo, hi}
	if p.Role == auth.Deputy {
		query += ` AND d.id = $3`
		args = append(args, p.DeputyID)
	} else if !p.Role.Staff() {
		return nil, nil
	}
	rows, err := s.DB.R.QueryContext(ctx, query+` ORDER BY d.township_code, g.name, d.name_pinyin, d.id LIMIT 2000`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DeputyOption
	for rows.Next() {
		var d DeputyOption
		if err := rows.Scan(&d.ID, &d.Name, &d.Township, &d.GroupID, &d.GroupName); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func sortOptions(xs []DeputyOption) {
	sort.Slice(xs, func(i, j int) bool { return xs[i].Name < xs[j].Name })
}
