package caseweb

import (
	"net/http"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/web"
)

var countyStaff = web.Roles(auth.Admin, auth.County)

func (m *Module) unitAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "POST", Path: "/units", Tag: "units", Summary: "Create a handling unit (county staff)",
		Access: countyStaff, Request: cases.NewUnit{}, Response: cases.Unit{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			var in cases.NewUnit
			if err := c.Decode(&in); err != nil {
				return err
			}
			u, err := m.Cases.CreateUnit(c.Context(), c.User, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, u)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/units", Tag: "units", Summary: "Handling units in the caller's scope",
		Access: web.SignedIn, Response: web.List[cases.Unit]{},
		Query: []web.Param{{Name: "kind"}, {Name: "q", Description: "words in the name"}, {Name: "jurisdiction"}, {Name: "cursor"}, {Name: "limit", Type: "integer"}},
		Handle: func(c *web.Ctx) error {
			limit, err := c.Limit()
			if err != nil {
				return err
			}
			us, next, err := m.Cases.ListUnits(c.Context(), c.User, cases.UnitFilter{Kind: c.Query("kind"), Query: c.Query("q"),
				Jurisdiction: c.Query("jurisdiction"), After: cursor(c), Limit: limit})
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(us, nextCursor(next)))
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/units/{id}", Tag: "units", Summary: "One handling unit",
		Access: web.SignedIn, Response: cases.Unit{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.unit")
			if err != nil {
				return err
			}
			u, err := m.Cases.GetUnit(c.Context(), c.User, id)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, u)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/units/{id}/accounts", Tag: "units", Summary: "Create an account for a handling unit (role unit)",
		Access: countyStaff, Request: cases.UnitAccount{}, Response: auth.User{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.unit")
			if err != nil {
				return err
			}
			var in cases.UnitAccount
			if err := c.Decode(&in); err != nil {
				return err
			}
			u, err := m.Cases.CreateUnitAccount(c.Context(), a.Auth, c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, u)
		},
	})
}
