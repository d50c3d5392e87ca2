// Package meetingweb serves congress sessions and presidium meetings: the
// API under /api/v1/terms, /api/v1/sessions and /api/v1/presidium-meetings,
// the staff pages under /sessions and /presidium, and the home-page figures
// that flag a missed session or quarter.
package meetingweb

import (
	"context"
	"embed"
	"io/fs"
	"time"

	"renda/internal/auth"
	"renda/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Module is the meetings part of the web app.
type Module struct {
	// Now is the clock the quarter checks use; nil is time.Now.
	Now func() time.Time
}

func (m Module) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// Register lists every route of meetings.
func (m Module) Register(a *web.App) {
	sub, _ := fs.Sub(templateFiles, "templates")
	a.Templates("meetings", sub)
	staff := []auth.Role{auth.Admin, auth.County, auth.Township}
	a.Nav(web.NavItem{Key: "meet.nav.sessions", Path: "/sessions", Order: 400, Roles: staff},
		web.NavItem{Key: "meet.nav.presidium", Path: "/presidium", Order: 410, Roles: staff})

	a.PublicLink(web.NavItem{Key: "meet.nav.public_sessions", Path: "/public/sessions", Order: 400})

	m.registerAPI(a)
	registerDocumentAPI(a)

	a.Page("GET /sessions", web.Staff, m.sessionsPage)
	a.Page("GET /sessions/new", web.Staff, newSessionPage)
	a.Page("POST /sessions", web.Staff, createSessionPage)
	a.Page("POST /sessions/terms", web.Staff, createTermPage)
	a.Page("GET /sessions/{id}", web.Staff, sessionPage)
	a.Page("POST /sessions/{id}/attendance", web.Staff, attendancePage)
	a.Page("POST /sessions/{id}/speeches", web.Staff, speechPage)
	a.Page("POST /sessions/{id}/resolutions", web.Staff, resolutionPage)
	a.Page("POST /sessions/{id}/documents", web.Staff, documentPage)
	a.Page("POST /sessions/{id}/documents/{doc_id}/files", web.Staff, documentFilePage)
	a.Page("POST /sessions/{id}/publish", web.Staff, publishPage)
	a.Page("GET /public/sessions", nil, publicSessionsPage)
	a.Page("GET /public/sessions/{id}", nil, publicSessionPage)
	a.Page("GET /public/sessions/{id}/files/{file_id}", nil, fileDownload)
	a.Page("GET /presidium", web.Staff, m.presidiumPage)
	a.Page("POST /presidium", web.Staff, m.createPresidiumPage)
	a.Page("GET /presidium/{id}", web.Staff, presidiumMeetingPage)

	a.HomeCards(func(ctx context.Context, p *auth.Principal) ([]web.Card, error) { return m.cards(ctx, a.DB, p) })
}
