package liaisonweb

import (
	"net/http"
	"strconv"
	"time"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/errs"
	"renda/internal/liaison"
	"renda/internal/web"
)

// visitsPage lists appointments and visits with the forms to record them.
type visitsPage struct {
	Appointments []liaison.Appointment
	Visits       []liaison.Visit
	Deputies     []cases.Deputy
	Today        string
	CanArrange   bool
}

func (m *Module) visitPages(a *web.App, cs *cases.Service) {
	a.Nav(web.NavItem{Key: "liaison.nav.visits", Path: "/visits", Order: 26, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy}})
	show := func(c *web.Ctx, status int, errMsg string) error {
		page := visitsPage{Today: m.Liaison.Today().Format(time.DateOnly), CanArrange: c.User.Is(auth.Admin, auth.County, auth.Township, auth.Liaison)}
		var err error
		if page.Appointments, err = m.Liaison.ListAppointments(c.Context(), c.User, 100); err != nil {
			return err
		}
		if page.Visits, err = m.Liaison.Visits(c.Context(), c.User, 0, 100); err != nil {
			return err
		}
		if page.Deputies, err = cs.Deputies(c.Context(), c.User, c.User.Scope); err != nil {
			return err
		}
		return c.RenderPage(status, "liaison/visits.html", &web.Page{Title: c.T("liaison.title.visits"), Error: errMsg, Data: page})
	}
	done := func(c *web.Ctx, err error, flash string) error {
		if err != nil {
			if _, ok := errs.As(err); ok {
				return show(c, http.StatusUnprocessableEntity, c.ErrorMessage(err))
			}
			return err
		}
		c.Flash(flash)
		return c.Redirect("/visits")
	}
	f := func(c *web.Ctx, name string) string { return c.R.PostFormValue(name) }
	num := func(c *web.Ctx, name string) int64 { n, _ := strconv.ParseInt(f(c, name), 10, 64); return n }
	a.Page("GET /visits", visitors, func(c *web.Ctx) error { return show(c, http.StatusOK, "") })
	a.Page("POST /visits", visitors, func(c *web.Ctx) error {
		households, _ := strconv.Atoi(f(c, "households"))
		_, err := m.Liaison.RecordVisit(c.Context(), c.User, liaison.Visit{Township: f(c, "township"), Date: f(c, "date"), Purpose: f(c, "purpose"),
			Households: households, Constituents: f(c, "constituents"), Result: f(c, "result"), DeputyIDs: formIDs(c.R.PostForm["deputy_ids"])})
		return done(c, err, "liaison.flash.visit")
	})
	a.Page("POST /appointments", workers, func(c *web.Ctx) error {
		_, err := m.Liaison.RequestAppointment(c.Context(), c.User, liaison.Appointment{Channel: f(c, "channel"), Subject: f(c, "subject"),
			Constituent: cases.Constituent{Name: f(c, "name"), Phone: f(c, "phone")}})
		return done(c, err, "liaison.flash.appointment")
	})
	a.Page("POST /appointments/{id}/arrange", workers, func(c *web.Ctx) error {
		id, err := c.PathID("id", "liaison.entity.appointment")
		if err != nil {
			return err
		}
		_, err = m.Liaison.ArrangeAppointment(c.Context(), c.User, id, liaison.Arrangement{DeputyID: num(c, "deputy_id"),
			MeetAt: f(c, "date") + " " + f(c, "time"), Place: f(c, "place")})
		return done(c, err, "liaison.flash.arranged")
	})
	a.Page("POST /appointments/{id}/held", visitors, func(c *web.Ctx) error {
		id, err := c.PathID("id", "liaison.entity.appointment")
		if err != nil {
			return err
		}
		_, err = m.Liaison.HoldAppointment(c.Context(), c.User, id, liaison.MeetingRecord{Answer: f(c, "answer"), Matter: f(c, "matter")})
		return done(c, err, "liaison.flash.appointment_held")
	})
}
