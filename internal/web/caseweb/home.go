package caseweb

import (
	"context"
	"strconv"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/web"
)

// homeCards put overdue items first on the home pages of staff and units:
// red cards with the lowest order, so they lead the page.
func (m *Module) homeCards(ctx context.Context, p *auth.Principal) ([]web.Card, error) {
	if !p.Is(auth.Admin, auth.County, auth.Township, auth.Unit) {
		return nil, nil
	}
	red, amber, err := m.Cases.Overdue(ctx, p)
	if err != nil {
		return nil, err
	}
	list := "/opinions"
	if p.Is(auth.Unit) {
		list = "/handling"
	}
	return []web.Card{
		{Order: -20, Label: i18n.M("cases.card.overdue"), Value: strconv.Itoa(red), Alert: red > 0,
			Note: i18n.M("cases.card.overdue_note"), Link: list + "?overdue=1"},
		{Order: -19, Label: i18n.M("cases.card.due_soon"), Value: strconv.Itoa(amber),
			Note: i18n.M("cases.card.due_soon_note", m.Cases.ConfigFor(ctx, p.Scope).AmberDays), Link: list},
	}, nil
}
