package web

import (
	"context"
	"net/http"
	"sort"
	"strconv"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/jurisdiction"
)

type homeData struct {
	Cards []Card
}

func (a *App) registerHome() {
	a.Page("GET /{$}", nil, func(c *Ctx) error {
		if c.User == nil {
			return c.Render(http.StatusOK, "core/landing.html", "app.name", nil)
		}
		cards, err := a.homeCards(c.Context(), c.User)
		if err != nil {
			return err
		}
		return c.Render(http.StatusOK, "core/home.html", "title.home", homeData{Cards: cards})
	})
	a.HomeCards(a.coreCards)
}

// homeCards collects the figures every module offers this user.
func (a *App) homeCards(ctx context.Context, p *auth.Principal) ([]Card, error) {
	var out []Card
	for _, src := range a.cards {
		cs, err := src(ctx, p)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out, nil
}

// coreCards are the figures of the foundation: the units and accounts in the
// user's scope.
func (a *App) coreCards(ctx context.Context, p *auth.Principal) ([]Card, error) {
	if !p.Role.Staff() {
		return nil, nil
	}
	var cards []Card
	kinds, err := jurisdiction.CountUnder(ctx, a.DB.R, p.Scope)
	if err != nil {
		return nil, err
	}
	if len(p.Scope) < 9 {
		towns := kinds[jurisdiction.Town] + kinds[jurisdiction.Township]
		cards = append(cards,
			Card{Order: 900, Label: i18n.M("card.towns"), Value: strconv.Itoa(towns), Link: "/jurisdictions?parent=" + p.Scope,
				Note: i18n.M("card.towns_note", kinds[jurisdiction.Town], kinds[jurisdiction.Township])},
			Card{Order: 901, Label: i18n.M("card.streets"), Value: strconv.Itoa(kinds[jurisdiction.Street]), Link: "/jurisdictions?parent=" + p.Scope},
		)
	}
	villages := kinds[jurisdiction.Village] + kinds[jurisdiction.Community]
	cards = append(cards, Card{Order: 902, Label: i18n.M("card.villages"), Value: strconv.Itoa(villages),
		Note: i18n.M("card.villages_note", kinds[jurisdiction.Village], kinds[jurisdiction.Community]),
		Link: "/jurisdictions?parent=" + p.Scope})
	users, err := a.Auth.CountUsers(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	total := 0
	for _, n := range users {
		total += n
	}
	cards = append(cards, Card{Order: 910, Label: i18n.M("card.accounts"), Value: strconv.Itoa(total), Link: "/admin/users",
		Note: i18n.M("card.accounts_note", users[auth.Township], users[auth.Liaison], users[auth.Deputy])})
	return cards, nil
}
