package dutyweb

import (
	"net/http"
	"strconv"

	"renda/internal/auth"
	"renda/internal/duties"
	"renda/internal/jurisdiction"
	"renda/internal/web"
)

type periodsData struct {
	Periods []*duties.Period
	Staff   bool
	Year    int
	Scope   string
	Errors  map[string]string
}

func (m *Module) periodsPage(c *web.Ctx) error {
	return m.renderPeriods(c, http.StatusOK, nil, "")
}

func (m *Module) renderPeriods(c *web.Ctx, status int, errors map[string]string, general string) error {
	list, err := m.svc.ListPeriods(c.Context(), c.User)
	if err != nil {
		return err
	}
	if errors == nil {
		errors = map[string]string{}
	}
	d := periodsData{Periods: list, Staff: c.User.Role.Staff(), Year: m.svc.Now().Year() - 1, Scope: c.User.Scope, Errors: errors}
	return c.RenderPage(status, "duties/periods.html", &web.Page{Title: c.T("duty.title.periods"), Error: general, Data: d})
}

func (m *Module) publishForm(c *web.Ctx) error {
	year, _ := strconv.Atoi(c.R.PostFormValue("year"))
	half, _ := strconv.Atoi(c.R.PostFormValue("half"))
	pd, err := m.svc.Publish(c.Context(), c.User, duties.PublishInput{Scope: c.R.PostFormValue("scope"), Year: year, Half: half})
	if err != nil {
		fe, general := fieldErrors(c, err)
		return m.renderPeriods(c, http.StatusUnprocessableEntity, fe, general)
	}
	c.Flash("duty.flash.published")
	return c.Redirect("/duties/periods/" + strconv.FormatInt(pd.ID, 10))
}

type periodData struct {
	P        *duties.Period
	Targets  []string
	Staff    bool
	Deputy   bool
	Open     bool // corrections may still be asked for
	CanFinal bool
	Errors   map[string]string
}

func (m *Module) periodPage(c *web.Ctx) error {
	return m.renderPeriod(c, http.StatusOK, nil, "")
}

func (m *Module) renderPeriod(c *web.Ctx, status int, errors map[string]string, general string) error {
	id, err := c.PathID("id", "duty.entity.period")
	if err != nil {
		return err
	}
	pd, err := m.svc.GetPeriod(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	if errors == nil {
		errors = map[string]string{}
	}
	today := m.svc.Today()
	d := periodData{P: pd, Targets: duties.TargetKeys, Staff: c.User.Role.Staff(), Deputy: c.User.Role == auth.Deputy,
		Open: pd.Status == duties.PeriodOpen && today <= pd.CorrectionUntil, Errors: errors}
	d.CanFinal = d.Staff && pd.Status == duties.PeriodOpen && today > pd.CorrectionUntil && c.User.Covers(pd.Scope)
	return c.RenderPage(status, "duties/period.html", &web.Page{Title: c.T("duty.title.period"), Error: general, Data: d})
}

func (m *Module) finalizeForm(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.period")
	if err != nil {
		return err
	}
	if _, err := m.svc.Finalize(c.Context(), c.User, id); err != nil {
		fe, general := fieldErrors(c, err)
		if general == "" {
			for _, v := range fe {
				general = v
			}
		}
		return m.renderPeriod(c, http.StatusConflict, nil, general)
	}
	c.Flash("duty.flash.final")
	return c.Redirect("/duties/periods/" + strconv.FormatInt(id, 10))
}

func (m *Module) correctionForm(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.period")
	if err != nil {
		return err
	}
	if _, err := m.svc.RequestCorrection(c.Context(), c.User, id, c.R.PostFormValue("reason")); err != nil {
		fe, general := fieldErrors(c, err)
		return m.renderPeriod(c, http.StatusUnprocessableEntity, fe, general)
	}
	c.Flash("duty.flash.correction")
	return c.Redirect("/duties/periods/" + strconv.FormatInt(id, 10))
}

func (m *Module) answerForm(accept bool) func(c *web.Ctx) error {
	return func(c *web.Ctx) error {
		id, err := c.PathID("id", "duty.entity.correction")
		if err != nil {
			return err
		}
		corr, err := m.svc.AnswerCorrection(c.Context(), c.User, id, accept, c.R.PostFormValue("answer"))
		if err != nil {
			return err
		}
		c.Flash("duty.flash.answered")
		return c.Redirect("/duties/periods/" + strconv.FormatInt(corr.PeriodID, 10))
	}
}

type publicDeputyData struct {
	S       *duties.PublicDeputy
	Targets []string
}

func (m *Module) publicDeputyPage(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.deputy")
	if err != nil {
		return err
	}
	s, err := m.svc.PublicSummary(c.Context(), id)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "duties/public_deputy.html", "duty.title.public", publicDeputyData{S: s, Targets: duties.TargetKeys})
}

type publicTownshipData struct {
	S         *duties.PublicTownship
	Townships []*jurisdiction.Unit
}

func (m *Module) publicTownshipPage(c *web.Ctx) error {
	code := c.R.PathValue("code")
	s, err := m.svc.PublicTownshipSummary(c.Context(), code)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "duties/public_township.html", "duty.title.public", publicTownshipData{S: s,
		Townships: jurisdiction.National().Townships(code[:6])})
}
