package supervisionweb

import (
	"net/http"
	"strconv"

	"renda/internal/supervision"
	"renda/internal/web"
)

type plansData struct {
	Year     int
	Plans    []supervision.WorkPlan
	Missing  []string // townships in scope without a plan for the year
	Township string
}

func (m Module) renderPlans(c *web.Ctx, status int, msg string) error {
	y, err := year(c, m.now())
	if err != nil {
		return err
	}
	d := plansData{Year: y, Township: c.User.Scope}
	if d.Plans, err = supervision.Plans(c.Context(), c.App.DB, c.User, y, m.now()); err != nil {
		return err
	}
	if len(c.User.Scope) >= 6 {
		if d.Missing, err = supervision.WithoutPlan(c.Context(), c.App.DB, c.User, y); err != nil {
			return err
		}
	}
	return c.RenderPage(status, "supervision/plans.html", &web.Page{Title: c.T("sup.title.plans"), Error: msg, Data: d})
}

func (m Module) plansPage(c *web.Ctx) error { return m.renderPlans(c, http.StatusOK, "") }

func (m Module) planCreatePage(c *web.Ctx) error {
	f := c.R.PostForm
	y, _ := strconv.Atoi(f.Get("year"))
	w, err := supervision.CreatePlan(c.Context(), c.App.DB, c.User, supervision.WorkPlan{Township: f.Get("township"), Year: y, Title: f.Get("title")})
	if err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return m.renderPlans(c, status, msg)
	}
	c.Flash("sup.flash.plan")
	return c.Redirect(web.Pathf("/work-plans/%d", w.ID))
}

func (m Module) renderPlan(c *web.Ctx, id int64, status int, msg string) error {
	w, err := supervision.GetPlan(c.Context(), c.App.DB, c.User, id, m.now())
	if err != nil {
		return err
	}
	return c.RenderPage(status, "supervision/plan.html", &web.Page{Title: w.Title, Error: msg, Data: w})
}

func (m Module) planPage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.plan")
	if err != nil {
		return err
	}
	return m.renderPlan(c, id, http.StatusOK, "")
}

func (m Module) itemCreatePage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.plan")
	if err != nil {
		return err
	}
	f := c.R.PostForm
	if _, err := supervision.AddItem(c.Context(), c.App.DB, c.User, id, supervision.PlanItem{Content: f.Get("content"), Owner: f.Get("owner"), Due: f.Get("due")}); err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return m.renderPlan(c, id, status, msg)
	}
	c.Flash("sup.flash.item")
	return c.Redirect(web.Pathf("/work-plans/%d", id))
}

func (m Module) itemProgressPage(c *web.Ctx) error {
	id, err := c.PathID("id", "sup.plan_item")
	if err != nil {
		return err
	}
	f := c.R.PostForm
	pct, _ := strconv.Atoi(f.Get("progress"))
	planID, _ := strconv.ParseInt(f.Get("plan_id"), 10, 64)
	if _, err := supervision.UpdateItem(c.Context(), c.App.DB, c.User, id, supervision.ItemProgress{Progress: pct, Note: f.Get("note")}); err != nil {
		status, msg, err := refusal(c, err)
		if err != nil {
			return err
		}
		return m.renderPlan(c, planID, status, msg)
	}
	c.Flash("sup.flash.item_progress")
	return c.Redirect(web.Pathf("/work-plans/%d", planID))
}
