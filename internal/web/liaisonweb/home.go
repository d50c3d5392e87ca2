package liaisonweb

import (
	"context"
	"strconv"
	"time"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/liaison"
	"renda/internal/web"
)

// homeCards show deputies and officers their next reception, and the
// number coming in the next month.
func (m *Module) homeCards(ctx context.Context, p *auth.Principal) ([]web.Card, error) {
	if !p.Is(auth.Deputy, auth.Liaison) {
		return nil, nil
	}
	now := m.Liaison.Today()
	rs, err := m.Liaison.ListReceptions(ctx, p, liaison.ReceptionFilter{From: now.Format(time.DateOnly),
		To: now.AddDate(0, 1, 0).Format(time.DateOnly), Limit: 50})
	if err != nil {
		return nil, err
	}
	var coming []liaison.Reception
	for _, r := range rs {
		if r.Status == "scheduled" {
			coming = append(coming, r)
		}
	}
	card := web.Card{Order: 5, Label: i18n.M("liaison.card.next"), Value: strconv.Itoa(len(coming)), Link: "/receptions",
		Note: i18n.M("liaison.card.none")}
	if len(coming) > 0 {
		card.Note = i18n.M("liaison.card.next_note", coming[0].Date, coming[0].Starts, coming[0].Station)
	}
	return []web.Card{card}, nil
}
