// Package voteweb serves livelihood project votes: the API under
// /api/v1/votes, the staff and deputy pages under /votes, and the public
// result pages under /public/votes.
package voteweb

import (
	"context"
	"embed"
	"io/fs"

	"renda/internal/auth"
	"renda/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Module is the votes part of the web app.
type Module struct{}

// staffOrDeputy may reach the vote pages: staff run votes, deputies cast.
var staffOrDeputy = web.Roles(auth.Admin, auth.County, auth.Township, auth.Deputy)

// Register lists every route of votes.
func (Module) Register(a *web.App) {
	sub, _ := fs.Sub(templateFiles, "templates")
	a.Templates("votes", sub)
	a.Nav(web.NavItem{Key: "vote.nav", Path: "/votes", Order: 420,
		Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Deputy}})
	a.PublicLink(web.NavItem{Key: "vote.public.nav", Path: "/public/votes", Order: 420})

	registerAPI(a)
	registerFollowUpAPI(a)

	a.Page("GET /votes", staffOrDeputy, listPage)
	a.Page("GET /votes/new", web.Staff, newPage)
	a.Page("POST /votes", web.Staff, createPage)
	a.Page("GET /votes/{id}", staffOrDeputy, votePage)
	a.Page("POST /votes/{id}/ballot", web.Roles(auth.Deputy), ballotPage)
	a.Page("POST /votes/{id}/open", web.Staff, actionPage("open"))
	a.Page("POST /votes/{id}/close", web.Staff, actionPage("close"))
	a.Page("POST /votes/{id}/publish", web.Staff, actionPage("publish"))
	a.Page("POST /votes/{id}/tie", web.Staff, tiePage)
	a.Page("POST /votes/{id}/paper", web.Staff, paperPage)
	a.Page("POST /votes/{id}/paper-issue", web.Staff, paperIssuePage)
	a.Page("POST /votes/{id}/projects/{project_id}/progress", web.Staff, progressPage)
	a.Page("POST /votes/{id}/projects/{project_id}/rating", web.Roles(auth.Deputy), ratePage)

	a.HomeCards(func(ctx context.Context, p *auth.Principal) ([]web.Card, error) { return cards(ctx, a.DB, p) })

	a.Page("GET /public/votes", nil, publicListPage)
	a.Page("GET /public/votes/{id}", nil, publicVotePage)
	a.Page("POST /public/votes/{id}/receipt", nil, receiptCheckPage)
}
