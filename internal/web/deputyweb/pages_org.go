package deputyweb

import (
	"net/http"
	"strconv"
	"strings"

	"renda/internal/deputies"
	"renda/internal/web"
)

// orgPage is a list of groups, stations or districts with the form that
// adds one.
type orgPage struct {
	Kind      string // groups, stations or districts
	Groups    []*deputies.DeputyGroup
	Stations  []*deputies.Station
	Districts []*deputies.District
	Townships []option
	Township  string
	Form      map[string]string
	Errors    fieldErrors
	CanEdit   bool
}

func (m *Module) orgList(c *web.Ctx, page *orgPage) error {
	t, err := township(c, false, false)
	if err != nil {
		return err
	}
	if page.Township == "" {
		page.Township = t
	}
	if len(c.User.Scope) == 9 {
		page.Township = c.User.Scope
	}
	page.Townships, page.CanEdit = townshipOptions(c.User), c.User.Role.Staff()
	if page.Form == nil {
		page.Form = map[string]string{"township": page.Township}
	}
	if page.Errors == nil {
		page.Errors = fieldErrors{}
	}
	ctx := c.Context()
	switch page.Kind {
	case "groups":
		page.Groups, err = deputies.ListGroups(ctx, m.db.R, c.User, t)
	case "stations":
		page.Stations, err = deputies.ListStations(ctx, m.db.R, c.User, t)
	default:
		page.Districts, err = deputies.ListDistricts(ctx, m.db.R, c.User, t)
	}
	return err
}

func (m *Module) renderOrg(c *web.Ctx, status int, page *orgPage, general string) error {
	if err := m.orgList(c, page); err != nil {
		return err
	}
	return c.RenderPage(status, "deputies/org.html", &web.Page{Title: c.T("deputy.title." + page.Kind), Error: general, Data: page})
}

func (m *Module) pageGroups(c *web.Ctx) error {
	return m.renderOrg(c, http.StatusOK, &orgPage{Kind: "groups"}, "")
}

func postForm(c *web.Ctx, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n] = strings.TrimSpace(c.R.PostFormValue(n))
	}
	return out
}

func (m *Module) pageCreateGroup(c *web.Ctx) error {
	f := postForm(c, "township", "name", "kind")
	_, err := deputies.CreateGroup(c.Context(), m.db, c.User, deputies.GroupInput{Township: deputies.Str(f["township"]),
		Name: deputies.Str(f["name"]), Kind: deputies.Str(f["kind"])})
	if err != nil {
		fe, general, ferr := formErrors(c, err)
		if ferr != nil {
			return ferr
		}
		return m.renderOrg(c, http.StatusUnprocessableEntity, &orgPage{Kind: "groups", Form: f, Errors: fe, Township: f["township"]}, general)
	}
	c.Flash("deputy.flash.created_group")
	return c.Redirect("/groups?township=" + f["township"])
}

type groupPage struct {
	Group   *groupDetail
	CanEdit bool
	Errors  fieldErrors
}

func (m *Module) pageGroup(c *web.Ctx) error {
	g, err := m.group(c)
	if err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "deputies/group.html", &web.Page{Title: g.Name,
		Data: groupPage{Group: g, CanEdit: c.User.Role.Staff(), Errors: fieldErrors{}}})
}

func (m *Module) pageUpdateGroup(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_group")
	if err != nil {
		return err
	}
	f := postForm(c, "name", "kind", "leader_id")
	in := deputies.GroupInput{Name: deputies.Str(f["name"]), Kind: deputies.Str(f["kind"]), LeaderID: formID(f["leader_id"])}
	if _, err := deputies.UpdateGroup(c.Context(), m.db, c.User, id, in); err != nil {
		fe, general, ferr := formErrors(c, err)
		if ferr != nil {
			return ferr
		}
		g, err := m.group(c)
		if err != nil {
			return err
		}
		return c.RenderPage(http.StatusUnprocessableEntity, "deputies/group.html", &web.Page{Title: g.Name, Error: general,
			Data: groupPage{Group: g, CanEdit: true, Errors: fe}})
	}
	c.Flash("deputy.flash.saved")
	return c.Redirect("/groups/" + strconv.FormatInt(id, 10))
}

func (m *Module) pageStations(c *web.Ctx) error {
	return m.renderOrg(c, http.StatusOK, &orgPage{Kind: "stations"}, "")
}

// stationInput reads the station form: villages and districts come as
// checkboxes.
func stationInput(c *web.Ctx, f map[string]string) deputies.StationInput {
	in := deputies.StationInput{Name: deputies.Str(f["name"]), Address: deputies.Str(f["address"]), Hours: deputies.Str(f["hours"]), Phone: deputies.Str(f["phone"])}
	if f["township"] != "" {
		in.Township = deputies.Str(f["township"])
	}
	if c.R.PostFormValue("links") == "1" {
		vs := c.R.PostForm["villages"]
		in.Villages = &vs
		var ds []int64
		for _, s := range c.R.PostForm["district_ids"] {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				ds = append(ds, n)
			}
		}
		in.DistrictIDs = &ds
	}
	return in
}

func (m *Module) pageCreateStation(c *web.Ctx) error {
	f := postForm(c, "township", "name", "address", "hours", "phone")
	s, err := deputies.CreateStation(c.Context(), m.db, c.User, stationInput(c, f))
	if err != nil {
		fe, general, ferr := formErrors(c, err)
		if ferr != nil {
			return ferr
		}
		return m.renderOrg(c, http.StatusUnprocessableEntity, &orgPage{Kind: "stations", Form: f, Errors: fe, Township: f["township"]}, general)
	}
	c.Flash("deputy.flash.created_station")
	return c.Redirect("/stations/" + strconv.FormatInt(s.ID, 10))
}

type stationPage struct {
	Station   *deputies.Station
	Deputies  []*deputies.Deputy
	Villages  []deputies.Village
	Districts []*deputies.District
	CanEdit   bool
	Errors    fieldErrors
	Public    string
}

func (m *Module) stationPageData(c *web.Ctx, id int64) (*stationPage, error) {
	s, err := deputies.GetStation(c.Context(), m.db.R, c.User, id)
	if err != nil {
		return nil, err
	}
	page := &stationPage{Station: s, CanEdit: c.User.Role.Staff() && c.User.Covers(s.Township), Errors: fieldErrors{},
		Public: publicStationURL(c, s.ID)}
	if page.Deputies, _, err = deputies.List(c.Context(), m.db.R, c.User, deputies.Filter{StationID: s.ID, Limit: 200}); err != nil {
		return nil, err
	}
	if page.CanEdit {
		if page.Villages, err = deputies.TownshipVillages(c.Context(), m.db.R, s.Township); err != nil {
			return nil, err
		}
		if page.Districts, err = deputies.ListDistricts(c.Context(), m.db.R, c.User, s.Township); err != nil {
			return nil, err
		}
	}
	return page, nil
}

func (m *Module) pageStation(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_station")
	if err != nil {
		return err
	}
	page, err := m.stationPageData(c, id)
	if err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "deputies/station.html", &web.Page{Title: page.Station.Name, Data: page})
}

// stationResult shows the station page after a form: back to it, or the
// page again with the error.
func (m *Module) stationResult(c *web.Ctx, id int64, err error, flash string) error {
	if err == nil {
		c.Flash(flash)
		return c.Redirect("/stations/" + strconv.FormatInt(id, 10))
	}
	fe, general, ferr := formErrors(c, err)
	if ferr != nil {
		return ferr
	}
	page, err := m.stationPageData(c, id)
	if err != nil {
		return err
	}
	page.Errors = fe
	return c.RenderPage(http.StatusUnprocessableEntity, "deputies/station.html", &web.Page{Title: page.Station.Name,
		Error: firstNonEmpty(general, joinErrors(fe)), Data: page})
}

func (m *Module) pageUpdateStation(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_station")
	if err != nil {
		return err
	}
	f := postForm(c, "name", "address", "hours", "phone")
	_, err = deputies.UpdateStation(c.Context(), m.db, c.User, id, stationInput(c, f))
	return m.stationResult(c, id, err, "deputy.flash.saved")
}

func (m *Module) pageAddOfficer(c *web.Ctx) error {
	id, err := c.PathID("id", "deputy.entity_station")
	if err != nil {
		return err
	}
	f := postForm(c, "name", "phone", "public_phone", "is_staff")
	staff := f["is_staff"] == "1"
	_, err = deputies.AddOfficer(c.Context(), m.db, c.User, id, deputies.OfficerInput{Name: deputies.Str(f["name"]),
		Phone: deputies.Str(f["phone"]), PublicPhone: deputies.Str(f["public_phone"]), IsStaff: &staff})
	return m.stationResult(c, id, err, "deputy.flash.saved")
}

func (m *Module) pageRemoveOfficer(c *web.Ctx) error {
	id, oid, err := stationOfficer(c)
	if err != nil {
		return err
	}
	return m.stationResult(c, id, deputies.RemoveOfficer(c.Context(), m.db, c.User, id, oid), "deputy.flash.saved")
}

func (m *Module) pageOfficerAccount(c *web.Ctx) error {
	id, oid, err := stationOfficer(c)
	if err != nil {
		return err
	}
	in := deputies.AccountInput{Username: c.R.PostFormValue("username"), Password: c.R.PostFormValue("password")}
	_, err = deputies.CreateOfficerAccount(c.Context(), m.db, m.app.Auth, c.User, id, oid, in)
	return m.stationResult(c, id, err, "deputy.flash.account")
}

func (m *Module) pageDistricts(c *web.Ctx) error {
	return m.renderOrg(c, http.StatusOK, &orgPage{Kind: "districts"}, "")
}

func (m *Module) pageCreateDistrict(c *web.Ctx) error {
	f := postForm(c, "township", "level", "name", "seats", "villages")
	seats, _ := strconv.Atoi(f["seats"])
	var villages []string
	for _, v := range strings.FieldsFunc(f["villages"], func(r rune) bool { return r == ',' || r == '，' || r == ' ' || r == '\n' || r == '、' }) {
		villages = append(villages, v)
	}
	_, err := deputies.CreateDistrict(c.Context(), m.db, c.User, deputies.DistrictInput{Township: deputies.Str(f["township"]),
		Level: deputies.Str(f["level"]), Name: deputies.Str(f["name"]), Seats: &seats, Villages: &villages})
	if err != nil {
		fe, general, ferr := formErrors(c, err)
		if ferr != nil {
			return ferr
		}
		return m.renderOrg(c, http.StatusUnprocessableEntity, &orgPage{Kind: "districts", Form: f, Errors: fe, Township: f["township"]}, general)
	}
	c.Flash("deputy.flash.created_district")
	return c.Redirect("/districts?township=" + f["township"])
}
