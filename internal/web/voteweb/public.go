package voteweb

import (
	"net/http"

	"renda/internal/errs"
	"renda/internal/votes"
	"renda/internal/web"
)

type publicListData struct {
	Votes []*votes.Vote
	Under string
}

func publicListPage(c *web.Ctx) error {
	under := c.Query("under")
	vs, err := votes.ListPublished(c.Context(), c.App.DB, under, 100)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "votes/public_list.html", "vote.title.public_list", publicListData{Votes: vs, Under: under})
}

type publicVoteData struct {
	Vote    *votes.Vote
	Result  *votes.Result
	Names   map[int64]string
	Check   *votes.ReceiptCheck
	Receipt string
	// FollowUps are the chosen projects' implementation.
	FollowUps []votes.FollowUp
}

func publicData(c *web.Ctx) (*publicVoteData, error) {
	id, err := voteID(c)
	if err != nil {
		return nil, err
	}
	// The public page shows published votes only, whoever asks.
	r, v, err := votes.GetResult(c.Context(), c.App.DB, nil, id)
	if err != nil {
		return nil, err
	}
	d := &publicVoteData{Vote: v, Result: r, Names: map[int64]string{}}
	if d.FollowUps, err = votes.FollowUps(c.Context(), c.App.DB, id); err != nil {
		return nil, err
	}
	for _, p := range v.Projects {
		d.Names[p.ID] = p.Name
	}
	return d, nil
}

func publicVotePage(c *web.Ctx) error {
	d, err := publicData(c)
	if err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "votes/public_vote.html", &web.Page{Title: d.Vote.Title, Data: d})
}

func receiptCheckPage(c *web.Ctx) error {
	d, err := publicData(c)
	if err != nil {
		return err
	}
	d.Receipt = c.R.PostForm.Get("receipt")
	page := &web.Page{Title: d.Vote.Title, Data: d}
	d.Check, err = votes.CheckReceipt(c.Context(), c.App.DB, d.Vote.ID, d.Receipt)
	status := http.StatusOK
	if e, ok := errs.As(err); ok {
		page.Error, status = e.Message(c.Lang), Status(e)
	} else if err != nil {
		return err
	}
	return c.RenderPage(status, "votes/public_vote.html", page)
}
