package caseweb

import (
	"net/http"
	"strconv"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/web"
)

type statsPage struct {
	Report   *cases.Report
	Filter   cases.FigureFilter
	Settings *cases.Settings // shown to county staff, who may change it
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
		page := statsPage{Report: r, Filter: f}
		if c.User.Is(auth.County) {
			if page.Settings, err = m.Cases.GetSettings(c.Context(), c.User, ""); err != nil {
				return err
			}
		}
		return c.Render(http.StatusOK, "cases/stats.html", "cases.title.stats", page)
	})
	a.Page("POST /cases/settings", countyStaff, func(c *web.Ctx) error {
		amber, _ := strconv.Atoi(c.R.PostFormValue("amber_days"))
		window, _ := strconv.Atoi(c.R.PostFormValue("rating_window_days"))
		if _, err := m.Cases.SetSettings(c.Context(), c.User, cases.Settings{AmberDays: amber, RatingWindowDays: window}); err != nil {
			return err
		}
		c.Flash("cases.flash.settings_saved")
		return c.Redirect("/stats/handling")
	})
}
