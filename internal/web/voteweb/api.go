package voteweb

import (
	"net/http"
	"strconv"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/votes"
	"renda/internal/web"
)

type ballotRequest struct {
	Choices []votes.Choice `json:"choices"`
}

type receiptResponse struct {
	Receipt string `json:"receipt"`
}

type receiptRequest struct {
	Receipt string `json:"receipt"`
}

func voteID(c *web.Ctx) (int64, error) { return c.PathID("id", "vote.entity") }

func registerAPI(a *web.App) {
	db := a.DB
	a.API(web.Endpoint{Method: "GET", Path: "/votes", Tag: "votes", Access: staffOrDeputy,
		Summary: "List the votes in the caller's scope (staff) or the caller may vote in (deputy)",
		Query: []web.Param{{Name: "congress", Description: "division code prefix"}, {Name: "status", Description: "draft, open or closed"},
			{Name: "cursor"}, {Name: "limit", Type: "integer"}},
		Response: web.List[votes.Vote]{},
		Handle: func(c *web.Ctx) error {
			limit, err := c.Limit()
			if err != nil {
				return err
			}
			var before int64
			if s := c.Query("cursor"); s != "" {
				if before, err = strconv.ParseInt(s, 10, 64); err != nil {
					return errs.Field("cursor", "invalid_cursor", "err.cursor")
				}
			}
			vs, next, err := votes.List(c.Context(), db, c.User, votes.Filter{Congress: c.Query("congress"),
				Status: votes.Status(c.Query("status")), Before: before, Limit: limit})
			if err != nil {
				return err
			}
			cur := ""
			if next != 0 {
				cur = strconv.FormatInt(next, 10)
			}
			return c.JSON(http.StatusOK, web.NewList(vs, cur))
		}})
	a.API(web.Endpoint{Method: "POST", Path: "/votes", Tag: "votes", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Create a livelihood project vote with its candidate projects (a draft)",
		Request: votes.NewVote{}, Response: votes.Vote{},
		Handle: web.HandleBody(http.StatusCreated, func(c *web.Ctx, in votes.NewVote) (*votes.Vote, error) {
			return votes.Create(c.Context(), db, c.User, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/votes/{id}", Tag: "votes", Public: true,
		Summary:  "A vote with its projects (staff in scope, deputies entitled to vote, anyone once published)",
		Response: votes.Vote{},
		Handle: web.HandleID(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64) (*votes.Vote, error) {
			return votes.Get(c.Context(), db, c.User, id)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/open", Tag: "votes", Access: web.Staff,
		Summary: "Open the vote: fix the deputies entitled to vote and accept ballots", Response: votes.Vote{},
		Handle: web.HandleID(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64) (*votes.Vote, error) {
			return votes.OpenVote(c.Context(), db, c.User, id)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/close", Tag: "votes", Access: web.Staff,
		Summary: "Close the vote and tally it; answers the result", Response: votes.Result{},
		Handle: web.HandleID(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64) (*votes.Result, error) {
			return votes.CloseVote(c.Context(), db, c.User, id)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/ballots", Tag: "votes", Access: web.Roles(auth.Deputy), Status: http.StatusCreated,
		Summary: "Cast the calling deputy's own secret ballot; answers a receipt code",
		Request: ballotRequest{}, Response: receiptResponse{},
		Handle: web.HandleIDBody(http.StatusCreated, "vote.entity", func(c *web.Ctx, id int64, in ballotRequest) (*receiptResponse, error) {
			receipt, err := votes.Cast(c.Context(), db, c.User, id, in.Choices)
			if err != nil {
				return nil, err
			}
			return &receiptResponse{Receipt: receipt}, nil
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/paper-ballots", Tag: "votes", Access: web.Staff, Status: http.StatusCreated,
		Summary: "Enter the paper ballots of one ballot box; refused when count disagrees with the ballots",
		Request: votes.PaperBox{}, Response: votes.BoxResult{},
		Handle: web.HandleIDBody(http.StatusCreated, "vote.entity", func(c *web.Ctx, id int64, in votes.PaperBox) (*votes.BoxResult, error) {
			return votes.AddPaperBox(c.Context(), db, c.User, id, in)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/paper-issue", Tag: "votes", Access: web.Staff,
		Summary: "Record the deputies handed a paper ballot: each is marked as voted, so cannot vote by phone or receive another",
		Request: votes.PaperIssue{}, Response: votes.PaperCount{},
		Handle: web.HandleIDBody(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64, in votes.PaperIssue) (*votes.PaperCount, error) {
			return votes.IssuePaper(c.Context(), db, c.User, id, in)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/votes/{id}/electors", Tag: "votes", Access: web.Staff,
		Summary:  "The deputies entitled to vote, each with whether they voted by phone or received a paper ballot (never how)",
		Response: web.List[votes.Elector]{},
		Handle: web.HandleID(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64) (web.List[votes.Elector], error) {
			es, _, err := votes.Electors(c.Context(), db, c.User, id)
			return web.NewList(es, ""), err
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/votes/{id}/paper-ballots", Tag: "votes", Access: web.Staff,
		Summary: "The ballot boxes entered, with their subtotals", Response: web.List[votes.Box]{},
		Handle: web.HandleID(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64) (web.List[votes.Box], error) {
			bs, err := votes.Boxes(c.Context(), db, c.User, id)
			return web.NewList(bs, ""), err
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/votes/{id}/result", Tag: "votes", Public: true,
		Summary: "The result of a closed vote (staff at once, everyone once published)", Response: votes.Result{},
		Handle: web.HandleID(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64) (*votes.Result, error) {
			r, _, err := votes.GetResult(c.Context(), db, c.User, id)
			return r, err
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/tie-decision", Tag: "votes", Access: web.Staff,
		Summary: "Record the decision that settles a tie at the cut-off", Request: votes.TieDecision{}, Response: votes.Result{},
		Handle: web.HandleIDBody(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64, in votes.TieDecision) (*votes.Result, error) {
			return votes.DecideTie(c.Context(), db, c.User, id, in)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/publish", Tag: "votes", Access: web.Staff,
		Summary: "Publish the result of a closed vote (refused while a tie is unsettled)", Response: votes.Vote{},
		Handle: web.HandleID(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64) (*votes.Vote, error) {
			return votes.Publish(c.Context(), db, c.User, id)
		})})
	a.API(web.Endpoint{Method: "POST", Path: "/votes/{id}/receipt-check", Tag: "votes", Public: true,
		Summary: "Check a ballot by its receipt code (the code travels in the body, never in a logged URL)",
		Request: receiptRequest{}, Response: votes.ReceiptCheck{},
		Handle: web.HandleIDBody(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64, in receiptRequest) (*votes.ReceiptCheck, error) {
			return votes.CheckReceipt(c.Context(), db, id, in.Receipt)
		})})
	a.API(web.Endpoint{Method: "GET", Path: "/votes/{id}/ballots", Tag: "votes", Public: true,
		Summary: "Every ballot of a published vote, by receipt, so anyone can recount",
		Query:   []web.Param{{Name: "cursor"}, {Name: "limit", Type: "integer"}}, Response: web.List[votes.PublicBallot]{},
		Handle: web.HandleID(http.StatusOK, "vote.entity", func(c *web.Ctx, id int64) (web.List[votes.PublicBallot], error) {
			limit, err := c.Limit()
			if err != nil {
				return web.List[votes.PublicBallot]{}, err
			}
			bs, next, err := votes.Ballots(c.Context(), db, id, c.Query("cursor"), limit)
			return web.NewList(bs, next), err
		})})
}
