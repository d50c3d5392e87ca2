// Package liaisonweb is the web face of the liaison domain: reception
// timetables and their public notice and poster, receptions held,
// appointments, visits and return visits.
package liaisonweb

import (
	"embed"
	"io/fs"
	"net/http"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/liaison"
	"renda/internal/web"
)

//go:embed templates
var templates embed.FS

// Module registers the liaison routes.
type Module struct {
	Liaison *liaison.Service
}

// New makes the module on the liaison service (whose cases service takes
// the opinions raised).
func New(svc *liaison.Service) *Module { return &Module{Liaison: svc} }

var (
	workers  = web.Roles(auth.Admin, auth.County, auth.Township, auth.Liaison)
	visitors = web.Roles(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy)
)

// Register lists every route of the domain.
func (m *Module) Register(a *web.App) {
	sub, _ := fs.Sub(templates, "templates")
	a.Templates("liaison", sub)
	m.receptionAPI(a)
	m.visitAPI(a)
	m.pages(a)
	m.staffPages(a)
	m.returnVisitPage(a)
	m.visitPages(a, m.Liaison.Cases)
	a.HomeCards(m.homeCards)
	a.Nav(web.NavItem{Key: "liaison.nav.receptions", Path: "/receptions", Order: 25, Roles: []auth.Role{auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy}})
}

func (m *Module) receptionAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "POST", Path: "/stations/{id}/timetable", Tag: "receptions", Summary: "Generate a station's reception days for a year by rule",
		Access: workers, Request: liaison.Rule{}, Response: liaison.Timetable{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.station")
			if err != nil {
				return err
			}
			var in liaison.Rule
			if err := c.Decode(&in); err != nil {
				return err
			}
			tt, err := m.Liaison.Generate(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, tt)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/stations/{id}/receptions", Tag: "receptions", Summary: "Schedule one reception day",
		Access: workers, Request: liaison.Reception{}, Response: liaison.Reception{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.station")
			if err != nil {
				return err
			}
			var in liaison.Reception
			if err := c.Decode(&in); err != nil {
				return err
			}
			r, err := m.Liaison.AddReception(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, r)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/receptions", Tag: "receptions", Summary: "Reception days: staff their jurisdiction's, officers their station's, deputies their own",
		Access: web.SignedIn, Response: []liaison.Reception{},
		Query: []web.Param{{Name: "station", Type: "integer"}, {Name: "from"}, {Name: "to"}},
		Handle: func(c *web.Ctx) error {
			st, err := c.QueryInt("station", 0)
			if err != nil {
				return err
			}
			rs, err := m.Liaison.ListReceptions(c.Context(), c.User, liaison.ReceptionFilter{StationID: int64(st), From: c.Query("from"), To: c.Query("to")})
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, rs)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/receptions/{id}", Tag: "receptions", Summary: "One reception day", Access: workers, Response: liaison.Reception{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.reception")
			if err != nil {
				return err
			}
			r, err := m.Liaison.GetReception(c.Context(), c.User, id)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, r)
		},
	})
	a.API(web.Endpoint{
		Method: "PUT", Path: "/receptions/{id}", Tag: "receptions", Summary: "Edit a scheduled reception (a new date is a new announcement)",
		Access: workers, Request: liaison.Reception{}, Response: liaison.Reception{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.reception")
			if err != nil {
				return err
			}
			var in liaison.Reception
			if err := c.Decode(&in); err != nil {
				return err
			}
			r, err := m.Liaison.UpdateReception(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, r)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/receptions/{id}/cancel", Tag: "receptions", Summary: "Cancel a scheduled reception", Access: workers, Response: liaison.Reception{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.reception")
			if err != nil {
				return err
			}
			r, err := m.Liaison.CancelReception(c.Context(), c.User, id)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, r)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/receptions/{id}/held", Tag: "receptions",
		Summary: "Record a reception held: visitors, deputies present (duty records) and matters raised (opinions)",
		Access:  workers, Request: liaison.Held{}, Response: liaison.HeldResult{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.reception")
			if err != nil {
				return err
			}
			var in liaison.Held
			if err := c.Decode(&in); err != nil {
				return err
			}
			r, err := m.Liaison.Hold(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, r)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/public/stations/{id}/receptions", Tag: "public", Public: true,
		Summary: "A station's coming reception days, as announced publicly", Response: []liaison.Reception{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.station")
			if err != nil {
				return err
			}
			if _, err := m.Liaison.PublicStation(c.Context(), id); err != nil {
				return err
			}
			rs, err := m.Liaison.PublicTimetable(c.Context(), id, "", "")
			if err != nil {
				return err
			}
			for i := range rs {
				rs[i].Summary, rs[i].Visitors = "", 0
			}
			return c.JSON(http.StatusOK, rs)
		},
	})
}

type visitResult struct {
	Visit *liaison.Visit `json:"visit"`
	Case  *cases.Case    `json:"opinion"`
}

func (m *Module) visitAPI(a *web.App) {
	a.API(web.Endpoint{
		Method: "POST", Path: "/appointments", Tag: "appointments", Summary: "Record a constituent's request to meet a deputy",
		Access: workers, Request: liaison.Appointment{}, Response: liaison.Appointment{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			var in liaison.Appointment
			if err := c.Decode(&in); err != nil {
				return err
			}
			ap, err := m.Liaison.RequestAppointment(c.Context(), c.User, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, ap)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/appointments/{id}/arrange", Tag: "appointments", Summary: "Arrange a deputy, time and place",
		Access: workers, Request: liaison.Arrangement{}, Response: liaison.Appointment{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.appointment")
			if err != nil {
				return err
			}
			var in liaison.Arrangement
			if err := c.Decode(&in); err != nil {
				return err
			}
			ap, err := m.Liaison.ArrangeAppointment(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, ap)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/appointments/{id}/held", Tag: "appointments", Summary: "Record the meeting and the deputy's answer",
		Access: visitors, Request: liaison.MeetingRecord{}, Response: liaison.Appointment{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "liaison.entity.appointment")
			if err != nil {
				return err
			}
			var in liaison.MeetingRecord
			if err := c.Decode(&in); err != nil {
				return err
			}
			ap, err := m.Liaison.HoldAppointment(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, ap)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/visits", Tag: "visits", Summary: "Record deputies' visit to constituents at home",
		Access: visitors, Request: liaison.Visit{}, Response: liaison.Visit{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			var in liaison.Visit
			if err := c.Decode(&in); err != nil {
				return err
			}
			v, err := m.Liaison.RecordVisit(c.Context(), c.User, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, v)
		},
	})
	a.API(web.Endpoint{
		Method: "GET", Path: "/visits", Tag: "visits", Summary: "Visits and return visits", Access: visitors, Response: []liaison.Visit{},
		Query: []web.Param{{Name: "opinion", Type: "integer"}},
		Handle: func(c *web.Ctx) error {
			op, err := c.QueryInt("opinion", 0)
			if err != nil {
				return err
			}
			vs, err := m.Liaison.Visits(c.Context(), c.User, int64(op), 100)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, vs)
		},
	})
	a.API(web.Endpoint{
		Method: "POST", Path: "/opinions/{id}/return-visits", Tag: "visits",
		Summary: "Record a return visit with the constituent's rating; an unhappy one reopens the matter",
		Access:  visitors, Request: liaison.Visit{}, Response: visitResult{}, Status: http.StatusCreated,
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.opinion")
			if err != nil {
				return err
			}
			var in liaison.Visit
			if err := c.Decode(&in); err != nil {
				return err
			}
			v, cs, err := m.Liaison.ReturnVisit(c.Context(), c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, visitResult{Visit: v, Case: cs})
		},
	})
}
