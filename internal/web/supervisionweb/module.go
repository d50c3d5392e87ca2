// Package supervisionweb serves supervision: the annual plan and activities
// under /api/v1/supervision, recommendations and rectification under
// /api/v1/recommendations, ratings under /api/v1/ratings, work plans under
// /api/v1/work-plans, their staff pages, the public page where a rater uses
// a one-time code, and the home-page figures of overdue rectifications and
// lagging plans.
package supervisionweb

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

// Module is the supervision part of the web app.
type Module struct {
	// Now is the clock colours and lags are judged by; nil is time.Now.
	Now func() time.Time
}

func (m Module) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// Register lists every route of supervision.
func (m Module) Register(a *web.App) {
	sub, _ := fs.Sub(templateFiles, "templates")
	a.Templates("supervision", sub)
	staff := []auth.Role{auth.Admin, auth.County, auth.Township}
	a.Nav(web.NavItem{Key: "sup.nav.supervision", Path: "/supervision", Order: 430, Roles: staff},
		web.NavItem{Key: "sup.nav.rectification", Path: "/rectification", Order: 431, Roles: staff},
		web.NavItem{Key: "sup.nav.ratings", Path: "/ratings", Order: 432, Roles: staff},
		web.NavItem{Key: "sup.nav.plans", Path: "/work-plans", Order: 433, Roles: staff})

	m.registerAPI(a)
	m.registerRatingAPI(a)
	m.registerPlanAPI(a)

	a.Page("GET /supervision", web.Staff, m.supervisionPage)
	a.Page("POST /supervision/topics", web.Staff, m.topicPage)
	a.Page("POST /supervision/activities", web.Staff, m.activityCreatePage)
	a.Page("GET /supervision/activities/{id}", web.Staff, activityPage)
	a.Page("POST /supervision/activities/{id}/recommendations", web.Staff, recommendationCreatePage)
	a.Page("GET /rectification", web.Staff, m.rectificationPage)
	a.Page("GET /rectification/{id}", web.Staff, recommendationPage)
	a.Page("POST /rectification/{id}/plan", web.Staff, recActionPage("plan"))
	a.Page("POST /rectification/{id}/progress", web.Staff, recActionPage("progress"))
	a.Page("POST /rectification/{id}/close", web.Staff, recActionPage("close"))
	a.Page("GET /ratings", web.Staff, m.ratingsPage)
	a.Page("POST /ratings", web.Staff, m.ratingCreatePage)
	a.Page("GET /ratings/{id}", web.Staff, ratingPage)
	a.Page("POST /ratings/{id}/codes", web.Staff, ratingCodesPage)
	a.Page("POST /ratings/{id}/paper", web.Staff, ratingPaperPage)
	a.Page("POST /ratings/{id}/close", web.Staff, ratingClosePage)
	a.Page("GET /rate/{id}", nil, codeBallotPage)
	a.Page("POST /rate/{id}", nil, codeBallotPostPage)
	a.Page("GET /work-plans", web.Staff, m.plansPage)
	a.Page("POST /work-plans", web.Staff, m.planCreatePage)
	a.Page("GET /work-plans/{id}", web.Staff, m.planPage)
	a.Page("POST /work-plans/{id}/items", web.Staff, m.itemCreatePage)
	a.Page("POST /work-plan-items/{id}/progress", web.Staff, m.itemProgressPage)

	a.HomeCards(func(ctx context.Context, p *auth.Principal) ([]web.Card, error) { return m.cards(ctx, a.DB, p) })
}
