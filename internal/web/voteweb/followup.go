package voteweb

import (
	"net/http"
	"strconv"

	"renda/internal/auth"
	"renda/internal/votes"
	"renda/internal/web"
)

type ratingRequest struct {
	Rating string `json:"rating"`
}

type ratingResponse struct {
	Rating string `json:"rating"`
}

func projectID(c *web.Ctx) (int64, error) { return c.PathID("project_id", "vote.project") }

func voteAndProject(c *web.Ctx) (int64, int64, error) {
	id, err := voteID(c)
	if err != nil {
		return 0, 0, err
	}
	pid, err := projectID(c)
	return id, pid, err
}

func registerFollowUpAPI(a *web.App) {
	db := a.DB
	a.API(web.Endpoint{Method: "GET", Path: "/votes/{id}/follow-up", Tag: "votes", Public: true,
		Summary:  "Implementation of the projects a published vote chose: progress, inspections, satisfaction",
		Response: web.List[votes.FollowUp]{},
		Handle: web.HandleID(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64) (web.List[votes.FollowUp], error) {
			fs, err := votes.FollowUps(c.Context(), db, id)
			return web.NewList(fs, ""), err
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/projects/{project_id}/progress", Tag: "votes", Access: web.Staff,
		Status: http.StatusCreated, Summary: "Report progress of a chosen project (milestone, percent done, problems)",
		Request: votes.Progress{}, Response: votes.Progress{},
		Handle: onProjectWith(func(c *web.Ctx, id, pid int64, in votes.Progress) (*votes.Progress, error) {
			return votes.AddProgress(c.Context(), db, c.User, id, pid, in)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/projects/{project_id}/inspections", Tag: "votes", Access: web.Staff,
		Status: http.StatusCreated, Summary: "Record deputies' inspection of a chosen project (each gets a duty record)",
		Request: votes.NewInspection{}, Response: votes.Inspection{},
		Handle: onProjectWith(func(c *web.Ctx, id, pid int64, in votes.NewInspection) (*votes.Inspection, error) {
			return votes.AddInspection(c.Context(), db, c.User, id, pid, in)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/projects/{project_id}/rating", Tag: "votes", Access: web.Roles(auth.Deputy),
		Status: http.StatusCreated, Summary: "A deputy's year-end satisfaction rating of a chosen project, once",
		Request: ratingRequest{}, Response: ratingResponse{},
		Handle: onProjectWith(func(c *web.Ctx, id, pid int64, in ratingRequest) (*ratingResponse, error) {
			return &ratingResponse{Rating: in.Rating}, votes.Rate(c.Context(), db, c.User, id, pid, in.Rating)
		})})
}

// onProjectWith acts on a project of the vote in the path with a JSON body
// and answers 201 with the result.
func onProjectWith[T, R any](fn func(c *web.Ctx, id, pid int64, in T) (R, error)) func(*web.Ctx) error {
	return web.HandleIDBody(http.StatusCreated, "vote.entity", func(c *web.Ctx, id int64, in T) (R, error) {
		pid, err := projectID(c)
		if err != nil {
			var zero R
			return zero, err
		}
		return fn(c, id, pid, in)
	})
}

// progressPage takes a progress report from the staff page.
func progressPage(c *web.Ctx) error {
	id, pid, err := voteAndProject(c)
	if err != nil {
		return err
	}
	f := c.R.PostForm
	pct, _ := strconv.Atoi(f.Get("percent"))
	if _, err := votes.AddProgress(c.Context(), c.App.DB, c.User, id, pid, votes.Progress{Date: f.Get("date"), Percent: pct,
		Milestone: f.Get("milestone"), Problems: f.Get("problems")}); err != nil {
		return refused(c, id, err)
	}
	c.Flash("vote.flash.progress")
	return c.Redirect(web.Pathf("/votes/%d", id))
}

// ratePage takes a deputy's rating from the vote page.
func ratePage(c *web.Ctx) error {
	id, pid, err := voteAndProject(c)
	if err != nil {
		return err
	}
	if err := votes.Rate(c.Context(), c.App.DB, c.User, id, pid, c.R.PostForm.Get("rating")); err != nil {
		return refused(c, id, err)
	}
	c.Flash("vote.flash.rated")
	return c.Redirect(web.Pathf("/votes/%d", id))
}
