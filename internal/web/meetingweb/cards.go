package meetingweb

import (
	"context"
	"strconv"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/meetings"
	"renda/internal/store"
	"renda/internal/web"
)

// cards flag, on staff's home page, a quarter passed without a presidium
// meeting and a year without the session the law requires: for a township
// its own, for the county how many townships lag.
func (m Module) cards(ctx context.Context, db *store.DB, p *auth.Principal) ([]web.Card, error) {
	if !p.Role.Staff() || len(p.Scope) < 6 {
		return nil, nil // a province or the country is too wide for these figures
	}
	now := m.now()
	quarters, err := meetings.PresidiumQuarters(ctx, db, p, now.Year(), now)
	if err != nil || len(quarters) == 0 {
		return nil, err
	}
	sessions, err := meetings.SessionsByTownship(ctx, db, p, now.Year())
	if err != nil {
		return nil, err
	}
	if len(quarters) == 1 {
		q, s := quarters[0], sessions[0]
		held := q.Held[0] + q.Held[1] + q.Held[2] + q.Held[3]
		card := web.Card{Order: 400, Label: i18n.M("meet.card.presidium"), Value: strconv.Itoa(held), Link: "/presidium",
			Note: i18n.M("meet.card.presidium_ok")}
		if len(q.Missed) > 0 {
			card.Alert = true
			card.Note = i18n.M("meet.card.presidium_missed", q.MissedList())
		}
		sc := web.Card{Order: 401, Label: i18n.M("meet.card.sessions"), Value: strconv.Itoa(s.Sessions), Link: "/sessions",
			Note: i18n.M("meet.card.sessions_ok")}
		if !s.Held() {
			sc.Alert, sc.Note = true, i18n.M("meet.card.sessions_none")
		}
		return []web.Card{card, sc}, nil
	}
	lagging, notMet := 0, 0
	for _, q := range quarters {
		if len(q.Missed) > 0 {
			lagging++
		}
	}
	for _, s := range sessions {
		if !s.Held() {
			notMet++
		}
	}
	return []web.Card{
		{Order: 400, Label: i18n.M("meet.card.county_presidium"), Value: strconv.Itoa(lagging), Link: "/presidium",
			Alert: lagging > 0, Note: i18n.M("meet.card.county_of", len(quarters))},
		{Order: 401, Label: i18n.M("meet.card.county_sessions"), Value: strconv.Itoa(notMet), Link: "/sessions",
			Alert: notMet > 0 && now.Month() >= 7, Note: i18n.M("meet.card.county_of", len(sessions))},
	}, nil
}
