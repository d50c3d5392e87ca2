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
		Handle: func(c *web.Ctx) error {
			id, err := voteID(c)
			if err != nil {
				return err
			}
			fs, err := votes.FollowUps(c.Context(), db, id)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(fs, ""))
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/projects/{project_id}/progress", Tag: "votes", Access: web.Staff,
		Status: http.StatusCreated, Summary: "Report progress of a chosen project (milestone, percent done, problems)",
		Request: votes.Progress{}, Response: votes.Progress{},
		Handle: func(c *web.Ctx) error {
			id, pid, err := voteAndProject(c)
			if err != nil {
				return err
			}
			var in votes.Progress
			if err := c.Decode(&in); err != nil {
				return err
			}
			out, err := votes.AddProgress(c.Context(), db, c.User, id, pid, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, out)
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/projects/{project_id}/inspections", Tag: "votes", Access: web.Staff,
		Status: http.StatusCreated, Summary: "Record deputies' inspection of a chosen project (each gets a duty record)",
		Request: votes.NewInspection{}, Response: votes.Inspection{},
		Handle: func(c *web.Ctx) error {
			id, pid, err := voteAndProject(c)
			if err != nil {
				return err
			}
			var in votes.NewInspection
			if err := c.Decode(&in); err != nil {
				return err
			}
			out, err := votes.AddInspection(c.Context(), db, c.User, id, pid, in)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, out)
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/projects/{project_id}/rating", Tag: "votes", Access: web.Roles(auth.Deputy),
		Status: http.StatusCreated, Summary: "A deputy's year-end satisfaction rating of a chosen project, once",
		Request: ratingRequest{}, Response: ratingResponse{},
		Handle: func(c *web.Ctx) error {
			id, pid, err := voteAndProject(c)
			if err != nil {
				return err
			}
			var in ratingRequest
			if err := c.Decode(&in); err != nil {
				return err
			}
			if err := votes.Rate(c.Context(), db, c.User, id, pid, in.Rating); err != nil {
				return err
			}
			return c.JSON(http.StatusCreated, ratingResponse{Rating: in.Rating})
		}})
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
