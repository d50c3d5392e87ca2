package meetingweb

import (
	"net/http"

	"renda/internal/meetings"
	"renda/internal/web"
)

type presidiumData struct {
	Year     int
	Meetings []*meetings.PresidiumMeeting
	Quarters []meetings.QuarterRow
	Form     map[string]string
	Errors   map[string]string
	Kinds    []string
}

func (m Module) renderPresidium(c *web.Ctx, status int, form, errors map[string]string) error {
	y, err := year(c, m.now())
	if err != nil {
		return err
	}
	d := presidiumData{Year: y, Form: form, Errors: errors, Kinds: []string{meetings.Regular, meetings.Extra}}
	if d.Meetings, err = meetings.ListPresidiumMeetings(c.Context(), c.App.DB, c.User, "", y); err != nil {
		return err
	}
	if d.Quarters, err = meetings.PresidiumQuarters(c.Context(), c.App.DB, c.User, y, m.now()); err != nil {
		return err
	}
	if form["township"] == "" {
		form["township"] = c.User.Scope
	}
	return c.RenderPage(status, "meetings/presidium.html", &web.Page{Title: c.T("meet.title.presidium"), Data: d})
}

func (m Module) presidiumPage(c *web.Ctx) error {
	return m.renderPresidium(c, http.StatusOK, map[string]string{}, map[string]string{})
}

func (m Module) createPresidiumPage(c *web.Ctx) error {
	form := formOf(c, "township", "date", "kind", "title", "agenda", "heard", "decisions", "minutes")
	_, err := meetings.CreatePresidiumMeeting(c.Context(), c.App.DB, c.User, meetings.PresidiumMeeting{Township: form["township"],
		Date: form["date"], Kind: form["kind"], Title: form["title"], Agenda: form["agenda"], Heard: form["heard"],
		Decisions: form["decisions"], Minutes: form["minutes"]})
	if err != nil {
		fe, err := fieldError(c, err)
		if err != nil {
			return err
		}
		return m.renderPresidium(c, http.StatusUnprocessableEntity, form, fe)
	}
	c.Flash("meet.flash.presidium")
	return c.Redirect("/presidium")
}

func presidiumMeetingPage(c *web.Ctx) error {
	id, err := c.PathID("id", "meet.presidium")
	if err != nil {
		return err
	}
	pm, err := meetings.GetPresidiumMeeting(c.Context(), c.App.DB, c.User, id)
	if err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "meetings/presidium_meeting.html", &web.Page{Title: pm.Title, Data: pm})
}
