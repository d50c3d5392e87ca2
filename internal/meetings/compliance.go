package meetings

import (
	"context"
	"fmt"

	"renda/internal/auth"
	"renda/internal/jurisdiction"
	"renda/internal/store"
)

// SessionYear is one congress's sessions in a year: the law asks for at
// least one.
type SessionYear struct {
	Congress string `json:"congress"`
	Name     string `json:"name"`
	Sessions int    `json:"sessions"`
	Last     string `json:"last,omitempty"` // date of the latest session that year
}

// Held reports whether the congress met that year.
func (s SessionYear) Held() bool { return s.Sessions > 0 }

// townshipCongresses are the 镇 and 乡 (which have congresses) in a scope.
func townshipCongresses(scope string) []*jurisdiction.Unit {
	var out []*jurisdiction.Unit
	for _, u := range jurisdiction.National().Townships(scope) {
		if u.Kind.HasCongress() {
			out = append(out, u)
		}
	}
	return out
}

// SessionsByTownship lists every township congress in the caller's scope
// with its sessions in a year, those that have not met first.
func SessionsByTownship(ctx context.Context, db *store.DB, p *auth.Principal, year int) ([]SessionYear, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rows, err := db.R.QueryContext(ctx, `SELECT congress_code, COUNT(*), MAX(start_date) FROM congress_sessions
		WHERE congress_code >= $1 AND congress_code < $2 AND start_date >= $3 AND start_date <= $4 GROUP BY congress_code`,
		lo, hi, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	held := map[string]SessionYear{}
	for rows.Next() {
		var s SessionYear
		if err := rows.Scan(&s.Congress, &s.Sessions, &s.Last); err != nil {
			return nil, err
		}
		held[s.Congress] = s
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var missing, met []SessionYear
	for _, u := range townshipCongresses(p.Scope) {
		s := held[u.Code]
		s.Congress, s.Name = u.Code, u.Name
		if s.Held() {
			met = append(met, s)
		} else {
			missing = append(missing, s)
		}
	}
	return append(missing, met...), nil
}
