package cases

import (
	"context"
	"strings"

	"renda/internal/auth"
	"renda/internal/store"
)

// DeputyNames returns the names of deputies in the caller's jurisdiction,
// for showing a case's deputies.
func (s *Service) DeputyNames(ctx context.Context, p *auth.Principal, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var w where
	lo, hi := store.PrefixRange(p.Scope)
	w.add("township_code >= ? AND township_code < ?", lo, hi)
	ph := make([]string, len(ids))
	for i, id := range ids {
		ph[i] = w.arg(id)
	}
	w.add("id IN (" + strings.Join(ph, ", ") + ")")
	rows, err := s.DB.R.QueryContext(ctx, `SELECT id, name FROM deputies WHERE `+w.sql(), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}

// Deputy is a deputy as forms offer them.
type Deputy struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Township string `json:"township"`
}

// Deputies lists the deputies of a jurisdiction within the caller's scope,
// by name, for forms.
func (s *Service) Deputies(ctx context.Context, p *auth.Principal, under string) ([]Deputy, error) {
	if !p.Covers(under) {
		under = p.Scope
	}
	lo, hi := store.PrefixRange(under)
	rows, err := s.DB.R.QueryContext(ctx, `SELECT id, name, township_code FROM deputies WHERE township_code >= $1 AND township_code < $2
		ORDER BY name_pinyin, name LIMIT 500`, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Deputy
	for rows.Next() {
		var d Deputy
		if err := rows.Scan(&d.ID, &d.Name, &d.Township); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Station is a liaison station as public forms offer it.
type Station struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Township string `json:"township"`
	Address  string `json:"address"`
}

// PublicStation returns a station by id for the public form (stations are
// public).
func (s *Service) PublicStation(ctx context.Context, id int64) (*Station, error) {
	var st Station
	err := s.DB.R.QueryRowContext(ctx, `SELECT id, name, township_code, address FROM stations WHERE id = $1`, id).
		Scan(&st.ID, &st.Name, &st.Township, &st.Address)
	if err != nil {
		return nil, store.NotFound(err)
	}
	return &st, nil
}

// PublicDeputy returns a deputy's name and township for the public form
// reached from the deputy's page or QR code.
func (s *Service) PublicDeputy(ctx context.Context, id int64) (*Deputy, error) {
	var d Deputy
	err := s.DB.R.QueryRowContext(ctx, `SELECT id, name, township_code FROM deputies WHERE id = $1`, id).Scan(&d.ID, &d.Name, &d.Township)
	if err != nil {
		return nil, store.NotFound(err)
	}
	return &d, nil
}

// SubmissionTownships lists the township-level units the public form
// offers: those with a liaison station or a handling unit.
func (s *Service) SubmissionTownships(ctx context.Context) ([]string, error) {
	rows, err := s.DB.R.QueryContext(ctx, `SELECT township_code FROM stations UNION SELECT jurisdiction_code FROM units
		WHERE LENGTH(jurisdiction_code) = 9 ORDER BY 1 LIMIT 2000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Stations lists the liaison stations within the caller's scope, for forms.
func (s *Service) Stations(ctx context.Context, p *auth.Principal) ([]Station, error) {
	lo, hi := store.PrefixRange(p.Scope)
	rows, err := s.DB.R.QueryContext(ctx, `SELECT id, name, township_code, address FROM stations
		WHERE township_code >= $1 AND township_code < $2 ORDER BY township_code, id LIMIT 500`, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Station
	for rows.Next() {
		var st Station
		if err := rows.Scan(&st.ID, &st.Name, &st.Township, &st.Address); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
