package supervisionweb

import (
	"net/http"

	"renda/internal/supervision"
	"renda/internal/web"
)

type codesRequest struct {
	Count int `json:"count"`
}

type codesResponse struct {
	Codes []string `json:"codes"`
}

type paperRequest struct {
	Ballots []supervision.RatingBallot `json:"ballots"`
}

type codeBallotRequest struct {
	Code  string             `json:"code"`
	Marks []supervision.Mark `json:"marks"`
}

type ratingResult struct {
	Rating   *supervision.Rating         `json:"rating"`
	Subjects []supervision.SubjectResult `json:"subjects"`
}

type okResponse struct {
	OK bool `json:"ok"`
}

func (m Module) registerRatingAPI(a *web.App) {
	db := a.DB
	a.API(web.Endpoint{Method: "GET", Path: "/ratings", Tag: "ratings", Access: web.Staff,
		Summary: "Ratings and appraisals of a year in scope", Query: []web.Param{yearParam}, Response: web.List[supervision.Rating]{},
		Handle: func(c *web.Ctx) error {
			y, err := year(c, m.now())
			if err != nil {
				return err
			}
			rs, err := supervision.ListRatings(c.Context(), db, c.User, y)
			if err != nil {
				return err
			}
			return c.JSON(http.StatusOK, web.NewList(rs, ""))
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/ratings", Tag: "ratings", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Set up a rating of people or an appraisal of units", Request: supervision.NewRating{}, Response: supervision.Rating{},
		Handle: web.HandleBody(http.StatusCreated, func(c *web.Ctx, in supervision.NewRating) (any, error) {
			return supervision.CreateRating(c.Context(), db, c.User, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/ratings/{id}", Tag: "ratings", Access: web.Staff,
		Summary: "A rating with each subject's rates or scores so far", Response: ratingResult{},
		Handle: web.HandleID(http.StatusOK, "sup.rating", func(c *web.Ctx, id int64) (any, error) {
			r, err := supervision.GetRating(c.Context(), db, c.User, id)
			if err != nil {
				return nil, err
			}
			res, err := supervision.Results(c.Context(), db.R, r)
			return ratingResult{Rating: r, Subjects: res}, err
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/ratings/{id}/codes", Tag: "ratings", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Issue one-time codes to hand out on slips", Request: codesRequest{}, Response: codesResponse{},
		Handle: web.HandleIDBody(http.StatusCreated, "sup.rating", func(c *web.Ctx, id int64, in codesRequest) (any, error) {
			codes, err := supervision.IssueCodes(c.Context(), db, c.User, id, in.Count)
			return codesResponse{Codes: codes}, err
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/ratings/{id}/paper-ballots", Tag: "ratings", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Enter counted paper ballots (refused whole if any is wrong)", Request: paperRequest{}, Response: supervision.Rating{},
		Handle: web.HandleIDBody(http.StatusCreated, "sup.rating", func(c *web.Ctx, id int64, in paperRequest) (any, error) {
			return supervision.AddPaperBallots(c.Context(), db, c.User, id, in.Ballots)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/ratings/{id}/code-ballots", Tag: "ratings", Public: true, Status: http.StatusCreated,
		Summary: "A rater's ballot with a one-time code", Request: codeBallotRequest{}, Response: okResponse{},
		Handle: web.HandleIDBody(http.StatusCreated, "sup.rating", func(c *web.Ctx, id int64, in codeBallotRequest) (any, error) {
			return okResponse{OK: true}, supervision.CastWithCode(c.Context(), db, id, in.Code, supervision.RatingBallot{Marks: in.Marks})
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/ratings/{id}/close", Tag: "ratings", Access: web.Staff,
		Summary: "Close a rating; a unit rated below the threshold gets a rectification item", Response: web.List[supervision.SubjectResult]{},
		Handle: web.HandleID(http.StatusOK, "sup.rating", func(c *web.Ctx, id int64) (any, error) {
			res, err := supervision.CloseRating(c.Context(), db, c.User, id)
			return web.NewList(res, ""), err
		})})
}
