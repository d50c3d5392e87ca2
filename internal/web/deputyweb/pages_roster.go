package deputyweb

import (
	"net/http"
	"strconv"
	"strings"

	"renda/internal/auth"
	"renda/internal/deputies"
	"renda/internal/errs"
	"renda/internal/jurisdiction"
	"renda/internal/web"
)

// fieldErrors are form errors under their field; general is shown atop.
type fieldErrors map[string]string

func formErrors(c *web.Ctx, err error) (fieldErrors, string, error) {
	if e, ok := errs.As(err); ok {
		if e.Field != "" {
			return fieldErrors{e.Field: e.Message(c.Lang)}, "", nil
		}
		if e.Kind == errs.NotFound || e.Kind == errs.Forbidden {
			return nil, "", err
		}
		return fieldErrors{}, e.Message(c.Lang), nil
	}
	return nil, "", err
}

// option is one choice of a select box.
type option struct {
	Value string
	Label string
}

// townshipOptions are the township-level units a user works in, for a
// select box; nil when there are too many (an admin types the code).
func townshipOptions(p *auth.Principal) []option {
	if p.Scope == "" || len(p.Scope) < 4 {
		return nil
	}
	var out []option
	for _, u := range jurisdiction.National().Townships(p.Scope) {
		out = append(out, option{u.Code, u.Name})
	}
	return out
}

type rosterPage struct {
	Deputies  []*deputies.Deputy
	Filter    deputies.Filter
	Townships []option
	Groups    []*deputies.DeputyGroup
	Stations  []*deputies.Station
	Levels    []deputies.Level
	Statuses  []deputies.Status
	Next      string
	CanEdit   bool
	Township  string // the township the buttons act on
}

func (m *Module) pageRoster(c *web.Ctx) error {
	if c.User.Role == auth.Deputy {
		return c.Redirect("/deputies/me")
	}
	f, err := rosterFilter(c)
	if err != nil {
		return err
	}
	f.Limit = 50
	ds, next, err := deputies.List(c.Context(), m.db.R, c.User, f)
	if err != nil {
		return err
	}
	page := rosterPage{Deputies: ds, Filter: f, Levels: deputies.Levels, Statuses: deputies.Statuses,
		Townships: townshipOptions(c.User), CanEdit: c.User.Role.Staff()}
	orgScope := f.Township
	if len(c.User.Scope) == 9 {
		orgScope = c.User.Scope
	}
	if len(orgScope) == 9 {
		page.Township = orgScope
		if page.Groups, err = deputies.ListGroups(c.Context(), m.db.R, c.User, orgScope); err != nil {
			return err
		}
		if page.Stations, err = deputies.ListStations(c.Context(), m.db.R, c.User, orgScope); err != nil {
			return err
		}
	}
	if next != "" {
		q := c.R.URL.Query()
		q.Set("cursor", next)
		page.Next = "/deputies?" + q.Encode()
	}
	return c.Render(http.StatusOK, "deputies/roster.html", "deputy.title.roster", page)
}

func (m *Module) pageMe(c *web.Ctx) error {
	if c.User.DeputyID == 0 {
		return errs.NotFoundErr("deputy.entity")
	}
	return c.Redirect("/deputies/" + strconv.FormatInt(c.User.DeputyID, 10))
}

type deputyPage struct {
	Deputy   *deputies.Deputy
	History  []historyRow
	CanEdit  bool
	Levels   []deputies.Level
	Statuses []deputies.Status
	Accounts []*auth.User
	Errors   fieldErrors
	SeatForm deputies.SeatInput
}

func (m *Module) deputyPageData(c *web.Ctx, d *deputies.Deputy) (*deputyPage, error) {
	page := &deputyPage{Deputy: d, CanEdit: c.User.Role.Staff(), Levels: deputies.Levels, Statuses: deputies.Statuses, Errors: fieldErrors{}}
	if page.CanEdit {
		var err error
		entries, _, err := m.history(c, d.ID, 0, 50)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			page.History = append(page.History, historyRow{Entry: e, Changes: describe(c.Lang, e)})
		}
		users, _, err := m.app.Auth.ListUsers(c.Context(), c.User, auth.UserFilter{Role: auth.Deputy, Scope: d.Township, Limit: 200})
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			if u.DeputyID == d.ID {
				page.Accounts = append(page.Accounts, u)
			}
		}
	}
	return page, nil
}

func (m *Module) pageDeputy(c *web.Ctx) error {
	d, err := m.deputy(c)
	if err != nil {
		return err
	}
	page, err := m.deputyPageData(c, d)
	if err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "deputies/deputy.html", &web.Page{Title: d.Name, Data: page})
}

type formPage struct {
	Form      map[string]string
	Errors    fieldErrors
	Townships []option
	Groups    []*deputies.DeputyGroup
	Stations  []*deputies.Station
	Districts []*deputies.District
	Levels    []deputies.Level
	Action    string
	New       bool
	Township  string
}

var profileFields = []string{"township", "name", "gender", "ethnicity", "birth_date", "political", "education", "employer",
	"sector", "skills", "phone", "id_number", "group_id", "station_id", "level", "term", "district_id", "start_date"}

func formValues(c *web.Ctx) map[string]string {
	out := map[string]string{}
	for _, f := range profileFields {
		out[f] = strings.TrimSpace(c.R.PostFormValue(f))
	}
	return out
}

func formID(s string) *int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return &n
}

// inputOf turns a form into an Input.
func inputOf(f map[string]string, withSeat bool) deputies.Input {
	in := deputies.Input{}
	for k, dst := range map[string]**string{"name": &in.Name, "gender": &in.Gender, "ethnicity": &in.Ethnicity,
		"birth_date": &in.BirthDate, "political": &in.Political, "education": &in.Education, "employer": &in.Employer,
		"sector": &in.Sector, "skills": &in.Skills, "phone": &in.Phone, "id_number": &in.IDNumber, "township": &in.Township} {
		v := f[k]
		*dst = &v
	}
	in.GroupID, in.StationID = formID(f["group_id"]), formID(f["station_id"])
	if withSeat {
		s := deputies.SeatInput{Level: deputies.Str(f["level"]), Term: deputies.Str(f["term"]), StartDate: deputies.Str(f["start_date"])}
		if f["district_id"] != "" {
			s.DistrictID = formID(f["district_id"])
		}
		in.Seats = []deputies.SeatInput{s}
	}
	return in
}

// formOrg fills the choices of the deputy form for a township.
func (m *Module) formOrg(c *web.Ctx, page *formPage) error {
	page.Townships, page.Levels = townshipOptions(c.User), deputies.Levels
	t := page.Form["township"]
	if len(c.User.Scope) == 9 {
		t = c.User.Scope
		page.Form["township"] = t
	}
	page.Township = t
	if len(t) != 9 || !c.User.Covers(t) {
		return nil
	}
	var err error
	if page.Groups, err = deputies.ListGroups(c.Context(), m.db.R, c.User, t); err != nil {
		return err
	}
	if page.Stations, err = deputies.ListStations(c.Context(), m.db.R, c.User, t); err != nil {
		return err
	}
	page.Districts, err = deputies.ListDistricts(c.Context(), m.db.R, c.User, t)
	return err
}

func (m *Module) pageNew(c *web.Ctx) error {
	page := &formPage{Form: map[string]string{"township": c.Query("township"), "term": "第十八届", "level": "township"},
		Errors: fieldErrors{}, Action: "/deputies", New: true}
	if err := m.formOrg(c, page); err != nil {
		return err
	}
	return c.Render(http.StatusOK, "deputies/deputy_form.html", "deputy.title.new", page)
}

func (m *Module) pageCreate(c *web.Ctx) error {
	form := formValues(c)
	d, err := deputies.Create(c.Context(), m.db, c.User, inputOf(form, true))
	if err != nil {
		fe, general, ferr := formErrors(c, err)
		if ferr != nil {
			return ferr
		}
		page := &formPage{Form: form, Errors: fe, Action: "/deputies", New: true}
		if err := m.formOrg(c, page); err != nil {
			return err
		}
		return c.RenderPage(http.StatusUnprocessableEntity, "deputies/deputy_form.html", &web.Page{Title: c.T("deputy.title.new"), Error: general, Data: page})
	}
	c.Flash("deputy.flash.created")
	return c.Redirect("/deputies/" + strconv.FormatInt(d.ID, 10))
}

func (m *Module) pageEdit(c *web.Ctx) error {
	d, err := m.deputy(c)
	if err != nil {
		return err
	}
	form := map[string]string{"township": d.Township, "name": d.Name, "gender": string(d.Gender), "ethnicity": d.Ethnicity,
		"birth_date": d.BirthDate, "political": d.Political, "education": d.Education, "employer": d.Employer,
		"sector": d.Sector, "skills": d.Skills, "phone": d.Phone, "id_number": d.IDNumber}
	if d.Group != nil {
		form["group_id"] = strconv.FormatInt(d.Group.ID, 10)
	}
	if d.Station != nil {
		form["station_id"] = strconv.FormatInt(d.Station.ID, 10)
	}
	page := &formPage{Form: form, Errors: fieldErrors{}, Action: "/deputies/" + strconv.FormatInt(d.ID, 10)}
	if err := m.formOrg(c, page); err != nil {
		return err
	}
	page.Form["township"] = d.Township
	return c.RenderPage(http.StatusOK, "deputies/deputy_form.html", &web.Page{Title: c.T("deputy.title.edit", d.Name), Data: page})
}

func (m *Module) pageUpdate(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	form := formValues(c)
	_, err = deputies.Update(c.Context(), m.db, c.User, id, inputOf(form, false))
	if err != nil {
		fe, general, ferr := formErrors(c, err)
		if ferr != nil {
			return ferr
		}
		page := &formPage{Form: form, Errors: fe, Action: "/deputies/" + strconv.FormatInt(id, 10)}
		if err := m.formOrg(c, page); err != nil {
			return err
		}
		return c.RenderPage(http.StatusUnprocessableEntity, "deputies/deputy_form.html", &web.Page{Title: c.T("deputy.title.edit", form["name"]), Error: general, Data: page})
	}
	c.Flash("deputy.flash.saved")
	return c.Redirect("/deputies/" + strconv.FormatInt(id, 10))
}

func seatForm(c *web.Ctx) deputies.SeatInput {
	v := func(k string) *string {
		if _, ok := c.R.PostForm[k]; !ok {
			return nil
		}
		s := c.R.PostFormValue(k)
		return &s
	}
	_ = c.R.ParseForm()
	in := deputies.SeatInput{Level: v("level"), Term: v("term"), StartDate: v("start_date"), EndDate: v("end_date"),
		Status: v("status"), StatusReason: v("status_reason"), StatusDate: v("status_date")}
	if s := c.R.PostFormValue("district_id"); s != "" {
		in.DistrictID = formID(s)
	}
	return in
}

// seatChange runs a seat change from the profile page and shows the page
// again with the error under its field, or goes back to the profile.
func (m *Module) seatChange(c *web.Ctx, change func(id int64, in deputies.SeatInput) error) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	in := seatForm(c)
	if err := change(id, in); err != nil {
		fe, general, ferr := formErrors(c, err)
		if ferr != nil {
			return ferr
		}
		d, err := deputies.Get(c.Context(), m.db.R, c.User, id)
		if err != nil {
			return err
		}
		page, err := m.deputyPageData(c, d)
		if err != nil {
			return err
		}
		page.Errors, page.SeatForm = fe, in
		return c.RenderPage(http.StatusUnprocessableEntity, "deputies/deputy.html", &web.Page{Title: d.Name, Error: firstNonEmpty(general, joinErrors(fe)), Data: page})
	}
	c.Flash("deputy.flash.saved")
	return c.Redirect("/deputies/" + strconv.FormatInt(id, 10))
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func joinErrors(fe fieldErrors) string {
	var out []string
	for _, v := range fe {
		out = append(out, v)
	}
	return strings.Join(out, "；")
}

func (m *Module) pageAddSeat(c *web.Ctx) error {
	return m.seatChange(c, func(id int64, in deputies.SeatInput) error {
		_, err := deputies.AddSeat(c.Context(), m.db, c.User, id, in)
		return err
	})
}

func (m *Module) pageUpdateSeat(c *web.Ctx) error {
	seat, err := c.PathID("seat", "deputy.entity_seat")
	if err != nil {
		return err
	}
	return m.seatChange(c, func(id int64, in deputies.SeatInput) error {
		_, err := deputies.UpdateSeat(c.Context(), m.db, c.User, id, seat, in)
		return err
	})
}

func (m *Module) pageDeputyAccount(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity")
	if err != nil {
		return err
	}
	in := deputies.AccountInput{Username: c.R.PostFormValue("username"), Password: c.R.PostFormValue("password")}
	if _, err := deputies.CreateDeputyAccount(c.Context(), m.db, m.app.Auth, c.User, id, in); err != nil {
		fe, general, ferr := formErrors(c, err)
		if ferr != nil {
			return ferr
		}
		d, err := deputies.Get(c.Context(), m.db.R, c.User, id)
		if err != nil {
			return err
		}
		page, err := m.deputyPageData(c, d)
		if err != nil {
			return err
		}
		page.Errors = fe
		return c.RenderPage(http.StatusUnprocessableEntity, "deputies/deputy.html", &web.Page{Title: d.Name, Error: firstNonEmpty(general, joinErrors(fe)), Data: page})
	}
	c.Flash("deputy.flash.account")
	return c.Redirect("/deputies/" + strconv.FormatInt(id, 10))
}
