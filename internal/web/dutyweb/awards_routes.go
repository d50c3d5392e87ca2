package dutyweb

import (
	"net/http"
	"strconv"

	"renda/internal/duties"
	"renda/internal/web"
)

type proposeRequest struct {
	Scope string `json:"scope"`
	Year  int    `json:"year"`
}

type decideRequest struct {
	Award bool   `json:"award"`
	Note  string `json:"note"`
}

func (m *Module) listAwards(c *web.Ctx) error {
	year, err := m.yearParam(c)
	if err != nil {
		return err
	}
	out, err := m.svc.ListAwards(c.Context(), c.User, year)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(out, ""))
}

func (m *Module) proposeAwards(c *web.Ctx) error {
	var in proposeRequest
	if err := c.Decode(&in); err != nil {
		return err
	}
	out, err := m.svc.ProposeAwards(c.Context(), c.User, in.Scope, in.Year)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(out, ""))
}

func (m *Module) decideAward(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.award")
	if err != nil {
		return err
	}
	var in decideRequest
	if err := c.Decode(&in); err != nil {
		return err
	}
	out, err := m.svc.DecideAward(c.Context(), c.User, id, in.Award, in.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

type awardsData struct {
	Year   int
	Awards []*duties.Award
}

func (m *Module) awardsPage(c *web.Ctx) error {
	year, err := m.yearParam(c)
	if err != nil {
		return err
	}
	if c.Query("year") == "" {
		year--
	}
	list, err := m.svc.ListAwards(c.Context(), c.User, year)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "duties/awards.html", "duty.title.awards", awardsData{Year: year, Awards: list})
}

func (m *Module) proposeForm(c *web.Ctx) error {
	year, _ := strconv.Atoi(c.R.PostFormValue("year"))
	if _, err := m.svc.ProposeAwards(c.Context(), c.User, c.User.Scope, year); err != nil {
		return err
	}
	c.Flash("duty.flash.proposed")
	return c.Redirect("/duties/awards?year=" + strconv.Itoa(year))
}

func (m *Module) decideForm(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.award")
	if err != nil {
		return err
	}
	a, err := m.svc.DecideAward(c.Context(), c.User, id, c.R.PostFormValue("award") == "true", c.R.PostFormValue("note"))
	if err != nil {
		return err
	}
	c.Flash("duty.flash.decided")
	return c.Redirect("/duties/awards?year=" + strconv.Itoa(a.Year))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
