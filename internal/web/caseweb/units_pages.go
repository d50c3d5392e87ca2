package caseweb

import (
	"net/http"
	"strconv"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/errs"
	"renda/internal/web"
)

type unitsPage struct {
	Units   []*cases.Unit
	Kinds   []string
	Form    cases.NewUnit
	Errors  map[string]string
	CanEdit bool
	Next    string
}

func (m *Module) notFound(entity string) error { return errs.NotFoundErr(entity) }

func (m *Module) unitPages(a *web.App) {
	render := func(c *web.Ctx, status int, form cases.NewUnit, err error) error {
		us, next, lerr := m.Cases.ListUnits(c.Context(), c.User, cases.UnitFilter{Kind: c.Query("kind"), Query: c.Query("q"), After: cursor(c), Limit: 100})
		if lerr != nil {
			return lerr
		}
		if form.Jurisdiction == "" {
			form.Jurisdiction = c.User.Scope
		}
		fe, general := formErrors(c, err)
		page := unitsPage{Units: us, Kinds: cases.UnitKinds, Form: form, Errors: fe, CanEdit: c.User.Is(auth.Admin, auth.County)}
		if next > 0 {
			page.Next = "/units?cursor=" + strconv.FormatInt(next, 10)
		}
		return c.RenderPage(status, "cases/units.html", &web.Page{Title: c.T("cases.title.units"), Error: general, Data: page})
	}
	a.Page("GET /units", web.Staff, func(c *web.Ctx) error { return render(c, http.StatusOK, cases.NewUnit{}, nil) })
	a.Page("POST /units", countyStaff, func(c *web.Ctx) error {
		in := cases.NewUnit{Name: c.R.PostFormValue("name"), Kind: c.R.PostFormValue("kind"), Jurisdiction: c.R.PostFormValue("jurisdiction"), Phone: c.R.PostFormValue("phone")}
		if _, err := m.Cases.CreateUnit(c.Context(), c.User, in); err != nil {
			return render(c, http.StatusUnprocessableEntity, in, err)
		}
		c.Flash("cases.flash.unit_created")
		return c.Redirect("/units")
	})
	a.Page("POST /units/{id}/accounts", countyStaff, func(c *web.Ctx) error {
		id, err := c.PathID("id", "cases.entity.unit")
		if err != nil {
			return err
		}
		in := cases.UnitAccount{Username: c.R.PostFormValue("username"), Password: c.R.PostFormValue("password"), Phone: c.R.PostFormValue("phone")}
		if _, err := m.Cases.CreateUnitAccount(c.Context(), a.Auth, c.User, id, in); err != nil {
			return render(c, http.StatusUnprocessableEntity, cases.NewUnit{}, err)
		}
		c.Flash("cases.flash.unit_account_created")
		return c.Redirect("/units")
	})
}
