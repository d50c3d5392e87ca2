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

// publicData is the vote page as the public sees it: the published result,
// the follow-up and the receipt check, nothing to act on.
func publicData(c *web.Ctx) (*voteData, error) {
	id, err := voteID(c)
	if err != nil {
		return nil, err
	}
	// The public page shows published votes only, whoever asks.
	r, v, err := votes.GetResult(c.Context(), c.App.DB, nil, id)
	if err != nil {
		return nil, err
	}
	d := &voteData{Vote: v, Result: r, Names: map[int64]string{}, Public: true}
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
	return c.RenderPage(http.StatusOK, "votes/vote.html", &web.Page{Title: d.Vote.Title, Data: d})
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
	return c.RenderPage(status, "votes/vote.html", page)
}
