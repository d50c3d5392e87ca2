package caseweb

import (
	"net/http"

	"renda/internal/cases"
	"renda/internal/web"
)

func (m *Module) settingsAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "GET", Path: "/cases/settings", Tag: "follow-up", Summary: "A county's follow-up thresholds: amber days and rating window",
		Access: web.Staff, Response: cases.Settings{}, Query: []web.Param{{Name: "county", Description: "6-digit code; the caller's county by default"}},
		Handle: func(c *web.Ctx) error {
			st, err := m.Cases.GetSettings(c.Context(), c.User, c.Query("county"))
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, st)
		},
	})
	a.API(web.Endpoint{
		Method: "PUT", Path: "/cases/settings", Tag: "follow-up", Summary: "Set a county's follow-up thresholds (county staff)",
		Access: countyStaff, Request: cases.Settings{}, Response: cases.Settings{},
		Handle: func(c *web.Ctx) error {
			var in cases.Settings
			if err := c.Decode(&in); err != nil {
				return err
			}
			st, err := m.Cases.SetSettings(c.Context(), c.User, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, st)
		},
	})
}
