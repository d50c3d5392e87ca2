package voteweb

import (
	"context"
	"strconv"

	"renda/internal/auth"
	"renda/internal/i18n"
	"renda/internal/store"
	"renda/internal/votes"
	"renda/internal/web"
)

// cards tell a deputy that a vote awaits their ballot, so that during the
// session the home page leads straight to it.
func cards(ctx context.Context, db *store.DB, p *auth.Principal) ([]web.Card, error) {
	if p.Role != auth.Deputy || p.DeputyID == 0 {
		return nil, nil
	}
	n, err := votes.Awaiting(ctx, db, p.DeputyID)
	if err != nil || n == 0 {
		return nil, err
	}
	return []web.Card{{Order: 5, Label: i18n.M("vote.card.awaiting"), Value: strconv.Itoa(n), Link: "/votes?status=open",
		Alert: true, Note: i18n.M("vote.card.awaiting_note")}}, nil
}
