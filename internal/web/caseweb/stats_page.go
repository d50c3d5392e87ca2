package caseweb

import (
	"net/http"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/web"
)

type statsPage struct {
	Report *cases.Report
	Filter cases.FigureFilter
}

func (m *Module) statsPage(a *web.App) {
	a.Nav(web.NavItem{Key: "cases.nav.stats", Path: "/stats/handling", Order: 35, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Unit}})
	a.Page("GET /stats/handling", web.Roles(auth.Admin, auth.County, auth.Township, auth.Unit), func(c *web.Ctx) error {
		f, err := figureFilter(c)
		if err != nil {
			return err
		}
		if f.GroupBy == "" && !c.User.Is(auth.Unit) {
			f.GroupBy = "township"
			if len(c.User.Scope) == 9 || f.Township != "" {
				f.GroupBy = "unit"
			}
		}
		r, err := m.Cases.HandlingFigures(c.Context(), c.User, f)
		if err != nil {
			return err
		}
		return c.Render(http.StatusOK, "cases/stats.html", "cases.title.stats", statsPage{Report: r, Filter: f})
	})
}
