package supervisionweb

import (
	"net/http"
	"time"

	"renda/internal/errs"
	"renda/internal/supervision"
	"renda/internal/web"
)

type planRequest struct {
	Plan string `json:"plan"`
}

type closeRequest struct {
	Result string `json:"result"`
}

func year(c *web.Ctx, now time.Time) (int, error) {
	y, err := c.QueryInt("year", now.Year())
	if err != nil {
		return 0, err
	}
	if y < 2000 || y > 2100 {
		return 0, errs.Field("year", "out_of_range", "sup.err.year")
	}
	return y, nil
}

var yearParam = web.Param{Name: "year", Type: "integer", Description: "this year by default"}

func (m Module) registerAPI(a *web.App) {
	db := a.DB
	a.API(web.Endpoint{Method: "GET", Path: "/supervision/topics", Tag: "supervision", Access: web.Staff,
		Summary: "The annual plan of supervision topics in scope", Query: []web.Param{yearParam}, Response: web.List[supervision.Topic]{},
		Handle: func(c *web.Ctx) error {
			y, err := year(c, m.now())
			if err != nil {
				return err
			}
			ts, err := supervision.Topics(c.Context(), db, c.User, y)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(ts, ""))
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/supervision/topics", Tag: "supervision", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Add a topic to a township's annual supervision plan", Request: supervision.Topic{}, Response: supervision.Topic{},
		Handle: web.HandleBody(http.StatusCreated, func(c *web.Ctx, in supervision.Topic) (any, error) {
			return supervision.AddTopic(c.Context(), db, c.User, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/supervision/activities", Tag: "supervision", Access: web.Staff,
		Summary: "Supervision activities of a year in scope", Query: []web.Param{yearParam}, Response: web.List[supervision.Activity]{},
		Handle: func(c *web.Ctx) error {
			y, err := year(c, m.now())
			if err != nil {
				return err
			}
			as, err := supervision.ListActivities(c.Context(), db, c.User, y)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(as, ""))
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/supervision/activities", Tag: "supervision", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Record an inspection, law-enforcement inspection, survey or appraisal; participants get duty records",
		Request: supervision.Activity{}, Response: supervision.Activity{},
		Handle: web.HandleBody(http.StatusCreated, func(c *web.Ctx, in supervision.Activity) (any, error) {
			return supervision.CreateActivity(c.Context(), db, c.User, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/supervision/activities/{id}", Tag: "supervision", Access: web.Staff,
		Summary: "An activity with its participants and recommendations", Response: supervision.Activity{},
		Handle: web.HandleID(http.StatusOK, "sup.activity", func(c *web.Ctx, id int64) (any, error) {
			return supervision.GetActivity(c.Context(), db, c.User, id)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/supervision/activities/{id}/recommendations", Tag: "supervision", Access: web.Staff,
		Status: http.StatusCreated, Summary: "Add a recommendation of an activity, with its rectification due date",
		Request: supervision.NewRecommendation{}, Response: supervision.Recommendation{},
		Handle: web.HandleIDBody(http.StatusCreated, "sup.activity", func(c *web.Ctx, id int64, in supervision.NewRecommendation) (any, error) {
			return supervision.AddRecommendation(c.Context(), db, c.User, id, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/recommendations", Tag: "supervision", Access: web.Staff,
		Summary:  "Recommendations and rectification items in scope, most urgent first, with their colour",
		Query:    []web.Param{{Name: "status", Description: "open (default), closed or all"}, {Name: "colour", Description: "red, amber or green"}},
		Response: web.List[supervision.Recommendation]{},
		Handle: func(c *web.Ctx) error {
			rs, err := supervision.ListRecommendations(c.Context(), db, c.User, supervision.RecFilter{Status: c.Query("status"), Colour: c.Query("colour")}, m.now())
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(rs, ""))
		}})
	a.API(web.Endpoint{Method: "GET", Path: "/recommendations/{id}", Tag: "supervision", Access: web.Staff,
		Summary: "A recommendation with its rectification plan and progress", Response: supervision.Recommendation{},
		Handle: web.HandleID(http.StatusOK, "sup.recommendation", func(c *web.Ctx, id int64) (any, error) {
			return supervision.GetRecommendation(c.Context(), db, c.User, id)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/recommendations/{id}/plan", Tag: "supervision", Access: web.Staff,
		Summary: "Record the government's rectification plan", Request: planRequest{}, Response: supervision.Recommendation{},
		Handle: web.HandleIDBody(http.StatusOK, "sup.recommendation", func(c *web.Ctx, id int64, in planRequest) (any, error) {
			return supervision.SetPlan(c.Context(), db, c.User, id, in.Plan)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/recommendations/{id}/progress", Tag: "supervision", Access: web.Staff,
		Summary: "Record progress of a rectification", Request: supervision.Progress{}, Response: supervision.Recommendation{},
		Handle: web.HandleIDBody(http.StatusOK, "sup.recommendation", func(c *web.Ctx, id int64, in supervision.Progress) (any, error) {
			return supervision.AddProgress(c.Context(), db, c.User, id, in)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/recommendations/{id}/close", Tag: "supervision", Access: web.Staff,
		Summary: "Close a recommendation with the result of its rectification (refused without one)",
		Request: closeRequest{}, Response: supervision.Recommendation{},
		Handle: web.HandleIDBody(http.StatusOK, "sup.recommendation", func(c *web.Ctx, id int64, in closeRequest) (any, error) {
			return supervision.CloseRecommendation(c.Context(), db, c.User, id, in.Result)
		})})
}
