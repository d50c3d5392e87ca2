package liaisonweb

import (
	"net/http"
	"time"

	"renda/internal/liaison"
	"renda/internal/web"
)

type timetablePage struct {
	Station    *liaison.Station
	Receptions []liaison.Reception
	Year       int
}

func (m *Module) pages(a *web.App) {
	public := func(name string, year bool) func(c *web.Ctx) error {
		return func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.station")
			if err != nil {
				return err
			}
			st, err := m.Liaison.PublicStation(c.Context(), id)
			if err != nil {
				return err
			}
			// The poster covers the coming twelve months, named by the year
			// it starts in.
			now := m.Liaison.Today()
			page := timetablePage{Station: st, Year: now.Year()}
			to := ""
			if year {
				to = now.AddDate(1, 0, 0).Format(time.DateOnly)
			}
			if page.Receptions, err = m.Liaison.PublicTimetable(c.Context(), id, "", to); err != nil {
				return err
			}
			return c.Render(http.StatusOK, name, "liaison.title.timetable", page)
		}
	}
	a.Page("GET /stations/{id}/receptions", nil, public("liaison/timetable.html", false))
	a.Page("GET /stations/{id}/receptions/poster", nil, public("liaison/poster.html", true))
	a.Page("GET /receptions", visitors, func(c *web.Ctx) error {
		rs, err := m.Liaison.ListReceptions(c.Context(), c.User, liaison.ReceptionFilter{From: m.Liaison.Today().Format(time.DateOnly), Limit: 100})
		if err != nil {
			return err
		}
		return c.Render(http.StatusOK, "liaison/receptions.html", "liaison.title.receptions", rs)
	})
}
