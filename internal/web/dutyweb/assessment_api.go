package dutyweb

import (
	"net/http"
	"strconv"

	"renda/internal/duties"
	"renda/internal/errs"
	"renda/internal/web"
)

// yearParam reads ?year=, this year by default.
func (m *Module) yearParam(c *web.Ctx) (int, error) {
	s := c.Query("year")
	if s == "" {
		return m.svc.Now().Year(), nil
	}
	y, err := strconv.Atoi(s)
	if err != nil {
		return 0, errs.Field("year", "invalid_year", "duty.err.year")
	}
	return y, nil
}

func (m *Module) assessments(c *web.Ctx) error {
	year, err := m.yearParam(c)
	if err != nil {
		return err
	}
	items, err := m.svc.AssessTownship(c.Context(), c.User, c.Query("township"), year)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(items, ""))
}

func (m *Module) ranking(c *web.Ctx) error {
	year, err := m.yearParam(c)
	if err != nil {
		return err
	}
	out, err := m.svc.Ranking(c.Context(), c.User, c.Query("scope"), year)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(out, ""))
}

func (m *Module) getSettings(c *web.Ctx) error {
	year, err := m.yearParam(c)
	if err != nil {
		return err
	}
	s, err := m.svc.GetSettings(c.Context(), c.User, c.Query("county"), year)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

func (m *Module) putSettings(c *web.Ctx) error {
	year, err := m.yearParam(c)
	if err != nil {
		return err
	}
	var in duties.SettingsInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	s, err := m.svc.UpdateSettings(c.Context(), c.User, c.Query("county"), year, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}
