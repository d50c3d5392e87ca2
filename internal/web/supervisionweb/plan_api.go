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
		Handle: web.HandleBody(http.StatusCreated, func(c *web.Ctx, in supervision.WorkPlan) (any, error) {
			return supervision.CreatePlan(c.Context(), db, c.User, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/work-plans/{id}", Tag: "work plans", Access: web.Staff,
		Summary: "A work plan with its items and their colours", Response: supervision.WorkPlan{},
		Handle: web.HandleID(http.StatusOK, "sup.plan", func(c *web.Ctx, id int64) (any, error) {
			return supervision.GetPlan(c.Context(), db, c.User, id, m.now())
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/work-plans/{id}/items", Tag: "work plans", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Add an item (content, owner, due date) to a work plan", Request: supervision.PlanItem{}, Response: supervision.PlanItem{},
		Handle: web.HandleIDBody(http.StatusCreated, "sup.plan", func(c *web.Ctx, id int64, in supervision.PlanItem) (any, error) {
			return supervision.AddItem(c.Context(), db, c.User, id, in)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/work-plan-items/{id}/progress", Tag: "work plans", Access: web.Staff,
		Summary: "Record an item's progress", Request: supervision.ItemProgress{}, Response: supervision.PlanItem{},
		Handle: web.HandleIDBody(http.StatusOK, "sup.plan_item", func(c *web.Ctx, id int64, in supervision.ItemProgress) (any, error) {
			return supervision.UpdateItem(c.Context(), db, c.User, id, in)
		})})
}
