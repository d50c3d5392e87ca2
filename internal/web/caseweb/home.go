package caseweb

import (
	"context"

	"renda/internal/auth"
	"renda/internal/web"
)

func (m *Module) homeCards(ctx context.Context, p *auth.Principal) ([]web.Card, error) {
	return nil, nil
}
