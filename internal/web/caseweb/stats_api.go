package caseweb

import (
	"net/http"

	"renda/internal/cases"
	"renda/internal/web"
)

func (m *Module) statsAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "GET", Path: "/stats/handling", Tag: "stats",
		Summary: "Handling figures of a township, county, unit or deputy over a period: totals and rates from 0 to 1",
		Access:  web.SignedIn, Response: cases.Report{},
		Query: []web.Param{
			{Name: "township", Description: "9-digit code"}, {Name: "county", Description: "6-digit code"},
			{Name: "unit", Type: "integer"}, {Name: "deputy", Type: "integer"},
			{Name: "from", Description: "filed on or after, YYYY-MM-DD"}, {Name: "to", Description: "filed on or before, YYYY-MM-DD"},
			{Name: "group", Description: "township or unit: a breakdown"},
		},
		Handle: func(c *web.Ctx) error {
			f, err := figureFilter(c)
			if err != nil {
				return err
			}
			r, err := m.Cases.HandlingFigures(c.Context(), c.User, f)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, r)
		},
	})
}

func figureFilter(c *web.Ctx) (cases.FigureFilter, error) {
	f := cases.FigureFilter{Township: c.Query("township"), County: c.Query("county"), From: c.Query("from"), To: c.Query("to"), GroupBy: c.Query("group")}
	unit, err := c.QueryInt("unit", 0)
	if err != nil {
		return f, err
	}
	deputy, err := c.QueryInt("deputy", 0)
	if err != nil {
		return f, err
	}
	f.UnitID, f.DeputyID = int64(unit), int64(deputy)
	return f, nil
}
