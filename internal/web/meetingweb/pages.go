package meetingweb

import (
	"net/http"
	"strconv"
	"strings"

	"renda/internal/errs"
	"renda/internal/meetings"
	"renda/internal/web"
)

type sessionsData struct {
	Sessions []*meetings.Session
	Yearly   []meetings.SessionYear
	Year     int
	Next     string
}

func (m Module) sessionsPage(c *web.Ctx) error {
	y, err := year(c, m.now())
	if err != nil {
		return err
	}
	ss, _, err := meetings.ListSessions(c.Context(), c.App.DB, c.User, meetings.SessionFilter{Limit: 100})
	if err != nil {
		return err
	}
	d := sessionsData{Sessions: ss, Year: y}
	if len(c.User.Scope) < 9 && len(c.User.Scope) >= 6 {
		if d.Yearly, err = meetings.SessionsByTownship(c.Context(), c.App.DB, c.User, y); err != nil {
			return err
		}
	}
	return c.Render(http.StatusOK, "meetings/sessions.html", "meet.title.sessions", d)
}

type newSessionData struct {
	Terms  []meetings.Term
	Form   map[string]string
	Errors map[string]string
}

func renderNewSession(c *web.Ctx, status int, form, errors map[string]string) error {
	ts, err := meetings.Terms(c.Context(), c.App.DB, c.User, "")
	if err != nil {
		return err
	}
	if form["congress"] == "" {
		form["congress"] = c.User.Scope
	}
	return c.RenderPage(status, "meetings/session_new.html", &web.Page{Title: c.T("meet.title.new_session"),
		Data: newSessionData{Terms: ts, Form: form, Errors: errors}})
}

func newSessionPage(c *web.Ctx) error {
	return renderNewSession(c, http.StatusOK, map[string]string{}, map[string]string{})
}

// formOf keeps what was typed, to show again with the error.
func formOf(c *web.Ctx, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n] = c.R.PostForm.Get(n)
	}
	return out
}

// fieldError places a user error under its field (its first path part).
func fieldError(c *web.Ctx, err error) (map[string]string, error) {
	e, ok := errs.As(err)
	if !ok {
		return nil, err
	}
	f, _, _ := strings.Cut(e.Field, "[")
	f, _, _ = strings.Cut(f, ".")
	if f == "" {
		f = "form"
	}
	return map[string]string{f: e.Message(c.Lang)}, nil
}

func createSessionPage(c *web.Ctx) error {
	form := formOf(c, "congress", "term_id", "number", "start", "end", "place", "agenda")
	termID, _ := strconv.ParseInt(form["term_id"], 10, 64)
	number, _ := strconv.Atoi(form["number"])
	var agenda []string
	for _, l := range strings.Split(form["agenda"], "\n") {
		if l = strings.TrimSpace(l); l != "" {
			agenda = append(agenda, l)
		}
	}
	s, err := meetings.CreateSession(c.Context(), c.App.DB, c.User, meetings.NewSession{Congress: form["congress"], TermID: termID,
		Number: number, Start: form["start"], End: form["end"], Place: form["place"], Agenda: agenda})
	if err != nil {
		fe, err := fieldError(c, err)
		if err != nil {
			return err
		}
		return renderNewSession(c, http.StatusUnprocessableEntity, form, fe)
	}
	c.Flash("meet.flash.session_created")
	return c.Redirect(web.Pathf("/sessions/%d", s.ID))
}

func createTermPage(c *web.Ctx) error {
	form := formOf(c, "term_congress", "name", "term_start", "term_end")
	_, err := meetings.CreateTerm(c.Context(), c.App.DB, c.User, meetings.Term{Congress: form["term_congress"], Name: form["name"],
		Start: form["term_start"], End: form["term_end"]})
	if err != nil {
		fe, err := fieldError(c, err)
		if err != nil {
			return err
		}
		for k, v := range fe {
			fe["term_"+k] = v
		}
		return renderNewSession(c, http.StatusUnprocessableEntity, form, fe)
	}
	c.Flash("meet.flash.term_created")
	return c.Redirect("/sessions/new")
}

type sessionData struct {
	Session       *meetings.Session
	DocumentKinds []string
	Statuses      []string
	Accept        string // the report files the file inputs offer
}

// acceptDocuments are the report files offered: PDF, Word, Excel, WPS.
const acceptDocuments = ".pdf,.doc,.docx,.xls,.xlsx,.wps"

func renderSession(c *web.Ctx, status int, id int64, msg string) error {
	s, err := meetings.GetSession(c.Context(), c.App.DB, c.User, id)
	if err != nil {
		return err
	}
	return c.RenderPage(status, "meetings/session.html", &web.Page{Title: s.Title, Error: msg, Data: sessionData{Session: s,
		DocumentKinds: meetings.DocumentKinds, Statuses: []string{meetings.Present, meetings.Leave, meetings.Absent}, Accept: acceptDocuments}})
}

func sessionPage(c *web.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	return renderSession(c, http.StatusOK, id, "")
}

// afterWrite shows the session again with the refusal, or goes back to it.
func afterWrite(c *web.Ctx, id int64, err error, flash string) error {
	if err != nil {
		e, ok := errs.As(err)
		if !ok || e.Kind == errs.NotFound {
			return err
		}
		return renderSession(c, web.Status(e.Kind), id, e.Message(c.Lang))
	}
	c.Flash(flash)
	return c.Redirect(web.Pathf("/sessions/%d", id))
}

func attendancePage(c *web.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	var entries []meetings.AttendanceEntry
	for key, vals := range c.R.PostForm {
		rest, ok := strings.CutPrefix(key, "status_")
		if !ok || len(vals) == 0 || vals[0] == "" {
			continue
		}
		did, err := strconv.ParseInt(rest, 10, 64)
		if err != nil {
			continue
		}
		entries = append(entries, meetings.AttendanceEntry{DeputyID: did, Status: vals[0], Reason: c.R.PostForm.Get("reason_" + rest)})
	}
	_, err = meetings.SetAttendance(c.Context(), c.App.DB, c.User, id, entries)
	return afterWrite(c, id, err, "meet.flash.attendance")
}

func speechPage(c *web.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	f := c.R.PostForm
	did, _ := strconv.ParseInt(f.Get("deputy_id"), 10, 64)
	_, err = meetings.AddSpeech(c.Context(), c.App.DB, c.User, id, meetings.Speech{DeputyID: did, Date: f.Get("date"), Topic: f.Get("topic"), Summary: f.Get("summary")})
	return afterWrite(c, id, err, "meet.flash.speech")
}

func resolutionPage(c *web.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	f := c.R.PostForm
	num := func(k string) int { n, _ := strconv.Atoi(strings.TrimSpace(f.Get(k))); return n }
	_, err = meetings.AddResolution(c.Context(), c.App.DB, c.User, id, meetings.Resolution{Kind: f.Get("kind"), Title: f.Get("title"),
		For: num("for"), Against: num("against"), Abstain: num("abstain")})
	return afterWrite(c, id, err, "meet.flash.resolution")
}
