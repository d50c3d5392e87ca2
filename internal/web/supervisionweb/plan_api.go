package supervisionweb

import (
	"net/http"

	"renda/internal/supervision"
	"renda/internal/web"
)

func (m Module) registerPlanAPI(a *web.App) {
	db := a.DB
	a.API(web.Endpoint{Method: "GET", Path: "/work-plans", Tag: "work plans", Access: web.Staff,
		Summary: "Every township's work plan of a year in scope, with items done and lagging, the most lagging first",
		Query:   []web.Param{yearParam}, Response: web.List[supervision.WorkPlan]{},
		Handle: func(c *web.Ctx) error {
			y, err := year(c, m.now())
			if err != nil {
				return err
			}
			ws, err := supervision.Plans(c.Context(), db, c.User, y, m.now())
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(ws, ""))
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/work-plans", Tag: "work plans", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Start a township's annual work plan", Request: supervision.WorkPlan{}, Response: supervision.WorkPlan{},
		Handle: func(c *web.Ctx) error {
			var in supervision.WorkPlan
			if err := c.Decode(&in); err != nil {
				return err
			}
			w, err := supervision.CreatePlan(c.Context(), db, c.User, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, w)
		}})
	a.API(web.Endpoint{Method: "GET", Path: "/work-plans/{id}", Tag: "work plans", Access: web.Staff,
		Summary: "A work plan with its items and their colours", Response: supervision.WorkPlan{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "sup.plan")
			if err != nil {
				return err
			}
			w, err := supervision.GetPlan(c.Context(), db, c.User, id, m.now())
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, w)
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/work-plans/{id}/items", Tag: "work plans", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Add an item (content, owner, due date) to a work plan", Request: supervision.PlanItem{}, Response: supervision.PlanItem{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "sup.plan")
			if err != nil {
				return err
			}
			var in supervision.PlanItem
			if err := c.Decode(&in); err != nil {
				return err
			}
			it, err := supervision.AddItem(c.Context(), db, c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, it)
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/work-plan-items/{id}/progress", Tag: "work plans", Access: web.Staff,
		Summary: "Record an item's progress", Request: supervision.ItemProgress{}, Response: supervision.PlanItem{},
		Handle: func(c *web.Ctx) error {
			id, err := c.PathID("id", "sup.plan_item")
			if err != nil {
				return err
			}
			var in supervision.ItemProgress
			if err := c.Decode(&in); err != nil {
				return err
			}
			it, err := supervision.UpdateItem(c.Context(), db, c.User, id, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, it)
		}})
}
