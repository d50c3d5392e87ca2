package caseweb

import (
	"net/http"
	"strconv"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/web"
)

// casePage is the page of one opinion or suggestion: what it is, where it
// stands, its history, and the forms the user may act with.
type casePage struct {
	*Detail
	Deputies map[int64]string
	Letters  []cases.Letter
	Meetings []cases.Meeting
	Units    []*cases.Unit
	Routes   []string
	Grades   []string
	Can      map[string]bool
}

func (m *Module) casePage(c *web.Ctx, kind cases.Kind, status int, errMsg string) error {
	d, err := m.detail(c, kind)
	if err != nil {
		return err
	}
	ctx, p, cs := c.Context(), c.User, d.Case
	page := casePage{Detail: d, Routes: cases.Routes, Grades: cases.Grades, Can: map[string]bool{}}
	if page.Deputies, err = m.Cases.DeputyNames(ctx, p, cs.DeputyIDs); err != nil {
		return err
	}
	if page.Letters, err = m.Cases.Letters(ctx, p, cs.ID); err != nil {
		return err
	}
	if page.Meetings, err = m.Cases.Meetings(ctx, p, cs.ID); err != nil {
		return err
	}
	staff := p.Role.Staff()
	page.Can["route"] = staff && cs.Kind == cases.Opinion && cs.Status == cases.Received
	page.Can["merge"] = page.Can["route"]
	page.Can["assign"] = staff && (cs.Status == cases.Filed || cs.Status == cases.Forwarded || cs.Status == cases.Returned)
	page.Can["reply"] = p.Is(auth.Unit) && cs.LeadUnitID == p.UnitID && cs.Status.Open()
	page.Can["return"] = p.Is(auth.Unit) && cs.Status == cases.Assigned
	page.Can["rate"] = cs.Status == cases.Replied && cs.Kind != cases.Opinion && p.Is(auth.Deputy) && p.DeputyID == cs.LeadDeputyID
	// An opinion is rated by the constituent at the return visit, recorded
	// by the liaison pages; a closed one may be reopened by an unhappy visit.
	page.Can["visit"] = cs.Kind == cases.Opinion && (cs.Status == cases.Replied || cs.Status == cases.Closed) &&
		p.Is(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy)
	page.Can["followup"] = staff && cs.Status.Open()
	page.Can["meeting"] = staff && cs.LeadUnitID != 0
	page.Can["leader"] = staff
	if page.Can["route"] || page.Can["assign"] {
		if page.Units, _, err = m.Cases.ListUnits(ctx, p, cases.UnitFilter{Limit: 200}); err != nil {
			return err
		}
	}
	title := "cases.title.opinion"
	if cs.Kind != cases.Opinion {
		title = "cases.title.suggestion"
	}
	return c.RenderPage(status, "cases/case.html", &web.Page{Title: c.T(title) + " · " + cs.Title, Error: errMsg, Data: page})
}

// actionPages are the forms of the handling path; each redirects back to
// the case, or shows the case again with the message on a refusal.
func (m *Module) actionPages(a *web.App) {
	act := func(pattern string, access web.Access, flash string, fn func(c *web.Ctx, id int64) (*cases.Case, error)) {
		a.Page(pattern, access, func(c *web.Ctx) error {
			id, err := c.PathID("id", "cases.entity.case")
			if err != nil {
				return err
			}
			before, err := m.Cases.Get(c.Context(), c.User, id)
			if err != nil {
				return err
			}
			kind := before.Kind
			if _, err := fn(c, id); err != nil {
				c.R.SetPathValue("id", strconv.FormatInt(id, 10))
				_, general := formErrors(c, err)
				if general == "" {
					general = c.ErrorMessage(err)
				}
				return m.casePage(c, kind, http.StatusUnprocessableEntity, general)
			}
			c.Flash(flash)
			if c.User.Is(auth.Unit) && flash == "cases.flash.returned" {
				return c.Redirect("/handling")
			}
			return c.Redirect(detailPath(before))
		})
	}
	form := func(c *web.Ctx, name string) string { return c.R.PostFormValue(name) }
	num := func(c *web.Ctx, name string) int64 { n, _ := strconv.ParseInt(form(c, name), 10, 64); return n }
	act("POST /cases/{id}/route", web.Staff, "cases.flash.routed", func(c *web.Ctx, id int64) (*cases.Case, error) {
		return m.Cases.Route(c.Context(), c.User, id, cases.Routing{Route: form(c, "route"), UnitID: num(c, "unit_id"),
			SuggestionID: num(c, "suggestion_id"), Due: form(c, "due"), Note: form(c, "note")})
	})
	act("POST /cases/{id}/merge", web.Staff, "cases.flash.merged", func(c *web.Ctx, id int64) (*cases.Case, error) {
		res, err := m.Cases.Merge(c.Context(), c.User, num(c, "into"), []int64{id})
		if err != nil {
			return nil, err
		}
		return res.Case, nil
	})
	act("POST /cases/{id}/assign", web.Staff, "cases.flash.assigned", func(c *web.Ctx, id int64) (*cases.Case, error) {
		hard := form(c, "hard") != ""
		return m.Cases.Assign(c.Context(), c.User, id, cases.Assignment{LeadUnitID: num(c, "lead_unit_id"),
			CoUnitIDs: ids(c.R.PostForm["co_unit_ids"]), Due: form(c, "due"), Hard: &hard})
	})
	act("POST /cases/{id}/return", unitPages, "cases.flash.returned", func(c *web.Ctx, id int64) (*cases.Case, error) {
		return m.Cases.Return(c.Context(), c.User, id, form(c, "reason"))
	})
	act("POST /cases/{id}/reply", unitPages, "cases.flash.replied", func(c *web.Ctx, id int64) (*cases.Case, error) {
		return m.Cases.Reply(c.Context(), c.User, id, cases.Reply{Grade: form(c, "grade"), Text: form(c, "text"), PublicText: form(c, "public_text")})
	})
	act("POST /cases/{id}/rating", web.SignedIn, "cases.flash.rated", func(c *web.Ctx, id int64) (*cases.Case, error) {
		return m.Cases.Rate(c.Context(), c.User, id, cases.Rating{Satisfaction: form(c, "satisfaction"), Note: form(c, "note")})
	})
	act("POST /cases/{id}/letters", web.Staff, "cases.flash.letter_sent", func(c *web.Ctx, id int64) (*cases.Case, error) {
		_, err := m.Cases.SendLetter(c.Context(), c.User, id, cases.NewLetter{Text: form(c, "text")})
		return nil, err
	})
	act("POST /cases/{id}/meetings", web.Staff, "cases.flash.meeting_recorded", func(c *web.Ctx, id int64) (*cases.Case, error) {
		_, err := m.Cases.RecordMeeting(c.Context(), c.User, id, cases.Meeting{HeldOn: form(c, "held_on"), Place: form(c, "place"),
			Attendees: form(c, "attendees"), Minutes: form(c, "minutes"), Decisions: form(c, "decisions")})
		return nil, err
	})
	act("POST /cases/{id}/key-leader", web.Staff, "cases.flash.leader_set", func(c *web.Ctx, id int64) (*cases.Case, error) {
		return m.Cases.SetKeyLeader(c.Context(), c.User, id, form(c, "leader"))
	})
	a.Page("GET /cases/{id}/letters/{letter}", web.SignedIn, func(c *web.Ctx) error {
		id, err := c.PathID("id", "cases.entity.case")
		if err != nil {
			return err
		}
		lid, err := c.PathID("letter", "cases.entity.letter")
		if err != nil {
			return err
		}
		ls, err := m.Cases.Letters(c.Context(), c.User, id)
		if err != nil {
			return err
		}
		for _, l := range ls {
			if l.ID == lid {
				return c.Render(http.StatusOK, "cases/letter.html", "cases.title.letter", l)
			}
		}
		return m.notFound("cases.entity.letter")
	})
}
