package liaisonweb

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"renda/internal/cases"
	"renda/internal/errs"
	"renda/internal/liaison"
	"renda/internal/web"
)

// stationPage is a station's timetable as its staff manage it.
type stationPage struct {
	Station    *liaison.Station
	Receptions []liaison.Reception
	Deputies   []liaison.StationDeputy
	Year       int
	Created    int
	Uncovered  int
}

type holdPage struct {
	Reception *liaison.Reception
	Deputies  []liaison.StationDeputy
	Matters   []int
}

func formIDs(vals []string) []int64 {
	var out []int64
	for _, v := range vals {
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func (m *Module) staffPages(a *web.App) {
	show := func(c *web.Ctx, status int, errMsg string) error {
		id, err := c.PathID("id", "liaison.entity.station")
		if err != nil {
			return err
		}
		st, err := m.Liaison.StationFor(c.Context(), c.User, id)
		if err != nil {
			return err
		}
		page := stationPage{Station: st, Year: m.Liaison.Today().Year()}
		if page.Receptions, err = m.Liaison.ListReceptions(c.Context(), c.User, liaison.ReceptionFilter{StationID: id,
			From: m.Liaison.Today().AddDate(0, -3, 0).Format(time.DateOnly)}); err != nil {
			return err
		}
		if page.Deputies, err = m.Liaison.StationDeputies(c.Context(), c.User, id); err != nil {
			return err
		}
		return c.RenderPage(status, "liaison/station.html", &web.Page{Title: st.Name, Error: errMsg, Data: page})
	}
	a.Page("GET /stations/{id}/timetable", workers, func(c *web.Ctx) error { return show(c, http.StatusOK, "") })
	a.Page("POST /stations/{id}/timetable", workers, func(c *web.Ctx) error {
		id, err := c.PathID("id", "liaison.entity.station")
		if err != nil {
			return err
		}
		year, _ := strconv.Atoi(c.R.PostFormValue("year"))
		per, _ := strconv.Atoi(c.R.PostFormValue("per_month"))
		wd, _ := strconv.Atoi(c.R.PostFormValue("weekday"))
		if _, err := m.Liaison.Generate(c.Context(), c.User, id, liaison.Rule{Year: year, PerMonth: per, Weekday: wd}); err != nil {
			if _, ok := errs.As(err); ok {
				return show(c, http.StatusUnprocessableEntity, c.ErrorMessage(err))
			}
			return err
		}
		c.Flash("liaison.flash.generated")
		return c.Redirect("/stations/" + strconv.FormatInt(id, 10) + "/timetable")
	})
	a.Page("POST /stations/{id}/receptions", workers, func(c *web.Ctx) error {
		id, err := c.PathID("id", "liaison.entity.station")
		if err != nil {
			return err
		}
		f := c.R.PostFormValue
		in := liaison.Reception{Date: f("date"), Starts: f("starts"), Ends: f("ends"), Place: f("place"), Topic: f("topic"),
			OfficerName: f("officer_name"), OfficerPhone: f("officer_phone"), DeputyIDs: formIDs(c.R.PostForm["deputy_ids"])}
		if _, err := m.Liaison.AddReception(c.Context(), c.User, id, in); err != nil {
			if _, ok := errs.As(err); ok {
				return show(c, http.StatusUnprocessableEntity, c.ErrorMessage(err))
			}
			return err
		}
		c.Flash("liaison.flash.added")
		return c.Redirect("/stations/" + strconv.FormatInt(id, 10) + "/timetable")
	})
	holdForm := func(c *web.Ctx, status int, errMsg string) error {
		id, err := c.PathID("id", "liaison.entity.reception")
		if err != nil {
			return err
		}
		r, err := m.Liaison.GetReception(c.Context(), c.User, id)
		if err != nil {
			return err
		}
		deps, err := m.Liaison.StationDeputies(c.Context(), c.User, r.StationID)
		if err != nil {
			return err
		}
		return c.RenderPage(status, "liaison/hold.html", &web.Page{Title: c.T("liaison.title.hold"), Error: errMsg,
			Data: holdPage{Reception: r, Deputies: deps, Matters: []int{1, 2, 3, 4, 5}}})
	}
	a.Page("GET /receptions/{id}/hold", workers, func(c *web.Ctx) error { return holdForm(c, http.StatusOK, "") })
	a.Page("POST /receptions/{id}/hold", workers, func(c *web.Ctx) error {
		id, err := c.PathID("id", "liaison.entity.reception")
		if err != nil {
			return err
		}
		f := c.R.PostFormValue
		visitors, _ := strconv.Atoi(f("visitors"))
		in := liaison.Held{Visitors: visitors, PresentDeputyIDs: formIDs(c.R.PostForm["present_deputy_ids"]), Summary: f("summary")}
		for i := 1; i <= 5; i++ {
			n := strconv.Itoa(i)
			if strings.TrimSpace(f("body"+n)) == "" {
				continue
			}
			in.Matters = append(in.Matters, liaison.Matter{Title: f("title" + n), Body: f("body" + n),
				Constituent: cases.Constituent{Name: f("name" + n), Phone: f("phone" + n)}})
		}
		r, err := m.Liaison.Hold(c.Context(), c.User, id, in)
		if err != nil {
			if _, ok := errs.As(err); ok {
				return holdForm(c, http.StatusUnprocessableEntity, c.ErrorMessage(err))
			}
			return err
		}
		c.Flash("liaison.flash.held")
		return c.Redirect("/stations/" + strconv.FormatInt(r.Reception.StationID, 10) + "/timetable")
	})
}

// returnVisitPage records a return visit from an opinion's page.
func (m *Module) returnVisitPage(a *web.App) {
	a.Page("POST /opinions/{id}/return-visit", visitors, func(c *web.Ctx) error {
		id, err := c.PathID("id", "cases.entity.opinion")
		if err != nil {
			return err
		}
		f := c.R.PostFormValue
		in := liaison.Visit{Date: f("date"), Result: f("result"), Satisfaction: f("satisfaction")}
		if _, _, err := m.Liaison.ReturnVisit(c.Context(), c.User, id, in); err != nil {
			return err
		}
		c.Flash("liaison.flash.return_visit")
		return c.Redirect("/opinions/" + strconv.FormatInt(id, 10))
	})
}
