package deputyweb

import (
	"context"
	"strconv"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/store"
	"renda/internal/web"
)

// cards are the roster's figures on the home page of staff.
func (m *Module) cards(ctx context.Context, p *auth.Principal) ([]web.Card, error) {
	if !p.Role.Staff() {
		return nil, nil
	}
	lo, hi := store.PrefixRange(p.Scope)
	var deps, stations, groups int
	if err := m.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputies WHERE township_code >= $1 AND township_code < $2`, lo, hi).Scan(&deps); err != nil {
		return nil, err
	}
	if err := m.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM stations WHERE township_code >= $1 AND township_code < $2`, lo, hi).Scan(&stations); err != nil {
		return nil, err
	}
	if err := m.db.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM deputy_groups WHERE township_code >= $1 AND township_code < $2`, lo, hi).Scan(&groups); err != nil {
		return nil, err
	}
	return []web.Card{
		{Order: 100, Label: i18n.M("deputy.card.deputies"), Value: strconv.Itoa(deps), Link: "/deputies", Note: i18n.M("deputy.card.deputies_note", groups)},
		{Order: 101, Label: i18n.M("deputy.card.stations"), Value: strconv.Itoa(stations), Link: "/stations"},
	}, nil
}
