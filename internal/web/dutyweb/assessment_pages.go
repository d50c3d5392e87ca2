package dutyweb

import (
	"net/http"
	"strconv"

	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/jurisdiction"
	"renda/internal/web"
)

type assessmentData struct {
	Year      int
	Years     []int
	Township  string
	Townships []*jurisdiction.Unit
	Items     []*duties.Item
	Ranking   []duties.TownshipScore
	Targets   []string
	Staff     bool
}

func (m *Module) assessmentPage(c *web.Ctx) error {
	year, err := m.yearParam(c)
	if err != nil {
		return err
	}
	now := m.svc.Now().Year()
	d := assessmentData{Year: year, Targets: duties.TargetKeys, Staff: c.User.Role.Staff(), Township: c.Query("township")}
	for y := now; y >= now-4; y-- {
		d.Years = append(d.Years, y)
	}
	if len(c.User.Scope) < 9 && d.Staff {
		d.Townships = jurisdiction.National().Townships(c.User.Scope)
	}
	if d.Township == "" && len(c.User.Scope) < 9 && d.Staff {
		// County staff first see where the townships stand.
		if d.Ranking, err = m.svc.Ranking(c.Context(), c.User, "", year); err != nil {
			return err
		}
		return c.Render(http.StatusOK, "duties/assessment.html", "duty.title.assessment", d)
	}
	if d.Township == "" {
		d.Township = c.User.Scope
	}
	if d.Items, err = m.svc.AssessTownship(c.Context(), c.User, d.Township, year); err != nil {
		return err
	}
	return c.Render(http.StatusOK, "duties/assessment.html", "duty.title.assessment", d)
}

type settingsData struct {
	S       *duties.Settings
	Kinds   []duties.Kind
	Targets []string
	Grades  []string
	Edit    bool
	Errors  map[string]string
}

func (m *Module) settingsPage(c *web.Ctx) error {
	year, err := m.yearParam(c)
	if err != nil {
		return err
	}
	s, err := m.svc.GetSettings(c.Context(), c.User, c.Query("county"), year)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "duties/settings.html", "duty.title.settings", m.settingsData(c, s))
}

func (m *Module) settingsData(c *web.Ctx, s *duties.Settings) settingsData {
	return settingsData{S: s, Kinds: duties.Kinds, Targets: duties.TargetKeys,
		Grades: []string{duties.GradeExcellent, duties.GradeGood, duties.GradeBasic},
		Edit:   c.User.Is(auth.Admin, auth.County), Errors: map[string]string{}}
}

func (m *Module) settingsForm(c *web.Ctx) error {
	year, err := strconv.Atoi(c.R.PostFormValue("year"))
	if err != nil {
		year = m.svc.Now().Year()
	}
	county := c.R.PostFormValue("county")
	in := duties.SettingsInput{Weights: map[string]float64{}, Targets: map[string]float64{}, Grades: map[string]float64{}}
	num := func(name string) (float64, bool) {
		v, err := strconv.ParseFloat(c.R.PostFormValue(name), 64)
		return v, err == nil
	}
	for _, k := range duties.Kinds {
		if v, ok := num("weight." + string(k)); ok {
			in.Weights[string(k)] = v
		}
	}
	for _, k := range duties.TargetKeys {
		if v, ok := num("target." + k); ok {
			in.Targets[k] = v
		}
	}
	for _, k := range []string{duties.GradeExcellent, duties.GradeGood, duties.GradeBasic} {
		if v, ok := num("grade." + k); ok {
			in.Grades[k] = v
		}
	}
	if v, ok := num("correction_days"); ok {
		n := int(v)
		in.CorrectionDays = &n
	}
	if _, err := m.svc.UpdateSettings(c.Context(), c.User, county, year, in); err != nil {
		s, gerr := m.svc.GetSettings(c.Context(), c.User, county, year)
		if gerr != nil {
			return err
		}
		d := m.settingsData(c, s)
		var general string
		d.Errors, general = fieldErrors(c, err)
		return c.RenderPage(http.StatusUnprocessableEntity, "duties/settings.html", &web.Page{Title: c.T("duty.title.settings"), Error: general, Data: d})
	}
	c.Flash("duty.flash.settings")
	return c.Redirect("/duties/settings?year=" + strconv.Itoa(year) + "&county=" + county)
}
