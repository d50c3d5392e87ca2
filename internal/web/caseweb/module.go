// Package caseweb is the web face of the cases domain: the API and pages for
// handling units, opinions (staff entry, the public form and tracking),
// suggestions and motions, their handling, follow-up, campaigns and figures.
package caseweb

import (
	"embed"
	"io/fs"
	"net"
	"net/http"
	"strconv"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/web"
)

//go:embed templates
var templates embed.FS

// Module registers the routes of the cases domain.
type Module struct {
	Cases  *cases.Service
	Intake *cases.Intake
}

// New makes the module on a service, with the default flood limits.
func New(svc *cases.Service) *Module {
	return &Module{Cases: svc, Intake: svc.NewIntake(cases.DefaultLimits)}
}

// Register lists every route of the domain.
func (m *Module) Register(a *web.App) {
	sub, _ := fs.Sub(templates, "templates")
	a.Templates("cases", sub)
	m.unitAPI(a)
	m.opinionAPI(a)
	m.publicAPI(a)
	m.suggestionAPI(a)
	m.handlingAPI(a)
	m.statsAPI(a)
	m.followupAPI(a)
	m.campaignAPI(a)
	m.settingsAPI(a)
	m.campaignPages(a)
	m.pages(a)
	m.publicPages(a)
	a.Nav(
		web.NavItem{Key: "cases.nav.opinions", Path: "/opinions", Order: 30, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy}},
		web.NavItem{Key: "cases.nav.suggestions", Path: "/suggestions", Order: 31, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Deputy}},
		web.NavItem{Key: "cases.nav.assigned", Path: "/handling", Order: 32, Roles: []auth.Role{auth.Unit}},
		web.NavItem{Key: "cases.nav.units", Path: "/units", Order: 36, Roles: []auth.Role{auth.Admin, auth.County, auth.Township}},
	)
	a.PublicLink(
		web.NavItem{Key: "cases.nav.submit", Path: "/submit", Order: 30},
		web.NavItem{Key: "cases.nav.track", Path: "/track", Order: 31},
	)
	a.HomeCards(m.homeCards)
}

// clientAddr is the client's address for the flood limit.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// cursor parses the ?cursor= of a list.
func cursor(c *web.Ctx) int64 {
	n, _ := strconv.ParseInt(c.Query("cursor"), 10, 64)
	return n
}

func nextCursor(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
