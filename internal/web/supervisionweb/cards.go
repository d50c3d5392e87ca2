package supervisionweb

import (
	"context"
	"strconv"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/store"
	"renda/internal/supervision"
	"renda/internal/web"
)

// cards show staff the rectifications overdue and due soon, as overdue
// suggestions are shown, and the work-plan items that lag.
func (m Module) cards(ctx context.Context, db *store.DB, p *auth.Principal) ([]web.Card, error) {
	if !p.Role.Staff() || len(p.Scope) < 6 {
		return nil, nil
	}
	now := m.now()
	red, amber, err := supervision.Overdue(ctx, db, p, now)
	if err != nil {
		return nil, err
	}
	plans, err := supervision.Plans(ctx, db, p, now.Year(), now)
	if err != nil {
		return nil, err
	}
	lagging, lagTowns := 0, 0
	for _, w := range plans {
		lagging += w.Lagging
		if w.Lagging > 0 {
			lagTowns++
		}
	}
	return []web.Card{
		{Order: 430, Label: i18n.M("sup.card.overdue"), Value: strconv.Itoa(red), Link: "/rectification?colour=red", Alert: red > 0,
			Note: i18n.M("sup.card.overdue_note", amber)},
		{Order: 431, Label: i18n.M("sup.card.lagging"), Value: strconv.Itoa(lagging), Link: "/work-plans", Alert: lagging > 0,
			Note: i18n.M("sup.card.lagging_note", lagTowns, len(plans))},
	}, nil
}
