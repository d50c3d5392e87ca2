package dutyweb

import (
	"net/http"

	"renda/internal/duties"
	"renda/internal/web"
)

type reasonRequest struct {
	Reason string `json:"reason"`
}

type answerRequest struct {
	Answer string `json:"answer"`
}

func (m *Module) publishPeriod(c *web.Ctx) error {
	var in duties.PublishInput
	if err := c.Decode(&in); err != nil {
		return err
	}
	pd, err := m.svc.Publish(c.Context(), c.User, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, pd)
}

func (m *Module) listPeriods(c *web.Ctx) error {
	out, err := m.svc.ListPeriods(c.Context(), c.User)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, web.NewList(out, ""))
}

func (m *Module) getPeriod(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.period")
	if err != nil {
		return err
	}
	pd, err := m.svc.GetPeriod(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pd)
}

func (m *Module) finalizePeriod(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.period")
	if err != nil {
		return err
	}
	pd, err := m.svc.Finalize(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pd)
}

func (m *Module) requestCorrection(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.period")
	if err != nil {
		return err
	}
	var in reasonRequest
	if err := c.Decode(&in); err != nil {
		return err
	}
	out, err := m.svc.RequestCorrection(c.Context(), c.User, id, in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (m *Module) answerCorrection(accept bool) func(c *web.Ctx) error {
	return func(c *web.Ctx) error {
		id, err := c.PathID("id", "duty.entity.correction")
		if err != nil {
			return err
		}
		var in answerRequest
		if err := c.Decode(&in); err != nil {
			return err
		}
		out, err := m.svc.AnswerCorrection(c.Context(), c.User, id, accept, in.Answer)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, out)
	}
}

func (m *Module) publicSummary(c *web.Ctx) error {
	id, err := c.PathID("id", "duty.entity.deputy")
	if err != nil {
		return err
	}
	out, err := m.svc.PublicSummary(c.Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
