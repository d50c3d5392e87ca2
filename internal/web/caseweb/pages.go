package caseweb

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"renda/internal/auth"
	"renda/internal/cases"
	"renda/internal/errs"
	"renda/internal/web"
)

var (
	entryPages = web.Roles(auth.Admin, auth.County, auth.Township, auth.Liaison, auth.Deputy)
	unitPages  = web.Roles(auth.Unit)
)

// listPage is a list of cases with its filters.
type listPage struct {
	Items    []*cases.Case
	Kind     string // opinion or suggestion
	Statuses []cases.Status
	Channels []string
	Filter   url.Values
	Next     string
	CanNew   bool
}

func detailPath(cs *cases.Case) string {
	if cs.Kind == cases.Opinion {
		return "/opinions/" + strconv.FormatInt(cs.ID, 10)
	}
	return "/suggestions/" + strconv.FormatInt(cs.ID, 10)
}

func (m *Module) pages(a *web.App) {
	a.Page("GET /opinions", entryPages, func(c *web.Ctx) error { return m.listPage(c, cases.Opinion, "cases.title.opinions") })
	a.Page("GET /suggestions", filers, func(c *web.Ctx) error { return m.listPage(c, cases.Suggestion, "cases.title.suggestions") })
	a.Page("GET /handling", unitPages, func(c *web.Ctx) error { return m.listPage(c, "", "cases.title.handling") })
	a.Page("GET /opinions/new", entryPages, func(c *web.Ctx) error { return m.opinionForm(c, http.StatusOK, cases.NewOpinion{}, nil) })
	a.Page("POST /opinions", entryPages, m.createOpinionPage)
	a.Page("GET /suggestions/new", filers, func(c *web.Ctx) error { return m.suggestionForm(c, http.StatusOK, cases.NewSuggestion{}, nil) })
	a.Page("POST /suggestions", filers, m.fileSuggestionPage)
	a.Page("GET /opinions/{id}", web.SignedIn, func(c *web.Ctx) error { return m.casePage(c, cases.Opinion, http.StatusOK, "") })
	a.Page("GET /suggestions/{id}", web.SignedIn, func(c *web.Ctx) error { return m.casePage(c, cases.Suggestion, http.StatusOK, "") })
	m.actionPages(a)
	m.unitPages(a)
	m.statsPage(a)
}

func (m *Module) listPage(c *web.Ctx, kind cases.Kind, title string) error {
	var kinds []cases.Kind
	switch kind {
	case cases.Opinion:
		kinds = []cases.Kind{cases.Opinion}
	case cases.Suggestion:
		kinds = []cases.Kind{cases.Suggestion, cases.Motion}
	}
	f, err := filterOf(c, kinds...)
	if err != nil {
		return err
	}
	items, next, err := m.Cases.List(c.Context(), c.User, f)
	if err != nil {
		return err
	}
	page := listPage{Items: items, Kind: string(kind), Statuses: cases.Statuses, Channels: cases.Channels, Filter: c.R.URL.Query(),
		CanNew: kind != "" && !c.User.Is(auth.Unit)}
	if next > 0 {
		q := c.R.URL.Query()
		q.Set("cursor", strconv.FormatInt(next, 10))
		page.Next = c.R.URL.Path + "?" + q.Encode()
	}
	return c.Render(http.StatusOK, "cases/list.html", title, page)
}

// formErrors places an error under its field, or as the page's message.
func formErrors(c *web.Ctx, err error) (map[string]string, string) {
	if e, ok := errs.As(err); ok && e.Field != "" {
		return map[string]string{e.Field: e.Message(c.Lang)}, ""
	}
	if err == nil {
		return nil, ""
	}
	return nil, c.ErrorMessage(err)
}

type opinionFormPage struct {
	Form     cases.NewOpinion
	Channels []string
	Deputies []cases.Deputy
	Stations []cases.Station
	Errors   map[string]string
}

func (m *Module) opinionForm(c *web.Ctx, status int, form cases.NewOpinion, err error) error {
	if form.Township == "" && len(c.User.Scope) == 9 {
		form.Township = c.User.Scope
	}
	if form.Channel == "" {
		form.Channel = "reception"
	}
	deps, derr := m.Cases.Deputies(c.Context(), c.User, c.User.Scope)
	if derr != nil {
		return derr
	}
	var stations []cases.Station
	if !c.User.Is(auth.Liaison) {
		if stations, derr = m.Cases.Stations(c.Context(), c.User); derr != nil {
			return derr
		}
	}
	fe, general := formErrors(c, err)
	return c.RenderPage(status, "cases/opinion_new.html", &web.Page{Title: c.T("cases.title.opinion_new"), Error: general,
		Data: opinionFormPage{Form: form, Channels: cases.Channels, Deputies: deps, Stations: stations, Errors: fe}})
}

func ids(vals []string) []int64 {
	var out []int64
	for _, v := range vals {
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func (m *Module) createOpinionPage(c *web.Ctx) error {
	r := c.R
	station, _ := strconv.ParseInt(r.PostFormValue("station_id"), 10, 64)
	in := cases.NewOpinion{Township: r.PostFormValue("township"), Channel: r.PostFormValue("channel"), Title: r.PostFormValue("title"),
		Body: r.PostFormValue("body"), Constituent: cases.Constituent{Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone")},
		DeputyIDs: ids(r.PostForm["deputy_ids"]), StationID: station}
	rec, err := m.Cases.CreateOpinion(c.Context(), c.User, in)
	if err != nil {
		return m.opinionForm(c, http.StatusUnprocessableEntity, in, err)
	}
	c.Flash("cases.flash.opinion_created")
	return c.Redirect("/opinions/" + strconv.FormatInt(rec.ID, 10))
}

type suggestionFormPage struct {
	Form     cases.NewSuggestion
	Deputies []cases.Deputy
	Errors   map[string]string
}

func (m *Module) suggestionForm(c *web.Ctx, status int, form cases.NewSuggestion, err error) error {
	if form.Congress == "" {
		form.Congress = c.User.Scope
	}
	if form.Kind == "" {
		form.Kind = cases.Suggestion
	}
	deps, derr := m.Cases.Deputies(c.Context(), c.User, c.User.Scope)
	if derr != nil {
		return derr
	}
	fe, general := formErrors(c, err)
	return c.RenderPage(status, "cases/suggestion_new.html", &web.Page{Title: c.T("cases.title.suggestion_new"), Error: general,
		Data: suggestionFormPage{Form: form, Deputies: deps, Errors: fe}})
}

func (m *Module) fileSuggestionPage(c *web.Ctx) error {
	r := c.R
	lead, _ := strconv.ParseInt(r.PostFormValue("lead_deputy_id"), 10, 64)
	in := cases.NewSuggestion{Congress: r.PostFormValue("congress"), Kind: cases.Kind(r.PostFormValue("kind")), Title: r.PostFormValue("title"),
		Body: r.PostFormValue("body"), LeadDeputyID: lead, CoDeputyIDs: ids(r.PostForm["co_deputy_ids"]), Hard: r.PostFormValue("hard") != ""}
	cs, err := m.Cases.FileSuggestion(c.Context(), c.User, in)
	if err != nil {
		return m.suggestionForm(c, http.StatusUnprocessableEntity, in, err)
	}
	c.Flash("cases.flash.suggestion_filed")
	return c.Redirect(detailPath(cs))
}
