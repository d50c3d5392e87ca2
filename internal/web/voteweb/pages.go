package voteweb

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/meetings"
	"renda/internal/votes"
	"renda/internal/web"
)

type listData struct {
	Votes    []*votes.Vote
	Staff    bool
	Next     string
	Status   string
	Statuses []string
}

func listPage(c *web.Ctx) error {
	var before int64
	if s := c.Query("cursor"); s != "" {
		before, _ = strconv.ParseInt(s, 10, 64)
	}
	vs, next, err := votes.List(c.Context(), c.App.DB, c.User, votes.Filter{Status: votes.Status(c.Query("status")), Before: before})
	if err != nil {
		return err
	}
	d := listData{Votes: vs, Staff: c.User.Role.Staff(), Status: c.Query("status"), Statuses: []string{"draft", "open", "closed"}}
	if next != 0 {
		q := url.Values{"cursor": {strconv.FormatInt(next, 10)}}
		if d.Status != "" {
			q.Set("status", d.Status)
		}
		d.Next = "/votes?" + q.Encode()
	}
	return c.Render(http.StatusOK, "votes/list.html", "vote.title.list", d)
}

// projectRow is one row of the new-vote form.
type projectRow struct {
	Name, Investment, Department, Rationale, Due string
}

type newData struct {
	Congress string
	Title    string
	Choose   string
	Session  string
	Rule     string // "1/2" or "2/3"
	Sessions []*meetings.Session
	Rows     []projectRow
	Errors   map[string]string
}

// withSessions offers the sessions in the caller's scope, for a vote held
// at one.
func withSessions(c *web.Ctx, d *newData) error {
	var err error
	d.Sessions, _, err = meetings.ListSessions(c.Context(), c.App.DB, c.User, meetings.SessionFilter{Limit: 20})
	return err
}

// formRows is how many project rows the form offers.
const formRows = 8

func newPage(c *web.Ctx) error {
	d := newData{Congress: c.User.Scope, Rows: make([]projectRow, formRows), Errors: map[string]string{}}
	if err := withSessions(c, &d); err != nil {
		return err
	}
	return c.Render(http.StatusOK, "votes/new.html", "vote.title.new", d)
}

func createPage(c *web.Ctx) error {
	f := c.R.PostForm
	d := newData{Congress: f.Get("congress"), Title: f.Get("title"), Choose: f.Get("choose"), Session: f.Get("session_id"), Errors: map[string]string{}}
	in := votes.NewVote{Congress: d.Congress, Title: d.Title}
	if sid, err := strconv.ParseInt(d.Session, 10, 64); err == nil && sid > 0 {
		in.SessionID = &sid
	}
	in.Choose, _ = strconv.Atoi(strings.TrimSpace(d.Choose))
	d.Rule = f.Get("rule")
	if num, den, ok := strings.Cut(d.Rule, "/"); ok {
		in.PassNumerator, _ = strconv.Atoi(num)
		in.PassDenominator, _ = strconv.Atoi(den)
	}
	names, inv, dept, why, due := f["project_name"], f["project_investment"], f["project_department"], f["project_rationale"], f["project_due"]
	at := func(s []string, i int) string {
		if i < len(s) {
			return strings.TrimSpace(s[i])
		}
		return ""
	}
	for i := range names {
		row := projectRow{Name: at(names, i), Investment: at(inv, i), Department: at(dept, i), Rationale: at(why, i), Due: at(due, i)}
		d.Rows = append(d.Rows, row)
		if row.Name == "" && row.Department == "" && row.Rationale == "" {
			continue // an unused row
		}
		p := votes.NewProject{Name: row.Name, Department: row.Department, Rationale: row.Rationale, Due: row.Due}
		if row.Investment != "" {
			x, err := strconv.ParseFloat(row.Investment, 64)
			if err != nil {
				d.Errors["projects"] = c.T("vote.err.investment_number", row.Name)
				continue
			}
			p.Investment = x
		}
		in.Projects = append(in.Projects, p)
	}
	for len(d.Rows) < formRows {
		d.Rows = append(d.Rows, projectRow{})
	}
	if len(d.Errors) == 0 {
		v, err := votes.Create(c.Context(), c.App.DB, c.User, in)
		if err == nil {
			c.Flash("vote.flash.created")
			return c.Redirect(web.Pathf("/votes/%d", v.ID))
		}
		e, ok := errs.As(err)
		if !ok {
			return err
		}
		field := e.Field
		if strings.HasPrefix(field, "projects") {
			field = "projects"
		}
		d.Errors[field] = e.Message(c.Lang)
	}
	if err := withSessions(c, &d); err != nil {
		return err
	}
	return c.RenderPage(http.StatusUnprocessableEntity, "votes/new.html", &web.Page{Title: c.T("vote.title.new"), Data: d})
}

type voteData struct {
	Vote    *votes.Vote
	Manage  bool
	CanVote bool
	Result  *votes.Result
	Boxes   []votes.Box
	// Electors is the roster paper ballots are checked off against.
	Electors []votes.Elector
	Paper    *votes.PaperCount
	Names    map[int64]string
	Picked   map[string]string // the deputy's choices, kept when a ballot is refused
	Choices  []string
	Receipt  string
	// FollowUps are the chosen projects' implementation, once published.
	FollowUps []votes.FollowUp
	// Public marks the public page, with the receipt check.
	Public  bool
	Check   *votes.ReceiptCheck
	Ratings []string
	Today   string
}

func loadVoteData(c *web.Ctx, id int64) (*voteData, error) {
	v, err := votes.Get(c.Context(), c.App.DB, c.User, id)
	if err != nil {
		return nil, err
	}
	d := &voteData{Vote: v, Manage: votes.CanManage(c.User, v.Congress), Names: map[int64]string{}, Picked: map[string]string{},
		Choices: []string{votes.For, votes.Against, votes.Abstain}}
	for _, p := range v.Projects {
		d.Names[p.ID] = p.Name
	}
	d.CanVote = c.User.Role == auth.Deputy && v.Status == votes.Open && v.Voted != nil && !*v.Voted
	if v.Status == votes.Closed && (d.Manage || v.Published()) {
		if d.Result, _, err = votes.GetResult(c.Context(), c.App.DB, c.User, id); err != nil {
			return nil, err
		}
	}
	if v.Published() {
		if d.FollowUps, err = votes.FollowUps(c.Context(), c.App.DB, id); err != nil {
			return nil, err
		}
		d.Ratings = []string{votes.Satisfied, votes.Basic, votes.Unsatisfied}
		d.Today = time.Now().Format("2006-01-02")
	}
	if d.Manage {
		if d.Boxes, err = votes.Boxes(c.Context(), c.App.DB, c.User, id); err != nil {
			return nil, err
		}
		if v.Status == votes.Open {
			if d.Electors, d.Paper, err = votes.Electors(c.Context(), c.App.DB, c.User, id); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

func votePage(c *web.Ctx) error {
	id, err := voteID(c)
	if err != nil {
		return err
	}
	d, err := loadVoteData(c, id)
	if err != nil {
		return err
	}
	return c.RenderPage(http.StatusOK, "votes/vote.html", &web.Page{Title: d.Vote.Title, Data: d})
}

func ballotPage(c *web.Ctx) error {
	id, err := voteID(c)
	if err != nil {
		return err
	}
	d, err := loadVoteData(c, id)
	if err != nil {
		return err
	}
	var cs []votes.Choice
	for _, p := range d.Vote.Projects {
		key := "p" + strconv.FormatInt(p.ID, 10)
		if ch := c.R.PostForm.Get(key); ch != "" {
			d.Picked[key] = ch
			cs = append(cs, votes.Choice{ProjectID: p.ID, Choice: ch})
		}
	}
	receipt, err := votes.Cast(c.Context(), c.App.DB, c.User, id, cs)
	if err != nil {
		e, ok := errs.As(err)
		if !ok {
			return err
		}
		return c.RenderPage(Status(e), "votes/vote.html", &web.Page{Title: d.Vote.Title, Data: d, Error: e.Message(c.Lang)})
	}
	d.Receipt = receipt
	return c.RenderPage(http.StatusOK, "votes/receipt.html", &web.Page{Title: c.T("vote.title.receipt"), Data: d})
}

// Status is the page status of a refused action.
func Status(e *errs.Error) int { return web.Status(e.Kind) }

func actionPage(action string) func(c *web.Ctx) error {
	return func(c *web.Ctx) error {
		id, err := voteID(c)
		if err != nil {
			return err
		}
		ctx, db := c.Context(), c.App.DB
		switch action {
		case "open":
			_, err = votes.OpenVote(ctx, db, c.User, id)
		case "close":
			_, err = votes.CloseVote(ctx, db, c.User, id)
		case "publish":
			_, err = votes.Publish(ctx, db, c.User, id)
		}
		if err != nil {
			return refused(c, id, err)
		}
		c.Flash("vote.flash." + action)
		return c.Redirect(web.Pathf("/votes/%d", id))
	}
}

// refused shows the vote page again with the reason an action was refused.
func refused(c *web.Ctx, id int64, err error) error {
	e, ok := errs.As(err)
	if !ok {
		return err
	}
	d, lerr := loadVoteData(c, id)
	if lerr != nil {
		return lerr
	}
	return c.RenderPage(Status(e), "votes/vote.html", &web.Page{Title: d.Vote.Title, Data: d, Error: e.Message(c.Lang)})
}

func tiePage(c *web.Ctx) error {
	id, err := voteID(c)
	if err != nil {
		return err
	}
	in := votes.TieDecision{Basis: c.R.PostForm.Get("basis")}
	for _, s := range c.R.PostForm["project_id"] {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			in.ProjectIDs = append(in.ProjectIDs, n)
		}
	}
	if _, err := votes.DecideTie(c.Context(), c.App.DB, c.User, id, in); err != nil {
		return refused(c, id, err)
	}
	c.Flash("vote.flash.tie")
	return c.Redirect(web.Pathf("/votes/%d", id))
}
